// Notifications, a consumer of the domain-event log (issue #11 §1), kept like search's (search.server.ts): its own
// cursor in event_consumers, a lease so one process consumes at a time, batches, and a backoff after a failure.
//
//   domain_events ──(cursor "notifications")──► recipients of each event ──► notify() (models/notifications)
//                                                                             └─► notification.changed (live bell)
//
// A mention written by any process — a page, the API, the CLI, the seed — is found here, in log order. Everything
// it writes is in SQLite, so a batch's notifications and the cursor's advance commit in one transaction: each
// event is applied exactly once, and a replay of events already applied (a reset cursor) changes nothing, since a
// row remembers the last event it took in. The current state is read when an event is handled (a post deleted
// since tells nobody; a person who lost access to it is not told).
import type Database from "better-sqlite3";
import {
  acquireLease,
  advanceConsumer,
  consumerState,
  eventsBehind,
  failConsumer,
  holdsLease,
  keepLease,
  releaseLease,
} from "#app/events/consumer.server";
import { eventOf, readEvents, recordEvent, type StoredEvent } from "#app/events/domain-events.server";
import { startConsumerWorker } from "#app/events/consumer-worker.server";
import type { GroupVisibility } from "#app/access/rules";
import { getViewerById } from "#app/access/viewer.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import {
  forgetGroupNotifications,
  notify,
  releaseHeldNotifications,
  voteMilestone,
  type NotificationTarget,
} from "#app/models/notifications/record.server";

export const NOTIFICATIONS_CONSUMER = "notifications";

type PostFacts = {
  id: number;
  authorId: number;
  /**
   * Who is told of votes, reactions and answers on it: its author, or for an event's anonymous question kept as a
   * thread (stored under the host who answered it, issue #10 §7) the person who asked it — privately, never named
   * to anyone else; null when nobody is (an anonymous post without its question).
   */
  ownerId: number | null;
  /** An anonymous post: it names no actor, so it mentions nobody (the host would appear as the one mentioning). */
  anonymous: boolean;
  threadId: number;
  replyToId: number | null;
  kind: string;
  voteCount: number;
  groupId: number | null;
  visibility: GroupVisibility | null;
  rootKind: string;
};

function postFacts(postId: number): PostFacts | null {
  const row = rawStatement(
    `select p.id, p.author_id as authorId, p.thread_id as threadId, p.reply_to_id as replyToId, p.kind,
            p.vote_count as voteCount, p.group_id as groupId, g.visibility, r.kind as rootKind, p.anonymous,
            case when p.anonymous then (select q.author_id from event_questions q where q.post_id = p.id)
                 else p.author_id end as ownerId
       from posts p left join groups g on g.id = p.group_id left join posts r on r.id = p.thread_id
      where p.id = @postId`,
  ).get({ postId }) as (Omit<PostFacts, "anonymous"> & { anonymous: number }) | undefined;
  return row ? { ...row, anonymous: row.anonymous === 1 } : null;
}

const ownerOf = (post: PostFacts): number[] => (post.ownerId == null ? [] : [post.ownerId]);

const postTarget = (post: PostFacts): NotificationTarget => ({
  type: "post",
  postId: post.id,
  threadId: post.threadId,
  group: post.groupId != null ? { id: post.groupId, visibility: post.visibility ?? "private" } : null,
});

const threadTarget = (post: PostFacts): NotificationTarget => {
  const target = postTarget(post);
  return target.type === "post" ? { ...target, postId: post.threadId } : target;
};

const mentioned = (postId: number) =>
  rawStatement(`select user_id from mentions where post_id = @postId`).pluck().all({ postId }) as number[];

/** Applies one event; runs inside the batch's transaction. `now` decides quiet delivery (working hours). */
function handle(stored: StoredEvent, now: number) {
  const event = eventOf(stored);
  const base = { eventId: stored.id, at: stored.createdAt, now };
  switch (event.type) {
    case "post.published": {
      const post = postFacts(event.postId);
      if (!post) return;
      const mentions = post.anonymous ? [] : mentioned(post.id);
      notify({ ...base, kind: "mention", recipients: mentions, actorId: post.authorId, target: postTarget(post) });
      if (post.replyToId == null) {
        if (post.kind === "announcement") {
          // Its whole audience (issue #11 §3); an urgent one (audited when posted) is delivered at once, even
          // outside working hours (§2).
          notify({
            ...base,
            kind: "announcement",
            recipients: announcementAudience(post),
            actorId: post.authorId,
            target: postTarget(post),
            ...(event.urgent ? { urgent: true } : {}),
          });
        }
        return;
      }
      // Everyone who started or took part in the thread before this reply; a question's asker is told of an
      // answer by question.answered instead, and someone mentioned here by the mention.
      const before = rawStatement(`select distinct author_id from posts where thread_id = @thread and id < @id`)
        .pluck()
        .all({ thread: post.threadId, id: post.id }) as number[];
      const root = post.rootKind === "question" ? postFacts(post.threadId) : null;
      const skip = new Set([...mentions, ...(root ? ownerOf(root) : [])]);
      notify({
        ...base,
        kind: "reply",
        recipients: before.filter((id) => !skip.has(id)),
        actorId: post.authorId,
        target: threadTarget(post),
      });
      return;
    }
    case "post.edited": {
      // Someone newly mentioned by an edit is told; those mentioned before are not told again (notify()).
      const post = postFacts(event.postId);
      if (!post || post.anonymous) return;
      notify({
        ...base,
        kind: "mention",
        recipients: mentioned(post.id),
        actorId: post.authorId,
        target: postTarget(post),
      });
      return;
    }
    case "reaction.changed": {
      if (!event.on) return;
      const post = postFacts(event.postId);
      if (!post) return;
      notify({
        ...base,
        kind: "reaction",
        recipients: ownerOf(post),
        actorId: event.userId,
        target: postTarget(post),
      });
      return;
    }
    case "question.answered": {
      const question = postFacts(event.questionId);
      if (!question || !postFacts(event.answerId)) return;
      notify({
        ...base,
        kind: "answer",
        recipients: ownerOf(question),
        actorId: event.userId,
        target: threadTarget(question),
      });
      return;
    }
    case "answer.accepted": {
      if (event.answerId == null) return;
      const answer = postFacts(event.answerId);
      if (!answer) return;
      notify({
        ...base,
        kind: "accepted",
        recipients: [answer.authorId],
        actorId: event.userId,
        target: postTarget(answer),
      });
      return;
    }
    case "vote.changed": {
      if (!event.on) return;
      const post = postFacts(event.postId);
      const milestone = post ? voteMilestone(post.voteCount) : 0;
      if (!post || milestone === 0) return;
      notify({
        ...base,
        kind: "vote",
        recipients: ownerOf(post),
        actorId: event.userId,
        target: postTarget(post),
        milestone,
      });
      return;
    }
    case "announcement.reminded": {
      // Those who had not acknowledged it when the reminder went out (announcements.server.ts): their row is
      // news again.
      const post = postFacts(event.postId);
      if (!post) return;
      notify({
        ...base,
        kind: "announcement",
        recipients: event.userIds,
        actorId: post.authorId,
        target: postTarget(post),
      });
      return;
    }
    case "answer.requested": {
      const question = postFacts(event.questionId);
      if (!question) return;
      notify({
        ...base,
        kind: "answer_request",
        recipients: event.userIds,
        actorId: event.requestedBy,
        target: threadTarget(question),
      });
      return;
    }
    case "group.join_requested": {
      // Still waiting (not answered or withdrawn since), told to the group's admins as they are now.
      const waiting = rawStatement(`select 1 from group_join_requests where group_id = @g and user_id = @u`).get({
        g: event.groupId,
        u: event.userId,
      });
      if (!waiting) return;
      const admins = rawStatement(`select user_id from group_members where group_id = @g and role = 'admin'`)
        .pluck()
        .all({ g: event.groupId }) as number[];
      notify({
        ...base,
        kind: "join_request",
        recipients: admins,
        actorId: event.userId,
        target: { type: "group", groupId: event.groupId },
      });
      return;
    }
    case "membership.changed": {
      if (event.role == null) {
        // Removed or left: what they may no longer read goes (a public group's posts they still may).
        const viewer = getViewerById(event.userId);
        if (viewer?.memberOf.has(event.groupId)) return;
        const removed = forgetGroupNotifications(event.userId, event.groupId, !!viewer?.readable.has(event.groupId));
        if (removed > 0) recordEvent({ type: "notification.changed", userId: event.userId, notificationId: null });
        return;
      }
      if (event.actorId == null) return;
      const member = rawStatement(`select 1 from group_members where group_id = @g and user_id = @u`).get({
        g: event.groupId,
        u: event.userId,
      });
      if (!member) return;
      notify({
        ...base,
        kind: "group_added",
        recipients: [event.userId],
        actorId: event.actorId,
        target: { type: "group", groupId: event.groupId },
      });
      return;
    }
    // post.deleted: the rows go with their post (ON DELETE CASCADE); everything else tells nobody.
    default:
      return;
  }
}

/** An announcement's audience: the company's active employees, or its group's active members. */
function announcementAudience(post: PostFacts): number[] {
  return rawStatement(
    post.groupId == null
      ? `select id from users where status = 'active' and role <> 'guest'`
      : `select m.user_id from group_members m join users u on u.id = m.user_id
          where m.group_id = @g and u.status = 'active'`,
  )
    .pluck()
    .all(post.groupId == null ? {} : { g: post.groupId }) as number[];
}

// ---------------------------------------------------------------------------------------------------------
// Draining
// ---------------------------------------------------------------------------------------------------------

export type NotificationsDrainResult = { processed: number; failed: number; busy: boolean; more: boolean };

let chain: Promise<unknown> = Promise.resolve();

/** Brings notifications up to date with the log, in batches (one transaction each), until none remain. */
export function drainNotifications(
  options: { batchSize?: number; maxBatches?: number; now?: () => number; leaseMs?: number } = {},
): Promise<NotificationsDrainResult> {
  const run = chain.then(() => drainNow(options));
  chain = run.catch(() => undefined);
  return run;
}

class LeaseLost extends Error {}

async function drainNow({
  batchSize = 200,
  maxBatches = Infinity,
  now = Date.now,
  leaseMs,
}: {
  batchSize?: number;
  maxBatches?: number;
  now?: () => number;
  leaseMs?: number;
}): Promise<NotificationsDrainResult> {
  const db = getDb().$client;
  const result: NotificationsDrainResult = { processed: 0, failed: 0, busy: false, more: false };
  if (!acquireLease(db, NOTIFICATIONS_CONSUMER, now(), leaseMs)) return { ...result, busy: true };
  const stopRenewing = keepLease(db, NOTIFICATIONS_CONSUMER, now, leaseMs);
  try {
    for (let batch = 0; ; batch++) {
      if (batch >= maxBatches) {
        result.more = hasWork(db, now());
        break;
      }
      if (batch > 0) {
        // Let requests in between batches, and keep the lease ours.
        await new Promise((r) => setImmediate(r));
        if (!acquireLease(db, NOTIFICATIONS_CONSUMER, now(), leaseMs)) {
          result.more = true;
          break;
        }
      }
      const cursor = consumerState(db, NOTIFICATIONS_CONSUMER);
      if (cursor.availableAt > now()) break;
      const events = readEvents(cursor.lastEventId, batchSize);
      if (events.length === 0) break;
      try {
        getDb().transaction(() => {
          if (!holdsLease(db, NOTIFICATIONS_CONSUMER)) throw new LeaseLost();
          const at = now();
          for (const e of events) handle(e, at);
          advanceConsumer(db, NOTIFICATIONS_CONSUMER, events[events.length - 1].id, now());
        }, IMMEDIATE);
        result.processed += events.length;
      } catch (e) {
        if (e instanceof LeaseLost) {
          result.more = true;
          break;
        }
        // The batch rolled back whole; the cursor stays and the batch is retried after a backoff.
        failConsumer(db, NOTIFICATIONS_CONSUMER, e, now());
        result.failed += events.length;
        console.warn("notifications: a batch failed, retrying with backoff:", e instanceof Error ? e.message : e);
        break;
      }
    }
    // Quiet delivery (issue #11 §2): notifications held until a working start that has come are told now.
    if (holdsLease(db, NOTIFICATIONS_CONSUMER)) releaseHeldNotifications(now());
  } finally {
    stopRenewing();
    releaseLease(db, NOTIFICATIONS_CONSUMER);
  }
  return result;
}

function hasWork(db: Database.Database, now: number): boolean {
  const cursor = consumerState(db, NOTIFICATIONS_CONSUMER);
  return cursor.availableAt <= now && readEvents(cursor.lastEventId, 1).length > 0;
}

/** How many events notifications have not taken in yet (for /healthz and tests). */
export function notificationsBehind(): number {
  return eventsBehind(getDb().$client, NOTIFICATIONS_CONSUMER);
}

// ---------------------------------------------------------------------------------------------------------
// Worker: right after events are recorded in this process, and every intervalMs for other processes' events
// ---------------------------------------------------------------------------------------------------------

const WORKER = "notifications.worker";

/** Starts the background consumer (app/entry.server.tsx, beside search's); returns a stop function. */
export function startNotificationsWorker(options: { intervalMs?: number } = {}): () => Promise<void> {
  return startConsumerWorker({
    name: WORKER,
    label: "notifications",
    intervalMs: options.intervalMs,
    // Small batches keep the write lock short; the worker runs again at once while events remain.
    drain: () => drainNotifications({ batchSize: 64, maxBatches: 100 }),
  });
}

/**
 * Consumes the whole log now (the seed, the CLI, tests), waiting for a lease another process holds; throws when a
 * batch keeps failing.
 */
export async function drainNotificationsFully({ timeoutMs = 60_000 } = {}): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let processed = 0;
  for (;;) {
    const r = await drainNotifications();
    processed += r.processed;
    if (r.failed) throw new Error(`notifications: ${r.failed} events failed`);
    if (!r.more && !r.busy) return processed;
    if (Date.now() > deadline) throw new Error("notifications: the log did not drain in time");
    if (r.busy) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
