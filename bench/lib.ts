// Shared helpers for the benchmarks: paths, dataset sizes, percentiles, a keep-alive HTTP load client on
// node:http (no extra dependencies), and starting / stopping servers by their real node PID.
// Every load loop here is bounded in both request count and time, and only ever targets 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, "..");
export const DATA_DIR = path.join(BENCH_DIR, ".data");
export const HOST = "127.0.0.1";

// ---------------------------------------------------------------------------------------------------------
// Dataset sizes
// ---------------------------------------------------------------------------------------------------------

export const SIZES: Record<string, number> = { "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };

export function parseSize(s: string): number {
  const key = s.trim().toLowerCase();
  if (SIZES[key]) return SIZES[key];
  const n = Number(key.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1000) throw new Error(`bad size "${s}" (use 10k, 100k, 1m or a number ≥ 1000)`);
  return n;
}

export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

export function parseSizes(list: string): number[] {
  return list
    .split(",")
    .filter((s) => s.trim())
    .map(parseSize);
}

/**
 * The feeds bench/feeds.ts measures; "home-quiet" is a Home feed of people who post little; "group-private" and
 * "group-public" are the feeds of the Home user's busiest private group and busiest public group.
 */
export type FeedName = "home" | "home-quiet" | "company" | "group-private" | "group-public" | "hashtag";
export const FEEDS: FeedName[] = ["home", "home-quiet", "company", "group-private", "group-public", "hashtag"];

/** A generated group, as recorded in the dataset's metadata. */
export type GroupMeta = {
  id: number;
  slug: string;
  visibility: "public" | "private" | "secret";
  members: number;
  posts: number;
  roots: number;
};

/** Metadata written by generate.ts next to each database. */
export type DatasetMeta = {
  version: string;
  posts: number;
  roots: number;
  replies: number;
  users: number;
  follows: number;
  hashtags: number;
  hashtagFollows: number;
  postHashtags: number;
  reactions: number;
  mentions: number;
  /** A typical user: ~30 people followed and a few hashtags, one of them popular. */
  homeUserId: number;
  /** A user with ~30 people followed who post little, and no hashtags: the Home feed's harder case. */
  quietHomeUserId: number;
  /** Users whose tokens the write benchmark uses. */
  writerUserIds: number[];
  /** The most used hashtag. */
  popularTag: string;
  popularTagPosts: number;
  groups: number;
  groupMembers: number;
  /** Posts (roots and replies) in private or secret groups, and in public groups. */
  closedGroupPosts: number;
  publicGroupPosts: number;
  hashtagCountRows: number;
  /** Questions (issue #9, since gen-7) by status, their answers and votes (on questions and answers), and how many
   *  are in the private group measured and carry the most used hashtag. */
  questions: {
    questions: number;
    unanswered: number;
    unresolved: number;
    answered: number;
    answers: number;
    votes: number;
    privateGroup: number;
    popularTag: number;
  };
  /** The Home user's groups. */
  homeGroups: GroupMeta[];
  /** The group feeds measured: the Home user's busiest private group and busiest public group. */
  privateGroup: GroupMeta;
  publicGroup: GroupMeta;
  generatedAt: string;
  generateSeconds: number;
  fileBytes: number;
};

/** A key that changes when the migrations or the generator change, so a cached database is never stale. */
export function datasetKey(generatorVersion: string): string {
  const dir = path.join(ROOT, "db/migrations");
  const h = crypto.createHash("sha256").update(generatorVersion);
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(name).update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest("hex").slice(0, 10);
}

export function datasetPaths(posts: number, key: string) {
  const base = path.join(DATA_DIR, `sori-${sizeLabel(posts).toLowerCase()}-${key}`);
  return { db: `${base}.db`, meta: `${base}.json` };
}

export function readMeta(file: string): DatasetMeta {
  return JSON.parse(fs.readFileSync(file, "utf8")) as DatasetMeta;
}

/** Copies a database to a scratch path, after checkpointing its WAL so the main file is the whole thing. */
export function copyDatabase(from: string, to: string) {
  const src = new Database(from);
  try {
    src.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    src.close();
  }
  removeDatabase(to);
  fs.copyFileSync(from, to);
}

export function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

// ---------------------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------------------

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export type Summary = { n: number; p50: number; p95: number; p99: number; mean: number; max: number };

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    mean,
    max: s.at(-1) ?? NaN,
  };
}

export const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) : "—");
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : "—");

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? "")].length)));
  const line = (r: string[]) => r.map((c, i) => c + " ".repeat(widths[i] - [...c].length)).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** A small deterministic PRNG (mulberry32) so datasets are reproducible. */
/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s via a precomputed CDF. */
export function zipf(n: number, s: number, rand: () => number) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cdf[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------
// HTTP client (keep-alive node:http)
// ---------------------------------------------------------------------------------------------------------

export type HttpResult = { status: number; body: string; ms: number; error?: string };

export function httpRequest(
  agent: http.Agent,
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<HttpResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body != null) headers["content-length"] = String(Buffer.byteLength(opts.body));
    const req = http.request(
      { host: HOST, port, method: opts.method ?? "GET", path: opts.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", (e) => resolve({ status: 0, body: "", ms: performance.now() - started, error: e.message }));
      },
    );
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, body: "", ms: performance.now() - started, error: e.message }));
    if (opts.body != null) req.write(opts.body);
    req.end();
  });
}

export function keepAliveAgent(maxSockets: number) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export type LoopResult = {
  requests: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
  errors: Map<string, number>;
};

/**
 * Runs `connections` closed loops (each sends its next request when the previous one answered, after an
 * optional think time) until `durationMs` passes or `maxRequests` have been sent in total.
 */
export async function closedLoop(opts: {
  port: number;
  connections: number;
  durationMs: number;
  maxRequests: number;
  thinkMs?: number;
  agent?: http.Agent;
  next: (
    worker: number,
    i: number,
  ) => { method?: string; path: string; headers?: Record<string, string>; body?: string };
  onResult?: (r: HttpResult, worker: number) => void;
  recordAfterMs?: number;
}): Promise<LoopResult> {
  const agent = opts.agent ?? keepAliveAgent(opts.connections);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const recordFrom = started + (opts.recordAfterMs ?? 0);
  let sent = 0;
  let recorded = 0;
  const worker = async (w: number) => {
    // Spread the first requests of think-time loops over one think period, like real readers would.
    if (opts.thinkMs) await sleep(Math.random() * opts.thinkMs);
    while (performance.now() < deadline && sent < opts.maxRequests) {
      const i = sent++;
      const r = await httpRequest(agent, opts.port, opts.next(w, i));
      if (performance.now() >= recordFrom) {
        recorded++;
        latencies.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.error) errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
        opts.onResult?.(r, w);
      }
      if (opts.thinkMs) await sleep(opts.thinkMs);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, w) => worker(w)));
  const seconds = (performance.now() - Math.max(started, recordFrom)) / 1000;
  if (!opts.agent) agent.destroy();
  return { requests: recorded, seconds, latencies, statuses, errors };
}

/** Opens `n` keep-alive connections on the agent (one request each) so a measurement starts with them open. */
export async function openConnections(
  agent: http.Agent,
  port: number,
  n: number,
  next: (i: number) => { method?: string; path: string; headers?: Record<string, string>; body?: string },
) {
  await Promise.all(Array.from({ length: n }, (_, i) => httpRequest(agent, port, next(i))));
}

export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));

export function statusText(statuses: Map<number, number>) {
  return [...statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s === 0 ? "net-error" : s}:${n}`)
    .join(" ");
}

// ---------------------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------------------

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type ServerHandle = {
  name: string;
  pid: number;
  port: number;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<void>;
};

const running = new Set<ServerHandle>();

/** Kills every server this process started (by PID), e.g. on Ctrl-C. */
export async function stopAllServers() {
  await Promise.all([...running].map((s) => s.stop()));
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    void stopAllServers().finally(() => process.exit(130));
  });
}

/** Starts `node --import tsx <script>` (the real node PID, no wrapper) and waits until `readyPath` answers. */
export async function startServer(opts: {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  readyPath: string;
  timeoutMs?: number;
  /**
   * Raise the server's open-files limit to this (`ulimit -n` in a shell that then execs node, so the PID is still
   * node's); where the hard limit is lower and cannot be raised, to the hard limit. Many SSE clients need it.
   */
  nofile?: number;
}): Promise<ServerHandle> {
  const port = Number(opts.env.PORT);
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server to <dir> when it stops.
  const prof = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`]
    : [];
  const argv = [...prof, "--import", "tsx", opts.script, ...(opts.args ?? [])];
  const [command, args] = opts.nofile
    ? [
        "/bin/sh",
        [
          "-c",
          `ulimit -n ${Math.floor(opts.nofile)} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`,
          process.execPath,
          ...argv,
        ],
      ]
    : [process.execPath, argv];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.length > 4_000_000) out = out.slice(-2_000_000);
  });
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
    if (err.length > 4_000_000) err = err.slice(-2_000_000);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const handle: ServerHandle = {
    name: opts.name,
    pid: child.pid!,
    port,
    child,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      running.delete(handle);
      if (child.exitCode != null || child.signalCode != null) return;
      process.kill(child.pid!, "SIGTERM");
      const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!killed && child.exitCode == null) {
        process.kill(child.pid!, "SIGKILL");
        await exited;
      }
    },
  };
  running.add(handle);
  const agent = keepAliveAgent(1);
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  try {
    while (true) {
      if (child.exitCode != null) throw new Error(`${opts.name} exited with code ${child.exitCode}:\n${err || out}`);
      const r = await httpRequest(agent, port, { path: opts.readyPath, timeoutMs: 2000 });
      if (r.status === 200) return handle;
      if (Date.now() > deadline) throw new Error(`${opts.name} did not become ready on port ${port}:\n${err || out}`);
      await sleep(200);
    }
  } catch (e) {
    await handle.stop();
    throw e;
  } finally {
    agent.destroy();
  }
}

/** Runs a bench helper script in its own process (own DATABASE_PATH, own getDb) and parses its JSON output. */
export function runHelper<T>(script: string, args: string[], env: Record<string, string>): T {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(BENCH_DIR, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines.at(-1)!) as T;
}

export function requireBuild() {
  const entry = path.join(ROOT, "build/server/index.js");
  if (!fs.existsSync(entry)) {
    console.error(
      "\n  bench: build/server/index.js is missing — run `npm run build` first (the benchmarks start the\n" +
        "  production server, NODE_ENV=production, from build/).\n",
    );
    process.exit(2);
  }
  const built = fs.statSync(entry).mtime;
  let newest = 0;
  let newestFile = "";
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const t = fs.statSync(p).mtimeMs;
        if (t > newest) [newest, newestFile] = [t, p];
      }
    }
  };
  for (const d of ["app", "db"]) if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  if (newest > built.getTime()) {
    console.warn(
      `  bench: warning — build/ (${built.toISOString()}) is older than ${path.relative(ROOT, newestFile)}; ` +
        "the HTTP figures measure the last build, the model figures the current source. Run `npm run build`.",
    );
  }
  return built;
}

/** The Sori server as `npm start` runs it, on a given database. */
export async function startSori(dbPath: string, extraEnv: Record<string, string> = {}, opts: { nofile?: number } = {}) {
  const port = await freePort();
  return startServer({
    name: "sori",
    script: "server.ts",
    nofile: opts.nofile,
    // Production requires APP_ORIGIN (issue #8.15); the load loops only target HOST.
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      APP_ORIGIN: `http://${HOST}:${port}`,
      DATABASE_PATH: dbPath,
      // One process: the targets are per process, and the CPU meter reads this one pid (a cluster's primary
      // would do almost nothing). Pass SORI_WORKERS in extraEnv to measure the cluster.
      SORI_WORKERS: "1",
      ...extraEnv,
    },
    readyPath: "/healthz",
  });
}

/** Whether this tree has the JSON API (app/api since issue #7; Remix routes `api.v1.*` before). */
export function apiRoutesPresent(): boolean {
  return (
    fs.existsSync(path.join(ROOT, "app/api/app.server.ts")) ||
    fs.readdirSync(path.join(ROOT, "app/routes")).some((f) => f.startsWith("api.v1."))
  );
}

export function machine() {
  const cpus = os.cpus();
  return `node ${process.version}, ${cpus.length} cores (${cpus[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

/** True when this module is the script node was started with (tsx bench/x.ts). */
export function isMain(metaUrl: string): boolean {
  return !!process.argv[1] && fileURLToPath(metaUrl) === path.resolve(process.argv[1]);
}

/** A process's open-files limit (soft and hard, "Max open files" in /proc/<pid>/limits); NaN where /proc is missing. */
export function openFilesLimit(pid: number | "self" = "self"): { soft: number; hard: number } {
  try {
    const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(fs.readFileSync(`/proc/${pid}/limits`, "utf8"));
    const n = (v: string | undefined) => (v === "unlimited" ? Infinity : Number(v));
    return { soft: n(m?.[1]), hard: n(m?.[2]) };
  } catch {
    return { soft: NaN, hard: NaN };
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc; NaN where /proc is missing. */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name; ticks are 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** The pids of a process and of its descendants (a cluster primary and its workers), from /proc. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, "utf8").trim();
      if (children) out.push(...children.split(/\s+/).map(Number));
    } catch {
      // Gone, or no /proc: what was found so far.
    }
  }
  return out;
}

/** CPU time (ms) used so far by a process and its descendants (every worker of a cluster). */
export function processTreeCpuMs(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + processCpuMs(p), 0);
}

/**
 * Measures the CPU share (1.0 = one full core) of a server — with all its workers — and of this load-client
 * process over a span. Workers that start or stop during the span are not expected (they are forked at start).
 */
export function cpuMeter(pid: number) {
  const t0 = performance.now();
  const s0 = processTreeCpuMs(pid);
  const c0 = process.cpuUsage();
  return () => {
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { server: (processTreeCpuMs(pid) - s0) / wall, client: (c.user + c.system) / 1000 / wall };
  };
}
