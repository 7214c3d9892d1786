// Builds one database from the real migrations; every test starts from a fresh copy of it.
import fs from "node:fs";
import { migrateDatabase, openDatabase } from "#app/infra/db.server";
import { BASE_DB, TMP_DIR } from "./paths";

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(BASE_DB + suffix, { force: true });
  const db = openDatabase(BASE_DB);
  migrateDatabase(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
}
