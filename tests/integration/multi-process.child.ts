// Test helper for tests/integration/multi-process.test.ts: one of several processes sharing DATABASE_PATH, as the
// workers of `npm start` do (issue #7). SORI_CHILD_MODE picks the job:
//   write   — prints READY, waits for a line on stdin, then publishes SORI_POSTS posts as SORI_USER_ID through the
//             real model (and a group every fifth post: a transaction that reads before it writes), and prints one
//             JSON line of results.
//   consume — drains the search consumer into the embedded engine until nothing is left, slowly (a pause per
//             document), printing "BATCH <pid> <begin ms> <end ms>" for every engine call it made.
import { getViewerById } from "#app/access/viewer.server";
import { drainSearch, searchBehind } from "#app/events/consumers/search.server";
import { getDb } from "#app/infra/db.server";
import { createGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import { SqliteFtsEngine } from "#search/sqlite-fts";
import type { SearchEngine } from "#search/types";

const env = process.env;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (env.SORI_CHILD_MODE === "write") {
  const child = env.SORI_CHILD_ID ?? "0";
  const viewer = getViewerById(Number(env.SORI_USER_ID));
  if (!viewer) throw new Error("no such user");
  // Every process starts writing at the same moment, so that their transactions really overlap.
  process.stdout.write("READY\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  process.stdin.destroy();
  const errors: string[] = [];
  let published = 0;
  for (let i = 0; i < Number(env.SORI_POSTS); i++) {
    try {
      publishPost({ viewer, body: `child ${child} post ${i} #부하 #load${child}` });
      published++;
      if (i % 5 === 0) createGroup({ viewer, input: { name: `Load ${child}-${i}`, visibility: "public" } });
    } catch (error) {
      const e = error as { code?: string; message?: string };
      errors.push(`${e.code ?? ""} ${e.message ?? String(error)}`);
    }
  }
  process.stdout.write(`${JSON.stringify({ published, errors })}\n`);
} else if (env.SORI_CHILD_MODE === "consume") {
  const inner = new SqliteFtsEngine(getDb().$client);
  const pause = Number(env.SORI_DOC_PAUSE_MS ?? "10");
  const engine: SearchEngine = {
    name: inner.name,
    setup: () => inner.setup(),
    remove: (refs) => inner.remove(refs),
    search: (q) => inner.search(q),
    get: (ref) => inner.get(ref),
    scanIds: (type, after, limit) => inner.scanIds(type, after, limit),
    health: () => inner.health(),
    reset: () => inner.reset(),
    setSynonyms: (groups) => inner.setSynonyms(groups),
    async index(docs) {
      const begin = Date.now();
      for (const doc of docs) {
        await inner.index([doc]);
        await sleep(pause);
      }
      process.stdout.write(`BATCH ${process.pid} ${begin} ${Date.now()}\n`);
    },
  };
  process.stdout.write(`READY ${process.pid}\n`);
  const leaseMs = env.SORI_LEASE_MS ? Number(env.SORI_LEASE_MS) : undefined;
  for (;;) {
    const r = await drainSearch({ engine, batchSize: Number(env.SORI_BATCH ?? "5"), leaseMs });
    const left = searchBehind();
    if (!r.busy && left.events === 0 && left.backlog === 0) break;
    await sleep(20);
  }
  process.stdout.write(`DONE ${process.pid}\n`);
}
