// Question lists and similar questions at each dataset size (issue #9's proof: the lists at 1M posts within 1.3× of
// 10k at p50, and similar questions p95 ≤ 50 ms at 1M), through the built Sori server and through the model.
//
// Lists: GET /api/v1/questions (bearer token of the Home user: five groups, two of them private, and a few followed
// hashtags, #회의 among them) for each case of question-calls.ts — the status tabs × sorts, the Home user's busiest
// private group, the most used hashtag and "I can answer" — and the same calls without HTTP (questions-models.ts).
// As in feeds.ts: requests are sequential (service time, not time under load); one server per size runs at once
// and the sizes are measured in alternation, request by request (the model in rounds that alternate between
// sizes), so that other work on the machine falls on both sides of the ratio; each case gets a warm-up, then page 1
// N times and pages 2–5 N times, following the list's own next cursors.
//
// Similar questions: GET /api/v1/questions/similar?q= with typed titles (Korean with particles and two-syllable
// words, English, mixed) on a copy of each dataset whose search index was built through the real path (reindexAll;
// the generated files have none), and similarQuestions() without HTTP. Prints p50/p95 per title kind and size.
//
//   tsx bench/questions.ts [--sizes 10k,1m] [--n 300] [--similar-rounds 20]
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { BenchAuth } from "./setup-auth";
import { QUESTION_CASES, questionPath, type QuestionCase, type QuestionSubjects } from "./question-calls";
import type { QuestionModelTimings, SimilarTimings } from "./questions-models";
import {
  copyDatabase,
  httpRequest,
  isMain,
  keepAliveAgent,
  ms,
  ratio,
  removeDatabase,
  requireBuild,
  runHelper,
  type ServerHandle,
  sizeLabel,
  startSori,
  summarize,
  table,
  type DatasetMeta,
  type Summary,
} from "./lib";
import { prepareAuth, prepareDataset, tokenPool } from "./prepare";

export const QUESTIONS_TARGET_RATIO = 1.3;
export const SIMILAR_TARGET_P95_MS = 50;

/** Titles as people type them: the generated topics, with particles, two-syllable words, English and mixed. */
export const SIMILAR_TITLES: { kind: string; q: string }[] = [
  { kind: "ko, particles", q: "회의실 예약은 어떻게 하나요?" },
  { kind: "ko, particles", q: "배포 승인은 누구에게 요청하나요" },
  { kind: "ko, particles", q: "휴가는" },
  { kind: "ko, 2 syllables", q: "연차 신청" },
  { kind: "ko, 2 syllables", q: "출장 예산 마감" },
  { kind: "ko, 2 syllables", q: "급여" },
  { kind: "en", q: "How do I set up the VPN?" },
  { kind: "en", q: "Who approves parental leave" },
  { kind: "en", q: "Where can I find the onboarding checklist?" },
  { kind: "en", q: "expense reports deadline" },
  { kind: "mixed", q: "VPN이 안 되는데 도와주세요" },
  { kind: "mixed", q: "API tokens 발급" },
];

type Sample = { first: Summary; deep: Summary };
export type QuestionsResult = {
  sizes: number[];
  /** lists[size][case][via] */
  lists: Record<number, Record<string, Record<"api" | "model", Sample>>>;
  /** How many pages (of up to 5) and how many questions on page 1 each case has at each size. */
  pages: Record<number, Record<string, { pages: number; firstPage: number }>>;
  /** similar[size][via]: all titles, and by title kind. */
  similar: Record<number, Record<"api" | "model", { all: Summary; byKind: Record<string, Summary> }>>;
  /** Questions each similar title found (API), at each size. */
  similarFound: Record<number, Record<string, number>>;
  meta: Record<number, Pick<DatasetMeta, "posts" | "homeUserId" | "privateGroup" | "popularTag" | "questions">>;
  loadavg: { start: number[]; lists: number[]; end: number[] };
  errors: string[];
};

type Subject = {
  size: number;
  db: string;
  meta: DatasetMeta;
  auth: BenchAuth;
  subjects: QuestionSubjects;
  tokens: () => string;
  model?: QuestionModelTimings;
  server?: ServerHandle;
};

function subjectsOf(meta: DatasetMeta): QuestionSubjects {
  return { viewer: meta.homeUserId, group: meta.privateGroup.slug, tag: meta.popularTag };
}

const helperArgs = (s: QuestionSubjects) => ["--viewer", String(s.viewer), "--group", s.group, "--tag", s.tag];

/**
 * A copy of a dataset with its search index built (reindexAll), cached next to it: the generated files have no
 * search documents (their rows bypass the event log), and similar questions search them.
 */
function ensureIndexed(db: string, meta: DatasetMeta): { db: string; auth: BenchAuth } {
  const indexed = db.replace(/\.db$/, "-indexed.db");
  if (!fs.existsSync(indexed)) {
    const tmp = `${indexed}.tmp-${process.pid}`;
    console.log(`[questions ${sizeLabel(meta.posts)}] building the search index of a copy (reindexAll)…`);
    const t = performance.now();
    copyDatabase(db, tmp);
    try {
      runHelper("questions-models.ts", ["--reindex"], { DATABASE_PATH: tmp });
      fs.renameSync(tmp, indexed);
    } finally {
      removeDatabase(tmp);
    }
    console.log(`  indexed in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  return { db: indexed, auth: prepareAuth(indexed, meta) };
}

export async function runQuestions({
  sizes,
  n = 300,
  similarRounds = 20,
}: {
  sizes: number[];
  n?: number;
  similarRounds?: number;
}): Promise<QuestionsResult> {
  requireBuild();
  const out: QuestionsResult = {
    sizes,
    lists: {},
    pages: {},
    similar: {},
    similarFound: {},
    meta: {},
    loadavg: { start: os.loadavg(), lists: [], end: [] },
    errors: [],
  };
  const subjects: Subject[] = [];
  for (const size of sizes) {
    const { db, meta, auth } = await prepareDataset(size);
    if (!meta.questions) throw new Error(`${db} has no questions: generated before gen-7`);
    out.meta[size] = {
      posts: meta.posts,
      homeUserId: meta.homeUserId,
      privateGroup: meta.privateGroup,
      popularTag: meta.popularTag,
      questions: meta.questions,
    };
    subjects.push({
      size,
      db,
      meta,
      auth,
      subjects: subjectsOf(meta),
      tokens: tokenPool(auth.viewers[meta.homeUserId].tokens),
    });
  }

  // --- Lists, the model without HTTP: rounds alternating between sizes, samples pooled ------------------------
  const rounds = 3;
  const pooled = new Map<number, QuestionModelTimings["samples"]>();
  for (let round = 0; round < rounds; round++) {
    for (const s of subjects) {
      console.log(`[questions ${sizeLabel(s.size)}] model timings (no HTTP), round ${round + 1}/${rounds}…`);
      const model = runHelper<QuestionModelTimings>(
        "questions-models.ts",
        [...helperArgs(s.subjects), "--n", String(Math.ceil(n / rounds))],
        { DATABASE_PATH: s.db },
      );
      s.model ??= model;
      const all = pooled.get(s.size) ?? {};
      for (const c of QUESTION_CASES) {
        all[c.name] = {
          first: [...(all[c.name]?.first ?? []), ...model.samples[c.name].first],
          deep: [...(all[c.name]?.deep ?? []), ...model.samples[c.name].deep],
        };
      }
      pooled.set(s.size, all);
    }
  }
  for (const s of subjects) {
    const all = pooled.get(s.size)!;
    out.lists[s.size] = {};
    out.pages[s.size] = {};
    for (const c of QUESTION_CASES) {
      out.lists[s.size][c.name] = {
        model: { first: summarize(all[c.name].first), deep: summarize(all[c.name].deep) },
        api: { first: summarize([]), deep: summarize([]) },
      };
      out.pages[s.size][c.name] = { pages: s.model!.cursors[c.name].length, firstPage: s.model!.postsPerPage[c.name] };
    }
  }

  // --- Lists through the API: one server per size, requests alternating between sizes -------------------------
  const agent = keepAliveAgent(sizes.length);
  try {
    for (const s of subjects) {
      console.log(`[questions ${sizeLabel(s.size)}] starting Sori on ${s.db}…`);
      s.server = await startSori(s.db);
    }
    out.loadavg.lists = os.loadavg();
    for (const c of QUESTION_CASES) {
      console.log(`[questions] API: ${c.name}`);
      const request = async (s: Subject, page: number) => {
        const res = await httpRequest(agent, s.server!.port, {
          path: questionPath(c, s.subjects, s.model!.cursors[c.name][page]),
          headers: { authorization: `Bearer ${s.tokens()}`, accept: "application/json" },
        });
        const label = `${sizeLabel(s.size)} ${c.name} page ${page + 1}`;
        if (res.status !== 200)
          out.errors.push(`${label}: HTTP ${res.status} ${(res.error ?? res.body).slice(0, 200)}`);
        else if (page === 0) {
          const json = JSON.parse(res.body) as { data: unknown[] };
          if (json.data.length !== s.model!.postsPerPage[c.name]) {
            out.errors.push(`${label}: ${json.data.length} questions, the model gave ${s.model!.postsPerPage[c.name]}`);
          }
        }
        return res.ms;
      };
      // Bounded by count and by time (a slow case gets fewer samples rather than a long run).
      const run = async (pagesOf: (s: Subject) => number[], count: number, durationMs: number) => {
        const samples = new Map<number, number[]>(subjects.map((s) => [s.size, []]));
        const until = performance.now() + durationMs;
        for (let i = 0; i < count && performance.now() < until; i++) {
          for (const s of subjects) {
            const pages = pagesOf(s);
            if (pages.length) samples.get(s.size)!.push(await request(s, pages[i % pages.length]));
          }
        }
        return samples;
      };
      const pageList = (s: Subject, deep: boolean) =>
        s.model!.cursors[c.name].map((_, i) => i).filter((i) => (deep ? i > 0 : true));
      await run((s) => pageList(s, false), Math.max(50, n / 4), 5_000 * subjects.length);
      const first = await run(() => [0], n, 20_000 * subjects.length);
      const deep = await run((s) => pageList(s, true), n, 20_000 * subjects.length);
      for (const s of subjects) {
        out.lists[s.size][c.name].api = { first: summarize(first.get(s.size)!), deep: summarize(deep.get(s.size)!) };
      }
    }
    for (const s of subjects) {
      const busy = (s.server!.stderr().match(/SQLITE_BUSY/g) ?? []).length;
      if (busy) out.errors.push(`${sizeLabel(s.size)}: ${busy} SQLITE_BUSY in server stderr`);
    }
  } finally {
    for (const s of subjects) await s.server?.stop();
  }

  // --- Similar questions, on indexed copies: the API alternating between sizes, then the model ----------------
  try {
    const indexed = subjects.map((s) => ({
      ...s,
      ...ensureIndexed(s.db, s.meta),
      server: undefined as ServerHandle | undefined,
    }));
    for (const s of indexed) {
      s.tokens = tokenPool(s.auth.viewers[s.meta.homeUserId].tokens);
      console.log(`[questions ${sizeLabel(s.size)}] starting Sori on ${s.db}…`);
      s.server = await startSori(s.db);
    }
    const samples = new Map(indexed.map((s) => [s.size, new Map<string, number[]>()]));
    for (const s of indexed) out.similarFound[s.size] = {};
    const ask = async (s: (typeof indexed)[number], q: string) => {
      const res = await httpRequest(agent, s.server!.port, {
        path: `/api/v1/questions/similar?q=${encodeURIComponent(q)}`,
        headers: { authorization: `Bearer ${s.tokens()}`, accept: "application/json" },
      });
      if (res.status !== 200) {
        out.errors.push(`${sizeLabel(s.size)} similar "${q}": HTTP ${res.status} ${res.body.slice(0, 200)}`);
      } else out.similarFound[s.size][q] = (JSON.parse(res.body) as { data: unknown[] }).data.length;
      return res.ms;
    };
    for (const t of SIMILAR_TITLES) for (const s of indexed) await ask(s, t.q); // warm-up
    for (let round = 0; round < similarRounds; round++) {
      for (const t of SIMILAR_TITLES) {
        for (const s of indexed) {
          const byQ = samples.get(s.size)!;
          byQ.set(t.q, [...(byQ.get(t.q) ?? []), await ask(s, t.q)]);
        }
      }
    }
    for (const s of indexed) await s.server?.stop();
    const model = new Map<number, SimilarTimings>();
    // The model without HTTP, in two rounds alternating between sizes.
    for (let round = 0; round < 2; round++) {
      for (const s of indexed) {
        console.log(`[questions ${sizeLabel(s.size)}] similarQuestions (no HTTP), round ${round + 1}/2…`);
        const r = runHelper<SimilarTimings>(
          "questions-models.ts",
          [
            ...helperArgs(s.subjects),
            "--similar",
            JSON.stringify(SIMILAR_TITLES.map((t) => t.q)),
            "--n",
            String(Math.ceil(similarRounds / 2)),
          ],
          { DATABASE_PATH: s.db },
        );
        const prev = model.get(s.size);
        if (prev) for (const q of Object.keys(r)) prev[q].ms.push(...r[q].ms);
        else model.set(s.size, r);
      }
    }
    for (const s of indexed) {
      const byVia = (times: (q: string) => number[]) => {
        const byKind: Record<string, number[]> = {};
        for (const t of SIMILAR_TITLES) (byKind[t.kind] ??= []).push(...times(t.q));
        return {
          all: summarize(SIMILAR_TITLES.flatMap((t) => times(t.q))),
          byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])),
        };
      };
      out.similar[s.size] = {
        api: byVia((q) => samples.get(s.size)!.get(q) ?? []),
        model: byVia((q) => model.get(s.size)![q].ms),
      };
    }
  } finally {
    agent.destroy();
  }
  out.loadavg.end = os.loadavg();
  printQuestions(out);
  return out;
}

const p50p95 = (x: Summary) => (x.n ? `${ms(x.p50)} / ${ms(x.p95)}` : "—");

export function questionRatioRows(out: QuestionsResult): string[][] {
  const sizes = [...out.sizes].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const [lo, hi] = [sizes[0], sizes.at(-1)!];
  const rows: string[][] = [];
  for (const c of QUESTION_CASES) {
    for (const via of ["api", "model"] as const) {
      const a = out.lists[lo][c.name][via];
      const b = out.lists[hi][c.name][via];
      const r1 = b.first.p50 / a.first.p50;
      // Pages 2–5 exist only where the smaller dataset has them; else page 1 alone is judged.
      const r2 = a.deep.n && b.deep.n ? b.deep.p50 / a.deep.p50 : NaN;
      const worst = Math.max(r1, Number.isFinite(r2) ? r2 : 0);
      rows.push([
        c.name,
        via,
        ratio(b.first.p50, a.first.p50),
        ratio(b.first.p95, a.first.p95),
        Number.isFinite(r2) ? ratio(b.deep.p50, a.deep.p50) : "—",
        via === "model" ? "(info)" : worst <= QUESTIONS_TARGET_RATIO ? "ok" : "OVER",
      ]);
    }
  }
  return rows;
}

export function similarRows(out: QuestionsResult): string[][] {
  const rows: string[][] = [];
  for (const size of out.sizes) {
    for (const via of ["api", "model"] as const) {
      const x = out.similar[size]?.[via];
      if (!x) continue;
      const target = size >= 1_000_000 && via === "api" ? (x.all.p95 <= SIMILAR_TARGET_P95_MS ? "ok" : "OVER") : "";
      rows.push([sizeLabel(size), via, p50p95(x.all), ...Object.values(x.byKind).map((k) => ms(k.p95)), target]);
    }
  }
  return rows;
}

function printQuestions(out: QuestionsResult) {
  for (const size of out.sizes) {
    const m = out.meta[size];
    const q = m.questions;
    console.log(
      `\nQuestion lists at ${sizeLabel(size)} posts: ${q.questions.toLocaleString("en")} questions (unanswered ` +
        `${q.unanswered.toLocaleString("en")}, unresolved ${q.unresolved.toLocaleString("en")}, answered ` +
        `${q.answered.toLocaleString("en")}), ${q.answers.toLocaleString("en")} answers, ${q.votes.toLocaleString("en")} votes; ` +
        `viewer user ${m.homeUserId}; group-private = ${m.privateGroup.slug} (${q.privateGroup} questions); ` +
        `hashtag = #${m.popularTag} (${q.popularTag} questions) — ms p50 / p95, sequential requests`,
    );
    console.log(
      table(
        ["case", "pages", "page 1", "API p1", "API p2-5", "model p1", "model p2-5"],
        QUESTION_CASES.map((c: QuestionCase) => {
          const r = out.lists[size][c.name];
          const pg = out.pages[size][c.name];
          return [
            c.name,
            String(pg.pages),
            String(pg.firstPage),
            p50p95(r.api.first),
            p50p95(r.api.deep),
            p50p95(r.model.first),
            p50p95(r.model.deep),
          ];
        }),
      ),
    );
  }
  const rows = questionRatioRows(out);
  if (rows.length) {
    const sizes = [...out.sizes].sort((a, b) => a - b);
    console.log(
      `\nRatio ${sizeLabel(sizes.at(-1)!)} / ${sizeLabel(sizes[0])} (target: p50 ≤ ${QUESTIONS_TARGET_RATIO}×, page 1 and pages 2–5)`,
    );
    console.log(table(["case", "via", "p1 p50", "p1 p95", "p2-5 p50", "target"], rows));
  }
  const kinds = [...new Set(SIMILAR_TITLES.map((t) => t.kind))];
  console.log(`\nSimilar questions (ms; target p95 ≤ ${SIMILAR_TARGET_P95_MS} ms at 1M, via the API)`);
  console.log(table(["size", "via", "p50 / p95", ...kinds.map((k) => `${k} p95`), "target"], similarRows(out)));
  for (const size of out.sizes) {
    const found = out.similarFound[size] ?? {};
    console.log(
      `  found at ${sizeLabel(size)}: ${SIMILAR_TITLES.map((t) => `${t.q} → ${found[t.q] ?? "?"}`).join("; ")}`,
    );
  }
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  console.log(
    `\nload average: start ${fmt(out.loadavg.start)}; lists ${fmt(out.loadavg.lists)}; end ${fmt(out.loadavg.end)}`,
  );
  if (out.errors.length) {
    console.log(`\nerrors (${out.errors.length}):\n  ${[...new Set(out.errors)].slice(0, 10).join("\n  ")}`);
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10k,1m" },
      n: { type: "string", default: "300" },
      "similar-rounds": { type: "string", default: "20" },
    },
  });
  const { parseSizes, stopAllServers } = await import("./lib");
  try {
    const result = await runQuestions({
      sizes: parseSizes(values.sizes!),
      n: Number(values.n),
      similarRounds: Number(values["similar-rounds"]),
    });
    const { DATA_DIR } = await import("./lib");
    const file = `${DATA_DIR}/questions-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    fs.writeFileSync(file, JSON.stringify({ ...result, loadavgAtExit: os.loadavg() }, null, 2));
    console.log(`\nraw figures: ${file}`);
  } finally {
    await stopAllServers();
  }
}
