import { getDb } from "#app/infra/db.server";
import { searchBehind } from "#app/events/consumers/search.server";
import { notificationsBehind } from "#app/events/consumers/notifications.server";
import { getSearchEngine } from "#app/models/search/engine.server";
import type { EngineHealth } from "#search/types";

/**
 * Liveness for anyone (load balancers, the e2e harness): true when the database answers. The reason for a
 * failure goes to the log, never to the caller (issue #8.16).
 */
export function isAlive(): boolean {
  try {
    getDb().$client.prepare("select 1").get();
    return true;
  } catch (error) {
    console.error("healthz: database check failed", error);
    return false;
  }
}

/**
 * What /healthz reports to an administrator: the database, the search engine, and how far indexing lags
 * behind writes — domain events the search consumer has not handled yet, and bulk rebuilds (reindex) still
 * waiting — and the events the notifications consumer has not handled yet (issue #11).
 */
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
  const behind = searchBehind();
  return {
    status: search.ok ? ("ok" as const) : ("degraded" as const),
    database: "ok" as const,
    search,
    searchEventsBehind: behind.events,
    searchBacklog: behind.backlog,
    notificationEventsBehind: notificationsBehind(),
  };
}
