// Relevance benchmark (issue #13): prints figures, it is not a test — nothing here passes or fails.
//
//   npm run bench:relevance [-- --as jieun.lee] [--misses all|none] [--engine embedded|meilisearch|both]
//
// Seeds the demo company (db/seed.ts, the story `npm run demo` tells) into a temporary database built from the real
// migrations, indexes it through the real path (reindexAll) with the embedded engine — and Meilisearch too when
// MEILISEARCH_URL is set — and runs every query of bench/relevance-set.ts as a demo user (jieun.lee@sori.demo by
// default: a member, in 인사팀 and 경영진, neither in Project Aurora nor in the partner group), through the same use
// cases as the results page and the API (searchContent, first 10) or the header suggestions (suggest).
//
// For each query, R is what a person expects (the set's handles, names, slugs, or the seeded posts this user may
// see whose title + body (+ a question's best answer) match the set's rule):
//   precision@5 = expected among the first 5 shown / how many of the first 5 are shown — what is on screen is
//                 right; an empty answer scores 0 when something was expected, 1 when nothing was;
//   recall@10   = expected among the first 10 / min(|R|, 10) — a perfect engine scores 1 even when R is larger
//                 (suggestions: / min(|R|, what the box shows of that type: 5 people or hashtags, 3 groups or posts)).
// It prints both overall and per category, then every query that misses (precision or recall below 1) with what
// came first and what was expected but not found. Raw figures go to bench/.data/relevance-*.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase } from "#app/infra/db.server";
import { resetRegistry } from "#app/infra/registry.server";
import { DATA_DIR, isMain, removeDatabase, table } from "./lib";
import { RELEVANCE_CATEGORIES, RELEVANCE_SET, type RelevanceQuery } from "./relevance-set";

export type QueryScore = {
  q: string;
  type: RelevanceQuery["type"];
  via: RelevanceQuery["via"];
  category: string;
  row?: string;
  expected: number;
  precision5: number;
  recall10: number;
  /** The first results as names (handles, tags, slugs, or post excerpts), relevant ones marked ✓. */
  top: string[];
  /** Expected but not among the first 10 (up to 5 shown). */
  missing: string[];
  ms: number;
};

export type EngineScores = {
  engine: string;
  viewer: string;
  scores: QueryScore[];
  overall: { n: number; precision5: number; recall10: number };
  byCategory: { category: string; n: number; precision5: number; recall10: number }[];
};

/** How many of each type suggest() shows (app/models/search/search.server.ts). */
const SUGGESTION_SLOTS: Record<RelevanceQuery["type"], number> = {
  people: 5,
  hashtags: 5,
  groups: 3,
  posts: 3,
  questions: 3,
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const excerpt = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 48);

/** Seeds a fresh demo database at `file` and points this process at it. */
async function seedDemo(file: string) {
  removeDatabase(file);
  const db = openDatabase(file);
  migrateDatabase(db);
  db.$client.close();
  process.env.DATABASE_PATH = file;
  resetRegistry();
  if (process.env.MEILISEARCH_URL) {
    // Indexes of its own on the instance MEILISEARCH_URL names, never the app's (sori_*): registered before anything
    // asks the registry for the process's engine, so the seed, searchContent and suggest all use it.
    const { singleton } = await import("#app/infra/registry.server");
    const { MeilisearchEngine } = await import("#search/meilisearch");
    singleton(
      "search.engine",
      () =>
        new MeilisearchEngine({
          url: process.env.MEILISEARCH_URL!,
          apiKey: process.env.MEILISEARCH_API_KEY,
          indexPrefix: "sori_bench_relevance_",
        }),
    );
  }
  const { seedDemoCompany } = await import("#db/seed");
  const t = performance.now();
  await seedDemoCompany({ ifEmpty: false, log: () => {} });
  return (performance.now() - t) / 1000;
}

async function scoreEngine(engineName: "embedded" | "meilisearch", handle: string): Promise<EngineScores> {
  const { reindexAll } = await import("#app/events/consumers/search-worker.server");
  const { searchContent, suggest } = await import("#app/models/search/search.server");
  const { getViewerById } = await import("#app/access/viewer.server");
  const { hydratePosts } = await import("#app/models/posts/read-model.server");
  const { rawStatement } = await import("#app/infra/db.server");

  const { getSearchEngine } = await import("#app/models/search/engine.server");
  const engine = getSearchEngine();
  if (engine.name !== (engineName === "embedded" ? "sqlite-fts" : "meilisearch")) {
    throw new Error(`relevance: expected the ${engineName} engine, the process has ${engine.name}`);
  }
  // A Meilisearch index of a previous run may hold documents this seed does not: start empty.
  if (engineName === "meilisearch") await engine.reset();
  await reindexAll({ batchSize: 500, engine });
  const userId = rawStatement(`select id from users where handle = @handle`).pluck().get({ handle }) as
    number | undefined;
  const viewer = userId == null ? null : getViewerById(userId);
  if (!viewer) throw new Error(`relevance: no active user @${handle} in the demo company`);

  // Every seeded post this person may see, with the text a reader judges it by: a question's title, its body and
  // its best answer (a question answered "we will hire two…" is about hiring).
  const allPosts = rawStatement(
    `select p.id, p.kind, coalesce(p.title, '') || char(10) || p.body || char(10) || coalesce(a.body, '') as text
       from posts p left join posts a on a.id = p.accepted_answer_id order by p.id`,
  ).all() as { id: number; kind: string; text: string }[];
  const visible = new Set(
    hydratePosts(
      allPosts.map((p) => p.id),
      viewer,
    ).map((p) => p.id),
  );
  const posts = allPosts.filter((p) => visible.has(p.id));
  const textOf = new Map(posts.map((p) => [p.id, p.text]));

  const scores: QueryScore[] = [];
  for (const x of RELEVANCE_SET) {
    // What the person expects, as keys comparable with the results.
    const expected: Set<string> =
      x.expect instanceof RegExp
        ? new Set(
            posts
              .filter((p) => (x.type !== "questions" || p.kind === "question") && (x.expect as RegExp).test(p.text))
              .map((p) => String(p.id)),
          )
        : new Set(x.expect);

    const t = performance.now();
    let keys: string[];
    if (x.via === "suggest") {
      const s = await suggest({ viewer, q: x.q });
      keys =
        x.type === "people"
          ? s.people.map((p) => p.handle)
          : x.type === "hashtags"
            ? s.hashtags.map((h) => h.name)
            : x.type === "groups"
              ? s.groups.map((g) => g.slug)
              : s.posts.map((p) => String(p.post.id));
    } else {
      const page = await searchContent({ viewer, q: x.q, type: x.type, limit: 10 }).catch((e: unknown) => {
        // A query the engine refuses (400) finds nothing; anything else is the benchmark's problem.
        if (e instanceof Error && "status" in e && (e as { status: number }).status === 400) return null;
        throw e;
      });
      keys =
        page == null
          ? []
          : page.type === "people"
            ? page.results.map((p) => p.handle)
            : page.type === "hashtags"
              ? page.results.map((h) => h.name)
              : page.type === "groups"
                ? page.results.map((g) => g.slug)
                : page.results.map((p) => String(p.post.id));
    }
    const ms = performance.now() - t;

    const top5 = keys.slice(0, 5);
    const top10 = keys.slice(0, 10);
    const hits5 = top5.filter((k) => expected.has(k)).length;
    const hits10 = top10.filter((k) => expected.has(k)).length;
    const precision5 = top5.length === 0 ? (expected.size === 0 ? 1 : 0) : hits5 / top5.length;
    // The header box shows at most SUGGESTION_SLOTS of a type: a full box of expected ones is all it can recall.
    const slots = x.via === "suggest" ? SUGGESTION_SLOTS[x.type] : 10;
    const recall10 = expected.size === 0 ? 1 : hits10 / Math.min(expected.size, slots);
    const name = (k: string) => (x.expect instanceof RegExp ? `${k}:${excerpt(textOf.get(Number(k)) ?? "?")}` : k);
    scores.push({
      q: x.q,
      type: x.type,
      via: x.via,
      category: x.category,
      row: x.row,
      expected: expected.size,
      precision5,
      recall10,
      top: top5.map((k) => `${expected.has(k) ? "✓" : "✗"} ${name(k)}`),
      missing: [...expected]
        .filter((k) => !top10.includes(k))
        .slice(0, 5)
        .map(name),
      ms,
    });
  }

  const summary = (xs: QueryScore[]) => ({
    n: xs.length,
    precision5: mean(xs.map((s) => s.precision5)),
    recall10: mean(xs.map((s) => s.recall10)),
  });
  return {
    engine: engineName,
    viewer: handle,
    scores,
    overall: summary(scores),
    byCategory: RELEVANCE_CATEGORIES.map((category) => ({
      category,
      ...summary(scores.filter((s) => s.category === category)),
    })).filter((c) => c.n > 0),
  };
}

const pct = (x: number) => x.toFixed(2);

export function printScores(r: EngineScores, misses: "all" | "none") {
  console.log(`\n== ${r.engine}, as @${r.viewer}: ${r.overall.n} queries`);
  console.log(
    table(
      ["category", "n", "precision@5", "recall@10"],
      [
        ...r.byCategory.map((c) => [c.category, c.n, pct(c.precision5), pct(c.recall10)]),
        ["ALL", r.overall.n, pct(r.overall.precision5), pct(r.overall.recall10)],
      ],
    ),
  );
  const rows = r.scores.filter((s) => s.row);
  console.log(`\nThe issue's table (rows of "typed | expected"):`);
  console.log(
    table(
      ["row", "query", "type", "via", "expected", "P@5", "R@10"],
      rows.map((s) => [s.row!, s.q, s.type, s.via, s.expected, pct(s.precision5), pct(s.recall10)]),
    ),
  );
  const missed = r.scores.filter((s) => s.precision5 < 1 || s.recall10 < 1);
  console.log(`\nQueries that miss: ${missed.length} of ${r.scores.length}`);
  if (misses === "none") return;
  for (const s of missed) {
    console.log(
      `  [${s.category}] ${JSON.stringify(s.q)} (${s.type}${s.via === "suggest" ? ", suggestions" : ""}) P@5 ${pct(s.precision5)} R@10 ${pct(s.recall10)} — expected ${s.expected}`,
    );
    console.log(`      first: ${s.top.length ? s.top.join(" | ") : "(nothing)"}`);
    if (s.missing.length) console.log(`      not found: ${s.missing.join(" | ")}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      as: { type: "string", default: "jieun.lee" },
      misses: { type: "string", default: "all" },
      engine: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log("npm run bench:relevance -- [--as jieun.lee] [--misses all|none] [--engine embedded|meilisearch|both]");
    return;
  }
  const meiliUrl = process.env.MEILISEARCH_URL;
  const which = values.engine ?? (meiliUrl ? "both" : "embedded");
  if (which !== "embedded" && !meiliUrl) throw new Error("--engine meilisearch needs MEILISEARCH_URL");
  const engines = (which === "both" ? ["embedded", "meilisearch"] : [which]) as ("embedded" | "meilisearch")[];

  const file = path.join(os.tmpdir(), `sori-relevance-${process.pid}.db`);
  const results: EngineScores[] = [];
  console.log(`Relevance — ${new Date().toISOString()}; ${RELEVANCE_SET.length} queries`);
  try {
    for (const engine of engines) {
      // Each engine gets the demo company fresh; the process reads MEILISEARCH_URL when the registry is reset.
      if (engine === "embedded") delete process.env.MEILISEARCH_URL;
      else process.env.MEILISEARCH_URL = meiliUrl;
      const seconds = await seedDemo(file);
      console.log(`  ${engine}: demo company seeded in ${seconds.toFixed(1)} s`);
      results.push(await scoreEngine(engine, values.as!));
      resetRegistry();
    }
  } finally {
    resetRegistry();
    removeDatabase(file);
    if (meiliUrl) process.env.MEILISEARCH_URL = meiliUrl;
  }
  for (const r of results) printScores(r, values.misses === "none" ? "none" : "all");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const out = path.join(DATA_DIR, `relevance-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(out, JSON.stringify({ loadavg: os.loadavg(), results }, null, 2));
  console.log(`\nraw figures: ${path.relative(process.cwd(), out)}`);
}

if (isMain(import.meta.url)) await main();
