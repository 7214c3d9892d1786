// GET /api/v1/stream (issue #10 §1): the general stream a page or a client holds open. server.ts serves it straight
// from node:http (serveStream) — no Express, Remix or router in the way of 10,000 open connections; the API router
// has the same operation (streamFromApi) so that it is in the OpenAPI document and callable in-process.
//
// Auth: a bearer token with the `read` scope (401 / 429 / 403 as every API call), or the session cookie of a
// signed-in browser (EventSource cannot send headers). The stream only reads, and answers no other origin (no
// CORS headers), so accepting the cookie here lets no other site act as the person.
import type { IncomingMessage, ServerResponse } from "node:http";
import { hasScope } from "#app/access/token-scopes";
import type { Role } from "#app/access/rules";
import type { TokenScope } from "#db/enums";
import {
  ApiError,
  consumeRateLimit,
  NO_STORE,
  readBearer,
  requireApiUser,
  toApiErrorResponse,
} from "#app/api/http.server";
import { hashSecret } from "#app/infra/tokens.server";
import { localeFromAcceptLanguage, type Locale } from "#app/utils/i18n";
import { getLucia } from "#app/web/auth.server";
import { parseLastEventId } from "./frames";
import type { StreamCredential, StreamSink } from "./hub.server";
import { buildViewer } from "#app/access/viewer.server";
import { eventTopicFor } from "./event-topics.server";
import { getHub } from "./realtime.server";

export const STREAM_PATH = "/api/v1/stream";
/** The topic of the general stream (messages.server.ts). */
const FEED_TOPIC = "feed";

export const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: no proxy or compression may buffer the events (STACK.md pitfall 4).
  "Cache-Control": `${NO_STORE}, no-transform`,
  "X-Accel-Buffering": "no",
} as const;

type Opened = { userId: number; role: Role; credential: StreamCredential; lastEventId?: number };

/** GET /api/v1/events/:id/stream (issue #10 §2–3): the same hub, on the event's topic (event-topics.server.ts). */
export const EVENT_STREAM_PATH = /^\/api\/v1\/events\/([^/?]+)\/stream\/?(?:\?|$)/;

/** The topics a stream request asks for: the feed, or one event the viewer may see (404 as a missing one). */
function topicsOf(url: string, opened: Omit<Opened, "lastEventId">): string[] {
  const match = EVENT_STREAM_PATH.exec(new URL(url, "http://localhost").pathname);
  if (!match) return [FEED_TOPIC];
  // As the hub will judge it: an admin's token without the admin scope acts as a member.
  const role =
    opened.role === "admin" && opened.credential.kind === "token" && !hasScope(opened.credential.scopes, "admin")
      ? "member"
      : opened.role;
  return [eventTopicFor(buildViewer({ id: opened.userId, role }), match[1])];
}

/** The viewer, credential and starting point of a stream request; throws ApiError (401, 403, 400, 429). */
async function authorise(request: Request): Promise<Opened> {
  const lastEventId = parseLastEventId(
    request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("last_event_id"),
  );
  const opened = await credentialOf(request);
  if (lastEventId === null) throw new ApiError(400, "invalid_last_event_id", "realtime.badLastEventId");
  return { ...opened, lastEventId };
}

async function credentialOf(request: Request): Promise<Omit<Opened, "lastEventId">> {
  if (readBearer(request) === null) {
    const lucia = getLucia();
    const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
    if (id) {
      const { user, session } = await lucia.validateSession(id);
      if (user && session && user.status === "active") {
        return { userId: user.id, role: user.role, credential: { kind: "session", id: session.id } };
      }
    }
  }
  // No cookie session: the API's own answers (401 without or with a bad token).
  const user = requireApiUser(request);
  await consumeRateLimit(request);
  if (!hasScope(user.scopes, "read")) {
    throw new ApiError(403, "insufficient_scope", "error.insufficientScope", {
      vars: { scope: "read" },
      headers: { "WWW-Authenticate": 'Bearer realm="sori", error="insufficient_scope", scope="read"' },
    });
  }
  return {
    userId: user.id,
    role: user.role,
    credential: { kind: "token", hash: hashSecret(readBearer(request) ?? ""), scopes: user.scopes },
  };
}

function attach(opened: Opened, topics: string[], sink: StreamSink) {
  getHub().attach({ ...opened, topics, sink });
}

// ---------------------------------------------------------------------------------------------------------
// node:http (server.ts)
// ---------------------------------------------------------------------------------------------------------

function nodeSink(res: ServerResponse): StreamSink {
  return {
    write: (chunk) => void res.write(chunk),
    buffered: () => res.writableLength,
    onDrain: (fn) => void res.once("drain", fn),
    end: () => res.end(),
    destroy: () => res.destroy(),
    onClose: (fn) => void res.once("close", fn),
  };
}

function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return new Request(`http://localhost${req.url ?? "/"}`, { method: "GET", headers });
}

async function sendResponse(res: ServerResponse, response: Response) {
  const body = await response.text();
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

/** Serves GET /api/v1/stream on the node response (server.ts sends the path here before the API router). */
export async function serveStream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const locale: Locale = localeFromAcceptLanguage(req.headers["accept-language"] ?? null);
  try {
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new ApiError(405, "method_not_allowed", "error.methodNotAllowed", { headers: { Allow: "GET, HEAD" } });
    }
    const opened = await authorise(webRequestOf(req));
    const topics = topicsOf(req.url ?? "/", opened);
    if (res.destroyed) return;
    res.writeHead(200, STREAM_HEADERS);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    attach(opened, topics, nodeSink(res));
  } catch (error) {
    // Failing once the stream's headers are out (the hub could not read the log): there is no status left to
    // send; cut the connection, and the browser reconnects with its last id.
    if (res.headersSent) {
      console.warn("realtime: a stream failed after it opened:", error instanceof Error ? error.message : error);
      res.destroy();
      return;
    }
    await sendResponse(res, toApiErrorResponse(error, locale));
  }
}

// ---------------------------------------------------------------------------------------------------------
// The API router (in-process callers; server.ts never sends the path there)
// ---------------------------------------------------------------------------------------------------------

/** How much a Web stream holds before it counts as a slow client's buffer. */
const WEB_HIGH_WATER = 64 * 1024;

function webSink(): { sink: StreamSink; body: ReadableStream<Uint8Array> } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const closers: (() => void)[] = [];
  const drains: (() => void)[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    for (const fn of closers.splice(0)) fn();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      pull: () => {
        for (const fn of drains.splice(0)) fn();
      },
      cancel: finish,
    },
    { highWaterMark: WEB_HIGH_WATER, size: (chunk) => chunk.byteLength },
  );
  const sink: StreamSink = {
    write: (chunk) => {
      if (!closed) controller.enqueue(new Uint8Array(chunk));
    },
    buffered: () => Math.max(0, WEB_HIGH_WATER - (controller.desiredSize ?? WEB_HIGH_WATER)),
    onDrain: (fn) => void drains.push(fn),
    end: () => {
      if (!closed) controller.close();
      finish();
    },
    destroy: () => {
      if (!closed) controller.error(new Error("the client fell too far behind"));
      finish();
    },
    onClose: (fn) => void closers.push(fn),
  };
  return { sink, body };
}

/** The stream for the API router: auth, rate limit and scope already passed its middleware (token only). */
export function streamFromApi(request: Request, user: { id: number; role: Role; scopes: TokenScope[] }): Response {
  const lastEventId = parseLastEventId(
    request.headers.get("Last-Event-ID") ?? new URL(request.url).searchParams.get("last_event_id"),
  );
  if (lastEventId === null) throw new ApiError(400, "invalid_last_event_id", "realtime.badLastEventId");
  const opened: Opened = {
    userId: user.id,
    role: user.role,
    credential: { kind: "token", hash: hashSecret(readBearer(request) ?? ""), scopes: user.scopes },
    lastEventId,
  };
  const topics = topicsOf(request.url, opened);
  if (request.method === "HEAD") return new Response(null, { status: 200, headers: STREAM_HEADERS });
  const { sink, body } = webSink();
  attach(opened, topics, sink);
  return new Response(body, { status: 200, headers: STREAM_HEADERS });
}
