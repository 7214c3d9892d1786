// Fan-out of one company announcement (issue #11 §6): on a scratch copy of a generated dataset topped up to N
// people, an admin posts an announcement requiring acknowledgement; the notifications consumer writes one row per
// person in the audience. Prints the rows written, the time from the post's commit until the consumer has written
// them all (rows per second), the post's own cost, and Home's cost for a sample of people before and after (it must
// not change: notifications are their own table, and the pinned announcement is one indexed read), plus the
// pinned-announcements read and the author's "seen by" summary over everyone. A figure, not a test.
//
//   tsx bench/fanout.ts [--size 100k] [--people 10000] [--samples 100]
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDataset } from "./generate";
import { copyDatabase, DATA_DIR, isMain, machine, ms, parseSize, removeDatabase, runHelper, table } from "./lib";
import type { FanoutResult } from "./fanout-worker";

export async function runFanout({ size, people, samples }: { size: number; people: number; samples: number }) {
  const { db } = await ensureDataset(size);
  const scratch = path.join(DATA_DIR, `fanout-scratch-${process.pid}.db`);
  copyDatabase(db, scratch);
  try {
    return runHelper<FanoutResult>("fanout-worker.ts", ["--people", String(people), "--samples", String(samples)], {
      DATABASE_PATH: scratch,
    });
  } finally {
    removeDatabase(scratch);
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "100k" },
      people: { type: "string", default: "10000" },
      samples: { type: "string", default: "100" },
    },
  });
  const r = await runFanout({
    size: parseSize(values.size!),
    people: Number(values.people),
    samples: Number(values.samples),
  });
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  console.log(`\nFan-out of one company announcement — ${machine()}`);
  console.log(`${r.people.toLocaleString("en")} active people; dataset ${values.size} posts\n`);
  console.log(
    table(
      ["measure", "value"],
      [
        ["audience (everyone but the author)", r.audience.toLocaleString("en")],
        ["notification rows written", r.rows.toLocaleString("en")],
        ["publishing the post (transaction)", `${ms(r.publishMs)} ms`],
        ["commit → all rows written (consumer)", `${ms(r.drainMs)} ms`],
        ["rows per second", Math.round(r.rowsPerSecond).toLocaleString("en")],
        ["database growth", mb(r.dbBytesAfter - r.dbBytesBefore)],
        ["'seen by' summary over everyone", `${ms(r.ackSummaryMs)} ms`],
      ],
    ),
  );
  console.log("\nHome (first page, model call) for the sample, before and after; and the pinned announcements read:\n");
  console.log(
    table(
      ["", "n", "p50 ms", "p95 ms", "p99 ms"],
      [
        ["Home before", r.homeBefore.n, ms(r.homeBefore.p50), ms(r.homeBefore.p95), ms(r.homeBefore.p99)],
        ["Home after", r.homeAfter.n, ms(r.homeAfter.p50), ms(r.homeAfter.p95), ms(r.homeAfter.p99)],
        ["pinned announcements", r.pinned.n, ms(r.pinned.p50), ms(r.pinned.p95), ms(r.pinned.p99)],
      ],
    ),
  );
}
