// Test helper for tests/integration/search-durability.test.ts: a worker process that consumes the domain events
// (and backlog) of DATABASE_PATH into the embedded engine, and after SORI_STOP_AFTER documents announces "MID-BATCH" on stdout
// and hangs, so that the test can SIGKILL it in the middle of a batch.
import { getDb } from "#app/infra/db.server";
import { drainSearch } from "#app/events/consumers/search.server";
import { SqliteFtsEngine } from "#search/sqlite-fts";
import type { SearchDoc, SearchEngine } from "#search/types";

const stopAfter = Number(process.env.SORI_STOP_AFTER ?? "5");
const inner = new SqliteFtsEngine(getDb().$client);
let indexed = 0;

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
  // One document per engine call, so the batch is visibly half-applied when the process dies.
  async index(docs: SearchDoc[]) {
    for (const doc of docs) {
      await inner.index([doc]);
      if (++indexed === stopAfter) {
        process.stdout.write("MID-BATCH\n");
        setInterval(() => {}, 60_000);
        await new Promise(() => {});
      }
    }
  },
};

await drainSearch({ engine, batchSize: 50 });
process.stdout.write("DRAINED\n");
