import { getDb } from "#app/infra/db.server";
import { getSearchEngine, outboxDepth } from "#search/index.server";
import type { EngineHealth } from "#search/types";

/** What /healthz reports: the database, the search engine, and how far indexing lags behind writes. */
export async function checkHealth() {
  getDb().$client.prepare("select 1").get();
  const engine = getSearchEngine();
  const search = await Promise.race([
    engine.health(),
    new Promise<EngineHealth>((resolve) =>
      setTimeout(() => resolve({ ok: false, engine: engine.name, detail: "timeout" }), 2000).unref(),
    ),
  ]).catch((error: unknown): EngineHealth => ({
    ok: false,
    engine: engine.name,
    detail: error instanceof Error ? error.message : String(error),
  }));
  return {
    status: search.ok ? ("ok" as const) : ("degraded" as const),
    database: "ok" as const,
    search,
    searchOutbox: outboxDepth(),
  };
}
