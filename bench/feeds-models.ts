// Helper (run in its own process with DATABASE_PATH set): times the feed model functions directly, without
// HTTP, and returns the cursors of the first pages so the HTTP benchmark walks exactly the same pages.
//
//   DATABASE_PATH=… tsx bench/feeds-models.ts --home-user 7 --quiet-user 12 --tag 회의 --pages 5 --n 300
import { parseArgs } from "node:util";
import { listCompanyFeed, listHashtagFeed, listHomeFeed, type FeedPage } from "#app/models/feeds/feed.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import { getViewerById } from "#app/access/viewer.server";
import { getDb } from "#app/infra/db.server";
import { summarize, type FeedName, type Summary } from "./lib";

export type ModelTimings = {
  /** cursors[feed][page] is the cursor to request page `page` (page 0 = no cursor). */
  cursors: Record<FeedName, (string | null)[]>;
  /** Page 1 and deeper pages (2..pages), in milliseconds. */
  first: Record<FeedName, Summary>;
  deep: Record<FeedName, Summary>;
  postsPerPage: Record<FeedName, number>;
  tagId: number;
};

const { values } = parseArgs({
  options: {
    "home-user": { type: "string" },
    "quiet-user": { type: "string" },
    tag: { type: "string" },
    pages: { type: "string", default: "5" },
    n: { type: "string", default: "300" },
    warmup: { type: "string", default: "100" },
  },
});

const homeUserId = Number(values["home-user"]);
const quietUserId = Number(values["quiet-user"]);
const pages = Number(values.pages);
const n = Number(values.n);
const warmup = Number(values.warmup);
getDb();
const homeViewer = viewerFor(homeUserId);
const quietViewer = viewerFor(quietUserId);
const tag = getHashtag(values.tag!, homeViewer);
if (!tag) throw new Error(`hashtag ${values.tag} not found`);

const feeds: Record<FeedName, (cursor: string | null) => FeedPage> = {
  home: (cursor) => listHomeFeed({ viewer: homeViewer, cursor }),
  "home-quiet": (cursor) => listHomeFeed({ viewer: quietViewer, cursor }),
  company: (cursor) => listCompanyFeed({ viewer: homeViewer, cursor }),
  hashtag: (cursor) => listHashtagFeed({ viewer: homeViewer, hashtagId: tag.id, cursor }),
};

const out: ModelTimings = {
  cursors: { home: [], "home-quiet": [], company: [], hashtag: [] },
  first: {} as ModelTimings["first"],
  deep: {} as ModelTimings["deep"],
  postsPerPage: { home: 0, "home-quiet": 0, company: 0, hashtag: 0 },
  tagId: tag.id,
};

for (const [name, fn] of Object.entries(feeds) as [FeedName, (c: string | null) => FeedPage][]) {
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
}

console.log(JSON.stringify(out));

/** The viewer of an account in the dataset, built once as a request builds it once. */
function viewerFor(id: number) {
  const viewer = getViewerById(id);
  if (!viewer) throw new Error(`user ${id} not found or not active`);
  return viewer;
}
