// The floor: a bare node:http + better-sqlite3 server that answers GET /api/v1/feeds/company with the same
// JSON as Sori's API (`{ data: [post…], next_cursor }`, same post object), from one hand-written query.
// It checks the bearer token against api_tokens by hash like the API does (but keeps no rate limit and does
// not record last use). No framework, no ORM, no React: what this stack cannot go below.
//
//   DATABASE_PATH=… PORT=… node --import tsx bench/floor-server.ts
import crypto from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";

const REACTION_KINDS = ["like", "celebrate", "insightful", "support", "funny", "thanks"] as const;
const PAGE = 20;

const db = new Database(process.env.DATABASE_PATH!);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");
db.pragma("cache_size = -65536");
db.pragma("temp_store = MEMORY");

const tokenStmt = db.prepare(
  `select u.id from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ? and t.revoked_at is null and u.status = 'active'`,
);

const feedStmt = db.prepare(`
  with page as (
    select id from posts where reply_to_id is null and id < @before order by id desc limit @n
  )
  select p.id, p.body, p.html, p.reply_to_id, p.thread_id, p.reply_count, p.created_at, p.edited_at,
         u.handle, u.name, u.department, u.title,
         (select json_group_array(h.name) from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
           where ph.post_id = p.id) as hashtags,
         (select json_group_array(mu.handle) from mentions m join users mu on mu.id = m.user_id
           where m.post_id = p.id) as mentions,
         (select json_group_object(kind, n) from
            (select kind, count(*) as n from reactions r where r.post_id = p.id group by kind)) as reactions,
         (select json_group_array(kind) from reactions r where r.post_id = p.id and r.user_id = @me) as mine
    from page join posts p on p.id = page.id join users u on u.id = p.author_id
   order by p.id desc`);

type Row = {
  id: number;
  body: string;
  html: string;
  reply_to_id: number | null;
  thread_id: number | null;
  reply_count: number;
  created_at: number;
  edited_at: number | null;
  handle: string;
  name: string;
  department: string;
  title: string;
  hashtags: string;
  mentions: string;
  reactions: string;
  mine: string;
};

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/healthz") return send(res, 200, '{"status":"ok"}');
  if (req.method !== "GET" || url.pathname !== "/api/v1/feeds/company")
    return send(res, 404, '{"error":{"code":"not_found"}}');
  const m = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? "");
  const me = m
    ? (tokenStmt.pluck().get(crypto.createHash("sha256").update(m[1]).digest("hex")) as number | undefined)
    : undefined;
  if (!me) return send(res, 401, '{"error":{"code":"invalid_token"}}');
  const cursor = url.searchParams.get("cursor");
  if (cursor != null && !/^\d{1,15}$/.test(cursor)) return send(res, 400, '{"error":{"code":"bad_cursor"}}');
  const rows = feedStmt.all({ before: cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER, n: PAGE + 1, me }) as Row[];
  const more = rows.length > PAGE;
  const page = rows.slice(0, PAGE);
  const data = page.map((r) => {
    const counts = JSON.parse(r.reactions ?? "{}") as Record<string, number>;
    return {
      id: r.id,
      author: { handle: r.handle, name: r.name, department: r.department, title: r.title },
      body: r.body,
      html: r.html,
      hashtags: JSON.parse(r.hashtags) as string[],
      mentions: JSON.parse(r.mentions) as string[],
      reply_to_id: r.reply_to_id,
      thread_id: r.thread_id ?? r.id,
      reply_count: r.reply_count,
      reactions: Object.fromEntries(REACTION_KINDS.map((k) => [k, counts[k] ?? 0])),
      my_reactions: JSON.parse(r.mine) as string[],
      created_at: new Date(r.created_at).toISOString(),
      edited_at: r.edited_at == null ? null : new Date(r.edited_at).toISOString(),
    };
  });
  send(res, 200, JSON.stringify({ data, next_cursor: more ? String(page.at(-1)!.id) : null }));
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`floor listening on ${process.env.PORT}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
