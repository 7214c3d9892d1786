// Writing notifications (issue #11 §1): what the notifications consumer (app/events/consumers/notifications.server.ts)
// calls for each event, inside the transaction that advances its cursor. One row per recipient, kind and target:
//
//   event ──► recipients ──► minus the actor ──► who may see the target now (the access rule) ──► minus "off"
//         ──► minus muted threads and groups (not for direct addresses) ──► insert, or update the row:
//               unread row ...... one more actor / reply, newest activity first
//               read row ........ a new group starts ("5 new replies" counts since it was read)
//               event id ≤ last_event_id ... already applied: a replay of the log changes nothing
//
// Every row created or changed records notification.changed for its recipient (the live bell) — unless it is held:
// made outside the person's working hours (issue #11 §2, app/utils/working-hours.ts), a row gets deliver_after =
// their next working start and interrupts nobody until then (listed if they look, not counted, no frame);
// releaseHeldNotifications() then tells each person once, gathered. An urgent one (an urgent announcement) is
// never held, and frees the row it joins.
import { whoMaySeeAudience } from "#app/access/visibility.server";
import type { GroupVisibility } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { workingHoursOf } from "#app/models/people/working-hours.server";
import { heldUntil } from "#app/utils/working-hours";
import type { NotificationKind } from "#db/enums";

/** Kinds addressed to a person by name: a muted thread or group still lets them through. */
const DIRECT: ReadonlySet<NotificationKind> = new Set(["mention", "answer_request"]);

/** Vote counts a question's or answer's author is told of (grouped: one row per post, the highest reached). */
export const VOTE_MILESTONES = [1, 5, 10, 25, 50, 100] as const;

/** The highest milestone a vote count has reached (0: none). */
export function voteMilestone(votes: number): number {
  let reached = 0;
  for (const m of VOTE_MILESTONES) if (votes >= m) reached = m;
  return reached;
}

export type NotificationTarget =
  | {
      type: "post";
      postId: number;
      threadId: number;
      group: { id: number; visibility: GroupVisibility } | null;
    }
  | { type: "group"; groupId: number };

export type NotifyInput = {
  kind: NotificationKind;
  recipients: number[];
  actorId: number;
  target: NotificationTarget;
  /** The domain event's id and time: idempotency and the row's activity time. */
  eventId: number;
  at: number;
  /** A vote milestone reached (the row keeps the highest); otherwise each event counts one. */
  milestone?: number;
  /**
   * An urgent announcement (issue #11 §2, audited when posted): delivered now, even outside the recipient's working
   * hours — never held with deliver_after.
   */
  urgent?: boolean;
  /** When quiet delivery decides (the consumer's clock); the event's time when not given. */
  now?: number;
};

type Row = { id: number; unread: number; lastEventId: number; count: number };

/** Creates or updates the recipients' notifications; returns the ids of the rows it changed. */
export function notify(input: NotifyInput): number[] {
  const { kind, target, actorId, eventId, at } = input;
  let people = [...new Set(input.recipients)].filter((id) => id !== actorId);
  if (people.length === 0) return [];
  // Only people who may see the target now; a group's things are checked by the caller (admins, members).
  if (target.type === "post") people = [...whoMaySeeAudience(people, target.group)];
  else people = activeOnly(people);
  const off = offFor(kind, people);
  people = people.filter((id) => !off.has(id));
  if (!DIRECT.has(kind)) people = notMuted(people, target);
  const key = target.type === "post" ? `post:${target.postId}` : `group:${target.groupId}`;
  const held = input.urgent ? new Map<number, number>() : heldFor(people, input.now ?? at);
  const changed: number[] = [];
  for (const userId of people) {
    const deliverAfter = held.get(userId) ?? null;
    const id = upsert(userId, key, input, deliverAfter);
    if (id != null) {
      changed.push(id);
      if (deliverAfter == null) recordEvent({ type: "notification.changed", userId, notificationId: id });
    }
  }
  return changed;

  function upsert(userId: number, targetKey: string, { milestone }: NotifyInput, deliverAfter: number | null) {
    const row = rawStatement(
      `select id, unread, last_event_id as lastEventId, count from notifications
        where user_id = @userId and kind = @kind and target_key = @targetKey`,
    ).get({ userId, kind, targetKey }) as Row | undefined;
    if (row && eventId <= row.lastEventId) return null;
    // A post mentions a person once: an edit that keeps the mention tells nobody again.
    if (row && kind === "mention") return null;
    if (row && milestone != null && milestone <= row.count) return null;
    const count = milestone ?? 1;
    if (!row) {
      const id = rawStatement(
        `insert into notifications (user_id, kind, target_key, post_id, thread_id, group_id, actor_count, count,
           unread, created_at, updated_at, first_event_id, last_event_id, deliver_after)
         values (@userId, @kind, @targetKey, @postId, @threadId, @groupId, 1, @count, 1, @at, @at, @eventId, @eventId,
           @deliverAfter)
         returning id`,
      )
        .pluck()
        .get({
          userId,
          kind,
          targetKey,
          postId: target.type === "post" ? target.postId : null,
          threadId: target.type === "post" ? target.threadId : null,
          groupId: target.type === "post" ? (target.group?.id ?? null) : target.groupId,
          count,
          at,
          eventId,
          deliverAfter,
        }) as number;
      addActor(id, actorId, eventId);
      return id;
    }
    if (!row.unread) {
      // Read: what follows is news again, counted from here.
      rawStatement(`delete from notification_actors where notification_id = @id`).run({ id: row.id });
      addActor(row.id, actorId, eventId);
      rawStatement(
        `update notifications set unread = 1, count = @count, actor_count = 1, first_event_id = @eventId,
           last_event_id = @eventId, updated_at = @at, deliver_after = @deliverAfter where id = @id`,
      ).run({ id: row.id, count, eventId, at, deliverAfter });
      return row.id;
    }
    addActor(row.id, actorId, eventId);
    // An unread row keeps its delivery: held stays held (an urgent event frees it), one already shown stays shown
    // (without a frame while its person is off work).
    rawStatement(
      `update notifications set count = @count, last_event_id = @eventId, updated_at = max(updated_at, @at),
         actor_count = (select count(*) from notification_actors where notification_id = @id),
         deliver_after = case when @urgent = 1 then null else deliver_after end where id = @id`,
    ).run({ id: row.id, count: milestone ?? row.count + 1, eventId, at, urgent: input.urgent ? 1 : 0 });
    return row.id;
  }
}

/** Who is off work at `now`, with the instant their next working period starts (ms). */
function heldFor(people: number[], now: number): Map<number, number> {
  const out = new Map<number, number>();
  // Most people share the company's hours and a handful of zones: a fan-out to thousands asks the rule a few times.
  const memo = new Map<string, number | null>();
  for (const [userId, hours] of workingHoursOf(people)) {
    const key = `${hours.timeZone}|${hours.days.join(",")}|${hours.start}|${hours.end}`;
    let until = memo.get(key);
    if (until === undefined) {
      until = heldUntil(hours, now)?.getTime() ?? null;
      memo.set(key, until);
    }
    if (until != null) out.set(userId, until);
  }
  return out;
}

/**
 * Releases the rows whose time has come (quiet delivery, issue #11 §2): each person held back gets one
 * notification.changed — one frame with their new count, the night's notifications gathered — however many rows
 * waited. Reads first, so the worker's every tick writes nothing when nothing is due. Returns the people told.
 */
export function releaseHeldNotifications(now = Date.now()): number {
  const due = rawStatement(
    `select 1 from notifications where deliver_after is not null and deliver_after <= @now limit 1`,
  ).get({ now });
  if (!due) return 0;
  return getDb().transaction(() => {
    const people = rawStatement(
      `update notifications set deliver_after = null where deliver_after is not null and deliver_after <= @now
       returning user_id`,
    )
      .pluck()
      .all({ now }) as number[];
    const unique = [...new Set(people)];
    for (const userId of unique) recordEvent({ type: "notification.changed", userId, notificationId: null });
    return unique.length;
  }, IMMEDIATE);
}

function addActor(notificationId: number, userId: number, eventId: number) {
  rawStatement(
    `insert into notification_actors (notification_id, user_id, event_id) values (@notificationId, @userId, @eventId)
     on conflict (notification_id, user_id) do update set event_id = excluded.event_id`,
  ).run({ notificationId, userId, eventId });
}

function activeOnly(ids: number[]): number[] {
  return rawStatement(
    `select id from users where id in (select value from json_each(@ids)) and status = 'active' order by id`,
  )
    .pluck()
    .all({ ids: JSON.stringify(ids) }) as number[];
}

/** Who turned this kind off. */
function offFor(kind: NotificationKind, ids: number[]): Set<number> {
  if (ids.length === 0) return new Set();
  return new Set(
    rawStatement(
      `select user_id from notification_settings
        where kind = @kind and channel = 'off' and user_id in (select value from json_each(@ids))`,
    )
      .pluck()
      .all({ kind, ids: JSON.stringify(ids) }) as number[],
  );
}

function notMuted(ids: number[], target: NotificationTarget): number[] {
  if (ids.length === 0) return ids;
  const groupId = target.type === "post" ? (target.group?.id ?? null) : target.groupId;
  const muted = new Set(
    rawStatement(
      `select user_id from thread_mutes where thread_id = @thread and user_id in (select value from json_each(@ids))
       union select user_id from group_mutes where group_id = @group and user_id in (select value from json_each(@ids))`,
    )
      .pluck()
      .all({
        ids: JSON.stringify(ids),
        thread: target.type === "post" ? target.threadId : null,
        group: groupId,
      }) as number[],
  );
  return ids.filter((id) => !muted.has(id));
}

/**
 * A person left a group or was removed: their notifications about the group itself go, and so do those about its
 * posts unless they may still read them (a public group's). Reads are filtered by the access rule as well.
 */
export function forgetGroupNotifications(userId: number, groupId: number, stillReadable: boolean): number {
  return rawStatement(
    `delete from notifications where user_id = @userId and group_id = @groupId and (@keepPosts = 0 or post_id is null)`,
  ).run({ userId, groupId, keepPosts: stillReadable ? 1 : 0 }).changes;
}
