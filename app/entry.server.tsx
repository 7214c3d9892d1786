import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { getDb } from "#app/infra/db.server";
import { NonceProvider } from "#app/utils/nonce";
import { createNulStripper } from "#app/web/strip-nul.server";
import { startSearchWorker } from "#app/events/consumers/search-worker.server";
import { startAnnouncementReminders } from "#app/models/posts/announcements.server";
import { startNotificationsWorker } from "#app/events/consumers/notifications.server";
import { startEmailWorker } from "#app/events/consumers/email-worker.server";
import { getLucia } from "#app/web/auth.server";
import { createApi } from "#app/api/app.server";
import { startRealtime } from "#app/realtime/realtime.server";
import { startEventArchiver } from "#app/models/events/event-archive.server";
import { loadRootView } from "#app/web/root-data.server";
import { RootFallbackProvider } from "#app/utils/root-data";

const ABORT_DELAY = 5_000;

/** Called once by server.ts at start-up: apply migrations, then consume domain events into search and notifications
 * (issue #11) in the background and into live streams (the realtime hub and its bus,
 * docs/decisions/0005-realtime.md). Each consumer holds a lease, so with several workers one process at a time
 * consumes. Returns a stop function for shutdown. */
export function startBackgroundWork(): () => Promise<void> {
  getDb();
  const stopSearch = startSearchWorker();
  const stopNotifications = startNotificationsWorker();
  // Notification emails and digests (issue #11 §4); does nothing while SMTP_URL is unset.
  const stopEmail = startEmailWorker();
  const stopRealtime = startRealtime();
  // Events that end on their schedule are archived by a sweep (issue #10 §7); a host's End archives at once.
  const stopArchiver = startEventArchiver();
  // Announcements' reminders (issue #11 §3): hourly, claimed per announcement so several processes remind once.
  const stopReminders = startAnnouncementReminders();
  return async () => {
    stopReminders();
    stopArchiver();
    await stopRealtime();
    await stopEmail();
    await stopNotifications();
    await stopSearch();
  };
}

/** GET /api/v1/stream on node:http (server.ts serves it before the API router), with this build's modules. */
export { serveStream } from "#app/realtime/stream.server";

/** The JSON API (app/api): server.ts serves it beside the Remix handler, with this build's modules. */
export const api = createApi();

/**
 * A signed-in person's pages and page data are theirs alone: no shared cache (proxy, CDN) or browser history
 * may keep them (issue #8.16). Decided here once, for every page and `.data` request, by the session cookie.
 */
function isPersonal(request: Request, headers: Headers): boolean {
  return getLucia().readSessionCookie(request.headers.get("Cookie") ?? "") != null || headers.has("Set-Cookie");
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  if (isPersonal(request, response.headers)) response.headers.set("Cache-Control", "no-store");
  return response;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  // A URL no route matches gets a 404 without the root loader's data; the error page still needs the person and
  // their language to keep the header and speak Korean to a Korean user (issue #12 item 12, app/utils/root-data.tsx).
  const rootFallback =
    remixContext.staticHandlerContext.loaderData.root === undefined
      ? await loadRootView(request).catch(() => null)
      : null;
  return new Promise((resolve, reject) => {
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RootFallbackProvider value={rootFallback}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </RootFallbackProvider>
      </NonceProvider>,
      {
        nonce,
        // Pages are small; waiting for everything keeps the HTML complete for no-JS readers and crawlers.
        onAllReady() {
          // Not a PassThrough: React 18 pads some chunks with NUL bytes (app/web/strip-nul.server.ts).
          const body = createNulStripper();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (isPersonal(request, responseHeaders)) responseHeaders.set("Cache-Control", "no-store");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: failed ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          failed = true;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}
