import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resetRegistry } from "#app/infra/registry.server";
import { BASE_DB, TMP_DIR } from "./paths";

/** Points the app at a fresh copy of the migrated base database (closing the previous one). */
export function freshDatabase(): string {
  resetRegistry();
  const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
  fs.copyFileSync(BASE_DB, file);
  process.env.DATABASE_PATH = file;
  return file;
}

export function removeDatabase(file: string) {
  resetRegistry();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
