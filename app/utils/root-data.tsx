// The root loader's data as every part of the frame reads it (header, useT), including on the one page where the
// root loader never ran: a document request that matches no route, which Remix answers with a 404 and empty
// loader data (issue #12 item 12). There the server entry computes the same data (app/web/root-data.server.ts)
// and provides it through RootFallbackProvider; the error page writes it into a JSON <script> so the browser
// hydrates the very same header. A catch-all `$` route would make the root loader run, but it defeats lazy route
// discovery's "not yet discovered" guards for fetchers (remix-run/react-router#15326).
import { useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext, useState } from "react";
import type { Locale } from "./i18n";

export type RootView = {
  user: {
    id: number;
    handle: string;
    name: string;
    role: "member" | "admin" | "guest";
    photoVersion: number;
    timeZone: string;
  } | null;
  unreadNotifications: number;
  locale: Locale;
  env: { COMPANY_NAME: string };
};

const RootFallback = createContext<RootView | null>(null);
export const RootFallbackProvider = RootFallback.Provider;

const SCRIPT_ID = "sori-root-fallback";

function readFromDocument(): RootView | null {
  if (typeof document === "undefined") return null;
  const text = document.getElementById(SCRIPT_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as RootView;
  } catch {
    return null;
  }
}

/** The root loader's data, or the fallback the server computed for a page that matched no route. */
export function useRootData(): RootView | null {
  const loaded = useRouteLoaderData<RootView>("root");
  const provided = useContext(RootFallback);
  const [fromDocument] = useState(() => (loaded || provided ? null : readFromDocument()));
  return loaded ?? provided ?? fromDocument;
}

/** Carries the fallback to the browser, when the page has one (JSON, not script: CSP-safe and never executed). */
export function RootFallbackScript({ data }: { data: RootView }) {
  return (
    <script
      id={SCRIPT_ID}
      type="application/json"
      // "<" escaped so no value can close the script element.
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, "\\u003c") }}
    />
  );
}
