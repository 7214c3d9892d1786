// What every consumer of the domain-event log needs (docs/decisions/0001-search.md, addendum): a cursor of its own
// in event_consumers — the id of the last event it has fully handled, advanced only after the handling was
// acknowledged, with attempts and a backoff when it failed — and a lease so that only one process consumes at a
// time (two would apply an entity's old and new state in the wrong order).
import crypto from "node:crypto";
import os from "node:os";
import type Database from "better-sqlite3";

export type ConsumerState = { lastEventId: number; attempts: number; availableAt: number };

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** 1 s doubling per attempt, capped at 5 min, ±20 % jitter. */
export function backoffMs(attempts: number): number {
  const d = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 20));
  return Math.round(d * (0.8 + Math.random() * 0.4));
}

/**
 * The consumer's cursor. A consumer seen for the first time starts at the beginning of the log: slow, never
 * wrong (a migration that adds a consumer may start it elsewhere, as 0008 does for search).
 */
export function consumerState(db: Database.Database, name: string): ConsumerState {
  db.prepare(`insert into event_consumers (name) values (@name) on conflict (name) do nothing`).run({ name });
  return db
    .prepare(
      `select last_event_id as lastEventId, attempts, available_at as availableAt from event_consumers where name = @name`,
    )
    .get({ name }) as ConsumerState;
}

/** Moves the cursor after events the consumer has handled, clearing any backoff. */
export function advanceConsumer(db: Database.Database, name: string, lastEventId: number, now: number) {
  db.prepare(
    `update event_consumers set last_event_id = max(last_event_id, @last), attempts = 0, available_at = 0,
       last_error = null, updated_at = @now where name = @name`,
  ).run({ name, last: lastEventId, now });
}

/** Leaves the cursor where it is and retries after a backoff. */
export function failConsumer(db: Database.Database, name: string, error: unknown, now: number) {
  const { attempts } = consumerState(db, name);
  db.prepare(
    `update event_consumers set attempts = attempts + 1, available_at = @at, last_error = @error, updated_at = @now
      where name = @name`,
  ).run({
    name,
    at: now + backoffMs(attempts),
    error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    now,
  });
}

/** How many events the consumer has not handled yet. */
export function eventsBehind(db: Database.Database, name: string): number {
  return db
    .prepare(
      `select count(*) from domain_events
        where id > coalesce((select last_event_id from event_consumers where name = @name), 0)`,
    )
    .pluck()
    .get({ name }) as number;
}

// ---------------------------------------------------------------------------------------------------------
// Lease: one consuming process at a time (the search_leases table of issue #3, one row per consumer)
// ---------------------------------------------------------------------------------------------------------

// Renewed between batches and, while a batch waits for its engine (Meilisearch may take up to a minute), every
// third of it: the lease only lapses when its holder is stuck, and then its commit is refused (holdsLease).
const LEASE_MS = 30_000;
const OWNER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes or renews the lease; also takes it from a dead process on this host without waiting for expiry. */
export function acquireLease(db: Database.Database, name: string, now: number, leaseMs = LEASE_MS): boolean {
  const taken = db
    .prepare(
      `insert into search_leases (name, owner, expires_at) values (@name, @owner, @expires)
       on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
        where search_leases.owner = excluded.owner or search_leases.expires_at < @now`,
    )
    .run({ name, owner: OWNER, expires: now + leaseMs, now }).changes;
  if (taken === 1) return true;
  const holder = db.prepare(`select owner from search_leases where name = @name`).pluck().get({ name }) as
    string | undefined;
  const [host, pid] = (holder ?? "").split(":");
  if (holder && host === os.hostname() && Number(pid) !== process.pid && !processAlive(Number(pid))) {
    return (
      db
        .prepare(
          `update search_leases set owner = @owner, expires_at = @expires where name = @name and owner = @holder`,
        )
        .run({ name, owner: OWNER, expires: now + leaseMs, holder }).changes === 1
    );
  }
  return false;
}

/**
 * Renews a held lease every third of its length until the returned function is called, so that a batch which
 * waits long for its engine keeps it.
 */
export function keepLease(db: Database.Database, name: string, now: () => number, leaseMs = LEASE_MS): () => void {
  const timer = setInterval(() => {
    try {
      acquireLease(db, name, now(), leaseMs);
    } catch (e) {
      // A failed renewal only risks losing the lease, which the commit's holdsLease check then notices.
      console.warn(`${name}: lease renewal failed:`, e instanceof Error ? e.message : e);
    }
  }, leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Whether this process still holds the lease. Checked inside the transaction that records a batch as done: a
 * holder that lost its lease (stuck past its expiry, taken over) must not move the cursor of the new holder.
 */
export function holdsLease(db: Database.Database, name: string): boolean {
  return db.prepare(`select owner from search_leases where name = @name`).pluck().get({ name }) === OWNER;
}

export function releaseLease(db: Database.Database, name: string) {
  db.prepare(`delete from search_leases where name = @name and owner = @owner`).run({ name, owner: OWNER });
}
