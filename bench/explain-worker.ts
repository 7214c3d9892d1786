// Helper (run in its own process with DATABASE_PATH set): calls each feed model function once while recording
// every SQL statement it runs (with its bound parameters), then prints each statement's EXPLAIN QUERY PLAN and
// its own time. The SQL is captured from the app at run time, so this never goes stale when feed.server.ts
// changes.
//
//   DATABASE_PATH=… tsx bench/explain-worker.ts --home-user 7 --quiet-user 21 --tag 회의
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { listCompanyFeed, listHashtagFeed, listHomeFeed } from "#app/models/feeds/feed.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import { getViewerById } from "#app/access/viewer.server";
import { getDb } from "#app/infra/db.server";
import type { FeedName } from "./lib";

export type ExplainedStatement = { sql: string; plan: string[]; ms: number };
export type ExplainOutput = Record<FeedName, ExplainedStatement[]>;

const { values } = parseArgs({
  options: { "home-user": { type: "string" }, "quiet-user": { type: "string" }, tag: { type: "string" } },
});
const homeUser = Number(values["home-user"]);
const quietUser = Number(values["quiet-user"]);

const client = getDb().$client;
const homeViewer = viewerFor(homeUser);
const quietViewer = viewerFor(quietUser);
const tag = getHashtag(values.tag!, homeViewer);
if (!tag) throw new Error(`hashtag ${values.tag} not found`);

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

const feeds: Record<FeedName, () => unknown> = {
  home: () => listHomeFeed({ viewer: homeViewer }),
  "home-quiet": () => listHomeFeed({ viewer: quietViewer }),
  company: () => listCompanyFeed({ viewer: homeViewer }),
  hashtag: () => listHashtagFeed({ viewer: homeViewer, hashtagId: tag.id }),
};

const out = {} as ExplainOutput;
for (const [name, fn] of Object.entries(feeds) as [FeedName, () => unknown][]) {
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

/** The viewer of an account in the dataset, built once as a request builds it once. */
function viewerFor(id: number) {
  const viewer = getViewerById(id);
  if (!viewer) throw new Error(`user ${id} not found or not active`);
  return viewer;
}
