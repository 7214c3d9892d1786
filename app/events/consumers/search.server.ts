// Search, the first consumer of the domain-event log (issue #6; docs/decisions/0001-search.md, addendum).
//
//   domain_events ──(cursor in event_consumers)──► entities to rebuild ──► documents (current state) ──► engine
//   search_backlog (bulk work: reindex, a renamed author's posts, a group's posts after a visibility change) ─┘
//
// drainSearch() reads the events after the search cursor in id order, maps them to the posts, people, hashtags
// and groups whose documents they change, loads the *current* state of those (gone → removed from the index),
// hands the documents to the engine and advances the cursor only once the engine has acknowledged them. When the
// engine fails the cursor stays, with attempts + 1 and an exponential backoff. Bulk work that is not itself a
// change waits in search_backlog and is drained after the events. One process at a time drains (a lease), so
// two drains never write the same document out of order. Indexing is idempotent: a crash between the engine's
// acknowledgement and the cursor update only redoes a batch.
import type Database from "better-sqlite3";
import {
  acquireLease,
  advanceConsumer,
  backoffMs,
  consumerState,
  eventsBehind,
  failConsumer,
  holdsLease,
  keepLease,
  releaseLease,
} from "#app/events/consumer.server";
import { eventOf, readEvents, type DomainEvent, type StoredEvent } from "#app/events/domain-events.server";
import { getDb } from "#app/infra/db.server";
import { loadGroupDocs, loadHashtagDocs, loadPersonDocs, loadPostDocs } from "#app/models/search/documents.server";
import { ensureSearchEngine, getSearchEngine } from "#app/models/search/engine.server";
import type { DocRef, DocType, PersonDoc, SearchDoc, SearchEngine } from "#search/types";

export const SEARCH_CONSUMER = "search";

export type SearchEntity = "post" | "user" | "hashtag" | "group";
type Work = Record<SearchEntity, Set<number>>;

const noWork = (): Work => ({ post: new Set(), user: new Set(), hashtag: new Set(), group: new Set() });

/** available_at of bulk rows (reindex): due at once, but after fan-out rows of changes (available_at 0). */
export const BULK = 1;

function client(): Database.Database {
  return getDb().$client;
}

// ---------------------------------------------------------------------------------------------------------
// Events → documents to rebuild
// ---------------------------------------------------------------------------------------------------------

/**
 * Which documents an event changes. Fan-out that can be large (every post of a group) goes to the backlog, in
 * the transaction that advances the cursor, so that one event never makes one huge batch.
 */
function addWork(work: Work, fanOut: Work, event: DomainEvent) {
  const add = (entity: SearchEntity, ids: number[]) => {
    for (const id of ids) work[entity].add(id);
  };
  switch (event.type) {
    case "post.published":
      add("post", [event.postId]);
      return;
    case "post.edited":
      add("post", [event.postId]);
      add("hashtag", event.hashtagIds);
      return;
    case "post.deleted":
      add("post", event.postIds);
      add("hashtag", event.hashtagIds);
      return;
    case "user.changed":
      add("user", [event.userId]);
      return;
    case "membership.changed":
      // A person's document carries their groups (a guest is found only by the members of their groups), and a
      // group's carries its member count.
      add("user", [event.userId]);
      add("group", [event.groupId]);
      return;
    case "group.created":
      add("group", [event.groupId]);
      return;
    case "group.updated":
      add("group", [event.groupId]);
      // Who may find the group's posts and hashtags changed with it.
      if (event.visibilityChanged) fanOut.group.add(event.groupId);
      return;
    case "answer.accepted":
      // A question's document carries its best answer's text and the answered flag (issue #9): chosen, changed
      // or cleared, the question is rebuilt. An edited best answer is found in buildBatch, a deleted one in
      // deletedAnswersQuestions.
      add("post", [event.questionId]);
      return;
    // A new answer (question.answered) is its own post.published; the question's document holds only the best
    // answer, which a new answer is not until it is accepted (answer.accepted).
    case "reaction.changed":
    case "group.join_requested":
    case "question.answered":
    case "vote.changed":
    case "answer.requested":
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The backlog
// ---------------------------------------------------------------------------------------------------------

/**
 * Queues documents to be rebuilt from the current state (not a change in itself: a change records an event).
 * Runs on the caller's connection, so inside its transaction when it has one.
 */
export function queueSearchRebuild(entity: SearchEntity, ids: number[], availableAt = 0) {
  if (ids.length === 0) return;
  const stmt = client().prepare(
    `insert into search_backlog (entity, entity_id, available_at) values (@entity, @id, @at)`,
  );
  for (const id of ids) stmt.run({ entity, id, at: availableAt });
}

function queueGroupFanOut(db: Database.Database, groupIds: Set<number>) {
  for (const g of groupIds) {
    db.prepare(`insert into search_backlog (entity, entity_id) select 'post', id from posts where group_id = @g`).run({
      g,
    });
    db.prepare(
      `insert into search_backlog (entity, entity_id) select 'hashtag', hashtag_id from hashtag_counts where group_id = @g`,
    ).run({ g });
  }
}

type BacklogRow = { id: number; entity: SearchEntity; entityId: number; attempts: number };

function reschedule(db: Database.Database, rows: BacklogRow[], now: number) {
  const stmt = db.prepare(`update search_backlog set attempts = attempts + 1, available_at = @at where id = @id`);
  db.transaction(() => {
    for (const r of rows) stmt.run({ id: r.id, at: now + backoffMs(r.attempts) });
  }).immediate();
}

// ---------------------------------------------------------------------------------------------------------
// Draining
// ---------------------------------------------------------------------------------------------------------

export type DrainResult = {
  /** Events and backlog rows handled (their documents indexed or removed). */
  processed: number;
  indexed: number;
  removed: number;
  /** Events or backlog rows whose batch failed and will be retried after a backoff. */
  failed: number;
  /** True when another process holds the lease (nothing was done). */
  busy: boolean;
  /** True when due work remains (maxBatches reached). */
  more: boolean;
};

// One drain at a time within this process, too.
let chain: Promise<unknown> = Promise.resolve();

/**
 * Brings the engine up to date: events after the cursor first, then due backlog rows, in batches until none are
 * due (or maxBatches). Never throws for an engine failure: the batch is retried after a backoff and counted in
 * `failed`.
 */
export function drainSearch(
  options: {
    batchSize?: number;
    maxBatches?: number;
    engine?: SearchEngine;
    now?: () => number;
    /** The lease's length (tests shorten it). */
    leaseMs?: number;
  } = {},
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
  leaseMs,
}: {
  batchSize?: number;
  maxBatches?: number;
  engine?: SearchEngine;
  now?: () => number;
  leaseMs?: number;
}): Promise<DrainResult> {
  const db = client();
  const result: DrainResult = { processed: 0, indexed: 0, removed: 0, failed: 0, busy: false, more: false };
  if (!acquireLease(db, SEARCH_CONSUMER, now(), leaseMs)) return { ...result, busy: true };
  const stopRenewing = keepLease(db, SEARCH_CONSUMER, now, leaseMs);
  try {
    for (let batch = 0; ; batch++) {
      if (batch >= maxBatches) {
        result.more = hasDueWork(db, now());
        break;
      }
      if (batch > 0) {
        // Let requests in between batches, and keep the lease ours.
        await new Promise((r) => setImmediate(r));
        if (!acquireLease(db, SEARCH_CONSUMER, now(), leaseMs)) {
          result.more = true;
          break;
        }
      }
      const cursor = consumerState(db, SEARCH_CONSUMER);
      const events = cursor.availableAt <= now() ? readEvents(cursor.lastEventId, batchSize) : [];
      const rows = events.length ? [] : dueBacklog(db, now(), batchSize);
      if (events.length === 0 && rows.length === 0) break;
      const work = noWork();
      const fanOut = noWork();
      for (const e of events) addWork(work, fanOut, eventOf(e));
      for (const r of rows) work[r.entity].add(r.entityId);
      try {
        await ensureSearchEngine(engine);
        for (const id of await deletedAnswersQuestions(engine, events)) work.post.add(id);
        const { docs, removals, renamed } = buildBatch(db, work);
        if (docs.length) await engine.index(docs);
        if (removals.length) await engine.remove(removals);
        db.transaction(() => {
          if (!holdsLease(db, SEARCH_CONSUMER)) throw new LeaseLost();
          if (events.length) advanceConsumer(db, SEARCH_CONSUMER, events[events.length - 1].id, now());
          if (rows.length) {
            db.prepare(`delete from search_backlog where id in (select value from json_each(@ids))`).run({
              ids: JSON.stringify(rows.map((r) => r.id)),
            });
          }
          queueGroupFanOut(db, fanOut.group);
          // Posts carry their author's name and handle: a renamed person's posts are rebuilt too.
          for (const id of renamed) {
            db.prepare(
              `insert into search_backlog (entity, entity_id) select 'post', id from posts where author_id = @id`,
            ).run({ id });
          }
          rememberAuthors(db, docs);
        }).immediate();
        result.processed += events.length + rows.length;
        result.indexed += docs.length;
        result.removed += removals.length;
      } catch (e) {
        if (e instanceof LeaseLost) {
          // Another process drains now and redoes this batch (indexing is idempotent); its cursor stays its own.
          console.warn("search: lost the consumer lease during a batch; leaving the rest to its new holder");
          result.more = true;
          break;
        }
        if (events.length) failConsumer(db, SEARCH_CONSUMER, e, now());
        else reschedule(db, rows, now());
        result.failed += events.length + rows.length;
        console.warn(
          `search: indexing ${events.length ? `${events.length} events` : `${rows.length} backlog rows`} failed, retrying with backoff:`,
          e instanceof Error ? e.message : e,
        );
        break;
      }
    }
  } finally {
    stopRenewing();
    releaseLease(db, SEARCH_CONSUMER);
  }
  return result;
}

class LeaseLost extends Error {}

function dueBacklog(db: Database.Database, now: number, limit: number): BacklogRow[] {
  return db
    .prepare(
      `select id, entity, entity_id as entityId, attempts from search_backlog
        where available_at <= @now order by available_at, id limit @n`,
    )
    .all({ now, n: limit }) as BacklogRow[];
}

function hasDueWork(db: Database.Database, now: number): boolean {
  const cursor = consumerState(db, SEARCH_CONSUMER);
  if (cursor.availableAt <= now && readEvents(cursor.lastEventId, 1).length > 0) return true;
  return !!db.prepare(`select 1 from search_backlog where available_at <= @now limit 1`).pluck().get({ now });
}

/**
 * The questions of deleted replies (issue #9): a deleted best answer leaves its question unanswered (deletePost
 * clears accepted_answer_id), but the event names only the reply, which is gone from the database, so its thread
 * is read from the index. A reply is deleted alone (a thread's root takes its replies with it), so only
 * single-post deletions are looked up.
 */
async function deletedAnswersQuestions(engine: SearchEngine, events: StoredEvent[]): Promise<number[]> {
  const questions: number[] = [];
  for (const e of events) {
    const event = eventOf(e);
    if (event.type !== "post.deleted" || event.postIds.length !== 1) continue;
    const doc = await engine.get({ type: "post", id: event.postIds[0] });
    if (doc?.type === "post" && doc.replyToId != null) questions.push(doc.threadId);
  }
  return questions;
}

/** The current state of the batch's entities: documents to (re)index, refs to remove, and renamed authors. */
function buildBatch(db: Database.Database, work: Work): { docs: SearchDoc[]; removals: DocRef[]; renamed: number[] } {
  // A question carries its best answer's text: an edited best answer rebuilds its question too (issue #9).
  if (work.post.size) {
    const questions = db
      .prepare(`select id from posts where accepted_answer_id in (select value from json_each(@ids))`)
      .pluck()
      .all({ ids: JSON.stringify([...work.post]) }) as number[];
    for (const id of questions) work.post.add(id);
  }
  const posts = loadPostDocs([...work.post]);
  // A post's hashtags change their counts when it is published; refresh them with it.
  if (posts.length) {
    const used = db
      .prepare(`select distinct hashtag_id from post_hashtags where post_id in (select value from json_each(@ids))`)
      .pluck()
      .all({ ids: JSON.stringify(posts.map((p) => p.id)) }) as number[];
    for (const id of used) work.hashtag.add(id);
  }
  const people = loadPersonDocs([...work.user]);
  const tags = loadHashtagDocs([...work.hashtag]);
  const groups = loadGroupDocs([...work.group]);

  const removals: DocRef[] = [];
  const missing = (type: DocType, wanted: Set<number>, found: { id: number }[]) => {
    const have = new Set(found.map((d) => d.id));
    for (const id of wanted) if (!have.has(id)) removals.push({ type, id });
  };
  missing("post", work.post, posts);
  missing("person", work.user, people);
  missing("hashtag", work.hashtag, tags);
  missing("group", work.group, groups);
  return { docs: [...posts, ...people, ...tags, ...groups], removals, renamed: renamedAuthors(db, people) };
}

function renamedAuthors(db: Database.Database, people: PersonDoc[]): number[] {
  if (people.length === 0) return [];
  const known = new Map(
    (
      db
        .prepare(
          `select user_id as id, handle, name from search_indexed_authors where user_id in (select value from json_each(@ids))`,
        )
        .all({ ids: JSON.stringify(people.map((p) => p.id)) }) as { id: number; handle: string; name: string }[]
    ).map((r) => [r.id, r]),
  );
  return people
    .filter((p) => {
      const k = known.get(p.id);
      return k != null && (k.handle !== p.handle || k.name !== p.name);
    })
    .map((p) => p.id);
}

function rememberAuthors(db: Database.Database, docs: SearchDoc[]) {
  const up = db.prepare(
    `insert into search_indexed_authors (user_id, handle, name) values (@id, @handle, @name)
     on conflict (user_id) do update set handle = excluded.handle, name = excluded.name`,
  );
  for (const d of docs) if (d.type === "person") up.run({ id: d.id, handle: d.handle, name: d.name });
}

/** How far the engine is behind the database (for /healthz): events not yet consumed, bulk rows waiting. */
export function searchBehind(): { events: number; backlog: number } {
  const db = client();
  return {
    events: eventsBehind(db, SEARCH_CONSUMER),
    backlog: db.prepare(`select count(*) from search_backlog`).pluck().get() as number,
  };
}
