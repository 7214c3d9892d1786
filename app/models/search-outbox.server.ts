// Records "this entity changed" in the same transaction as the change; the search worker (issue #3) drains it
// and reads the current state, so a crash or an engine outage never loses an update.
import { searchOutbox } from "#db/schema";
import type { DB, Tx } from "#app/utils/db.server";
import { notifySearchWorker } from "#search/index.server";

export type OutboxEntity = "post" | "user" | "hashtag";

export function enqueueSearchUpdate(tx: Tx | DB, entity: OutboxEntity, ids: number[]) {
  if (ids.length === 0) return;
  tx.insert(searchOutbox)
    .values(ids.map((entityId) => ({ entity, entityId })))
    .run();
  // The drain starts on a timer, so only after this synchronous transaction has committed.
  notifySearchWorker();
}
