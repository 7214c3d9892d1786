// Helper (run in its own process with DATABASE_PATH set): calls each feed once (feed-calls.ts: Viewer, lookup and
// page, as the API route calls them) while recording every SQL statement it runs (with its bound parameters),
// then prints each statement's EXPLAIN QUERY PLAN and its own time. The SQL is captured from the app at run
// time, so this never goes stale when feed.server.ts changes.
//
//   DATABASE_PATH=… tsx bench/explain-worker.ts --home-user 7 --quiet-user 21 --tag 회의 \
//     --private-group team-2 --public-group guild-1
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { getDb } from "#app/infra/db.server";
import { feedCalls } from "./feed-calls";
import { FEEDS, type FeedName } from "./lib";

export type ExplainedStatement = { sql: string; plan: string[]; ms: number };
export type ExplainOutput = Record<FeedName, ExplainedStatement[]>;

const { values } = parseArgs({
  options: {
    "home-user": { type: "string" },
    "quiet-user": { type: "string" },
    tag: { type: "string" },
    "private-group": { type: "string" },
    "public-group": { type: "string" },
  },
});

const client = getDb().$client;
const feeds = feedCalls({
  homeUser: Number(values["home-user"]),
  quietUser: Number(values["quiet-user"]),
  tag: values.tag!,
  privateGroup: values["private-group"]!,
  publicGroup: values["public-group"]!,
});

// Record (sql, args) of every statement execution.
type Call = { sql: string; args: unknown[] };
let calls: Call[] | null = null;
const proto = Object.getPrototypeOf(client.prepare("select 1")) as Record<string, (...a: unknown[]) => unknown>;
for (const method of ["all", "get", "run", "iterate"]) {
  const original = proto[method];
  proto[method] = function (this: Database.Statement, ...args: unknown[]) {
    calls?.push({ sql: this.source, args });
    return original.apply(this, args);
  };
}

const out = {} as ExplainOutput;
for (const name of FEEDS) {
  const fn = () => feeds[name](null);
  fn(); // warm the cache
  calls = [];
  fn();
  const recorded = calls;
  calls = null;
  out[name] = recorded.map(({ sql, args }) => {
    const explain = client.prepare(`explain query plan ${sql}`);
    const plan = (explain.all(...(args as [])) as { id: number; parent: number; detail: string }[]).map(
      (r) => r.detail,
    );
    const stmt = client.prepare(sql);
    if (stmt.reader) {
      stmt.all(...(args as []));
      const started = performance.now();
      let i = 0;
      while (i < 20 && performance.now() - started < 3000) {
        stmt.all(...(args as []));
        i++;
      }
      return { sql: sql.replace(/\s+/g, " ").trim(), plan, ms: (performance.now() - started) / i };
    }
    return { sql: sql.replace(/\s+/g, " ").trim(), plan, ms: NaN };
  });
}
console.log(JSON.stringify(out));
