// One drizzle + better-sqlite3 connection per process (WAL, foreign keys, busy timeout). Several processes share
// the file (the workers of `npm start`, the CLI): every write transaction begins IMMEDIATE (docs/decisions/0003).
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "#db/schema";
import { getEnv } from "#app/infra/env.server";
import { setSingleton, singleton } from "#app/infra/registry.server";

/** How long a write waits for another process's write lock before it fails (see writeWithoutStalling). */
const BUSY_TIMEOUT_MS = 5000;

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/migrations");

export function openDatabase(file: string): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // How long a writer waits for another process's write lock before SQLITE_BUSY. Write transactions are short
  // (well under a millisecond; the longest, a reindex chunk or a search batch's bookkeeping, tens of ms), so 5 s
  // is only reached when something is stuck. The wait blocks this process's event loop: keep transactions short.
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("temp_store = MEMORY");
  // A cluster's workers leave checkpoints to the primary (startCheckpointer): a checkpoint copies the WAL into the
  // file and syncs it, which would otherwise stall whichever worker's commit crossed the WAL's 1,000 pages.
  if (cluster.isWorker) sqlite.pragma("wal_autocheckpoint = 0");
  return drizzle(sqlite, { schema }) as DB;
}

/**
 * Checkpoints the WAL of `file` every `everyMs` from this process (the cluster's primary, which serves nothing):
 * PASSIVE, so it never waits for or blocks a worker's reads and writes. Returns a stop function.
 */
export function startCheckpointer(file: string, everyMs = 250): () => void {
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 5000");
  const timer = setInterval(() => {
    try {
      sqlite.pragma("wal_checkpoint(PASSIVE)");
    } catch (error) {
      console.error("Sori: WAL checkpoint failed:", error);
    }
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sqlite.close();
  };
}

export function migrateDatabase(db: DB) {
  migrate(db, { migrationsFolder });
}

/** Applies pending migrations to a database file, then closes it: the cluster's primary, before any worker starts. */
export function migrateDatabaseFile(file: string) {
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
  } finally {
    db.$client.close();
  }
}

/** The process-wide database, opened (and migrated) on first use; closed when the registry is reset. */
export function getDb(): DB {
  return singleton(
    "db",
    () => {
      const db = openDatabase(getEnv().DATABASE_PATH);
      migrateDatabase(db);
      return db;
    },
    (db) => {
      if (db.$client.open) db.$client.close();
    },
  );
}

/** Closes the process-wide database (graceful shutdown). */
export function closeDb() {
  setSingleton("db", undefined);
}

export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

/**
 * Every write transaction begins IMMEDIATE: `getDb().transaction(fn, IMMEDIATE)`, and `.immediate()` on a
 * better-sqlite3 one (eslint.config.js enforces both). A DEFERRED transaction that reads before it writes holds a
 * snapshot; when another process writes meanwhile, its first write fails with SQLITE_BUSY at once — the busy
 * timeout cannot help, as waiting would not make the snapshot current. IMMEDIATE takes the write lock first, so
 * it waits its turn in the busy timeout instead (tests/integration/multi-process.test.ts).
 */
export const IMMEDIATE = { behavior: "immediate" } as const;

/**
 * Per-connection cache for statements built once: `const q = preparedFor((db) => ({ byId: db.select()….prepare() }))`
 * then `q().byId.get({ id })`. Drizzle otherwise rebuilds the SQL string and better-sqlite3 prepares it again on
 * every call, which bench/ measured at a quarter of the server's CPU on hot paths.
 */
export function preparedFor<T>(build: (db: DB) => T): () => T {
  const cache = new WeakMap<DB, T>();
  return () => {
    const db = getDb();
    let value = cache.get(db);
    if (!value) cache.set(db, (value = build(db)));
    return value;
  };
}

const rawStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A cached better-sqlite3 statement for hand-written SQL (named parameters, `@name`). */
export function rawStatement(sqlText: string): Database.Statement {
  const client = getDb().$client;
  let cache = rawStatements.get(client);
  if (!cache) rawStatements.set(client, (cache = new Map()));
  let statement = cache.get(sqlText);
  if (!statement) cache.set(sqlText, (statement = client.prepare(sqlText)));
  return statement;
}

const isBusy = (error: unknown) => (error as { code?: string } | null)?.code === "SQLITE_BUSY";

/**
 * A write that may be skipped (a "last used" stamp): done now if the write lock is free, skipped — false — if
 * another process holds it, never waiting in the busy handler (see writeWithoutStalling).
 */
export function writeIfFree(write: () => void): boolean {
  const sqlite = getDb().$client;
  sqlite.pragma("busy_timeout = 0");
  try {
    write();
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Runs `write` (synchronous) in a write transaction taken without stalling this worker. SQLite's busy handler
 * waits for another worker's write lock by sleeping the thread (1, 2, 5, 10… ms), and with it every request of
 * the worker's event loop. Here BEGIN IMMEDIATE is tried with the busy timeout off; while another process holds
 * the lock the worker yields to its event loop and tries again (a BEGIN, not the work). Once it holds the lock,
 * `write` runs inside that transaction — its own transactions become savepoints of it — and the whole is
 * committed, or rolled back if it throws. After `patienceMs` it waits in the busy handler like any other write,
 * so it can never starve. The API's hot writes (publishing, reacting) use it (issue #7).
 */
export async function writeWithoutStalling<T>(write: () => T, patienceMs = 2_000): Promise<T> {
  const sqlite = getDb().$client;
  const deadline = Date.now() + patienceMs;
  for (let attempt = 0; ; attempt++) {
    const patient = Date.now() >= deadline;
    if (!patient) sqlite.pragma("busy_timeout = 0");
    let locked = false;
    try {
      sqlite.exec("BEGIN IMMEDIATE");
      locked = true;
    } catch (error) {
      if (!isBusy(error)) throw error;
    } finally {
      if (!patient) sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    if (locked) {
      try {
        const value = write();
        sqlite.exec("COMMIT");
        return value;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw error;
      }
    }
    // A transaction holds the lock for about a millisecond: first yield, then back off up to 2 ms, with jitter.
    const delay = attempt === 0 ? 0 : Math.min(2, 0.25 * 2 ** attempt) * (0.5 + Math.random());
    await new Promise((resolve) => (delay === 0 ? setImmediate(resolve) : setTimeout(resolve, delay)));
  }
}
