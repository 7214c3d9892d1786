import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { BASE_DB, TMP_DIR } from "./paths";

const g = globalThis as unknown as {
  __soriDb?: { $client: { close(): void } };
  __soriLucia?: unknown;
  __soriEnv?: unknown;
};

/** Points the app at a fresh copy of the migrated base database (closing the previous one). */
export function freshDatabase(): string {
  g.__soriDb?.$client.close();
  g.__soriDb = undefined;
  g.__soriLucia = undefined;
  g.__soriEnv = undefined;
  const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
  fs.copyFileSync(BASE_DB, file);
  process.env.DATABASE_PATH = file;
  return file;
}

export function removeDatabase(file: string) {
  g.__soriDb?.$client.close();
  g.__soriDb = undefined;
  g.__soriLucia = undefined;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
