// Helper (run in its own process with DATABASE_PATH set) for bench/questions.ts, in one of three modes:
//   • times each question list case (question-calls.ts: Viewer, lookup, listQuestions, as the API route calls
//     them) without HTTP, page 1 and pages 2–5, and returns the cursors of those pages so that the HTTP benchmark
//     walks exactly the same pages;
//   • --explain: each case's list statement (page 1 and page 2) with its EXPLAIN QUERY PLAN and its own time;
//   • --similar <json array of titles>: similarQuestions (search, then hydration) per title, on an indexed copy;
//   • --reindex: builds the search index of the file through the real path (reindexAll), for that copy.
// Prints one line of JSON.
//
//   DATABASE_PATH=… tsx bench/questions-models.ts --viewer 7 --group guild-2 --tag 회의 [--n 300] [--explain]
import { parseArgs } from "node:util";
import { getViewerById } from "#app/access/viewer.server";
import { reindexAll } from "#app/events/consumers/search-worker.server";
import { getDb, rawStatement } from "#app/infra/db.server";
import { similarQuestions } from "#app/models/questions/similar-questions.server";
import { listQuestionCase, QUESTION_CASES, questionCaseQuery, type QuestionSubjects } from "./question-calls";

export type QuestionModelTimings = {
  /** cursors[case][page] is the cursor to request page `page` (page 0 = no cursor). */
  cursors: Record<string, (string | null)[]>;
  postsPerPage: Record<string, number>;
  samples: Record<string, { first: number[]; deep: number[] }>;
};
export type ExplainedQuestionCase = { page: number; sql: string; plan: string[]; ms: number; rows: number };
export type QuestionExplain = Record<string, ExplainedQuestionCase[]>;
export type SimilarTimings = Record<string, { ms: number[]; found: number }>;

const { values } = parseArgs({
  options: {
    viewer: { type: "string" },
    group: { type: "string" },
    tag: { type: "string" },
    pages: { type: "string", default: "5" },
    n: { type: "string", default: "300" },
    warmup: { type: "string", default: "100" },
    explain: { type: "boolean", default: false },
    similar: { type: "string" },
    reindex: { type: "boolean", default: false },
  },
});

getDb();
const subjects: QuestionSubjects = { viewer: Number(values.viewer), group: values.group!, tag: values.tag! };
const n = Number(values.n);

function pageCursors(c: (typeof QUESTION_CASES)[number], pages: number) {
  const cursors: (string | null)[] = [null];
  let page = listQuestionCase(c, subjects, null);
  const size = page.posts.length;
  while (cursors.length < pages && page.nextCursor) {
    cursors.push(page.nextCursor);
    page = listQuestionCase(c, subjects, page.nextCursor);
  }
  return { cursors, size };
}

if (values.reindex) {
  const r = await reindexAll({ batchSize: 1000 });
  const client = getDb().$client;
  client.pragma("wal_checkpoint(TRUNCATE)");
  client.close();
  console.log(JSON.stringify(r));
} else if (values.similar) {
  const titles = JSON.parse(values.similar) as string[];
  const viewer = getViewerById(subjects.viewer);
  if (!viewer) throw new Error(`user ${subjects.viewer} not found`);
  const out: SimilarTimings = {};
  for (const q of titles) await similarQuestions({ viewer, q }); // warm-up
  for (let round = 0; round < n; round++) {
    for (const q of titles) {
      const t = performance.now();
      const found = await similarQuestions({ viewer, q });
      (out[q] ??= { ms: [], found: found.length }).ms.push(performance.now() - t);
    }
  }
  console.log(JSON.stringify(out));
} else if (values.explain) {
  const client = getDb().$client;
  const out: QuestionExplain = {};
  for (const c of QUESTION_CASES) {
    const { cursors } = pageCursors(c, 2);
    out[c.name] = cursors.map((cursor, page) => {
      const { sql, params } = questionCaseQuery(c, subjects, cursor);
      const plan = (client.prepare(`explain query plan ${sql}`).all(params) as { detail: string }[]).map(
        (r) => r.detail,
      );
      const stmt = rawStatement(sql);
      const rows = stmt.all(params).length;
      const started = performance.now();
      let i = 0;
      while (i < 50 && performance.now() - started < 3000) {
        stmt.all(params);
        i++;
      }
      return {
        page: page + 1,
        sql: sql.replace(/\s+/g, " ").trim(),
        plan,
        ms: (performance.now() - started) / i,
        rows,
      };
    });
  }
  console.log(JSON.stringify(out));
} else {
  const out: QuestionModelTimings = { cursors: {}, postsPerPage: {}, samples: {} };
  for (const c of QUESTION_CASES) {
    const { cursors, size } = pageCursors(c, Number(values.pages));
    out.cursors[c.name] = cursors;
    out.postsPerPage[c.name] = size;
    const warmUntil = performance.now() + 5_000;
    for (let i = 0; i < Number(values.warmup) && performance.now() < warmUntil; i++) {
      listQuestionCase(c, subjects, cursors[i % cursors.length]);
    }
    const first: number[] = [];
    const deep: number[] = [];
    // Bounded by count and by time (20 s per case).
    const until = performance.now() + 20_000;
    for (let i = 0; i < n && (performance.now() < until || first.length < 5); i++) {
      const p = i % cursors.length;
      const t = performance.now();
      listQuestionCase(c, subjects, cursors[p]);
      (p === 0 ? first : deep).push(performance.now() - t);
    }
    out.samples[c.name] = { first, deep };
  }
  console.log(JSON.stringify(out));
}
