// Every core in use (issue #7, docs/decisions/0003-every-core.md): `npm start` with SORI_WORKERS > 1.
//
//   primary (server.ts) ── migrations, once ── RateLimiterClusterMaster: the counts of every sharedLimiter
//                       └─ relays broadcasts between workers (the realtime bus's nudges, app/realtime/bus.server.ts)
//     ├── worker ── the whole server (the rest of server.ts) on the shared port ──┐
//     ├── worker ── …                                                           ├── one SQLite file (WAL)
//     └── …        a worker that dies is forked again, after a backoff ─────────┘
//   SIGTERM/SIGINT → every worker stops accepting, finishes its requests, stops its background work, closes the
//   database and exits; then the primary exits.
//
// The primary serves nothing: it accepts connections and hands them to the workers in turn (node:cluster's
// round-robin), and answers the workers' rate-limit questions. A worker runs exactly what a single process runs.
import cluster, { type Worker } from "node:cluster";
import type { Server } from "node:http";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";

/** A worker's IPC message whose `type` starts with this is forwarded by the primary to every other worker. */
export const BROADCAST_PREFIX = "sori:broadcast:";
const CRASH_WINDOW_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long a serving process lets its requests in flight run after SIGTERM (long-lived streams are then cut). */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Runs this process as the cluster's primary: `prepare`s, forks `workers` copies of this same script (which serve,
 * being workers) and keeps that many running until SIGTERM/SIGINT, then stops them gracefully and exits. Never
 * resolves.
 */
export async function runPrimary({
  workers,
  prepare,
  restartDelayMs = 1_000,
  stopTimeoutMs = DRAIN_TIMEOUT_MS + 5_000,
}: {
  workers: number;
  /** Runs once before any worker starts: migrations, which workers must not race. */
  prepare?: () => void | Promise<void>;
  /** Delay before replacing a crashed worker; doubled for each further crash within a minute, at most 30 s. */
  restartDelayMs?: number;
  /** How long the workers get to stop (their drain, then their background work) before they are killed. */
  stopTimeoutMs?: number;
}): Promise<never> {
  await prepare?.();
  // Before any worker exists: workers register their limiters with it as they start.
  new RateLimiterClusterMaster();
  // A worker's broadcast goes to every other worker: the realtime bus's "new events up to N"
  // (docs/decisions/0005-realtime.md).
  cluster.on("message", (from: Worker, message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== "string" || !type.startsWith(BROADCAST_PREFIX)) return;
    for (const worker of alive()) if (worker !== from && worker.isConnected()) worker.send(message as object);
  });

  let stopping = false;
  let exitCode = 0;
  let started = false;
  let listening = 0;
  const crashes: number[] = [];
  const restarts = new Set<NodeJS.Timeout>();
  // A worker is marked dead before its exit event but may stay in cluster.workers until its channel closes.
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  const fork = () =>
    cluster.fork().once("listening", (address) => {
      if (!started && ++listening === workers) {
        started = true;
        console.log(`Sori listening on http://localhost:${address.port} (${workers} workers)`);
      }
    });

  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) {
      if (alive().length === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    // A worker that cannot start (port taken, broken build) would fail again at once: stop instead of looping.
    if (!started) {
      console.error(`Sori: worker ${worker.process.pid} exited with ${how} before the server started; stopping.`);
      stop(1);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
    const delay = Math.min(MAX_RESTART_DELAY_MS, restartDelayMs * 2 ** (crashes.length - 1));
    console.warn(`Sori: worker ${worker.process.pid} exited with ${how}; starting a new one in ${delay} ms.`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      fork();
    }, delay);
    restarts.add(timer);
  });

  function stop(code: number) {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const timer of restarts) clearTimeout(timer);
    if (alive().length === 0) process.exit(exitCode);
    // Each worker drains its requests (shutDownGracefully); one that takes too long is killed.
    for (const worker of alive()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      console.warn("Sori: workers did not stop in time; killing them.");
      for (const worker of alive()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, stopTimeoutMs).unref();
  }
  // Ctrl-C signals the workers too; a worker stops once whichever signal comes first.
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));

  for (let i = 0; i < workers; i++) fork();
  return new Promise<never>(() => {});
}

/**
 * Graceful shutdown of a serving process — a worker, or the one process of SORI_WORKERS=1 and development. On
 * SIGTERM/SIGINT (or, in a worker, when the primary is gone): stops accepting connections, lets the requests in
 * flight finish — for at most `timeoutMs`, then what is left (long-lived streams) is closed — runs `stop`
 * (background work, the database) and exits.
 */
export function shutDownGracefully(
  server: Server,
  { stop, timeoutMs = DRAIN_TIMEOUT_MS }: { stop: () => void | Promise<void>; timeoutMs?: number },
) {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // A request that still arrives on an open keep-alive connection is answered, and its connection then closed.
    server.prependListener("request", (_req, res) => res.setHeader("Connection", "close"));
    const closed = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
    // A connection whose request has been answered is idle: close it as soon as it is.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      closed,
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    clearInterval(idle);
    if (!drained) server.closeAllConnections();
    try {
      await stop();
    } catch (error) {
      console.warn("Sori: shutdown:", error instanceof Error ? error.message : error);
    }
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // The primary is gone (killed without stopping its workers): nobody hands this worker connections any more.
  if (cluster.isWorker) process.on("disconnect", shutdown);
}
