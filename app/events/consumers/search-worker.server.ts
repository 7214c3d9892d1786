// The search consumer's background worker and the full reindex (docs/decisions/0001-search.md). The draining
// itself is in search.server.ts.
import { startConsumerWorker, wakeConsumerWorker } from "#app/events/consumer-worker.server";
import { getDb } from "#app/infra/db.server";
import { ensureSearchEngine, getSearchEngine } from "#app/models/search/engine.server";
import type { DocType, SearchEngine } from "#search/types";
import { BULK, drainSearch } from "./search.server";

const WORKER = "search.worker";

// ---------------------------------------------------------------------------------------------------------
// Worker
// ---------------------------------------------------------------------------------------------------------

/**
 * Consumes events in the background: right after an event is recorded in this process (a post is searchable
 * within milliseconds) and every `intervalMs` otherwise (events from other processes, retries, the backlog). Returns a stop
 * function that waits for the drain in progress.
 */
export function startSearchWorker(
  options: { intervalMs?: number; batchSize?: number; engine?: SearchEngine } = {},
): () => Promise<void> {
  // The embedded engine indexes inside a write transaction: small batches keep the database's write lock short
  // (~2 ms), so other workers' writes rarely wait on it (a waiting writer sleeps 1, 2, 5… ms in SQLite's busy
  // handler). The worker runs again at once while events remain.
  const batchSize = options.batchSize ?? 32;
  const { engine } = options;
  const stop = startConsumerWorker({
    name: WORKER,
    label: "search",
    intervalMs: options.intervalMs,
    drain: () => drainSearch({ batchSize, maxBatches: 300, engine }),
  });
  void ensureSearchEngine(engine ?? getSearchEngine()).catch((e) =>
    console.warn("search: engine set-up failed; the worker will retry:", e instanceof Error ? e.message : e),
  );
  return stop;
}

/**
 * Asks the worker (if one runs in this process) to drain now. recordEvent() does this by itself; call it after
 * queueing bulk work. Never throws.
 */
export function notifySearchWorker(): void {
  wakeConsumerWorker(WORKER);
}

// ---------------------------------------------------------------------------------------------------------
// Reindex
// ---------------------------------------------------------------------------------------------------------

export type ReindexResult = { queued: number; stale: number; seconds: number };

const ENTITY_TABLE = { post: "posts", user: "users", hashtag: "hashtags", group: "groups" } as const;
const DOC_ENTITY: Record<DocType, keyof typeof ENTITY_TABLE> = {
  post: "post",
  person: "user",
  hashtag: "hashtag",
  group: "group",
};

/**
 * Rebuilds the engine in use from the database while Sori serves: queues every post, person, hashtag and group
 * (and every indexed document that no longer exists) in the backlog behind fresh changes, then drains in batches —
 * whichever process holds the lease does the work, so it is safe next to the server's worker. With
 * `progress`, draws a progress bar on stderr.
 */
export async function reindexAll({
  progress = false,
  batchSize = 500,
  engine = getSearchEngine(),
}: { progress?: boolean; batchSize?: number; engine?: SearchEngine } = {}): Promise<ReindexResult> {
  const started = performance.now();
  const db = getDb().$client;
  await ensureSearchEngine(engine);
  const bar = progress ? progressBar() : null;
  bar?.label("queueing");

  let queued = 0;
  const CHUNK = 10_000;
  for (const entity of ["user", "hashtag", "group", "post"] as const) {
    const table = ENTITY_TABLE[entity];
    let after = 0;
    for (;;) {
      const last = db
        .prepare(`select max(id) from (select id from ${table} where id > @after order by id limit @n)`)
        .pluck()
        .get({ after, n: CHUNK }) as number | null;
      if (last == null) break;
      queued += db
        .prepare(
          `insert into search_backlog (entity, entity_id, available_at)
           select @entity, id, @bulk from ${table} where id > @after and id <= @last`,
        )
        .run({ entity, bulk: BULK, after, last }).changes;
      after = last;
      await new Promise((r) => setImmediate(r));
    }
  }

  // Documents the engine has but the database does not (a restored backup, a crash at the wrong moment).
  let stale = 0;
  for (const type of ["post", "person", "hashtag", "group"] as const) {
    const table = ENTITY_TABLE[DOC_ENTITY[type]];
    let after = 0;
    for (;;) {
      const page = await engine.scanIds(type, after, 5_000);
      if (page.length === 0) break;
      after = page[page.length - 1];
      const gone = db
        .prepare(
          `select value from json_each(@ids) where value not in (select id from ${table} where id in (select value from json_each(@ids)))`,
        )
        .pluck()
        .all({ ids: JSON.stringify(page) }) as number[];
      if (gone.length) {
        const q = db.prepare(
          `insert into search_backlog (entity, entity_id, available_at) values (@entity, @id, @bulk)`,
        );
        db.transaction(() => {
          for (const id of gone) q.run({ entity: DOC_ENTITY[type], id, bulk: BULK });
        }).immediate();
        stale += gone.length;
      }
    }
  }

  const mark = db.prepare(`select coalesce(max(id), 0) from search_backlog`).pluck().get() as number;
  const remaining = () =>
    db.prepare(`select count(*) from search_backlog where id <= @mark`).pluck().get({ mark }) as number;
  const total = remaining();
  bar?.label("indexing");
  let failures = 0;
  for (;;) {
    const left = remaining();
    bar?.update(total - left, total);
    if (left === 0) break;
    const r = await drainSearch({ batchSize, maxBatches: 20, engine });
    if (r.failed) {
      if (++failures >= 5) {
        bar?.done();
        throw new Error(`search engine keeps failing; ${left} changes stay queued for the worker`);
      }
      await sleep(Math.min(10_000, 500 * 2 ** failures));
    } else failures = 0;
    if (r.busy) await sleep(200);
    else if (r.processed === 0) await sleep(100);
  }
  bar?.done();
  return { queued, stale, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A one-line progress bar on stderr. */
function progressBar() {
  const out = process.stderr;
  const t0 = performance.now();
  let label = "";
  let last = 0;
  const draw = (done: number, total: number, force = false) => {
    const now = performance.now();
    // A terminal gets a live bar; a log gets a line every few seconds.
    if (!force && now - last < (out.isTTY ? 100 : 3000)) return;
    last = now;
    const width = 30;
    const ratio = total ? done / total : 1;
    const filled = Math.round(ratio * width);
    const secs = (now - t0) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const n = (x: number) => Math.round(x).toLocaleString("en");
    const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`;
    const line = `${label.padEnd(9)} ${bar} ${n(done)}/${n(total)} · ${n(rate)}/s · ETA ${eta}s`;
    out.write(out.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
  let lastTotal = 0;
  return {
    label(l: string) {
      label = l;
    },
    update(done: number, total: number) {
      lastTotal = total;
      draw(done, total);
    },
    done() {
      draw(lastTotal, lastTotal, true);
      if (out.isTTY) out.write("\n");
    },
  };
}
