// Throughput of GET /api/v1/feeds/company on Sori vs. the floor (bench/floor-server.ts: bare node:http +
// better-sqlite3, one hand-written query, same JSON) on the same data, with the same closed-loop load
// (default 32 keep-alive connections, 2 s warm-up + 10 s measured, pages 1–5 in turn). Prints requests/s of
// both and Sori/floor as a ratio. The load client shares the machine's 2 cores with the server under test.
//
//   tsx bench/floor.ts [--sizes 10k] [--connections 32] [--seconds 10]
import { parseArgs } from "node:util";
import {
  closedLoop,
  cpuMeter,
  freePort,
  httpRequest,
  isMain,
  keepAliveAgent,
  ms,
  ratio,
  requireBuild,
  sizeLabel,
  startServer,
  startSori,
  statusText,
  summarize,
  table,
  type ServerHandle,
  type Summary,
} from "./lib";
import { prepareDataset, tokenPool } from "./prepare";

export type FloorRow = {
  size: number;
  server: "sori" | "floor";
  rps: number;
  latency: Summary;
  statuses: string;
  /** CPU used while measuring, in cores: the server under test and this load client. */
  serverCpu: number;
  clientCpu: number;
};
export type FloorResult = { rows: FloorRow[]; sameJson: Record<number, string>; connections: number; seconds: number };

const normalise = (body: string) => {
  const json = JSON.parse(body) as { data: Record<string, unknown>[]; next_cursor: string | null };
  for (const p of json.data) {
    for (const k of ["hashtags", "mentions", "my_reactions"]) (p[k] as string[]).sort();
  }
  return JSON.stringify(json);
};

export async function runFloor({
  sizes,
  connections = 32,
  seconds = 10,
}: {
  sizes: number[];
  connections?: number;
  seconds?: number;
}): Promise<FloorResult> {
  requireBuild();
  const out: FloorResult = { rows: [], sameJson: {}, connections, seconds };
  for (const size of sizes) {
    const { db, auth } = await prepareDataset(size);
    const tokens = auth.readerTokens.map((t) => t.token);
    const cursors: (string | null)[] = [null];
    const bodies: Record<string, string> = {};
    for (const name of ["sori", "floor"] as const) {
      console.log(`\n[floor ${sizeLabel(size)}] ${name}: ${connections} connections, ${seconds} s…`);
      let server: ServerHandle;
      if (name === "sori") {
        server = await startSori(db);
      } else {
        const port = await freePort();
        server = await startServer({
          name: "floor",
          script: "bench/floor-server.ts",
          env: { PORT: String(port), DATABASE_PATH: db },
          readyPath: "/healthz",
        });
      }
      try {
        const agent = keepAliveAgent(connections);
        // Same token for the JSON comparison (my_reactions depends on the viewer).
        const first = await httpRequest(agent, server.port, {
          path: "/api/v1/feeds/company",
          headers: { authorization: `Bearer ${tokens[0]}` },
        });
        if (first.status !== 200) throw new Error(`${name}: HTTP ${first.status} ${first.body.slice(0, 300)}`);
        bodies[name] = normalise(first.body);
        if (name === "sori") {
          let next = (JSON.parse(first.body) as { next_cursor: string | null }).next_cursor;
          while (next && cursors.length < 5) {
            cursors.push(next);
            const r = await httpRequest(agent, server.port, {
              path: `/api/v1/feeds/company?cursor=${next}`,
              headers: { authorization: `Bearer ${tokens[1]}` },
            });
            next = (JSON.parse(r.body) as { next_cursor: string | null }).next_cursor;
          }
        }
        const token = tokenPool(tokens);
        let meter: (() => { server: number; client: number }) | null = null;
        setTimeout(() => (meter = cpuMeter(server.pid)), 2000);
        const r = await closedLoop({
          port: server.port,
          connections,
          agent,
          durationMs: (seconds + 2) * 1000,
          recordAfterMs: 2000,
          maxRequests: 2_000_000,
          next: (_w, i) => {
            const c = cursors[i % cursors.length];
            return {
              path: `/api/v1/feeds/company${c ? `?cursor=${c}` : ""}`,
              headers: { authorization: `Bearer ${token()}`, accept: "application/json" },
            };
          },
        });
        const cpu = (meter as (() => { server: number; client: number }) | null)?.() ?? { server: NaN, client: NaN };
        agent.destroy();
        out.rows.push({
          size,
          server: name,
          rps: r.requests / r.seconds,
          latency: summarize(r.latencies),
          statuses: statusText(r.statuses),
          serverCpu: cpu.server,
          clientCpu: cpu.client,
        });
      } finally {
        await server.stop();
      }
    }
    out.sameJson[size] = bodies.sori === bodies.floor ? "identical" : "DIFFERENT";
  }
  printFloor(out);
  return out;
}

export function floorRows(out: FloorResult): string[][] {
  return out.rows.map((r) => {
    const floor = out.rows.find((x) => x.size === r.size && x.server === "floor");
    return [
      sizeLabel(r.size),
      r.server === "sori" ? "Sori, 1 worker (node:http+Hono+drizzle)" : "floor (node:http+better-sqlite3)",
      r.rps.toFixed(0),
      ms(r.latency.p50),
      ms(r.latency.p99),
      r.server === "sori" && floor ? ratio(r.rps, floor.rps) : "1.00×",
      `${r.serverCpu.toFixed(2)} / ${r.clientCpu.toFixed(2)}`,
      r.statuses,
    ];
  });
}

function printFloor(out: FloorResult) {
  console.log(
    `\nGET /api/v1/feeds/company throughput, ${out.connections} connections, ${out.seconds} s (after 2 s warm-up)`,
  );
  console.log(
    table(["size", "server", "req/s", "p50 ms", "p99 ms", "of floor", "CPU srv/client", "statuses"], floorRows(out)),
  );
  for (const [size, same] of Object.entries(out.sameJson))
    console.log(`  ${sizeLabel(Number(size))}: page-1 JSON of both servers ${same}`);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10k" },
      connections: { type: "string", default: "32" },
      seconds: { type: "string", default: "10" },
    },
  });
  const { parseSizes, stopAllServers } = await import("./lib");
  try {
    await runFloor({
      sizes: parseSizes(values.sizes!),
      connections: Number(values.connections),
      seconds: Number(values.seconds),
    });
  } finally {
    await stopAllServers();
  }
}
