// Posts created per second over HTTP (POST /api/v1/posts) while 200 readers load feeds, against the built Sori
// server on a scratch copy of a dataset. Three phases, each bounded in time and count:
//   1. writers alone (baseline);
//   2. 200 closed-loop readers (each sends its next GET as soon as the last one answered: a saturated server);
//   3. 200 paced readers (each one GET per second: 200 people actively refreshing).
// Prints posts/s, writer and reader p50/p95/p99, every non-201/200 status, and SQLITE_BUSY counts (response
// bodies and server stderr); then checks that every 201 is in the database after the server stopped.
// Target: ≥ 1,000 posts/s with 200 concurrent readers and zero SQLITE_BUSY.
//
//   tsx bench/writes.ts [--size 10k] [--seconds 15] [--writers 32] [--readers 200] [--workers 1]
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import {
  closedLoop,
  copyDatabase,
  cpuMeter,
  DATA_DIR,
  isMain,
  keepAliveAgent,
  ms,
  openConnections,
  removeDatabase,
  requireBuild,
  sizeLabel,
  startSori,
  statusText,
  summarize,
  table,
  type HttpResult,
  type LoopResult,
  type Summary,
} from "./lib";
import { prepareDataset, tokenPool } from "./prepare";

export const WRITES_TARGET = 1000;

export type WritePhase = {
  name: string;
  readers: number;
  readerThinkMs: number | null;
  seconds: number;
  postsPerSecond: number;
  writeLatency: Summary;
  writeStatuses: string;
  readsPerSecond: number;
  readLatency: Summary | null;
  readStatuses: string;
  busyInBodies: number;
  fiveHundreds: number;
  /** CPU used during the phase, in cores (1.0 = one core busy): the server, and this load client. */
  serverCpu: number;
  clientCpu: number;
};
export type WritesResult = {
  size: number;
  writers: number;
  workers: number;
  phases: WritePhase[];
  busyInStderr: number;
  created: number;
  inDatabase: number;
};

const TAGS = ["회의", "release", "공지", "design", "배포", "kudos", "데이터", "til", "보안", "roadmap"];
const BODIES = [
  "오늘 **배포**가 끝났습니다. 확인 부탁드립니다",
  "Shipped the new *onboarding* flow — feedback welcome",
  "주간 회의록 공유합니다: [문서](https://intranet.example.com/docs/weekly)",
  "Quick question: who owns the `billing` dashboard?",
  "- 일정 확정\n- 담당자 배정\n- 다음 주 데모",
];

export async function runWrites({
  size = 10_000,
  seconds = 15,
  writers = 32,
  readers = 200,
  workers = 1,
}: {
  size?: number;
  seconds?: number;
  writers?: number;
  readers?: number;
  /** SORI_WORKERS of the server: 1 measures one process, more the cluster of `npm start`. */
  workers?: number;
} = {}): Promise<WritesResult> {
  requireBuild();
  const { db, meta, auth } = await prepareDataset(size);
  const scratch = path.join(DATA_DIR, `scratch-writes-${process.pid}.db`);
  copyDatabase(db, scratch);
  const before = countPosts(scratch);
  console.log(`\n[writes ${sizeLabel(size)}] starting Sori on a scratch copy (${scratch})…`);
  const server = await startSori(scratch, { SORI_WORKERS: String(workers) });
  const out: WritesResult = { size, writers, workers, phases: [], busyInStderr: 0, created: 0, inDatabase: 0 };
  try {
    const writerToken = tokenPool(auth.writerTokens.map((t) => t.token));
    const readerToken = tokenPool(auth.readerTokens.map((t) => t.token));
    const popular = encodeURIComponent(meta.popularTag);
    let seq = 0;
    const writeRequest = () => {
      const n = seq++;
      const body = `${BODIES[n % BODIES.length]} (#${n}) #${TAGS[n % TAGS.length]} #${TAGS[(n * 7 + 3) % TAGS.length]}`;
      return {
        method: "POST",
        path: "/api/v1/posts",
        headers: {
          authorization: `Bearer ${writerToken()}`,
          "content-type": "application/json",
          accept: "application/json",
        },
        body: JSON.stringify({ body }),
      };
    };
    const readPaths = [
      "/api/v1/feeds/company",
      "/api/v1/feeds/home",
      "/api/v1/feeds/company",
      "/api/v1/feeds/home",
      `/api/v1/hashtags/${popular}/posts`,
    ];
    const readRequest = (_w: number, i: number) => ({
      path: readPaths[i % readPaths.length],
      headers: { authorization: `Bearer ${readerToken()}`, accept: "application/json" },
    });

    const phase = async (name: string, nReaders: number, thinkMs: number | null, secs: number) => {
      console.log(`[writes ${sizeLabel(size)}] ${name}: ${writers} writers, ${nReaders} readers, ${secs} s…`);
      let busyInBodies = 0;
      let fiveHundreds = 0;
      const watch = (r: HttpResult) => {
        if (r.status >= 500) fiveHundreds++;
        if (r.body.includes("SQLITE_BUSY")) busyInBodies++;
      };
      const durationMs = secs * 1000;
      const writerAgent = keepAliveAgent(writers);
      const readerAgent = keepAliveAgent(Math.max(1, nReaders));
      // Connect everyone first: this measures steady state, not 200 handshakes racing a saturated server
      // (new connections wait seconds to be served while the writers keep the event loop busy).
      await openConnections(readerAgent, server.port, nReaders, (i) => readRequest(i, i));
      await openConnections(writerAgent, server.port, writers, () => ({ path: "/healthz" }));
      const meter = cpuMeter(server.pid);
      const [w, r] = await Promise.all([
        closedLoop({
          port: server.port,
          connections: writers,
          agent: writerAgent,
          durationMs,
          maxRequests: 200_000,
          next: writeRequest,
          onResult: watch,
        }),
        nReaders
          ? closedLoop({
              port: server.port,
              connections: nReaders,
              agent: readerAgent,
              durationMs,
              maxRequests: 500_000,
              thinkMs: thinkMs ?? undefined,
              next: readRequest,
              onResult: watch,
            })
          : Promise.resolve(null as LoopResult | null),
      ]);
      const cpu = meter();
      writerAgent.destroy();
      readerAgent.destroy();
      const created = w.statuses.get(201) ?? 0;
      out.created += created;
      const p: WritePhase = {
        name,
        readers: nReaders,
        readerThinkMs: thinkMs,
        seconds: w.seconds,
        postsPerSecond: created / w.seconds,
        writeLatency: summarize(w.latencies),
        writeStatuses: statusText(w.statuses),
        readsPerSecond: r ? r.requests / r.seconds : 0,
        readLatency: r ? summarize(r.latencies) : null,
        readStatuses: r ? statusText(r.statuses) : "",
        busyInBodies,
        fiveHundreds,
        serverCpu: cpu.server,
        clientCpu: cpu.client,
      };
      out.phases.push(p);
      return p;
    };

    await phase("writers only", 0, null, Math.min(5, seconds));
    await phase("200 closed-loop readers", readers, null, seconds);
    await phase("200 readers at 1 req/s", readers, 1000, seconds);
    out.busyInStderr = (server.stderr().match(/SQLITE_BUSY/g) ?? []).length;
  } finally {
    await server.stop();
  }
  out.inDatabase = countPosts(scratch) - before;
  removeDatabase(scratch);
  printWrites(out);
  return out;
}

function countPosts(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from posts").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export function writesRows(out: WritesResult): string[][] {
  return out.phases.map((p) => [
    p.name,
    p.postsPerSecond.toFixed(0),
    `${ms(p.writeLatency.p50)} / ${ms(p.writeLatency.p95)} / ${ms(p.writeLatency.p99)}`,
    p.readers ? p.readsPerSecond.toFixed(0) : "—",
    p.readLatency ? `${ms(p.readLatency.p50)} / ${ms(p.readLatency.p95)} / ${ms(p.readLatency.p99)}` : "—",
    String(p.busyInBodies),
    String(p.fiveHundreds),
    `${p.serverCpu.toFixed(2)} / ${p.clientCpu.toFixed(2)}`,
    [p.writeStatuses, p.readStatuses].filter(Boolean).join(" | "),
  ]);
}

function printWrites(out: WritesResult) {
  console.log(
    `\nPOST /api/v1/posts at ${sizeLabel(out.size)} posts, ${out.writers} writer connections, ${out.workers} server worker(s) (target ≥ ${WRITES_TARGET}/s with 200 readers, p99 ≤ 100 ms, 0 SQLITE_BUSY; saturated ≥ 30% of writers-only)`,
  );
  console.log(
    table(
      [
        "phase",
        "posts/s",
        "write p50/p95/p99 ms",
        "reads/s",
        "read p50/p95/p99 ms",
        "BUSY",
        "5xx",
        "CPU srv/client",
        "statuses (writes | reads)",
      ],
      writesRows(out),
    ),
  );
  console.log(`  SQLITE_BUSY in server stderr: ${out.busyInStderr}`);
  console.log(
    `  durability: ${out.created} posts acknowledged (201), ${out.inDatabase} new rows in the database after stop`,
  );
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "10k" },
      seconds: { type: "string", default: "15" },
      writers: { type: "string", default: "32" },
      readers: { type: "string", default: "200" },
      workers: { type: "string", default: "1" },
    },
  });
  const { parseSize, stopAllServers } = await import("./lib");
  try {
    await runWrites({
      size: parseSize(values.size!),
      seconds: Number(values.seconds),
      writers: Number(values.writers),
      readers: Number(values.readers),
      workers: Number(values.workers),
    });
  } finally {
    await stopAllServers();
  }
}
