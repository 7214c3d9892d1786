// Records "this entity changed" in the same transaction as the change; the search worker (issue #3) drains it
// and reads the current state, so a crash or an engine outage never loses an update.
import { searchOutbox } from "#db/schema";
import { sql } from "drizzle-orm";
import { preparedFor } from "#app/infra/db.server";
import { notifySearchWorker } from "#search/index.server";

export type OutboxEntity = "post" | "user" | "hashtag" | "group";

const q = preparedFor((db) => ({
  insert: db
    .insert(searchOutbox)
    .values({ entity: sql.placeholder("entity"), entityId: sql.placeholder("entityId") })
    .prepare(),
}));

/** Called by recordEvent (app/events), inside the transaction of the change, on its connection. */
export function enqueueSearchUpdate(entity: OutboxEntity, ids: number[]) {
  if (ids.length === 0) return;
  for (const entityId of ids) q().insert.run({ entity, entityId });
  // The drain starts on a timer, so only after this synchronous transaction has committed.
  notifySearchWorker();
}
