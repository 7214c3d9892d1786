// Search plumbing (issue #3, docs/decisions/0001-search.md): which engine, documents built from the database,
// and the outbox worker that keeps the engine in step with it.
//
// Every change to a post, person, hashtag or group adds a search_outbox row in the same transaction as the change.
// drainOutbox() reads due rows, loads the *current* state of those entities (gone → removed from the index),
// hands the documents to the engine and deletes the rows only once the engine has acknowledged them. When the
// engine fails the rows stay, with attempts + 1 and an exponential backoff. One process at a time drains (a
// lease row), so two drains never write the same document out of order, and reindexAll() — which only queues
// every entity and then drains like the worker — is safe while Sori serves.
import crypto from "node:crypto";
import os from "node:os";
import type Database from "better-sqlite3";
import { groupScopes, personScopes, postScopes, type GroupVisibility } from "#app/access/rules";
import { getDb } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { MeilisearchEngine } from "./meilisearch";
import { SqliteFtsEngine } from "./sqlite-fts";
import { htmlToPlainText } from "./text";
import type {
  DocRef,
  DocType,
  GroupDoc,
  HashtagDoc,
  PersonDoc,
  PostDoc,
  SearchDoc,
  SearchEngine,
  Visibility,
} from "./types";

export type { SearchEngine } from "./types";

// ---------------------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------------------

const g = globalThis as unknown as {
  __soriSearchEngines?: WeakMap<object, SearchEngine>;
  __soriMeili?: { key: string; engine: MeilisearchEngine };
  __soriSearchWorker?: WorkerState;
};

/** Meilisearch when MEILISEARCH_URL is set, else the embedded engine in the application database. */
export function getSearchEngine(): SearchEngine {
  const env = getEnv();
  if (env.MEILISEARCH_URL) {
    const key = `${env.MEILISEARCH_URL}|${env.MEILISEARCH_API_KEY ?? ""}`;
    if (g.__soriMeili?.key !== key) {
      g.__soriMeili = {
        key,
        engine: new MeilisearchEngine({ url: env.MEILISEARCH_URL, apiKey: env.MEILISEARCH_API_KEY }),
      };
    }
    return g.__soriMeili.engine;
  }
  const client = getDb().$client;
  g.__soriSearchEngines ??= new WeakMap();
  let engine = g.__soriSearchEngines.get(client);
  if (!engine) g.__soriSearchEngines.set(client, (engine = new SqliteFtsEngine(client)));
  return engine;
}

const setupDone = new WeakMap<SearchEngine, Promise<void>>();

/** Runs engine.setup() once per engine (again after a failure). */
export function ensureSearchEngine(engine: SearchEngine = getSearchEngine()): Promise<void> {
  let p = setupDone.get(engine);
  if (!p) {
    p = engine.setup().catch((e) => {
      setupDone.delete(engine);
      throw e;
    });
    setupDone.set(engine, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------------
// Documents from the database
// ---------------------------------------------------------------------------------------------------------

// Who may see what: the scopes of app/access/rules.ts, computed from the current state of the database.
function hashtagVisibility(tagId: number): Visibility {
  const rows = client()
    .prepare(
      `select c.group_id as groupId, g.visibility from hashtag_counts c left join groups g on g.id = c.group_id
        where c.hashtag_id = @id and c.post_count > 0`,
    )
    .all({ id: tagId }) as { groupId: number; visibility: GroupVisibility | null }[];
  const scopes = new Set<string>();
  for (const r of rows)
    for (const s of postScopes(r.groupId === 0 ? null : { id: r.groupId, visibility: r.visibility! })) scopes.add(s);
  return [...scopes];
}

function client(): Database.Database {
  return getDb().$client;
}

const ids = (list: number[]) => JSON.stringify([...new Set(list)]);

/** Documents of the posts that exist among these ids (missing ones are simply absent). */
export function loadPostDocs(postIds: number[]): PostDoc[] {
  if (postIds.length === 0) return [];
  const db = client();
  const rows = db
    .prepare(
      `select p.id, p.thread_id as threadId, p.reply_to_id as replyToId, p.kind, p.html, p.created_at as createdAt,
              u.id as authorId, u.handle, u.name, p.group_id as groupId, g.visibility
         from posts p join users u on u.id = p.author_id left join groups g on g.id = p.group_id
        where p.id in (select value from json_each(@ids))`,
    )
    .all({ ids: ids(postIds) }) as {
    id: number;
    threadId: number | null;
    replyToId: number | null;
    kind: PostDoc["kind"];
    html: string;
    createdAt: number;
    authorId: number;
    handle: string;
    name: string;
    groupId: number | null;
    visibility: GroupVisibility | null;
  }[];
  const tags = db
    .prepare(
      `select ph.post_id as postId, h.name from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
        where ph.post_id in (select value from json_each(@ids)) order by ph.post_id, h.name`,
    )
    .all({ ids: ids(postIds) }) as { postId: number; name: string }[];
  const tagsOf = new Map<number, string[]>();
  for (const t of tags) {
    const list = tagsOf.get(t.postId);
    if (list) list.push(t.name);
    else tagsOf.set(t.postId, [t.name]);
  }
  return rows.map((r) => ({
    type: "post",
    id: r.id,
    threadId: r.threadId ?? r.id,
    replyToId: r.replyToId,
    kind: r.kind,
    author: { id: r.authorId, handle: r.handle, name: r.name },
    body: htmlToPlainText(r.html),
    hashtags: tagsOf.get(r.id) ?? [],
    createdAt: r.createdAt,
    ...(r.groupId != null ? { groupId: r.groupId } : {}),
    visibility: postScopes(r.groupId == null ? null : { id: r.groupId, visibility: r.visibility! }),
  }));
}

export function loadPersonDocs(userIds: number[]): PersonDoc[] {
  if (userIds.length === 0) return [];
  const rows = client()
    .prepare(
      `select id, handle, name, department, title, status, role = 'guest' as guest,
              (select json_group_array(group_id) from group_members m where m.user_id = users.id) as groupIds
         from users where id in (select value from json_each(@ids))`,
    )
    .all({ ids: ids(userIds) }) as {
    id: number;
    handle: string;
    name: string;
    department: string;
    title: string;
    status: string;
    guest: number;
    groupIds: string;
  }[];
  return rows.map((r) => ({
    type: "person",
    id: r.id,
    handle: r.handle,
    name: r.name,
    department: r.department,
    title: r.title,
    active: r.status === "active",
    visibility: personScopes({ guest: !!r.guest, groupIds: JSON.parse(r.groupIds) as number[] }),
  }));
}

/** Hashtags still used by at least one post (an unused one leaves the index). */
export function loadHashtagDocs(tagIds: number[]): HashtagDoc[] {
  if (tagIds.length === 0) return [];
  const rows = client()
    .prepare(
      `select id, name, post_count as postCount from hashtags
        where id in (select value from json_each(@ids)) and post_count > 0`,
    )
    .all({ ids: ids(tagIds) }) as { id: number; name: string; postCount: number }[];
  return rows.map((r) => ({
    type: "hashtag",
    id: r.id,
    name: r.name,
    postCount: r.postCount,
    visibility: hashtagVisibility(r.id),
  }));
}

/** Groups, with their member counts; visibility follows app/access/rules.ts (secret: members and admins). */
export function loadGroupDocs(groupIds: number[]): GroupDoc[] {
  if (groupIds.length === 0) return [];
  const rows = client()
    .prepare(
      `select g.id, g.slug, g.name, g.description, g.visibility,
              (select count(*) from group_members m where m.group_id = g.id) as memberCount
         from groups g where g.id in (select value from json_each(@ids))`,
    )
    .all({ ids: ids(groupIds) }) as {
    id: number;
    slug: string;
    name: string;
    description: string;
    visibility: GroupVisibility;
    memberCount: number;
  }[];
  return rows.map((r) => ({
    type: "group",
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    memberCount: r.memberCount,
    visibility: groupScopes({ id: r.id, visibility: r.visibility }),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Lease: one draining process at a time
// ---------------------------------------------------------------------------------------------------------

const LEASE = "search-indexer";
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
function acquireLease(db: Database.Database, now: number): boolean {
  const taken = db
    .prepare(
      `insert into search_leases (name, owner, expires_at) values (@name, @owner, @expires)
       on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
        where search_leases.owner = excluded.owner or search_leases.expires_at < @now`,
    )
    .run({ name: LEASE, owner: OWNER, expires: now + LEASE_MS, now }).changes;
  if (taken === 1) return true;
  const holder = db.prepare(`select owner from search_leases where name = @name`).pluck().get({ name: LEASE }) as
    string | undefined;
  const [host, pid] = (holder ?? "").split(":");
  if (holder && host === os.hostname() && Number(pid) !== process.pid && !processAlive(Number(pid))) {
    return (
      db
        .prepare(
          `update search_leases set owner = @owner, expires_at = @expires where name = @name and owner = @holder`,
        )
        .run({ name: LEASE, owner: OWNER, expires: now + LEASE_MS, holder }).changes === 1
    );
  }
  return false;
}

function releaseLease(db: Database.Database) {
  db.prepare(`delete from search_leases where name = @name and owner = @owner`).run({ name: LEASE, owner: OWNER });
}

// ---------------------------------------------------------------------------------------------------------
// Draining the outbox
// ---------------------------------------------------------------------------------------------------------

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** available_at of rows queued by reindexAll: due at once, but after fresh changes (available_at 0). */
const BULK = 1;

export function backoffMs(attempts: number): number {
  const d = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 20));
  return Math.round(d * (0.8 + Math.random() * 0.4));
}

export type DrainResult = {
  /** Outbox rows handled (indexed, removed or found stale) and deleted. */
  processed: number;
  indexed: number;
  removed: number;
  /** Rows whose batch failed and were rescheduled with backoff. */
  failed: number;
  /** True when another process holds the lease (nothing was done). */
  busy: boolean;
  /** True when due rows remain (maxBatches reached). */
  more: boolean;
};

type OutboxRow = { id: number; entity: "post" | "user" | "hashtag" | "group"; entityId: number; attempts: number };

// One drain at a time within this process, too.
let chain: Promise<unknown> = Promise.resolve();

/**
 * Drains due outbox rows in batches until none are due (or maxBatches). Never throws for an engine failure:
 * the batch is rescheduled with backoff and counted in `failed`.
 */
export function drainOutbox(
  options: { batchSize?: number; maxBatches?: number; engine?: SearchEngine; now?: () => number } = {},
): Promise<DrainResult> {
  const run = chain.then(() => drainNow(options));
  chain = run.catch(() => undefined);
  return run;
}

async function drainNow({
  batchSize = 200,
  maxBatches = Infinity,
  engine = getSearchEngine(),
  now = Date.now,
}: {
  batchSize?: number;
  maxBatches?: number;
  engine?: SearchEngine;
  now?: () => number;
}): Promise<DrainResult> {
  const db = client();
  const result: DrainResult = { processed: 0, indexed: 0, removed: 0, failed: 0, busy: false, more: false };
  if (!acquireLease(db, now())) return { ...result, busy: true };
  try {
    for (let batch = 0; ; batch++) {
      if (batch >= maxBatches) {
        result.more = hasDueRows(db, now());
        break;
      }
      if (batch > 0) {
        // Let requests in between batches, and keep the lease ours.
        await new Promise((r) => setImmediate(r));
        if (!acquireLease(db, now())) {
          result.more = true;
          break;
        }
      }
      const rows = db
        .prepare(
          `select id, entity, entity_id as entityId, attempts from search_outbox
            where available_at <= @now order by available_at, id limit @n`,
        )
        .all({ now: now(), n: batchSize }) as OutboxRow[];
      if (rows.length === 0) break;
      try {
        await ensureSearchEngine(engine);
        const { docs, removals } = buildBatch(db, rows);
        if (docs.length) await engine.index(docs);
        if (removals.length) await engine.remove(removals);
        db.transaction(() => {
          db.prepare(`delete from search_outbox where id in (select value from json_each(@ids))`).run({
            ids: JSON.stringify(rows.map((r) => r.id)),
          });
          rememberAuthors(db, docs);
        })();
        result.processed += rows.length;
        result.indexed += docs.length;
        result.removed += removals.length;
      } catch (e) {
        reschedule(db, rows, now());
        result.failed += rows.length;
        console.warn(
          `search: indexing ${rows.length} outbox rows failed, retrying with backoff:`,
          e instanceof Error ? e.message : e,
        );
        break;
      }
    }
  } finally {
    releaseLease(db);
  }
  return result;
}

function hasDueRows(db: Database.Database, now: number): boolean {
  return !!db.prepare(`select 1 from search_outbox where available_at <= @now limit 1`).pluck().get({ now });
}

function reschedule(db: Database.Database, rows: OutboxRow[], now: number) {
  const stmt = db.prepare(`update search_outbox set attempts = attempts + 1, available_at = @at where id = @id`);
  db.transaction(() => {
    for (const r of rows) stmt.run({ id: r.id, at: now + backoffMs(r.attempts) });
  })();
}

/** The current state of the batch's entities: documents to (re)index and refs to remove. */
function buildBatch(db: Database.Database, rows: OutboxRow[]): { docs: SearchDoc[]; removals: DocRef[] } {
  const postIds = new Set<number>();
  const userIds = new Set<number>();
  const tagIds = new Set<number>();
  const groupIds = new Set<number>();
  const sets = { post: postIds, user: userIds, hashtag: tagIds, group: groupIds };
  for (const r of rows) sets[r.entity].add(r.entityId);

  const posts = loadPostDocs([...postIds]);
  // A post's hashtags change their counts when it is published; refresh them with it.
  if (posts.length) {
    const used = db
      .prepare(`select distinct hashtag_id from post_hashtags where post_id in (select value from json_each(@ids))`)
      .pluck()
      .all({ ids: JSON.stringify(posts.map((p) => p.id)) }) as number[];
    for (const id of used) tagIds.add(id);
  }
  const people = loadPersonDocs([...userIds]);
  const tags = loadHashtagDocs([...tagIds]);
  const groups = loadGroupDocs([...groupIds]);
  queuePostsOfRenamedAuthors(db, people);

  const removals: DocRef[] = [];
  const missing = (type: DocType, wanted: Set<number>, found: { id: number }[]) => {
    const have = new Set(found.map((d) => d.id));
    for (const id of wanted) if (!have.has(id)) removals.push({ type, id });
  };
  missing("post", postIds, posts);
  missing("person", userIds, people);
  missing("hashtag", tagIds, tags);
  missing("group", groupIds, groups);
  return { docs: [...posts, ...people, ...tags, ...groups], removals };
}

/** Posts carry their author's name and handle: when those change, the author's posts are queued too. */
function queuePostsOfRenamedAuthors(db: Database.Database, people: PersonDoc[]) {
  if (people.length === 0) return;
  const known = new Map(
    (
      db
        .prepare(
          `select user_id as id, handle, name from search_indexed_authors where user_id in (select value from json_each(@ids))`,
        )
        .all({ ids: JSON.stringify(people.map((p) => p.id)) }) as { id: number; handle: string; name: string }[]
    ).map((r) => [r.id, r]),
  );
  const queue = db.prepare(
    `insert into search_outbox (entity, entity_id, available_at) select 'post', id, @bulk from posts where author_id = @id`,
  );
  for (const p of people) {
    const k = known.get(p.id);
    if (k && (k.handle !== p.handle || k.name !== p.name)) queue.run({ id: p.id, bulk: BULK });
  }
}

function rememberAuthors(db: Database.Database, docs: SearchDoc[]) {
  const up = db.prepare(
    `insert into search_indexed_authors (user_id, handle, name) values (@id, @handle, @name)
     on conflict (user_id) do update set handle = excluded.handle, name = excluded.name`,
  );
  for (const d of docs) if (d.type === "person") up.run({ id: d.id, handle: d.handle, name: d.name });
}

/** How many changes wait to reach the search engine (for /healthz). */
export function outboxDepth(): number {
  return client().prepare(`select count(*) from search_outbox`).pluck().get() as number;
}

// ---------------------------------------------------------------------------------------------------------
// Worker
// ---------------------------------------------------------------------------------------------------------

type WorkerState = {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
  stopped: boolean;
  intervalMs: number;
  batchSize: number;
  engine?: SearchEngine;
};

/**
 * Drains the outbox in the background: right after notifySearchWorker() (a post is searchable within
 * milliseconds) and every `intervalMs` otherwise (changes from other processes, retries). Returns a stop
 * function that waits for the drain in progress.
 */
export function startSearchWorker(
  options: { intervalMs?: number; batchSize?: number; engine?: SearchEngine } = {},
): () => Promise<void> {
  if (g.__soriSearchWorker && !g.__soriSearchWorker.stopped) {
    throw new Error("the search worker is already running in this process");
  }
  const state: WorkerState = {
    timer: null,
    running: null,
    again: false,
    stopped: false,
    intervalMs: options.intervalMs ?? 500,
    batchSize: options.batchSize ?? 200,
    engine: options.engine,
  };
  g.__soriSearchWorker = state;
  void ensureSearchEngine(state.engine ?? getSearchEngine()).catch((e) =>
    console.warn("search: engine set-up failed; the worker will retry:", e instanceof Error ? e.message : e),
  );
  schedule(state, 0);
  return async () => {
    state.stopped = true;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    await state.running;
    if (g.__soriSearchWorker === state) g.__soriSearchWorker = undefined;
  };
}

/** Asks the worker (if one runs in this process) to drain now; call after committing a change. Never throws. */
export function notifySearchWorker(): void {
  const state = g.__soriSearchWorker;
  if (!state || state.stopped) return;
  if (state.running) state.again = true;
  else schedule(state, 0);
}

function schedule(state: WorkerState, delay: number) {
  if (state.stopped) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => tick(state), delay);
  state.timer.unref();
}

function tick(state: WorkerState) {
  state.timer = null;
  if (state.stopped || state.running) return;
  state.running = (async () => {
    try {
      do {
        state.again = false;
        const r = await drainOutbox({ batchSize: state.batchSize, maxBatches: 50, engine: state.engine });
        if (r.more && !r.busy) state.again = true;
      } while (state.again && !state.stopped);
    } catch (e) {
      console.warn("search: drain failed:", e instanceof Error ? e.message : e);
    } finally {
      state.running = null;
      schedule(state, state.intervalMs);
    }
  })();
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
 * Rebuilds the engine in use from the database while Sori serves: queues every post, person and hashtag (and
 * every indexed document that no longer exists) in the outbox behind fresh changes, then drains in batches —
 * whichever process holds the lease does the work, so it is safe next to the server's worker. With
 * `progress`, draws a progress bar on stderr.
 */
export async function reindexAll({
  progress = false,
  batchSize = 500,
  engine = getSearchEngine(),
}: { progress?: boolean; batchSize?: number; engine?: SearchEngine } = {}): Promise<ReindexResult> {
  const started = performance.now();
  const db = client();
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
          `insert into search_outbox (entity, entity_id, available_at)
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
          `insert into search_outbox (entity, entity_id, available_at) values (@entity, @id, @bulk)`,
        );
        db.transaction(() => {
          for (const id of gone) q.run({ entity: DOC_ENTITY[type], id, bulk: BULK });
        })();
        stale += gone.length;
      }
    }
  }

  const mark = db.prepare(`select coalesce(max(id), 0) from search_outbox`).pluck().get() as number;
  const remaining = () =>
    db.prepare(`select count(*) from search_outbox where id <= @mark`).pluck().get({ mark }) as number;
  const total = remaining();
  bar?.label("indexing");
  let failures = 0;
  for (;;) {
    const left = remaining();
    bar?.update(total - left, total);
    if (left === 0) break;
    const r = await drainOutbox({ batchSize, maxBatches: 20, engine });
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
