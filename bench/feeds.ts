// Feed latency at each dataset size: the Home, Company and Hashtag feeds through the built Sori server (JSON
// API with a bearer token, and the web page with a session cookie), plus the model functions alone (no HTTP),
// page 1 and deeper pages (walked with the next cursor). Requests are sequential (one at a time), so these
// are service times, not times under load. Prints p50/p95 per feed and size and the largest/smallest ratio.
//
//   tsx bench/feeds.ts [--sizes 10k,1m] [--n 300]
import { parseArgs } from "node:util";
import type { ModelTimings } from "./feeds-models";
import {
  closedLoop,
  FEEDS,
  type FeedName,
  isMain,
  keepAliveAgent,
  ms,
  ratio,
  requireBuild,
  runHelper,
  sizeLabel,
  startSori,
  summarize,
  table,
  type Summary,
} from "./lib";
import { prepareDataset, tokenPool } from "./prepare";

export const FEED_TARGET_RATIO = 1.3;
type Via = "api" | "page" | "model";

export type FeedsResult = {
  sizes: number[];
  /** results[size][feed][via] = { first, deep } */
  results: Record<number, Record<FeedName, Record<Via, { first: Summary; deep: Summary }>>>;
  meta: Record<number, { popularTag: string; homeUserId: number; quietHomeUserId: number; users: number }>;
  errors: string[];
};

export async function runFeeds({ sizes, n = 300 }: { sizes: number[]; n?: number }): Promise<FeedsResult> {
  requireBuild();
  const out: FeedsResult = { sizes, results: {}, meta: {}, errors: [] };
  for (const size of sizes) {
    const { db, meta, auth } = await prepareDataset(size);
    out.meta[size] = {
      popularTag: meta.popularTag,
      homeUserId: meta.homeUserId,
      quietHomeUserId: meta.quietHomeUserId,
      users: meta.users,
    };
    console.log(`\n[feeds ${sizeLabel(size)}] model timings (no HTTP)…`);
    const model = runHelper<ModelTimings>(
      "feeds-models.ts",
      [
        "--home-user",
        String(meta.homeUserId),
        "--quiet-user",
        String(meta.quietHomeUserId),
        "--tag",
        meta.popularTag,
        "--n",
        String(n),
      ],
      { DATABASE_PATH: db },
    );
    const perSize = {} as FeedsResult["results"][number];
    for (const feed of FEEDS) {
      perSize[feed] = { model: { first: model.first[feed], deep: model.deep[feed] } } as Record<
        Via,
        { first: Summary; deep: Summary }
      >;
    }
    console.log(`[feeds ${sizeLabel(size)}] starting Sori on ${db}…`);
    const server = await startSori(db);
    try {
      const agent = keepAliveAgent(1);
      // Each feed is read by one viewer: Home by its user; Company and Hashtag by the typical Home user.
      const viewerOf: Record<FeedName, number> = {
        home: meta.homeUserId,
        "home-quiet": meta.quietHomeUserId,
        company: meta.homeUserId,
        hashtag: meta.homeUserId,
      };
      const viewerTokens = Object.fromEntries(
        Object.values(auth.viewers).map((v) => [v.userId, tokenPool(v.tokens)]),
      ) as Record<number, () => string>;
      const tag = encodeURIComponent(meta.popularTag);
      const paths: Record<FeedName, Record<"api" | "page", string>> = {
        home: { api: "/api/v1/feeds/home", page: "/home" },
        "home-quiet": { api: "/api/v1/feeds/home", page: "/home" },
        company: { api: "/api/v1/feeds/company", page: "/company" },
        hashtag: { api: `/api/v1/hashtags/${tag}/posts`, page: `/hashtags/${tag}` },
      };
      for (const feed of FEEDS) {
        for (const via of ["api", "page"] as const) {
          const cursors = model.cursors[feed];
          const request = (page: number) => {
            const c = cursors[page];
            const path = paths[feed][via] + (c ? `?cursor=${c}` : "");
            const viewer = auth.viewers[viewerOf[feed]];
            const headers: Record<string, string> =
              via === "page"
                ? { cookie: viewer.cookie, accept: "text/html" }
                : { authorization: `Bearer ${viewerTokens[viewer.userId]()}`, accept: "application/json" };
            return { path, headers };
          };
          const check = (body: string, status: number) => {
            if (status !== 200) {
              out.errors.push(`${sizeLabel(size)} ${feed} ${via}: HTTP ${status} ${body.slice(0, 200)}`);
              return;
            }
            if (via === "api") {
              const json = JSON.parse(body) as { data: unknown[] };
              if (json.data.length !== model.postsPerPage[feed]) {
                out.errors.push(
                  `${sizeLabel(size)} ${feed} api: ${json.data.length} posts, model gave ${model.postsPerPage[feed]}`,
                );
              }
            }
          };
          // Warm-up (JIT, SQLite page cache), then page 1 N times, then pages 2..k N times.
          // Bounded by count and by time (a slow feed gets fewer samples rather than a long run).
          const run = async (pages: number[], count: number, durationMs = 20_000) => {
            const r = await closedLoop({
              port: server.port,
              connections: 1,
              agent,
              durationMs,
              maxRequests: count,
              next: (_w, i) => request(pages[i % pages.length]),
              onResult: (res) => check(res.body, res.status),
            });
            return r.latencies;
          };
          await run(
            [0, 1, 2, 3, 4].filter((p) => p < cursors.length),
            Math.max(50, n / 4),
            5_000,
          );
          const first = await run([0], n);
          const deepPages = cursors.map((_, i) => i).filter((i) => i > 0);
          const deep = deepPages.length ? await run(deepPages, n) : [];
          perSize[feed][via] = { first: summarize(first), deep: summarize(deep) };
        }
      }
      agent.destroy();
      const busy = (server.stderr().match(/SQLITE_BUSY/g) ?? []).length;
      if (busy) out.errors.push(`${sizeLabel(size)}: ${busy} SQLITE_BUSY in server stderr`);
    } finally {
      await server.stop();
    }
    out.results[size] = perSize;
    printSize(out, size);
  }
  printRatios(out);
  return out;
}

function printSize(out: FeedsResult, size: number) {
  const r = out.results[size];
  const m = out.meta[size];
  console.log(
    `\nFeeds at ${sizeLabel(size)} posts (${m.users.toLocaleString("en")} users; home = user ${m.homeUserId}, home-quiet = user ${m.quietHomeUserId}; hashtag = #${m.popularTag}) — ms, sequential requests`,
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
      const worst = Math.max(
        b.first.p50 / a.first.p50,
        b.first.p95 / a.first.p95,
        b.deep.p50 / a.deep.p50,
        b.deep.p95 / a.deep.p95,
      );
      rows.push([
        feed,
        via,
        ratio(b.first.p50, a.first.p50),
        ratio(b.first.p95, a.first.p95),
        ratio(b.deep.p50, a.deep.p50),
        ratio(b.deep.p95, a.deep.p95),
        via === "model" ? "(info)" : worst <= FEED_TARGET_RATIO ? "ok" : "OVER",
      ]);
    }
  }
  return rows;
}

function printRatios(out: FeedsResult) {
  const rows = ratioRows(out);
  if (!rows.length) return;
  const sizes = [...out.sizes].sort((a, b) => a - b);
  console.log(`\nRatio ${sizeLabel(sizes.at(-1)!)} / ${sizeLabel(sizes[0])} (target ≤ ${FEED_TARGET_RATIO}×)`);
  console.log(table(["feed", "via", "p1 p50", "p1 p95", "p2-5 p50", "p2-5 p95", "target"], rows));
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
