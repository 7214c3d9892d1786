// Sori's HTTP server: a small Express app around the Remix handler. remix-serve is not used because its
// request.signal does not reliably fire when an SSE client goes away (STACK.md pitfall 4); loaders get the
// response's close event through the load context instead.
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pathToFileURL } from "node:url";
// The adapter's request and response helpers, without its handler: the handler would give the app `req` itself
// as the body, and a reader that stops early (a body over its cap) then destroys the socket (see guardBody).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createReadableStreamFromReadable, createRequestHandler, type ServerBuild } from "@remix-run/node";
import { getRequestListener } from "@hono/node-server";
import compression from "compression";
import express from "express";
import { runPrimary, shutDownGracefully } from "#app/infra/cluster.server";
import { closeDb, migrateDatabaseFile, startCheckpointer } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { localeFromAcceptLanguage, translate } from "#app/utils/i18n";
import { isCrossOriginMutation } from "#app/web/origin.server";
import { createActionlessCheck } from "#app/web/method-guard.server";
import { clientIpOf, trustConfiguredProxies } from "#app/web/client-ip.server";
import { BodyTooLargeError, MAX_API_BODY_BYTES, MAX_REQUEST_BODY_BYTES } from "#app/web/body-limits";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    onClose: (fn: () => void) => void;
  }
}

if (fs.existsSync(".env")) process.loadEnvFile(".env");
// `npm run demo` must work on a fresh clone without a .env: the demo is served at http://localhost:PORT.
// Everywhere else production requires APP_ORIGIN (app/infra/env.server.ts, issue #8.15).
if (process.argv.includes("--demo")) process.env.APP_ORIGIN ||= `http://localhost:${process.env.PORT || 3000}`;
const env = getEnv();
const dev = process.argv.includes("--dev");

// `npm start` runs one worker per core (issue #7, docs/decisions/0003-every-core.md): this process becomes their
// primary, which migrates once, forks and supervises the workers and never gets past this line; every worker runs
// the rest of this file. SORI_WORKERS=1 and `npm run dev` serve from this one process.
if (!dev && cluster.isPrimary && env.SORI_WORKERS > 1) {
  await runPrimary({
    workers: env.SORI_WORKERS,
    prepare: () => {
      migrateDatabaseFile(env.DATABASE_PATH);
      startCheckpointer(env.DATABASE_PATH);
    },
  });
}
// How long a connection whose request body was not read to its end keeps dropping what still arrives after
// the response, before it is closed (see closeAfterResponse).
const LINGER_MS = 2000;

type ErrorKey = Parameters<typeof translate>[1];

/** An error from the server itself, before or around the app: the API's JSON error shape, plain text for pages. */
function sendError(
  req: express.Request,
  res: express.Response,
  { status, code, key, vars }: { status: number; code: string; key: ErrorKey; vars?: Record<string, number> },
) {
  const message = translate(localeFromAcceptLanguage(req.get("accept-language") ?? null), key, vars);
  res.setHeader("Cache-Control", "no-store");
  if (req.path.startsWith("/api/")) {
    res.status(status).json({ error: { code, message } });
  } else {
    res.status(status).type("text/plain; charset=utf-8").send(message);
  }
}

/**
 * The request body as the app gets it: counted while it streams in and failed with BodyTooLargeError past
 * `limit`, whether or not Content-Length was sent (issue #8.2). A reader that stops early destroys this stream,
 * not `req`, so the socket stays open until the response is out (issue #8.10).
 */
function guardBody(req: express.Request, limit: number) {
  let received = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      received += chunk.byteLength;
      if (received > limit) done(new BodyTooLargeError());
      else done(null, chunk);
    },
  });
  req.pipe(guard);
  return guard;
}

/**
 * Ends a connection whose request body was not read to its end. Closing a socket with unread bytes makes the
 * kernel send a reset, which can destroy the response before the client reads it; so the response goes out,
 * then a FIN, and what the client still sends is dropped for a moment before the socket closes.
 */
function closeAfterResponse(req: http.IncomingMessage) {
  const socket = req.socket;
  req.unpipe();
  req.on("data", () => {});
  req.resume();
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

const app = express();
app.disable("x-powered-by");
// X-Forwarded-For counts only from the proxies in TRUST_PROXY (issue #8.5).
trustConfiguredProxies(app);

// Every body is capped while it streams (issue #8.2): a declared length over the ceiling is refused at once,
// and the app's readers (readForm, readJson) stop at their own, lower caps.
/**
 * A response sent before its request body was read to its end closes the connection afterwards, and says so in
 * its headers, so a keep-alive client opens a new one instead of reusing a closing socket (a 413, a 405, a
 * refused sign-in).
 */
function closeUnreadBodies(req: http.IncomingMessage, res: http.ServerResponse) {
  res.once("finish", () => {
    if (!req.complete) closeAfterResponse(req);
  });
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    const closing = !req.complete && !this.headersSent;
    if (closing) this.setHeader("Connection", "close");
    const result = writeHead.apply(this, args);
    // With "Connection: close" Node destroys the socket as soon as the response is written (`_last`), while the
    // client may still be sending: the reset can destroy the response before the client reads it. The header
    // stays; closing is closeAfterResponse's, which lingers first.
    if (closing) (this as unknown as { _last: boolean })._last = false;
    return result;
  } as typeof writeHead;
}

// Every body is capped while it streams (issue #8.2): a declared length over the ceiling is refused at once,
// and the app's readers (readForm, readJson) stop at their own, lower caps.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const limit = MAX_REQUEST_BODY_BYTES;
  closeUnreadBodies(req, res);
  if (Number(req.get("content-length") ?? 0) > limit) {
    sendError(req, res, { status: 413, code: "too_large", key: "error.tooLarge", vars: { max: limit } });
    return;
  }
  res.locals.body = guardBody(req, limit);
  next();
});
app.use(
  compression({
    filter: (req, res) =>
      !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") && compression.filter(req, res),
  }),
);

app.use((req, res, next) => {
  // The request's own Host is trusted only outside production (where APP_ORIGIN is required): a client can
  // forge Host and Origin together.
  const expectedOrigin = env.APP_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
  if (
    isCrossOriginMutation({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      expectedOrigin,
    })
  ) {
    sendError(req, res, { status: 403, code: "cross_origin", key: "error.crossOrigin" });
    return;
  }
  next();
});

/** The headers every response carries; the page's CSP allows its own scripts and those with the nonce. */
function setSecurityHeaders(res: http.ServerResponse, nonce: string | null) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (!dev) {
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  }
}

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  setSecurityHeaders(res, nonce);
  next();
});

let build: ServerBuild | (() => Promise<ServerBuild>);
if (dev) {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  app.use(vite.middlewares);
  build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  const root = path.resolve("build");
  app.use("/assets", express.static(path.join(root, "client/assets"), { immutable: true, maxAge: "1y" }));
  // The API never serves files: spare its requests the stat() of a static lookup.
  const files = express.static(path.join(root, "client"), { maxAge: "1h" });
  app.use((req, res, next) => (req.path.startsWith("/api/") ? next() : files(req, res, next)));
  build = (await import(pathToFileURL(path.join(root, "server/index.js")).href)) as ServerBuild;
}

// Migrations and the search worker start inside the app build (entry.server), so they share its modules:
// one copy of each class, one database handle. Migrations finish before the first request.
const appBuild = typeof build === "function" ? await build() : build;
const stopBackgroundWork = (
  appBuild.entry.module as { startBackgroundWork?: () => () => Promise<void> }
).startBackgroundWork?.();

// A mutation of a route without an action: a plain 405, not Remix's message naming the route module
// (app/web/method-guard.server.ts, issue #8.16). In development Remix's own message is the more useful one.
const isActionless = createActionlessCheck(appBuild.routes);
app.use((req, res, next) => {
  if (dev || !isActionless(req.method, new URL(`http://localhost${req.originalUrl}`))) return next();
  const message = translate(localeFromAcceptLanguage(req.get("accept-language") ?? null), "error.methodNotAllowed");
  res.status(405).set("Allow", "GET, HEAD");
  if (req.path.startsWith("/api/")) res.json({ error: { code: "method_not_allowed", message } });
  else res.type("text/plain; charset=utf-8").send(message);
});

/** The adapter's Request (its URL, its abort on close), with the guarded body instead of `req`. */
function toRemixRequest(req: express.Request, res: express.Response): Request {
  const body = res.locals.body as Transform | undefined;
  if (!body) return createRemixRequest(req, res);
  const bodiless = createRemixRequest(Object.create(req, { method: { value: "HEAD" } }) as express.Request, res);
  return new Request(bodiless, {
    method: req.method,
    body: createReadableStreamFromReadable(body),
    duplex: "half",
  } as RequestInit);
}

const handleRequest = createRequestHandler(build, dev ? "development" : "production");
app.all("*", async (req, res, next) => {
  try {
    const response = await handleRequest(toRemixRequest(req, res), {
      cspNonce: res.locals.cspNonce as string,
      clientIp: clientIpOf(req),
      onClose: (fn: () => void) => void res.once("close", fn),
    });
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// A path that is not valid percent-encoding (`/api/v1/users/%C0%AF`) fails in Express's router before the app
// sees it: answer in the API's error shape (or plain text) instead of Express's HTML page (issue #8.10).
app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  if (!(error instanceof URIError) || res.headersSent) return next(error);
  sendError(req, res, { status: 400, code: "bad_request", key: "error.badRequest" });
});

// The JSON API and its reference (app/api, docs/decisions/0004-api-router.md) are served by their own router, from
// this build's modules, without Express or Remix in the way: the guards above, for the API's requests.
type ApiModule = { api: { fetch: (request: Request, env: unknown) => Response | Promise<Response> } };
const API_PATH = /^\/api\/(?:v1|docs)(?:[/?]|$)/;
const apiOf = async () =>
  ((typeof build === "function" ? await build() : appBuild).entry.module as unknown as ApiModule).api;
// The adapter's own light Request and Response (overrideGlobalObjects, its default) let a JSON answer be written
// without a Web stream in between; they are subclasses of the global ones, so Remix's code is unaffected.
const apiListener = getRequestListener(async (request, env) => (await apiOf()).fetch(request, env));

function sendApiError(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { status, code, key, vars }: { status: number; code: string; key: ErrorKey; vars?: Record<string, number> },
) {
  const message = translate(localeFromAcceptLanguage(req.headers["accept-language"] ?? null), key, vars);
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ error: { code, message } }));
}

function serveApi(req: http.IncomingMessage, res: http.ServerResponse) {
  setSecurityHeaders(res, null);
  const url = req.url ?? "/";
  try {
    decodeURIComponent(url.split("?")[0]);
  } catch {
    // A path that is not valid percent-encoding (`/api/v1/users/%C0%AF`) (issue #8.10).
    return sendApiError(req, res, { status: 400, code: "bad_request", key: "error.badRequest" });
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    closeUnreadBodies(req, res);
    const expectedOrigin = env.APP_ORIGIN ?? `http://${req.headers.host}`;
    const origin = req.headers.origin;
    const secFetchSite = req.headers["sec-fetch-site"];
    if (
      isCrossOriginMutation({
        method: req.method ?? "POST",
        origin: typeof origin === "string" ? origin : undefined,
        secFetchSite: typeof secFetchSite === "string" ? secFetchSite : undefined,
        expectedOrigin,
      })
    ) {
      return sendApiError(req, res, { status: 403, code: "cross_origin", key: "error.crossOrigin" });
    }
    if (Number(req.headers["content-length"] ?? 0) > MAX_API_BODY_BYTES) {
      return sendApiError(req, res, {
        status: 413,
        code: "too_large",
        key: "error.tooLarge",
        vars: { max: MAX_API_BODY_BYTES },
      });
    }
  }
  void apiListener(req, res);
}

// Live streams (docs/decisions/0005-realtime.md) straight on node:http, before the API's router: thousands of open
// connections cost a response each and nothing per event but a write of a frame encoded once.
type StreamModule = { serveStream: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> };
// The general stream (also as GET /api/v1/me/stream) and an event's (GET /api/v1/events/:id/stream), all served by
// serveStream.
const STREAM_PATH = /^\/api\/v1\/(?:stream|me\/stream|events\/[^/?]+\/stream\/?)(?:\?|$)/;
async function serveLiveStream(req: http.IncomingMessage, res: http.ServerResponse) {
  setSecurityHeaders(res, null);
  const module = (typeof build === "function" ? await build() : appBuild).entry.module as unknown as StreamModule;
  await module.serveStream(req, res);
}

const server = http.createServer((req, res) => {
  const url = req.url ?? "";
  if (STREAM_PATH.test(url)) void serveLiveStream(req, res);
  else if (API_PATH.test(url)) serveApi(req, res);
  else app(req, res);
});
// A reconnect storm (every attendee's stream at once after a network blip, issue #10 §10) arrives faster than a busy
// event loop accepts: with Node's default backlog of 511 the kernel drops the rest of the SYNs, and each dropped
// client waits for TCP's retransmission (1, 3, 7, 15 s). The kernel caps this at net.core.somaxconn.
server.listen({ port: env.PORT, backlog: 4096 }, () => {
  // In a cluster the primary says it once, for all its workers.
  if (cluster.isPrimary) console.log(`Sori listening on http://localhost:${env.PORT}`);
});

// SIGTERM/SIGINT: stop accepting, let the requests in flight finish, stop the background work, close the
// database, exit (issue #7).
shutDownGracefully(server, {
  stop: async () => {
    await stopBackgroundWork?.();
    closeDb();
  },
});
