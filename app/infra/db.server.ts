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
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
  return withoutWaiting(getDb().$client, write);
}

/** Runs `fn` with the busy timeout off: false if it met another process's lock (SQLITE_BUSY), true if it ran. */
function withoutWaiting(sqlite: Database.Database, fn: () => void): boolean {
  sqlite.pragma("busy_timeout = 0");
  try {
    fn();
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

type QueuedWrite = { write: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
const queued: QueuedWrite[] = [];
let flushing = false;

/**
 * Runs `write` (synchronous) in a write transaction taken without stalling this worker, committed together with
 * the other writes queued meanwhile (group commit).
 *
 * - Not stalling: SQLite's busy handler waits for another worker's write lock by sleeping the thread (1, 2, 5…
 *   ms), and with it every request of the worker's event loop. Here BEGIN IMMEDIATE is tried with the busy
 *   timeout off; while another process holds the lock the worker yields to its event loop and tries again (a
 *   BEGIN, not the work). After `PATIENCE_MS` it waits in the busy handler like any other write, so it cannot
 *   starve.
 * - Group commit: the writes that arrive while one transaction is being taken or run are committed by the next,
 *   each in its own savepoint (one that throws is rolled back alone and rejects alone). A commit writes every page
 *   it changed to the WAL; posts published together share their pages (the same B-tree leaves), so the bytes
 *   written and the BEGIN/COMMIT per post fall with the batch.
 *
 * The promise settles after the COMMIT: a write acknowledged is durable. The API's hot writes (publishing,
 * reacting) use it (issue #7).
 */
export function writeWithoutStalling<T>(write: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queued.push({ write, resolve: resolve as (value: unknown) => void, reject });
    if (!flushing) {
      flushing = true;
      setImmediate(() => void flushWrites());
    }
  });
}

const PATIENCE_MS = 2_000;
const MAX_BATCH = 64;

async function flushWrites() {
  try {
    while (queued.length > 0) {
      const sqlite = getDb().$client;
      try {
        await takeWriteLock(sqlite);
      } catch (error) {
        for (const { reject } of queued.splice(0)) reject(error);
        continue;
      }
      const batch = queued.splice(0, MAX_BATCH);
      const results = batch.map(({ write }) => {
        try {
          // Inside the open transaction better-sqlite3 makes this a savepoint, and the model's own transaction
          // a savepoint within it.
          return { ok: true as const, value: sqlite.transaction(write).immediate() };
        } catch (error) {
          return { ok: false as const, error };
        }
      });
      try {
        sqlite.exec("COMMIT");
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        for (const { reject } of batch) reject(error);
        continue;
      }
      results.forEach((r, i) => (r.ok ? batch[i].resolve(r.value) : batch[i].reject(r.error)));
    }
  } finally {
    flushing = false;
  }
}

/** BEGIN IMMEDIATE without sleeping the thread while another process holds the lock (see writeWithoutStalling). */
async function takeWriteLock(sqlite: Database.Database) {
  const deadline = Date.now() + PATIENCE_MS;
  for (let attempt = 0; ; attempt++) {
    // Past the patience, wait in the busy handler like every other write.
    if (Date.now() >= deadline) return void sqlite.exec("BEGIN IMMEDIATE");
    if (withoutWaiting(sqlite, () => sqlite.exec("BEGIN IMMEDIATE"))) return;
    // A transaction holds the lock for about a millisecond: first yield, then back off up to 2 ms, with jitter.
    const delay = attempt === 0 ? 0 : Math.min(2, 0.25 * 2 ** attempt) * (0.5 + Math.random());
    await new Promise((resolve) => (delay === 0 ? setImmediate(resolve) : setTimeout(resolve, delay)));
  }
}
