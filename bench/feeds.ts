// Feed latency at each dataset size: the Home, Company, Group (a private and a public group of the viewer) and
// Hashtag feeds through the built Sori server (JSON API with a bearer token, and the web page with a session
// cookie), plus the model functions alone (no HTTP), page 1 and deeper pages (walked with the next cursor).
// Requests are sequential (one at a time), so these are service times, not times under load. One server per size
// runs at once and the sizes are measured in alternation, request by request (the model functions in rounds that
// alternate between sizes), so that other work on the machine skews both sides of the ratio alike. Prints p50/p95
// per feed and size and the largest/smallest ratio; the target (DESIGN.md) is on p50. A route missing from
// build/ (the group routes, while they were being built) is reported as such and only its model function is
// measured.
//
//   tsx bench/feeds.ts [--sizes 10k,1m] [--n 300]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ModelTimings } from "./feeds-models";
import {
  FEEDS,
  type FeedName,
  isMain,
  httpRequest,
  keepAliveAgent,
  ms,
  ratio,
  requireBuild,
  ROOT,
  runHelper,
  type ServerHandle,
  sizeLabel,
  startSori,
  summarize,
  table,
  type DatasetMeta,
  type Summary,
} from "./lib";
import { prepareDataset, tokenPool, type Prepared } from "./prepare";

export const FEED_TARGET_RATIO = 1.3;
type Via = "api" | "page" | "model";

export type FeedsResult = {
  sizes: number[];
  /** results[size][feed][via] = { first, deep } */
  results: Record<number, Record<FeedName, Record<Via, { first: Summary; deep: Summary }>>>;
  meta: Record<
    number,
    Pick<
      DatasetMeta,
      | "popularTag"
      | "homeUserId"
      | "quietHomeUserId"
      | "users"
      | "groups"
      | "closedGroupPosts"
      | "publicGroupPosts"
      | "posts"
      | "privateGroup"
      | "publicGroup"
    >
  >;
  /** Routes that were not in build/ (their API or page figures are missing). */
  missingRoutes: string[];
  errors: string[];
};

/** The route ids compiled into build/server/index.js ("routes/home", "routes/api.v1.groups.$slug.posts", …). */
function builtRouteIds(): Set<string> {
  const source = fs.readFileSync(path.join(ROOT, "build/server/index.js"), "utf8");
  return new Set([...source.matchAll(/"(routes\/[^"]+)"/g)].map((m) => m[1]));
}

export async function runFeeds({ sizes, n = 300 }: { sizes: number[]; n?: number }): Promise<FeedsResult> {
  requireBuild();
  const out: FeedsResult = { sizes, results: {}, meta: {}, missingRoutes: [], errors: [] };
  type Subject = {
    size: number;
    prepared: Prepared;
    /** The first round's model run: its cursors and page sizes drive the HTTP requests. */
    model?: ModelTimings;
    paths: Record<FeedName, Record<"api" | "page", string>>;
    viewerOf: Record<FeedName, number>;
    tokens: Record<number, () => string>;
    server?: ServerHandle;
  };
  const subjects: Subject[] = [];
  for (const size of sizes) {
    const prepared = await prepareDataset(size);
    const { meta, auth } = prepared;
    out.meta[size] = {
      popularTag: meta.popularTag,
      homeUserId: meta.homeUserId,
      quietHomeUserId: meta.quietHomeUserId,
      users: meta.users,
      groups: meta.groups,
      closedGroupPosts: meta.closedGroupPosts,
      publicGroupPosts: meta.publicGroupPosts,
      posts: meta.posts,
      privateGroup: meta.privateGroup,
      publicGroup: meta.publicGroup,
    };
    const tag = encodeURIComponent(meta.popularTag);
    subjects.push({
      size,
      prepared,
      // Each feed is read by one viewer: Home by its user; the others by the typical Home user (a member of
      // both groups).
      viewerOf: {
        home: meta.homeUserId,
        "home-quiet": meta.quietHomeUserId,
        company: meta.homeUserId,
        "group-private": meta.homeUserId,
        "group-public": meta.homeUserId,
        hashtag: meta.homeUserId,
      },
      paths: {
        home: { api: "/api/v1/feeds/home", page: "/home" },
        "home-quiet": { api: "/api/v1/feeds/home", page: "/home" },
        company: { api: "/api/v1/feeds/company", page: "/company" },
        "group-private": {
          api: `/api/v1/groups/${meta.privateGroup.slug}/posts`,
          page: `/groups/${meta.privateGroup.slug}`,
        },
        "group-public": {
          api: `/api/v1/groups/${meta.publicGroup.slug}/posts`,
          page: `/groups/${meta.publicGroup.slug}`,
        },
        hashtag: { api: `/api/v1/hashtags/${tag}/posts`, page: `/hashtags/${tag}` },
      },
      tokens: Object.fromEntries(Object.values(auth.viewers).map((v) => [v.userId, tokenPool(v.tokens)])),
    });
  }
  // The model functions (no HTTP), each size in its own process: in rounds that alternate between the sizes, so
  // that other work on the machine falls on both sides of the ratio alike; the samples of the rounds are pooled.
  const rounds = 3;
  const pooled = new Map<number, ModelTimings["samples"]>();
  for (let round = 0; round < rounds; round++) {
    for (const s of subjects) {
      const { db, meta } = s.prepared;
      console.log(`[feeds ${sizeLabel(s.size)}] model timings (no HTTP), round ${round + 1}/${rounds}…`);
      const model = runHelper<ModelTimings>(
        "feeds-models.ts",
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
          "--n",
          String(Math.ceil(n / rounds)),
        ],
        { DATABASE_PATH: db },
      );
      s.model ??= model;
      const all = pooled.get(s.size) ?? ({} as ModelTimings["samples"]);
      for (const feed of FEEDS) {
        all[feed] = {
          first: [...(all[feed]?.first ?? []), ...model.samples[feed].first],
          deep: [...(all[feed]?.deep ?? []), ...model.samples[feed].deep],
        };
      }
      pooled.set(s.size, all);
    }
  }
  for (const s of subjects) {
    const all = pooled.get(s.size)!;
    out.results[s.size] = Object.fromEntries(
      FEEDS.map((feed) => [feed, { model: { first: summarize(all[feed].first), deep: summarize(all[feed].deep) } }]),
    ) as FeedsResult["results"][number];
  }

  // The route module of each feed, to skip (and say so) what build/ does not have yet.
  const routeOf: Record<FeedName, Record<"api" | "page", string>> = {
    home: { api: "api.v1.feeds.home", page: "home" },
    "home-quiet": { api: "api.v1.feeds.home", page: "home" },
    company: { api: "api.v1.feeds.company", page: "company" },
    "group-private": { api: "api.v1.groups.$slug.posts", page: "groups.$slug" },
    "group-public": { api: "api.v1.groups.$slug.posts", page: "groups.$slug" },
    hashtag: { api: "api.v1.hashtags.$tag.posts", page: "hashtags.$tag" },
  };
  const built = builtRouteIds();
  const agent = keepAliveAgent(sizes.length);
  try {
    // One server per size, all running at once: the sizes are measured in alternation, request by request, so
    // that load from elsewhere on the machine hits both sides of the 1M/10k ratio alike.
    for (const subject of subjects) {
      console.log(`[feeds ${sizeLabel(subject.size)}] starting Sori on ${subject.prepared.db}…`);
      subject.server = await startSori(subject.prepared.db);
    }
    for (const feed of FEEDS) {
      for (const via of ["api", "page"] as const) {
        if (!built.has(`routes/${routeOf[feed][via]}`)) {
          const missing = `${via} ${feed}: app/routes/${routeOf[feed][via]}`;
          if (!out.missingRoutes.includes(missing)) out.missingRoutes.push(missing);
          for (const s of subjects) out.results[s.size][feed][via] = { first: summarize([]), deep: summarize([]) };
          continue;
        }
        const request = async (s: Subject, page: number) => {
          const c = s.model!.cursors[feed][page];
          const viewer = s.prepared.auth.viewers[s.viewerOf[feed]];
          const headers: Record<string, string> =
            via === "page"
              ? { cookie: viewer.cookie, accept: "text/html" }
              : { authorization: `Bearer ${s.tokens[viewer.userId]()}`, accept: "application/json" };
          const res = await httpRequest(agent, s.server!.port, {
            path: s.paths[feed][via] + (c ? `?cursor=${c}` : ""),
            headers,
          });
          const label = `${sizeLabel(s.size)} ${feed} ${via}`;
          if (res.status !== 200)
            out.errors.push(`${label}: HTTP ${res.status} ${(res.error ?? res.body).slice(0, 200)}`);
          else if (via === "api") {
            const json = JSON.parse(res.body) as { data: unknown[] };
            if (json.data.length !== s.model!.postsPerPage[feed]) {
              out.errors.push(`${label}: ${json.data.length} posts, model gave ${s.model!.postsPerPage[feed]}`);
            }
          }
          return res.ms;
        };
        // Warm-up (JIT, SQLite page cache), then page 1 N times, then pages 2..k N times, each round one request
        // per size. Bounded by count and by time (a slow feed gets fewer samples rather than a long run).
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
          s.model!.cursors[feed].map((_, i) => i).filter((i) => (deep ? i > 0 : i < 5));
        await run((s) => pageList(s, false), Math.max(50, n / 4), 5_000 * subjects.length);
        const first = await run(() => [0], n, 20_000 * subjects.length);
        const deep = await run((s) => pageList(s, true), n, 20_000 * subjects.length);
        for (const s of subjects) {
          out.results[s.size][feed][via] = {
            first: summarize(first.get(s.size)!),
            deep: summarize(deep.get(s.size)!),
          };
        }
      }
    }
    for (const s of subjects) {
      const busy = (s.server!.stderr().match(/SQLITE_BUSY/g) ?? []).length;
      if (busy) out.errors.push(`${sizeLabel(s.size)}: ${busy} SQLITE_BUSY in server stderr`);
    }
  } finally {
    agent.destroy();
    for (const s of subjects) await s.server?.stop();
  }
  for (const size of sizes) printSize(out, size);
  printRatios(out);
  return out;
}

function printSize(out: FeedsResult, size: number) {
  const r = out.results[size];
  const m = out.meta[size];
  const pct = (x: number) => `${((100 * x) / m.posts).toFixed(1)}%`;
  console.log(
    `\nFeeds at ${sizeLabel(size)} posts (${m.users.toLocaleString("en")} users; ${m.groups} groups, ` +
      `${pct(m.closedGroupPosts)} of posts in private/secret groups, ${pct(m.publicGroupPosts)} in public ones; ` +
      `home = user ${m.homeUserId}, home-quiet = user ${m.quietHomeUserId}; ` +
      `group-private = ${m.privateGroup.slug} (${m.privateGroup.roots.toLocaleString("en")} threads), ` +
      `group-public = ${m.publicGroup.slug} (${m.publicGroup.roots.toLocaleString("en")} threads); ` +
      `hashtag = #${m.popularTag}) — ms, sequential requests`,
  );
  const rows: string[][] = [];
  for (const feed of FEEDS) {
    for (const via of ["api", "page", "model"] as const) {
      const x = r[feed][via];
      rows.push([
        feed,
        via === "api" ? "GET /api/v1 (JSON)" : via === "page" ? "web page (HTML)" : "model fn, no HTTP",
        ms(x.first.p50),
        ms(x.first.p95),
        ms(x.deep.p50),
        ms(x.deep.p95),
      ]);
    }
  }
  console.log(table(["feed", "via", "p1 p50", "p1 p95", "p2-5 p50", "p2-5 p95"], rows));
}

export function ratioRows(out: FeedsResult): string[][] {
  const sizes = [...out.sizes].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const [lo, hi] = [sizes[0], sizes.at(-1)!];
  const rows: string[][] = [];
  for (const feed of FEEDS) {
    for (const via of ["api", "page", "model"] as const) {
      const a = out.results[lo][feed][via];
      const b = out.results[hi][feed][via];
      // The target is on p50 (DESIGN.md, issue #6); the p95 ratios are printed for information.
      const worst = Math.max(b.first.p50 / a.first.p50, b.deep.p50 / a.deep.p50);
      rows.push([
        feed,
        via,
        ratio(b.first.p50, a.first.p50),
        ratio(b.first.p95, a.first.p95),
        ratio(b.deep.p50, a.deep.p50),
        ratio(b.deep.p95, a.deep.p95),
        via === "model" ? "(info)" : !Number.isFinite(worst) ? "not built" : worst <= FEED_TARGET_RATIO ? "ok" : "OVER",
      ]);
    }
  }
  return rows;
}

function printRatios(out: FeedsResult) {
  const rows = ratioRows(out);
  if (!rows.length) return;
  const sizes = [...out.sizes].sort((a, b) => a - b);
  console.log(`\nRatio ${sizeLabel(sizes.at(-1)!)} / ${sizeLabel(sizes[0])} (target: p50 ≤ ${FEED_TARGET_RATIO}×)`);
  console.log(table(["feed", "via", "p1 p50", "p1 p95", "p2-5 p50", "p2-5 p95", "target"], rows));
  if (out.missingRoutes.length) {
    console.log(`\nnot in build/ (model function measured only):\n  ${out.missingRoutes.join("\n  ")}`);
  }
  if (out.errors.length)
    console.log(`\nerrors (${out.errors.length}):\n  ${[...new Set(out.errors)].slice(0, 10).join("\n  ")}`);
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { sizes: { type: "string", default: "10k,1m" }, n: { type: "string", default: "300" } },
  });
  const { parseSizes, stopAllServers } = await import("./lib");
  try {
    await runFeeds({ sizes: parseSizes(values.sizes!), n: Number(values.n) });
  } finally {
    await stopAllServers();
  }
}
