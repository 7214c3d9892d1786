// Every page's <title> names the page in the viewer's language (issue #12 item 11: "홈 · Sori", "김민수 · Sori").
// Meta functions run on the server and in the browser without hooks, so the locale comes from the root route's
// loader data among `matches` — the same data useT reads.
import type { MetaDescriptor } from "@remix-run/node";
import { translate, type Locale, type MessageKey } from "./i18n";

export const APP_NAME = "Sori";

type Matches = ReadonlyArray<{ id: string; data?: unknown }>;

/** The viewer's language as the root loader resolved it; English when the root loader did not run. */
export function localeOfMatches(matches: Matches): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return root?.locale ?? "en";
}

/** "<name> · Sori" for a page named by its content (a person, a group, a post's title). */
export function namedTitle(name: string): MetaDescriptor[] {
  return [{ title: name ? `${name} · ${APP_NAME}` : APP_NAME }];
}

/** "<translated page name> · Sori". */
export function pageTitle(matches: Matches, key: MessageKey, vars?: Record<string, string | number>): MetaDescriptor[] {
  return namedTitle(translate(localeOfMatches(matches), key, vars));
}

/** A page named by its content when the loader found it, by its kind otherwise. */
export function contentTitle(matches: Matches, name: string | null | undefined, fallback: MessageKey) {
  return name ? namedTitle(name) : pageTitle(matches, fallback);
}
