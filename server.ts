// Sori's HTTP server: a small Express app around the Remix handler. remix-serve is not used because its
// request.signal does not reliably fire when an SSE client goes away (STACK.md pitfall 4); loaders get the
// response's close event through the load context instead.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { getEnv } from "#app/infra/env.server";
import { localeFromAcceptLanguage, translate } from "#app/utils/i18n";
import { isCrossOriginMutation } from "#app/web/origin.server";
import { createActionlessCheck } from "#app/web/method-guard.server";

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

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", "loopback");
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
    const message = translate(localeFromAcceptLanguage(req.get("accept-language") ?? null), "error.crossOrigin");
    if (req.path.startsWith("/api/")) {
      res.status(403).json({ error: { code: "cross_origin", message } });
    } else {
      res.status(403).type("text/plain; charset=utf-8").send(message);
    }
    return;
  }
  next();
});

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (!dev) {
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
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

app.all(
  "*",
  createRequestHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? "unknown",
      onClose: (fn: () => void) => void res.once("close", fn),
    }),
  }),
);

const server = app.listen(env.PORT, () => {
  console.log(`Sori listening on http://localhost:${env.PORT}`);
});

function shutdown() {
  void stopBackgroundWork?.();
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
