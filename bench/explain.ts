// Which SQL statement of which feed grows with data size: runs each feed (Viewer, lookup and page, as the API
// route does) once per dataset while recording its statements (bench/explain-worker.ts), then prints every
// statement's own time at each size, the ratio, and the EXPLAIN QUERY PLAN at the largest size. Statements over
// the 1.3× target (and above 0.25 ms) are flagged.
//
//   tsx bench/explain.ts [--sizes 10k,1m] [--all]     (--all prints the plans of the flat statements too)
import { parseArgs } from "node:util";
import type { ExplainOutput } from "./explain-worker";
import { ensureDataset } from "./generate";
import { FEEDS, isMain, ms, parseSizes, runHelper, sizeLabel } from "./lib";

export type ExplainResult = { sizes: number[]; bySize: Record<number, ExplainOutput>; flagged: string[] };

export async function runExplain({ sizes, all = false }: { sizes: number[]; all?: boolean }): Promise<ExplainResult> {
  const bySize: Record<number, ExplainOutput> = {};
  for (const size of sizes) {
    const { db, meta } = await ensureDataset(size, { quiet: true });
    bySize[size] = runHelper<ExplainOutput>(
      "explain-worker.ts",
      [
        "--home-user",
        String(meta.homeUserId),
        "--quiet-user",
        String(meta.quietHomeUserId),
        "--tag",
        meta.popularTag,
        "--private-group",
        meta.privateGroup.slug,
        "--public-group",
        meta.publicGroup.slug,
      ],
      { DATABASE_PATH: db },
    );
  }
  const sorted = [...sizes].sort((a, b) => a - b);
  const [lo, hi] = [sorted[0], sorted.at(-1)!];
  const flagged: string[] = [];
  console.log(
    `\nSQL per feed model call, ${sorted.map(sizeLabel).join(" vs ")} (ms per statement; plan at ${sizeLabel(hi)})`,
  );
  for (const feed of FEEDS) {
    console.log(`\n  ${feed}:`);
    bySize[hi][feed].forEach((st, i) => {
      const small = bySize[lo][feed][i];
      const r = small && Number.isFinite(st.ms) ? st.ms / small.ms : NaN;
      const grows = sorted.length > 1 && r > 1.3 && st.ms > 0.25; // below 0.25 ms it is noise
      if (grows) flagged.push(`${feed}: ${st.sql.slice(0, 160)}… ${ms(small.ms)} → ${ms(st.ms)} ms`);
      const times = sorted.map((s) => `${ms(bySize[s][feed][i]?.ms ?? NaN)}`).join(" → ");
      console.log(
        `   ${grows ? "GROWS" : "     "} ${times} ms${sorted.length > 1 ? ` (${Number.isFinite(r) ? r.toFixed(1) : "—"}×)` : ""}  ${st.sql.slice(0, 150)}${st.sql.length > 150 ? "…" : ""}`,
      );
      if (grows || all) for (const line of st.plan) console.log(`           | ${line}`);
    });
  }
  if (flagged.length) console.log(`\n${flagged.length} statement(s) grow with data size (see GROWS above).`);
  else console.log("\nNo statement grows more than 1.3× between sizes.");
  return { sizes, bySize, flagged };
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { sizes: { type: "string", default: "10k,1m" }, all: { type: "boolean", default: false } },
  });
  await runExplain({ sizes: parseSizes(values.sizes!), all: values.all });
}
