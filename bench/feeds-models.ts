// Helper (run in its own process with DATABASE_PATH set): times the feed model functions directly, without
// HTTP (feed-calls.ts: Viewer, lookup and page, as the API route calls them), and returns the cursors of the
// first pages so the HTTP benchmark walks exactly the same pages.
//
//   DATABASE_PATH=… tsx bench/feeds-models.ts --home-user 7 --quiet-user 12 --tag 회의 \
//     --private-group team-2 --public-group guild-1 --pages 5 --n 300
import { parseArgs } from "node:util";
import { getDb } from "#app/infra/db.server";
import { feedCalls, type FeedCall } from "./feed-calls";
import { FEEDS, summarize, type FeedName, type Summary } from "./lib";

export type ModelTimings = {
  /** cursors[feed][page] is the cursor to request page `page` (page 0 = no cursor). */
  cursors: Record<FeedName, (string | null)[]>;
  /** Page 1 and deeper pages (2..pages), in milliseconds: the samples, and their summary. */
  first: Record<FeedName, Summary>;
  deep: Record<FeedName, Summary>;
  samples: Record<FeedName, { first: number[]; deep: number[] }>;
  postsPerPage: Record<FeedName, number>;
};

const { values } = parseArgs({
  options: {
    "home-user": { type: "string" },
    "quiet-user": { type: "string" },
    tag: { type: "string" },
    "private-group": { type: "string" },
    "public-group": { type: "string" },
    pages: { type: "string", default: "5" },
    n: { type: "string", default: "300" },
    warmup: { type: "string", default: "100" },
  },
});

const pages = Number(values.pages);
const n = Number(values.n);
const warmup = Number(values.warmup);
getDb();
const feeds = feedCalls({
  homeUser: Number(values["home-user"]),
  quietUser: Number(values["quiet-user"]),
  tag: values.tag!,
  privateGroup: values["private-group"]!,
  publicGroup: values["public-group"]!,
});

const out: ModelTimings = {
  cursors: {} as ModelTimings["cursors"],
  first: {} as ModelTimings["first"],
  deep: {} as ModelTimings["deep"],
  postsPerPage: {} as ModelTimings["postsPerPage"],
  samples: {} as ModelTimings["samples"],
};

for (const name of FEEDS) {
  const fn: FeedCall = feeds[name];
  // The page cursors, by walking the feed.
  const cursors: (string | null)[] = [null];
  let page = fn(null);
  out.postsPerPage[name] = page.posts.length;
  while (cursors.length < pages && page.nextCursor) {
    cursors.push(page.nextCursor);
    page = fn(page.nextCursor);
  }
  out.cursors[name] = cursors;
  const warmUntil = performance.now() + 5_000;
  for (let i = 0; i < warmup && performance.now() < warmUntil; i++) fn(cursors[i % cursors.length]);
  const first: number[] = [];
  const deep: number[] = [];
  // Bounded by count and by time (20 s per feed).
  const until = performance.now() + 20_000;
  for (let i = 0; i < n && (performance.now() < until || first.length < 5 || deep.length < 5); i++) {
    const p = i % cursors.length;
    const t = performance.now();
    fn(cursors[p]);
    (p === 0 ? first : deep).push(performance.now() - t);
  }
  out.first[name] = summarize(first);
  out.deep[name] = summarize(deep);
  out.samples[name] = { first, deep };
}

console.log(JSON.stringify(out));
