// Runs Sori's benchmarks and prints their figures (they are not tests: nothing here passes or fails).
//
//   npm run bench                                   everything at 10k and 1M posts
//   npm run bench -- --only feeds --sizes 10k       one benchmark, one size
//   npm run bench -- --only floor,writes --seconds 10
//   npm run bench -- --only questions               question lists and similar questions (issue #9)
//
// Needs `npm run build` first (the benchmarks start the production server from build/). Datasets are
// generated once into bench/.data/ and reused. Only 127.0.0.1 is targeted; every server started here is
// stopped by its PID at the end, also on Ctrl-C.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runExplain, type ExplainResult } from "./explain";
import { runFeeds, ratioRows, type FeedsResult } from "./feeds";
import { runFloor, floorRows, type FloorResult } from "./floor";
import { DATA_DIR, machine, parseSize, parseSizes, requireBuild, sizeLabel, stopAllServers, table } from "./lib";
import {
  questionRatioRows,
  runQuestions,
  SIMILAR_TARGET_P95_MS,
  SIMILAR_TITLES,
  similarRows,
  type QuestionsResult,
} from "./questions";
import { runWrites, writesRows, type WritesResult } from "./writes";

const { values } = parseArgs({
  options: {
    only: { type: "string", default: "feeds,explain,floor,writes,questions" },
    sizes: { type: "string", default: "10k,1m" },
    "floor-sizes": { type: "string" },
    "writes-size": { type: "string", default: "10k" },
    n: { type: "string", default: "300" },
    seconds: { type: "string", default: "15" },
    connections: { type: "string", default: "32" },
    writers: { type: "string", default: "32" },
    readers: { type: "string", default: "200" },
    "similar-rounds": { type: "string", default: "20" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(`npm run bench -- [--only feeds,explain,floor,writes,questions] [--sizes 10k,1m] [--floor-sizes 10k]
                  [--writes-size 10k] [--n 300] [--seconds 15] [--connections 32] [--writers 32] [--readers 200]
                  [--similar-rounds 20]`);
  process.exit(0);
}

const only = new Set(values.only!.split(",").map((s) => s.trim()));
for (const name of only) {
  if (!["feeds", "explain", "floor", "writes", "questions"].includes(name)) {
    console.error(`unknown benchmark "${name}" (feeds, explain, floor, writes, questions)`);
    process.exit(2);
  }
}
const sizes = parseSizes(values.sizes!);
const floorSizes = values["floor-sizes"] ? parseSizes(values["floor-sizes"]) : sizes;
const builtAt = requireBuild();
const started = Date.now();

console.log(`Sori benchmarks — ${new Date().toISOString()}`);
console.log(
  `  ${machine()}; load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} (other work on the machine skews figures)`,
);
console.log(`  build/ from ${builtAt.toISOString()}`);

const results: {
  feeds?: FeedsResult;
  explain?: ExplainResult;
  floor?: FloorResult;
  writes?: WritesResult;
  questions?: QuestionsResult;
} = {};
try {
  if (only.has("feeds")) results.feeds = await runFeeds({ sizes, n: Number(values.n) });
  if (only.has("explain")) results.explain = await runExplain({ sizes });
  if (only.has("floor")) {
    results.floor = await runFloor({
      sizes: floorSizes,
      connections: Number(values.connections),
      seconds: Math.min(Number(values.seconds), 10),
    });
  }
  if (only.has("writes")) {
    results.writes = await runWrites({
      size: parseSize(values["writes-size"]!),
      seconds: Number(values.seconds),
      writers: Number(values.writers),
      readers: Number(values.readers),
    });
  }
  if (only.has("questions")) {
    results.questions = await runQuestions({
      sizes,
      n: Number(values.n),
      similarRounds: Number(values["similar-rounds"]),
    });
  }
} finally {
  await stopAllServers();
}

// ---- Summary ----------------------------------------------------------------------------------------------
console.log(`\n================ Summary (${((Date.now() - started) / 1000).toFixed(0)} s) ================`);
if (results.feeds) {
  const f = results.feeds;
  const rows: string[][] = [];
  for (const size of f.sizes) {
    for (const [feed, byVia] of Object.entries(f.results[size])) {
      for (const via of ["api", "page"] as const) {
        const x = byVia[via];
        rows.push([
          sizeLabel(size),
          feed,
          via,
          `${x.first.p50.toFixed(1)} / ${x.first.p95.toFixed(1)}`,
          `${x.deep.p50.toFixed(1)} / ${x.deep.p95.toFixed(1)}`,
        ]);
      }
    }
  }
  console.log("\nFeeds, sequential requests (ms p50 / p95):");
  console.log(table(["size", "feed", "via", "page 1", "pages 2-5"], rows));
  const r = ratioRows(f);
  if (r.length) {
    console.log(`\nFeeds ${sizeLabel(Math.max(...f.sizes))} / ${sizeLabel(Math.min(...f.sizes))} (target ≤ 1.3×):`);
    console.log(table(["feed", "via", "p1 p50", "p1 p95", "p2-5 p50", "p2-5 p95", "target"], r));
  }
  if (f.errors.length) console.log(`  feed errors: ${f.errors.length} (see above)`);
}
if (results.explain?.flagged.length) {
  console.log(`\nSQL statements whose own time grows with data size (bench/explain.ts prints their plans):`);
  for (const f of results.explain.flagged) console.log(`  - ${f}`);
}
if (results.floor) {
  console.log(
    `\nGET /api/v1/feeds/company vs the bare node:http + better-sqlite3 floor (${results.floor.connections} connections):`,
  );
  console.log(
    table(
      ["size", "server", "req/s", "p50 ms", "p99 ms", "of floor", "CPU srv/client", "statuses"],
      floorRows(results.floor),
    ),
  );
}
if (results.writes) {
  console.log(
    `\nPOST /api/v1/posts at ${sizeLabel(results.writes.size)} (target ≥ 1,000/s with 200 readers, 0 SQLITE_BUSY):`,
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
        "statuses",
      ],
      writesRows(results.writes),
    ),
  );
  console.log(
    `  SQLITE_BUSY in server stderr: ${results.writes.busyInStderr}; acknowledged ${results.writes.created}, in database ${results.writes.inDatabase}`,
  );
}

if (results.questions) {
  const q = results.questions;
  const r = questionRatioRows(q);
  if (r.length) {
    console.log(
      `\nQuestion lists ${sizeLabel(Math.max(...q.sizes))} / ${sizeLabel(Math.min(...q.sizes))} (target p50 ≤ 1.3×):`,
    );
    console.log(table(["case", "via", "p1 p50", "p1 p95", "p2-5 p50", "target"], r));
  }
  const kinds = [...new Set(SIMILAR_TITLES.map((t) => t.kind))];
  console.log(`\nSimilar questions (ms; target p95 ≤ ${SIMILAR_TARGET_P95_MS} ms at 1M, via the API):`);
  console.log(table(["size", "via", "p50 / p95", ...kinds.map((k) => `${k} p95`), "target"], similarRows(q)));
  if (q.errors.length) console.log(`  question errors: ${q.errors.length} (see above)`);
}

fs.mkdirSync(DATA_DIR, { recursive: true });
const file = path.join(DATA_DIR, `results-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(file, JSON.stringify({ machine: machine(), loadavg: os.loadavg(), ...results }, null, 2));
console.log(`\nraw figures: ${path.relative(process.cwd(), file)}`);
