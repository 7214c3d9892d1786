// Which search engine this process uses (docs/decisions/0001-search.md): Meilisearch when MEILISEARCH_URL is set,
// else the embedded engine in the application database. The engines themselves live in search/ and know nothing
// of the app; this is where configuration meets them.
import { getDb } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { singleton } from "#app/infra/registry.server";
import { MeilisearchEngine } from "#search/meilisearch";
import { SqliteFtsEngine } from "#search/sqlite-fts";
import type { SearchEngine } from "#search/types";

export type { SearchEngine } from "#search/types";

/** The process's engine (reset with the registry, e.g. when tests switch databases). */
export function getSearchEngine(): SearchEngine {
  return singleton<SearchEngine>("search.engine", () => {
    const env = getEnv();
    if (env.MEILISEARCH_URL) {
      return new MeilisearchEngine({ url: env.MEILISEARCH_URL, apiKey: env.MEILISEARCH_API_KEY });
    }
    return new SqliteFtsEngine(getDb().$client);
  });
}

const setupDone = new WeakMap<SearchEngine, Promise<void>>();

/** Runs engine.setup() once per engine (again after a failure). */
export function ensureSearchEngine(engine: SearchEngine = getSearchEngine()): Promise<void> {
  let p = setupDone.get(engine);
  if (!p) {
    p = engine.setup().catch((e) => {
      setupDone.delete(engine);
      throw e;
    });
    setupDone.set(engine, p);
  }
  return p;
}
