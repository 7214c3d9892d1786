// The floor: a bare node:http + better-sqlite3 server that answers GET /api/v1/feeds/company with the same
// JSON as Sori's API (`{ data: [post…], next_cursor }`, same post object), doing the work any correct server
// must do for it: check the bearer token against api_tokens by hash (active owner; guests get 403 like the API),
// read the viewer's readable groups (their memberships plus every public group), and page the company threads
// through the same visibility condition as app/access/visibility.server.ts, all with prepared statements.
// No rate limit, no last-use record, no framework, no ORM, no React: what this stack cannot go below.
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
  `select u.id, u.role from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ? and t.revoked_at is null and u.status = 'active'`,
);
// The viewer's readable set, read on every request (a membership change applies from the next one).
const membershipsStmt = db.prepare(`select group_id from group_members where user_id = ?`).pluck();
const publicGroupsStmt = db.prepare(`select id from groups where visibility = 'public'`).pluck();
/** The groups whose posts an employee may read, as the JSON array the visibility condition takes. */
function readableGroups(userId: number): string {
  return JSON.stringify([...(membershipsStmt.all(userId) as number[]), ...(publicGroupsStmt.all() as number[])]);
}

// The visibility condition is VISIBLE_POST("p") of app/access/visibility.server.ts, written out.
const feedStmt = db.prepare(`
  with page as (
    select id from posts p
     where reply_to_id is null and id < @before
       and (p.group_id is null and @employee = 1 or p.group_id in (select value from json_each(@readable)))
     order by id desc limit @n
  )
  select p.id, p.kind, p.body, p.html, p.reply_to_id, p.thread_id, p.reply_count, p.created_at, p.edited_at,
         u.handle, u.name, u.department, u.title, u.role, u.organization,
         g.slug as group_slug, g.name as group_name, g.visibility as group_visibility,
         (select json_group_array(h.name) from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
           where ph.post_id = p.id) as hashtags,
         (select json_group_array(mu.handle) from mentions m join users mu on mu.id = m.user_id
           where m.post_id = p.id) as mentions,
         (select json_group_object(kind, n) from
            (select kind, count(*) as n from reactions r where r.post_id = p.id group by kind)) as reactions,
         (select json_group_array(kind) from reactions r where r.post_id = p.id and r.user_id = @me) as mine
    from page join posts p on p.id = page.id join users u on u.id = p.author_id
    left join groups g on g.id = p.group_id
   order by p.id desc`);

type Row = {
  id: number;
  kind: string;
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
  role: string;
  organization: string;
  group_slug: string | null;
  group_name: string | null;
  group_visibility: string | null;
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
  const user = m
    ? (tokenStmt.get(crypto.createHash("sha256").update(m[1]).digest("hex")) as
        { id: number; role: string } | undefined)
    : undefined;
  if (!user) return send(res, 401, '{"error":{"code":"invalid_token"}}');
  // The company feed is not for guests (listCompanyFeed), so the viewer here is always an employee.
  if (user.role === "guest") return send(res, 403, '{"error":{"code":"forbidden"}}');
  const cursor = url.searchParams.get("cursor");
  if (cursor != null && !/^\d{1,15}$/.test(cursor)) return send(res, 400, '{"error":{"code":"bad_cursor"}}');
  const rows = feedStmt.all({
    before: cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER,
    n: PAGE + 1,
    me: user.id,
    employee: 1,
    readable: readableGroups(user.id),
  }) as Row[];
  const more = rows.length > PAGE;
  const page = rows.slice(0, PAGE);
  const data = page.map((r) => {
    const counts = JSON.parse(r.reactions ?? "{}") as Record<string, number>;
    const guest = r.role === "guest";
    return {
      id: r.id,
      author: {
        handle: r.handle,
        name: r.name,
        department: r.department,
        title: r.title,
        guest,
        ...(guest ? { organization: r.organization } : {}),
      },
      kind: r.kind,
      group: r.group_slug == null ? null : { slug: r.group_slug, name: r.group_name, visibility: r.group_visibility },
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
