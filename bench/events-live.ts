// Live events (issue #10 §10) against the built Sori server: N SSE clients on ONE event's stream
// (GET /api/v1/events/:id/stream, session cookies of many attendees), then
//   1. connect and delivery: the time until every client's stream is live, the server's RSS per connection, and for
//      live comments posted one at a time (POST /api/v1/events/:id/comments) the time from the POST until each
//      client has the comment — p50/p99 over clients and comments, and to the last client (target p99 ≤ 250 ms);
//      beside bench/floor-sse-server.ts (a bare node:http SSE broadcaster) on the same machine, and the ratio;
//   2. a vote burst: open-loop upvotes at a set rate (default 1,000 a second for 10 s) from many attendees on many
//      questions, while every client watches: votes accepted per second, the vote POST's p50/p99, and how stale the
//      count on clients gets — for each vote and each sampled client, the time from the vote's response to that
//      client seeing a count ≥ the one in the response (0 when it already had);
//   3. a reconnect storm: S clients drop and reconnect at once with Last-Event-ID while comments are being posted;
//      every client (dropped or not) must end with every comment exactly once, in order; the time to catch up.
// The load client (raw node:http, no EventSource) runs on the same cores as the server. It prints figures; it is
// not a test. Every loop is bounded in count and time, traffic goes to 127.0.0.1 only, servers stop by PID.
//
//   tsx bench/events-live.ts [--clients 10000] [--accounts 1000] [--comments 20] [--vote-rate 1000]
//     [--vote-seconds 10] [--questions 20] [--storm 2000] [--storm-comments 40] [--workers 1] [--no-floor]
//     [--only delivery,votes,storm] [--stale-sample 500]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  cpuMeter,
  DATA_DIR,
  freePort,
  HOST,
  httpRequest,
  isMain,
  keepAliveAgent,
  machine,
  ms,
  openFilesLimit,
  processTree,
  ratio,
  requireBuild,
  sleep,
  startServer,
  startSori,
  statusText,
  summarize,
  table,
  type ServerHandle,
  type Summary,
} from "./lib";

/** What the servers are asked to allow (`ulimit -n`); the hard limit where it is lower and cannot be raised. */
const NOFILE = 65_535;
/** What a browser waits before reconnecting a stream the server cut (Sori's `retry:`), and how often the bench does. */
const RETRY_MS = 3_000;
const MAX_RECONNECTS = 5;
/** File descriptors beyond the streams: the database, agents for POSTs, stdio, the listening socket. */
const FD_MARGIN = 600;

// ---------------------------------------------------------------------------------------------------------
// Watchers: one SSE client each
// ---------------------------------------------------------------------------------------------------------

type Watcher = {
  index: number;
  cookie: string;
  req: http.ClientRequest | null;
  /** The last `id:` seen (what a reconnect sends as Last-Event-ID). */
  lastId: number | null;
  live: boolean;
  onLive: (() => void) | null;
  carry: string;
  /** Comment ids in arrival order, over every connection (the exactly-once check). */
  comments: number[];
  /** Comment id → when it first arrived (performance.now()). */
  seen: Map<number, number>;
  /** Vote frames, on sampled watchers only: when, which question, which count. */
  votes: { t: number; q: number; v: number }[] | null;
  /** Connections the server closed (a slow client dropped, or an error); each is reconnected as a browser would. */
  cut: number;
  /** Set when the run is over: no more reconnects. */
  retired: boolean;
  /** Vote frames received while catching up (before `: live`): a replay's counters. */
  replayedVotes: number;
};

const COMMENT_CREATED = /^\{"id":(\d+),"change":"created"/;
// The count frame of a question (`{id, votes, as_of}`): the fields after `votes` do not matter here.
const VOTE = /^\{"id":(\d+),"votes":(\d+)[,}]/;

/** How many watchers have each comment, and who waits for a count. */
class Arrivals {
  private readonly counts = new Map<number, number>();
  private readonly waiters = new Map<number, { n: number; resolve: () => void }[]>();

  arrived(commentId: number) {
    const n = (this.counts.get(commentId) ?? 0) + 1;
    this.counts.set(commentId, n);
    const list = this.waiters.get(commentId);
    if (!list) return;
    for (const w of list.filter((x) => x.n <= n)) w.resolve();
    const rest = list.filter((x) => x.n > n);
    if (rest.length) this.waiters.set(commentId, rest);
    else this.waiters.delete(commentId);
  }

  count(commentId: number) {
    return this.counts.get(commentId) ?? 0;
  }

  /** Resolves true once `n` watchers have the comment, false after `timeoutMs`. */
  waitFor(commentId: number, n: number, timeoutMs: number): Promise<boolean> {
    if (this.count(commentId) >= n) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const list = this.waiters.get(commentId) ?? [];
      list.push({
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
      this.waiters.set(commentId, list);
    });
  }
}

function onBlock(w: Watcher, b: string, now: number, arrivals: Arrivals) {
  let id: number | null = null;
  let event = "";
  let data = "";
  let pos = 0;
  while (pos < b.length) {
    let nl = b.indexOf("\n", pos);
    if (nl < 0) nl = b.length;
    const line = b.slice(pos, nl);
    if (line.startsWith("id: ")) id = Number(line.slice(4));
    else if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data = line.slice(6);
    else if (line === ": live" && !w.live) {
      w.live = true;
      w.onLive?.();
      w.onLive = null;
    }
    pos = nl + 1;
  }
  if (id !== null) w.lastId = id;
  if (event === "comment") {
    const m = COMMENT_CREATED.exec(data);
    if (m) {
      const cid = Number(m[1]);
      w.comments.push(cid);
      if (!w.seen.has(cid)) {
        w.seen.set(cid, now);
        arrivals.arrived(cid);
      }
    }
  } else if (event === "vote") {
    if (!w.live) w.replayedVotes++;
    if (!w.votes) return;
    const m = VOTE.exec(data);
    if (m) w.votes.push({ t: now, q: Number(m[1]), v: Number(m[2]) });
  }
}

function feed(w: Watcher, chunk: string, arrivals: Arrivals) {
  const now = performance.now();
  const text = w.carry + chunk;
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n\n", start);
    if (end < 0) break;
    onBlock(w, text.slice(start, end), now, arrivals);
    start = end + 2;
  }
  w.carry = start === 0 ? text : text.slice(start);
}

/** Opens the watcher's stream; resolves when the server says `: live` (the replay after Last-Event-ID is done). */
function connect(w: Watcher, port: number, streamPath: string, arrivals: Arrivals, lastId?: number | null) {
  return new Promise<void>((resolve, reject) => {
    w.live = false;
    w.carry = "";
    w.onLive = resolve;
    const headers: Record<string, string> = { Cookie: w.cookie, Accept: "text/event-stream" };
    if (lastId != null) headers["Last-Event-ID"] = String(lastId);
    const req = http.get({ host: HOST, port, path: streamPath, headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`stream answered ${res.statusCode}`));
        return;
      }
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => feed(w, chunk, arrivals));
      res.on("error", () => undefined);
      res.on("close", () => {
        if (w.req !== req) return;
        const wasLive = w.live;
        w.req = null;
        w.live = false;
        // Before `: live` it is this connect's failure (connectRetrying may try again).
        if (!wasLive) return reject(new Error("stream closed before it was live"));
        // Not ours: the server cut it (a slow client). Reconnect after `retry:` with Last-Event-ID, as EventSource
        // does, a bounded number of times, so the exactly-once check still covers this client.
        if (++w.cut > MAX_RECONNECTS || w.retired) return;
        setTimeout(() => {
          if (!w.retired && !w.req) connect(w, port, streamPath, arrivals, w.lastId).catch(() => undefined);
        }, RETRY_MS).unref();
      });
    });
    req.on("error", (e) => {
      if (!w.live) reject(e);
    });
    w.req = req;
  });
}

/** connect(), tried again a few times when the connection itself fails (a full accept queue during a storm). */
async function connectRetrying(
  w: Watcher,
  port: number,
  streamPath: string,
  arrivals: Arrivals,
  lastId?: number | null,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Again from what it has (a replay cut short may have moved its last id), as a browser would.
      return await connect(w, port, streamPath, arrivals, attempt === 1 ? lastId : (w.lastId ?? lastId));
    } catch (error) {
      const status = error instanceof Error && /stream answered/.test(error.message);
      if (status || attempt >= 3) throw error;
      w.req = null;
      await sleep(250 * attempt);
    }
  }
}

/** Drops a watcher's connection on purpose (not counted as cut). */
function drop(w: Watcher) {
  const req = w.req;
  w.req = null;
  w.live = false;
  req?.destroy();
}

async function connectAll(
  watchers: Watcher[],
  port: number,
  streamPath: string,
  arrivals: Arrivals,
  { batch, timeoutMs, lastIds }: { batch: number; timeoutMs: number; lastIds?: (number | null)[] },
) {
  const deadline = performance.now() + timeoutMs;
  for (let i = 0; i < watchers.length; i += batch) {
    const slice = watchers.slice(i, i + batch);
    const left = deadline - performance.now();
    if (left <= 0) throw new Error(`connecting took over ${timeoutMs} ms (${i} of ${watchers.length} live)`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`connecting took over ${timeoutMs} ms`)), left);
    });
    try {
      await Promise.race([
        Promise.all(slice.map((w, k) => connectRetrying(w, port, streamPath, arrivals, lastIds?.[i + k]))),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

function rssKb(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Gone: not counted.
    }
  }
  return total;
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const COMMENT_LINES = [
  "지금 슬라이드 잘 보입니다",
  "파리 사무소에서 보고 있어요",
  "Dubai team is watching too",
  "질문 목록에 올려 주세요",
  "Great point about the roadmap",
  "소리가 조금 작아요",
];

async function postComment(agent: http.Agent, port: number, eventId: number, token: string, n: number) {
  const t0 = performance.now();
  const send = () =>
    httpRequest(agent, port, {
      method: "POST",
      path: `/api/v1/events/${eventId}/comments`,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body: `${COMMENT_LINES[n % COMMENT_LINES.length]} (#${n})` }),
      timeoutMs: 15_000,
    });
  let r = await send();
  // A kept-alive socket the server closed while idle (between phases) fails before any answer: the server never
  // read the request, so sending it again on a fresh socket posts it once.
  if (r.status === 0 && /socket hang up|ECONNRESET/.test(r.error ?? "")) r = await send();
  if (r.status !== 201) throw new Error(`comment answered ${r.status} ${r.error ?? ""}: ${r.body.slice(0, 300)}`);
  return { id: (JSON.parse(r.body) as { comment: { id: number } }).comment.id, t0, answeredMs: r.ms };
}

/** Every watcher's comments, in arrival order, must be exactly `posted` (each once, in the order posted). */
function exactlyOnce(watchers: Watcher[], posted: number[]) {
  const want = posted.join(",");
  let exact = 0;
  let missing = 0;
  let duplicated = 0;
  let reordered = 0;
  for (const w of watchers) {
    if (w.comments.join(",") === want) {
      exact++;
      continue;
    }
    if (posted.some((id) => !w.seen.has(id))) missing++;
    if (w.comments.length !== w.seen.size) duplicated++;
    else if (!posted.some((id) => !w.seen.has(id))) reordered++;
  }
  return { exact, of: watchers.length, missing, duplicated, reordered };
}

// ---------------------------------------------------------------------------------------------------------
// Setup: the people, their credentials, a live event and its questions, through the app's own models
// ---------------------------------------------------------------------------------------------------------

type Setup = {
  dbPath: string;
  eventId: number;
  questionIds: number[];
  attendees: { userId: number; cookie: string; token: string }[];
};

async function setUp(dir: string, accounts: number, questions: number): Promise<Setup> {
  const dbPath = path.join(dir, "events-live.db");
  process.env.DATABASE_PATH = dbPath;
  const { migrateDatabaseFile, closeDb } = await import("#app/infra/db.server");
  migrateDatabaseFile(dbPath);
  const { createUser } = await import("#app/models/people/user.server");
  const { createApiToken } = await import("#app/models/people/api-token.server");
  const { startSession } = await import("#app/web/auth.server");
  const { buildViewer } = await import("#app/access/viewer.server");
  const { createEvent, setEventState } = await import("#app/models/events/event.server");
  const { askEventQuestion } = await import("#app/models/events/event-questions.server");

  const host = await createUser({ email: "host@bench.test", handle: "host", name: "김대표", role: "admin" });
  const asker = await createUser({ email: "asker@bench.test", handle: "asker", name: "이질문" });
  const hostViewer = buildViewer({ id: host.id, role: "admin" });
  const now = Date.now();
  const eventId = createEvent({
    viewer: hostViewer,
    input: {
      title: "2026 하반기 타운홀 (bench)",
      description: "Benchmark event",
      kind: "town_hall",
      starts_at: now - 5 * 60_000,
      ends_at: now + 3 * 3600_000,
      settings: { comments: true, pre_moderation: false, anonymous_questions: true },
    },
  });
  setEventState({ viewer: hostViewer, eventId, to: "live" });
  const askerViewer = buildViewer({ id: asker.id, role: "member" });
  const questionIds: number[] = [];
  for (let i = 0; i < questions; i++) {
    questionIds.push(
      askEventQuestion({
        viewer: askerViewer,
        eventId,
        input: { body: `하반기 계획 질문 ${i + 1}: 우리 팀은 무엇을 준비하면 될까요?` },
      }),
    );
  }
  const attendees: Setup["attendees"] = [];
  for (let i = 0; i < accounts; i++) {
    const handle = `attendee${String(i).padStart(5, "0")}`;
    const user = await createUser({ email: `${handle}@bench.test`, handle, name: `참석자 ${i + 1}` });
    const { token } = createApiToken({ userId: user.id, name: "bench" });
    const cookie = (await startSession(user.id)).split(";")[0];
    attendees.push({ userId: user.id, cookie, token });
  }
  closeDb();
  return { dbPath, eventId, questionIds, attendees };
}

// ---------------------------------------------------------------------------------------------------------
// The phases
// ---------------------------------------------------------------------------------------------------------

export type ConnectDelivery = {
  server: "sori" | "floor";
  clients: number;
  connectMs: number;
  kbPerConnection: number;
  answered: Summary;
  delivery: Summary;
  lastClient: Summary;
  cut: number;
  loadAfter: string;
};

export type VoteBurst = {
  rate: number;
  seconds: number;
  questions: number;
  scheduled: number;
  sent: number;
  notSent: number;
  ok: number;
  acceptedPerSecond: number;
  statuses: string;
  fromSend: Summary;
  fromSchedule: Summary;
  stale: Summary;
  staleClients: number;
  neverSeen: number;
  serverCpu: number;
  clientCpu: number;
  /** The server's CPU time (all its processes) per accepted vote, ms: less sensitive to other load than rates. */
  cpuMsPerVote: number;
  /** Streams the server cut during the burst (slow clients past its buffer bound). */
  cut: number;
  loadAfter: string;
};

export type Storm = {
  server: "sori" | "floor";
  clients: number;
  missed: number;
  postedDuring: number;
  allLiveMs: number;
  caughtUpMs: number;
  catchUp: Summary;
  replaySpan: number;
  /** Vote frames a reconnecting client was sent before `: live`, on average. */
  replayedVotes: number;
  dropped: ReturnType<typeof exactlyOnce>;
  others: ReturnType<typeof exactlyOnce>;
  loadAfter: string;
};

type Run = {
  server: ServerHandle;
  name: "sori" | "floor";
  setup: Setup;
  watchers: Watcher[];
  arrivals: Arrivals;
  agent: http.Agent;
  streamPath: string;
  /** Comments posted on this server, in order. */
  posted: number[];
  commentNo: number;
};

async function connectAndDeliver(run: Run, comments: number, batch: number): Promise<ConnectDelivery> {
  const { server, watchers, arrivals, setup } = run;
  const rssBefore = rssKb(server.pid);
  const started = performance.now();
  await connectAll(watchers, server.port, run.streamPath, arrivals, {
    batch,
    timeoutMs: 60_000 + watchers.length * 20,
  });
  const connectMs = performance.now() - started;
  await sleep(1000);
  const rssAfter = rssKb(server.pid);

  const latencies: number[] = [];
  const lastClient: number[] = [];
  const answered: number[] = [];
  for (let i = 0; i < comments; i++) {
    const a = setup.attendees[run.commentNo % setup.attendees.length];
    const c = await postComment(run.agent, server.port, setup.eventId, a.token, run.commentNo++);
    run.posted.push(c.id);
    answered.push(c.answeredMs);
    if (!(await arrivals.waitFor(c.id, watchers.length, 15_000))) {
      console.warn(`  comment ${c.id} reached ${arrivals.count(c.id)} of ${watchers.length} clients in 15 s`);
    }
    let last = 0;
    for (const w of watchers) {
      const t = w.seen.get(c.id);
      if (t === undefined) continue;
      latencies.push(t - c.t0);
      last = Math.max(last, t - c.t0);
    }
    lastClient.push(last);
    // A moment between comments, as in a real event (and so one comment's fan-out does not overlap the next).
    await sleep(100);
  }
  return {
    server: run.name,
    clients: watchers.length,
    connectMs,
    kbPerConnection: (rssAfter - rssBefore) / watchers.length,
    answered: summarize(answered),
    delivery: summarize(latencies),
    lastClient: summarize(lastClient),
    cut: watchers.reduce((n, w) => n + w.cut, 0),
    loadAfter: load(),
  };
}

async function voteBurst(
  run: Run,
  { rate, seconds, maxInFlight }: { rate: number; seconds: number; maxInFlight: number },
): Promise<VoteBurst> {
  const { server, setup, watchers } = run;
  const questions = setup.questionIds;
  const accounts = setup.attendees;
  const total = Math.round(rate * seconds);
  if (total > accounts.length * questions.length) {
    throw new Error(
      `${total} votes need ${total} distinct (attendee, question) pairs: use more --accounts or --questions ` +
        `(now ${accounts.length} × ${questions.length})`,
    );
  }
  const agent = keepAliveAgent(maxInFlight);
  // Vote k: question k mod Q by attendee ⌊k / Q⌋ — every pair at most once, every question in turn.
  type Vote = { k: number; q: number; due: number; sent: number; done: number; status: number; votes: number };
  const votes: Vote[] = [];
  const statuses = new Map<number, number>();
  let inFlight = 0;
  let next = 0;
  const start = performance.now() + 50;
  const end = start + seconds * 1000;
  const cutBefore = watchers.reduce((n, w) => n + w.cut, 0);
  const meter = cpuMeter(server.pid);
  const meterStart = performance.now();
  const fire = (k: number) => {
    const q = questions[k % questions.length];
    const a = accounts[Math.floor(k / questions.length) % accounts.length];
    const v: Vote = { k, q, due: start + (k * 1000) / rate, sent: performance.now(), done: 0, status: 0, votes: 0 };
    votes.push(v);
    inFlight++;
    void httpRequest(agent, server.port, {
      method: "POST",
      path: `/api/v1/events/${setup.eventId}/questions/${q}/vote`,
      headers: { authorization: `Bearer ${a.token}` },
      timeoutMs: 15_000,
    }).then((r) => {
      inFlight--;
      v.done = performance.now();
      v.status = r.status;
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 200) v.votes = (JSON.parse(r.body) as { question: { votes: number } }).question.votes;
    });
  };
  // Open loop: every vote is due at its time; past the in-flight cap it waits (and its wait counts, from its due
  // time). Sending stops at the end of the burst; what was not sent by then is counted, not sent.
  while (performance.now() < end && next < total) {
    const now = performance.now();
    while (next < total && start + (next * 1000) / rate <= now && inFlight < maxInFlight) fire(next++);
    await sleep(2);
  }
  const notSent = total - next;
  const drainUntil = performance.now() + 20_000;
  while (inFlight > 0 && performance.now() < drainUntil) await sleep(10);
  const cpu = meter();
  const meterMs = performance.now() - meterStart;
  // The coalescer's last window, and the fan-out of the last counts.
  await sleep(1500);
  agent.destroy();

  const ok = votes.filter((v) => v.status === 200);
  const lastDone = Math.max(...votes.map((v) => v.done || 0));
  // Staleness on the sampled watchers: per question, their vote frames' times and running maximum of the count.
  const sampled = watchers.filter((w) => w.votes);
  const stale: number[] = [];
  let neverSeen = 0;
  for (const w of sampled) {
    const byQ = new Map<number, { t: number[]; max: number[] }>();
    for (const f of w.votes!) {
      let e = byQ.get(f.q);
      if (!e) byQ.set(f.q, (e = { t: [], max: [] }));
      e.t.push(f.t);
      e.max.push(Math.max(f.v, e.max.at(-1) ?? 0));
    }
    for (const v of ok) {
      const e = byQ.get(v.q);
      // The first frame whose running maximum reaches the vote's count (binary search: max is non-decreasing).
      let lo = 0;
      let hi = e ? e.max.length : 0;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e!.max[mid] >= v.votes) hi = mid;
        else lo = mid + 1;
      }
      if (!e || lo === e.max.length) neverSeen++;
      else stale.push(Math.max(0, e.t[lo] - v.done));
    }
    w.votes = null;
  }
  return {
    rate,
    seconds,
    questions: questions.length,
    scheduled: total,
    sent: next,
    notSent,
    ok: ok.length,
    acceptedPerSecond: ok.length / (Math.max(1, lastDone - start) / 1000),
    statuses: statusText(statuses),
    fromSend: summarize(ok.map((v) => v.done - v.sent)),
    fromSchedule: summarize(ok.map((v) => v.done - v.due)),
    stale: summarize(stale),
    staleClients: sampled.length,
    neverSeen,
    serverCpu: cpu.server,
    clientCpu: cpu.client,
    cpuMsPerVote: (cpu.server * meterMs) / Math.max(1, ok.length),
    cut: watchers.reduce((n, w) => n + w.cut, 0) - cutBefore,
    loadAfter: load(),
  };
}

async function storm(run: Run, { clients, comments }: { clients: number; comments: number }): Promise<Storm> {
  const { server, setup, watchers, arrivals } = run;
  const dropped = watchers.slice(0, Math.min(clients, watchers.length));
  const others = watchers.slice(dropped.length);
  const lastIds = dropped.map((w) => w.lastId);
  for (const w of dropped) {
    drop(w);
    w.replayedVotes = 0;
  }
  // A quarter of the comments are posted while the clients are away, the rest while they reconnect.
  const before = Math.max(1, Math.floor(comments / 4));
  const missed: number[] = [];
  const post = async () => {
    const a = setup.attendees[run.commentNo % setup.attendees.length];
    const c = await postComment(run.agent, server.port, setup.eventId, a.token, run.commentNo++);
    run.posted.push(c.id);
    return c.id;
  };
  for (let i = 0; i < before; i++) missed.push(await post());
  const started = performance.now();
  let allLiveMs = NaN;
  const reconnect = connectAll(dropped, server.port, run.streamPath, arrivals, {
    batch: dropped.length,
    timeoutMs: 60_000 + dropped.length * 20,
    lastIds,
  }).then(() => (allLiveMs = performance.now() - started));
  const during: number[] = [];
  for (let i = before; i < comments; i++) {
    during.push(await post());
    await sleep(20);
  }
  await reconnect;
  // Every comment on every watcher (bounded).
  const everyone = watchers.length;
  for (const id of [...missed, ...during]) {
    if (!(await arrivals.waitFor(id, everyone, 15_000))) {
      console.warn(`  storm: comment ${id} reached ${arrivals.count(id)} of ${everyone} clients in 15 s`);
      break;
    }
  }
  await sleep(500);
  // Catching up: when each dropped client had every comment it missed while away.
  const catchUp = dropped.map((w) => Math.max(...missed.map((id) => (w.seen.get(id) ?? Infinity) - started)));
  const replay = dropped.map((w, i) => (w.lastId ?? 0) - (lastIds[i] ?? 0));
  return {
    server: run.name,
    clients: dropped.length,
    missed: missed.length,
    postedDuring: during.length,
    allLiveMs,
    caughtUpMs: Math.max(...catchUp),
    catchUp: summarize(catchUp.filter(Number.isFinite)),
    replaySpan: replay.reduce((a, b) => a + b, 0) / (replay.length || 1),
    replayedVotes: dropped.reduce((n, w) => n + w.replayedVotes, 0) / (dropped.length || 1),
    dropped: exactlyOnce(dropped, run.posted),
    others: exactlyOnce(others, run.posted),
    loadAfter: load(),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Open files
// ---------------------------------------------------------------------------------------------------------

/**
 * This process needs a descriptor per stream. Below that, it re-runs itself once under `ulimit -n` (raised to
 * NOFILE, or to the hard limit); if that cannot help, it says how many clients fit and exits.
 */
function ensureOpenFiles(clients: number) {
  const need = clients + FD_MARGIN;
  const { soft, hard } = openFilesLimit();
  if (!Number.isFinite(soft) || soft >= need) return;
  if (!process.env.BENCH_NOFILE_RAISED && (hard >= need || process.getuid?.() === 0)) {
    const r = spawnSync(
      "/bin/sh",
      [
        "-c",
        `ulimit -n ${NOFILE} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`,
        process.execPath,
        ...process.execArgv,
        ...process.argv.slice(1),
      ],
      { stdio: "inherit", env: { ...process.env, BENCH_NOFILE_RAISED: "1" } },
    );
    process.exit(r.status ?? 1);
  }
  console.error(
    `\n  events-live: ${clients} clients need about ${need} open files, and this process may open ${soft} ` +
      `(hard limit ${hard}).\n  Raise it in the shell first (as root: \`ulimit -n ${NOFILE}\`), or run with ` +
      `--clients ${Math.max(0, soft - FD_MARGIN)} or fewer.\n`,
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------

export type EventsLiveOptions = {
  clients: number;
  accounts: number;
  comments: number;
  voteRate: number;
  voteSeconds: number;
  questions: number;
  stormClients: number;
  stormComments: number;
  workers: number;
  floor: boolean;
  only: Set<string>;
  staleSample: number;
  batch: number;
  maxInFlight: number;
};

export type EventsLiveResult = {
  options: Omit<EventsLiveOptions, "only"> & { only: string[] };
  machine: string;
  nofile: { client: number; sori: number; floor: number };
  loadStart: string;
  delivery: ConnectDelivery[];
  votes: VoteBurst | null;
  storms: Storm[];
};

function makeWatchers(setup: Setup, n: number, staleSample: number): Watcher[] {
  const every = Math.max(1, Math.floor(n / Math.max(1, staleSample)));
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    cookie: setup.attendees[i % setup.attendees.length].cookie,
    req: null,
    lastId: null,
    live: false,
    onLive: null,
    carry: "",
    comments: [],
    seen: new Map(),
    votes: staleSample > 0 && i % every === 0 ? [] : null,
    cut: 0,
    retired: false,
    replayedVotes: 0,
  }));
}

export async function runEventsLive(o: EventsLiveOptions): Promise<EventsLiveResult> {
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-bench-events-"));
  const out: EventsLiveResult = {
    options: { ...o, only: [...o.only] },
    machine: machine(),
    nofile: { client: openFilesLimit().soft, sori: NaN, floor: NaN },
    loadStart: load(),
    delivery: [],
    votes: null,
    storms: [],
  };
  try {
    console.log(`[events-live] setting up ${o.accounts} attendees, ${o.questions} questions, one live event…`);
    const setup = await setUp(dir, o.accounts, o.questions);
    const streamPath = `/api/v1/events/${setup.eventId}/stream`;
    for (const name of o.floor ? (["sori", "floor"] as const) : (["sori"] as const)) {
      let server: ServerHandle;
      if (name === "sori") {
        server = await startSori(setup.dbPath, { SORI_WORKERS: String(o.workers) }, { nofile: NOFILE });
      } else {
        const port = await freePort();
        server = await startServer({
          name: "floor",
          script: "bench/floor-sse-server.ts",
          env: { PORT: String(port), DATABASE_PATH: setup.dbPath },
          readyPath: "/healthz",
          nofile: NOFILE,
        });
      }
      const limit = openFilesLimit(server.pid).soft;
      out.nofile[name] = limit;
      if (limit < o.clients + FD_MARGIN) {
        console.warn(
          `  ${name}: its open-files limit is ${limit}, below the ~${o.clients + FD_MARGIN} that ${o.clients} ` +
            "clients need (could not raise it: run as root, or with a higher hard limit); expect refused connections",
        );
      }
      const run: Run = {
        server,
        name,
        setup,
        watchers: makeWatchers(setup, o.clients, name === "sori" ? o.staleSample : 0),
        arrivals: new Arrivals(),
        agent: keepAliveAgent(4),
        streamPath,
        posted: [],
        commentNo: 0,
      };
      try {
        console.log(`[events-live] ${name}: ${o.clients} clients on ${streamPath} (load ${load()})…`);
        out.delivery.push(await connectAndDeliver(run, o.only.has("delivery") ? o.comments : 0, o.batch));
        if (name === "sori" && o.only.has("votes")) {
          console.log(`[events-live] ${name}: ${o.voteRate} votes/s for ${o.voteSeconds} s (load ${load()})…`);
          out.votes = await voteBurst(run, { rate: o.voteRate, seconds: o.voteSeconds, maxInFlight: o.maxInFlight });
        }
        if (o.only.has("storm")) {
          console.log(`[events-live] ${name}: reconnect storm of ${o.stormClients} (load ${load()})…`);
          out.storms.push(await storm(run, { clients: o.stormClients, comments: o.stormComments }));
        }
      } finally {
        for (const w of run.watchers) {
          w.retired = true;
          drop(w);
        }
        run.agent.destroy();
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `events-live-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  printEventsLive(out);
  console.log(`\n  raw figures: ${path.relative(process.cwd(), file)}`);
  return out;
}

export function printEventsLive(r: EventsLiveResult) {
  const o = r.options;
  console.log(
    `\nLive events (issue #10 §10) — ${r.machine}; ${o.clients} clients on one event from ${o.accounts} attendees ` +
      `(session cookies), Sori ${o.workers} worker(s), load client on the same cores; open files: client ` +
      `${r.nofile.client}, Sori ${r.nofile.sori}` +
      `${Number.isNaN(r.nofile.floor) ? "" : `, floor ${r.nofile.floor}`}; load average at start ${r.loadStart}\n`,
  );
  if (r.delivery.length) {
    const floor = r.delivery.find((d) => d.server === "floor");
    console.log(`Connect and deliver ${o.comments} comments, one at a time (target: delivery p99 ≤ 250 ms)`);
    console.log(
      table(
        [
          "server",
          "connect all",
          "RSS/conn",
          "POST 201 p50/p99",
          "delivery p50",
          "p99",
          "last client p50",
          "p99",
          "p99 of floor",
          "cut",
          "load after",
        ],
        r.delivery.map((d) => [
          d.server === "sori" ? "Sori" : "floor (node:http)",
          `${ms(d.connectMs)} ms`,
          `${d.kbPerConnection.toFixed(1)} KiB`,
          `${ms(d.answered.p50)} / ${ms(d.answered.p99)} ms`,
          `${ms(d.delivery.p50)} ms`,
          `${ms(d.delivery.p99)} ms`,
          `${ms(d.lastClient.p50)} ms`,
          `${ms(d.lastClient.p99)} ms`,
          d.server === "floor" ? "1.00×" : floor ? ratio(d.delivery.p99, floor.delivery.p99) : "—",
          String(d.cut),
          d.loadAfter,
        ]),
      ),
    );
    const sori = r.delivery.find((d) => d.server === "sori");
    if (sori && floor) {
      console.log(
        `  Sori / floor: connect ${ratio(sori.connectMs, floor.connectMs)}, RSS per connection ` +
          `${ratio(sori.kbPerConnection, floor.kbPerConnection)}, delivery p50 ${ratio(sori.delivery.p50, floor.delivery.p50)}, ` +
          `last client p99 ${ratio(sori.lastClient.p99, floor.lastClient.p99)}`,
      );
    }
  }
  const v = r.votes;
  if (v) {
    console.log(
      `\nVote burst: ${v.rate}/s for ${v.seconds} s on ${v.questions} questions, open loop (≤ ${o.maxInFlight} in flight), ` +
        `while ${o.clients} clients watch`,
    );
    console.log(
      table(
        [
          "sent / due",
          "accepted/s",
          "statuses",
          "POST p50 / p99",
          "p99 from due time",
          "stale p50 / p95 / p99",
          "never seen",
          "CPU srv/client",
          "srv CPU/vote",
          "cut",
          "load after",
        ],
        [
          [
            `${v.sent} / ${v.scheduled}`,
            v.acceptedPerSecond.toFixed(0),
            v.statuses,
            `${ms(v.fromSend.p50)} / ${ms(v.fromSend.p99)} ms`,
            `${ms(v.fromSchedule.p99)} ms`,
            `${ms(v.stale.p50)} / ${ms(v.stale.p95)} / ${ms(v.stale.p99)} ms`,
            `${v.neverSeen} of ${v.ok * v.staleClients}`,
            `${v.serverCpu.toFixed(2)} / ${v.clientCpu.toFixed(2)}`,
            `${ms(v.cpuMsPerVote)} ms`,
            String(v.cut),
            v.loadAfter,
          ],
        ],
      ),
    );
    console.log(`  staleness over ${v.ok} accepted votes × ${v.staleClients} sampled clients`);
  }
  if (r.storms.length) {
    console.log(`\nReconnect storm: clients drop, comments are posted, all reconnect at once with Last-Event-ID`);
    console.log(
      table(
        [
          "server",
          "clients",
          "missed / during",
          "all live",
          "caught up (all)",
          "catch-up p50 / p99",
          "log ids / vote frames replayed",
          "exactly once: dropped",
          "others",
          "load after",
        ],
        r.storms.map((s) => [
          s.server === "sori" ? "Sori" : "floor (node:http)",
          String(s.clients),
          `${s.missed} / ${s.postedDuring}`,
          `${ms(s.allLiveMs)} ms`,
          `${ms(s.caughtUpMs)} ms`,
          `${ms(s.catchUp.p50)} / ${ms(s.catchUp.p99)} ms`,
          `${s.replaySpan.toFixed(0)} / ${s.replayedVotes.toFixed(0)}`,
          onceText(s.dropped),
          onceText(s.others),
          s.loadAfter,
        ]),
      ),
    );
  }
}

function onceText(x: ReturnType<typeof exactlyOnce>) {
  const bad = [
    x.missing && `${x.missing} missing`,
    x.duplicated && `${x.duplicated} duplicated`,
    x.reordered && `${x.reordered} out of order`,
  ].filter(Boolean);
  return `${x.exact}/${x.of}${bad.length ? ` (${bad.join(", ")})` : ""}`;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "10000" },
      accounts: { type: "string", default: "1000" },
      comments: { type: "string", default: "20" },
      "vote-rate": { type: "string", default: "1000" },
      "vote-seconds": { type: "string", default: "10" },
      questions: { type: "string", default: "20" },
      storm: { type: "string", default: "2000" },
      "storm-comments": { type: "string", default: "40" },
      workers: { type: "string", default: "1" },
      "no-floor": { type: "boolean", default: false },
      only: { type: "string", default: "delivery,votes,storm" },
      "stale-sample": { type: "string", default: "500" },
      batch: { type: "string", default: "250" },
      "max-in-flight": { type: "string", default: "256" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(
      "tsx bench/events-live.ts [--clients 10000] [--accounts 1000] [--comments 20] [--vote-rate 1000] " +
        "[--vote-seconds 10] [--questions 20] [--storm 2000] [--storm-comments 40] [--workers 1] [--no-floor] " +
        "[--only delivery,votes,storm] [--stale-sample 500] [--batch 250] [--max-in-flight 256]",
    );
    process.exit(0);
  }
  const num = (k: keyof typeof values) => {
    const n = Number(values[k]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} must be a number ≥ 0`);
    return n;
  };
  const clients = num("clients");
  ensureOpenFiles(clients);
  await runEventsLive({
    clients,
    accounts: Math.max(1, num("accounts")),
    comments: num("comments"),
    voteRate: Math.max(1, num("vote-rate")),
    voteSeconds: num("vote-seconds"),
    questions: Math.max(1, num("questions")),
    stormClients: Math.min(num("storm"), clients),
    stormComments: Math.max(1, num("storm-comments")),
    workers: Math.max(1, num("workers")),
    floor: !values["no-floor"],
    only: new Set(values.only!.split(",").map((s) => s.trim())),
    staleSample: num("stale-sample"),
    batch: Math.max(1, num("batch")),
    maxInFlight: Math.max(1, num("max-in-flight")),
  });
  process.exit(0);
}
