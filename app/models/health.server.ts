import { sql } from "drizzle-orm";
import { searchOutbox } from "#db/schema";
import { getDb } from "#app/utils/db.server";

export function checkHealth() {
  const db = getDb();
  const outbox = db.select({ n: sql<number>`count(*)` }).from(searchOutbox).get()!.n;
  return { status: "ok" as const, database: "ok" as const, searchOutbox: outbox };
}
