// The floor for bench/events-live.ts: a bare node:http Server-Sent Events broadcaster serving the same two calls of
// one live event as Sori, doing only the work any correct server must do for them — no framework, no ORM, no
// access rule beyond the credential, no coalescing:
//
//   GET  /api/v1/events/:id/stream    the session cookie checked against `sessions` (active owner), `retry:`, a
//                                     replay after Last-Event-ID from memory, `: live`, then every comment
//   POST /api/v1/events/:id/comments  the bearer token checked by hash (active owner), the comment inserted into
//                                     event_comments, its frame encoded once and written to every stream; 201 with
//                                     `{comment: {id}}`
//
// Frames carry the comment id as their `id:` (Sori's carry its log id) and the same `{id, change: "created", …}`
// data, so the load client reads both the same way.
//
//   DATABASE_PATH=… PORT=… node --import tsx bench/floor-sse-server.ts
import crypto from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";

const db = new Database(process.env.DATABASE_PATH!);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");

const sessionStmt = db.prepare(
  `select u.id from sessions s join users u on u.id = s.user_id
    where s.id = ? and s.expires_at > ? and u.status = 'active'`,
);
const tokenStmt = db.prepare(
  `select u.id, u.handle, u.name from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ? and t.revoked_at is null and u.status = 'active'`,
);
const insertStmt = db.prepare(
  `insert into event_comments (event_id, author_id, body, html, created_at) values (?, ?, ?, ?, ?) returning id`,
);

const HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  "X-Accel-Buffering": "no",
};
const OPENING = Buffer.from("retry: 3000\n: sori\n\n");
const LIVE = Buffer.from(": live\n\n");
const HEARTBEAT = Buffer.from(": heartbeat\n\n");
const STREAM = /^\/api\/v1\/events\/(\d+)\/stream\/?(?:\?|$)/;
const COMMENTS = /^\/api\/v1\/events\/(\d+)\/comments\/?(?:\?|$)/;

/** Every frame sent so far, by id, for replays (a bench run sends a few hundred). */
const log: { id: number; frame: Buffer }[] = [];
const streams = new Set<http.ServerResponse>();

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

function stream(req: http.IncomingMessage, res: http.ServerResponse) {
  const sid = /(?:^|;\s*)sori_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  if (!sid || !sessionStmt.get(sid, Math.floor(Date.now() / 1000))) return send(res, 401, '{"error":"unauthorized"}');
  const after = Number(req.headers["last-event-id"] ?? NaN);
  res.writeHead(200, HEADERS);
  req.socket.setNoDelay(true);
  res.write(OPENING);
  if (Number.isFinite(after)) for (const e of log) if (e.id > after) res.write(e.frame);
  res.write(LIVE);
  streams.add(res);
  res.once("close", () => streams.delete(res));
}

function comment(req: http.IncomingMessage, res: http.ServerResponse, eventId: number) {
  const m = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? "");
  const user = m
    ? (tokenStmt.get(crypto.createHash("sha256").update(m[1]).digest("hex")) as
        { id: number; handle: string; name: string } | undefined)
    : undefined;
  if (!user) return send(res, 401, '{"error":"invalid_token"}');
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    let body: string;
    try {
      body = String((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { body: unknown }).body ?? "").trim();
    } catch {
      return send(res, 400, '{"error":"bad_json"}');
    }
    if (!body || body.length > 500) return send(res, 400, '{"error":"validation_failed"}');
    const now = Date.now();
    const html = `<p>${escapeHtml(body)}</p>`;
    const id = insertStmt.pluck().get(eventId, user.id, body, html, now) as number;
    const data = {
      id,
      change: "created",
      body,
      html,
      author: { handle: user.handle, name: user.name },
      segment: null,
      created_at: new Date(now).toISOString(),
    };
    // Encoded once, the same Buffer written to every stream.
    const frame = Buffer.from(`id: ${id}\nevent: comment\ndata: ${JSON.stringify(data)}\n\n`);
    log.push({ id, frame });
    for (const s of streams) s.write(frame);
    send(res, 201, JSON.stringify({ comment: data }));
  });
}

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  if (url === "/healthz") return send(res, 200, '{"status":"ok"}');
  if (req.method === "GET" && STREAM.test(url)) return stream(req, res);
  const c = COMMENTS.exec(url);
  if (req.method === "POST" && c) return comment(req, res, Number(c[1]));
  send(res, 404, '{"error":"not_found"}');
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`SSE floor listening on ${process.env.PORT}`));
setInterval(() => {
  for (const s of streams) s.write(HEARTBEAT);
}, 15_000).unref();
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
