// Live streams (issue #10 §1 and §10, docs/decisions/0005-realtime.md) against the built Sori server: N concurrent
// SSE clients on GET /api/v1/stream, then
//   1. connect: time until every client's replay is done (`: live`), and the server's RSS per connection;
//   2. delivery: posts published over HTTP one at a time; for each, the time from the POST until each client has
//      the event — p50 and p99 over all clients and posts, and the last client's (target p99 ≤ 250 ms);
//   3. reconnect storm: every client drops, posts are published while they are away, and all reconnect at once
//      with Last-Event-ID: every client must end with every missed post exactly once; the time to catch up.
// The load client runs on the same cores (raw node:http, no EventSource); it prints figures, it is not a test.
//
//   tsx bench/realtime.ts [--clients 2000] [--posts 20] [--missed 50] [--workers 1]
//
// More than ~1,000 clients need a higher open-files limit (`ulimit -n 65535`, as root).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HOST, isMain, machine, ms, requireBuild, startSori, summarize, table } from "./lib";

type Client = {
  req: http.ClientRequest;
  live: boolean;
  lastId: string | null;
  /** post id → when it arrived (ms, performance.now()). */
  arrivals: Map<number, number>;
  /** post ids in arrival order (for the exactly-once check). */
  order: number[];
};

const POST_EVENT = /event: post\ndata: \{"id":(\d+),/g;
const ID_LINE = /^id: (\d+)$/gm;

function connect(port: number, cookie: string, lastId: string | null): Promise<Client> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Cookie: cookie };
    if (lastId) headers["Last-Event-ID"] = lastId;
    const client = { live: false, lastId, arrivals: new Map(), order: [] } as unknown as Client;
    client.req = http.get({ host: HOST, port, path: "/api/v1/stream", headers, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let carry = "";
      res.on("data", (chunk: string) => {
        const now = performance.now();
        const text = carry + chunk;
        // Frames may be split across chunks: keep the unfinished tail for the next one.
        const end = text.lastIndexOf("\n\n");
        if (end < 0) {
          carry = text;
          return;
        }
        const whole = text.slice(0, end + 2);
        carry = text.slice(end + 2);
        for (const m of whole.matchAll(POST_EVENT)) {
          const id = Number(m[1]);
          client.order.push(id);
          if (!client.arrivals.has(id)) client.arrivals.set(id, now);
        }
        for (const m of whole.matchAll(ID_LINE)) client.lastId = m[1];
        if (!client.live && whole.includes(": live\n")) {
          client.live = true;
          resolve(client);
        }
      });
      res.on("error", () => undefined);
    });
    client.req.on("error", reject);
  });
}

async function connectAll(port: number, cookie: string, lastIds: (string | null)[], batch = 250) {
  const clients: Client[] = [];
  for (let i = 0; i < lastIds.length; i += batch) {
    clients.push(...(await Promise.all(lastIds.slice(i, i + batch).map((id) => connect(port, cookie, id)))));
  }
  return clients;
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

function publish(port: number, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: HOST,
        port,
        path: "/api/v1/posts",
        method: "POST",
        agent: false,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => (res.statusCode === 201 ? resolve(JSON.parse(text).id) : reject(new Error(text))));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify({ body }));
  });
}

const until = async (what: () => boolean, timeoutMs: number, label: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

export async function runRealtime({
  clients: count,
  posts,
  missed,
  workers,
}: {
  clients: number;
  posts: number;
  missed: number;
  workers: number;
}) {
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-bench-rt-"));
  const dbPath = path.join(dir, "rt.db");
  process.env.DATABASE_PATH = dbPath;
  // The people and credentials, written through the real models before the server starts.
  const { migrateDatabaseFile, closeDb } = await import("#app/infra/db.server");
  migrateDatabaseFile(dbPath);
  const { createUser } = await import("#app/models/people/user.server");
  const { createApiToken } = await import("#app/models/people/api-token.server");
  const { startSession } = await import("#app/web/auth.server");
  const author = await createUser({ email: "author@bench.test", handle: "author", name: "Author" });
  const reader = await createUser({ email: "reader@bench.test", handle: "reader", name: "Reader" });
  const { token } = createApiToken({ userId: author.id, name: "bench" });
  // Every client reads as one person through the session cookie (the stream's browser path; no per-token limit).
  const cookie = (await startSession(reader.id)).split(";")[0];
  closeDb();

  const server = await startSori(dbPath, { SORI_WORKERS: String(workers) });
  try {
    const rssBefore = rssKb(server.pid);
    let started = performance.now();
    const all = await connectAll(server.port, cookie, Array<string | null>(count).fill(null));
    const connectMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 500));
    const rssAfter = rssKb(server.pid);

    // Delivery: one post at a time, each until every client has it.
    const latencies: number[] = [];
    const lastClient: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < posts; i++) {
      const t0 = performance.now();
      const id = await publish(server.port, token, `live ${i}`);
      answered.push(performance.now() - t0);
      await until(() => all.every((c) => c.arrivals.has(id)), 10_000, `post ${i} on every client`);
      const times = all.map((c) => c.arrivals.get(id)! - t0);
      latencies.push(...times);
      lastClient.push(Math.max(...times));
    }

    // Reconnect storm.
    const lastIds = all.map((c) => c.lastId);
    for (const c of all) c.req.destroy();
    const missedIds: number[] = [];
    for (let i = 0; i < missed; i++) missedIds.push(await publish(server.port, token, `while away ${i}`));
    started = performance.now();
    const again = await connectAll(server.port, cookie, lastIds, count);
    const catchUpMs = performance.now() - started;
    const exact = again.filter((c) => JSON.stringify(c.order) === JSON.stringify(missedIds)).length;
    for (const c of again) c.req.destroy();

    const d = summarize(latencies);
    const l = summarize(lastClient);
    return {
      clients: count,
      workers,
      connectMs,
      kbPerConnection: (rssAfter - rssBefore) / count,
      delivery: d,
      lastClient: l,
      answered: summarize(answered),
      storm: { clients: count, missed, catchUpMs, exact },
    };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "2000" },
      posts: { type: "string", default: "20" },
      missed: { type: "string", default: "50" },
      workers: { type: "string", default: "1" },
    },
  });
  const r = await runRealtime({
    clients: Number(values.clients),
    posts: Number(values.posts),
    missed: Number(values.missed),
    workers: Number(values.workers),
  });
  console.log(
    `\nLive streams — ${machine()}; ${r.clients} clients, ${r.workers} worker(s), load client on the same cores\n`,
  );
  console.log(
    table(
      ["measure", "value"],
      [
        ["connect all (until every replay is done)", `${ms(r.connectMs)} ms`],
        ["server RSS per connection", `${r.kbPerConnection.toFixed(1)} KiB`],
        ["POST answered (201), p50 / p99", `${ms(r.answered.p50)} / ${ms(r.answered.p99)} ms`],
        ["delivery POST → client, p50 / p99", `${ms(r.delivery.p50)} / ${ms(r.delivery.p99)} ms`],
        ["delivery POST → last client, p50 / p99", `${ms(r.lastClient.p50)} / ${ms(r.lastClient.p99)} ms`],
        [
          `reconnect storm: ${r.storm.clients} clients, ${r.storm.missed} posts missed`,
          `${ms(r.storm.catchUpMs)} ms to catch up; ${r.storm.exact}/${r.storm.clients} got every missed post exactly once`,
        ],
      ],
    ),
  );
  process.exit(0);
}
