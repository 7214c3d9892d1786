// The domain-event log (issue #6, docs/decisions/0002-groups-and-access.md): a durable, ordered record of what
// changed, written by the use case in the same transaction as the change and stamped with its audience (the
// search scopes of rules.ts: "company", "group:<id>", plus "user:<id>" for one person). Consumers — search
// first; realtime, notifications and webhooks next — read it in id order from their own cursor.
import { eventModScope } from "#app/access/events";
import { groupScopes, postScopes, type GroupVisibility } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";

export type DomainEvent =
  // urgent: an announcement an admin marked urgent (issue #11 §2, audited): its notifications are delivered at once,
  // even outside working hours.
  | { type: "post.published"; postId: number; threadId: number; groupId: number | null; urgent?: boolean }
  | { type: "post.edited"; postId: number; groupId: number | null; hashtagIds: number[] }
  | { type: "post.deleted"; postIds: number[]; groupId: number | null; hashtagIds: number[] }
  | { type: "reaction.changed"; postId: number; groupId: number | null; userId: number; kind: string; on: boolean }
  // Questions and answers (issue #9): an answer was published (beside its post.published), the best answer was
  // chosen, changed or cleared (answerId null), a vote was cast or withdrawn.
  | { type: "question.answered"; questionId: number; answerId: number; groupId: number | null; userId: number }
  | {
      type: "answer.accepted";
      questionId: number;
      answerId: number | null;
      previousAnswerId: number | null;
      groupId: number | null;
      userId: number;
    }
  | { type: "vote.changed"; postId: number; groupId: number | null; userId: number; on: boolean }
  // "Ask someone": the asker asked these people for an answer; addressed to each of them (issue #9 item 4).
  | { type: "answer.requested"; questionId: number; userIds: number[]; groupId: number | null; requestedBy: number }
  // Announcements (issue #11 §3): someone acknowledged one (the author's and admins' live "seen by"), and those
  // who had not yet were reminded (their notification).
  | { type: "announcement.acked"; postId: number; groupId: number | null; userId: number; authorId: number }
  | { type: "announcement.reminded"; postId: number; groupId: number | null; userIds: number[] }
  | { type: "user.changed"; userId: number }
  | { type: "group.created"; groupId: number }
  | { type: "group.updated"; groupId: number; visibilityChanged: boolean }
  // actorId: who added the person when it was someone else (a group admin), so they are told (issue #11); absent
  // for joining, leaving and role changes.
  | { type: "membership.changed"; groupId: number; userId: number; role: "admin" | "member" | null; actorId?: number }
  | { type: "group.join_requested"; groupId: number; userId: number }
  // A person's notifications changed (issue #11 §1: created, updated or read; notificationId null when several were
  // read at once): the live bell of that person alone (app/models/notifications/live.server.ts).
  | { type: "notification.changed"; userId: number; notificationId: number | null }
  // Live events (issue #10 §2–3, docs/decisions/0006-events.md). An event's things reach its audience (its
  // group's scopes); a question not (yet) shown to the audience — pending, or dismissed before it was ever shown —
  // reaches only the event's moderators and hosts ("event-mod:<id>") and its asker. askerId stays in the log:
  // frames and notifications never carry it for an anonymous question (app/realtime/messages.server.ts).
  | { type: "event.created"; eventId: number; groupId: number | null }
  | { type: "event.updated"; eventId: number; groupId: number | null }
  | { type: "event.state"; eventId: number; groupId: number | null; state: "upcoming" | "live" | "ended" }
  // Hosts or moderators were added or removed: their streams' scopes are rebuilt (the hub's recheck).
  | { type: "event.roles_changed"; eventId: number; groupId: number | null; userIds: number[] }
  | { type: "event.banned"; eventId: number; groupId: number | null; userId: number; on: boolean }
  | {
      type: "event_question.changed";
      eventId: number;
      groupId: number | null;
      questionId: number;
      askerId: number;
      change: EventQuestionChange;
      /** Whether the audience may learn of it (false: only moderators, hosts and the asker). */
      shown: boolean;
    }
  | { type: "event_question.voted"; eventId: number; groupId: number | null; questionId: number }
  | { type: "event_question.replied"; eventId: number; groupId: number | null; questionId: number; replyId: number }
  // An admin revealed an anonymous asker (audited): addressed to the asker alone, who is told (issue #11).
  | { type: "event_question.revealed"; eventId: number; questionId: number; askerId: number; revealedBy: number }
  // Seminar live comments and segments (issue #10 §4), polls (§6). A draft poll is the hosts' alone (shown: false).
  | {
      type: "event.segment";
      eventId: number;
      groupId: number | null;
      segment: number;
      title: string;
      startedAt: number;
    }
  | {
      type: "event_comment.changed";
      eventId: number;
      groupId: number | null;
      commentId: number;
      change: "created" | "deleted";
    }
  | {
      type: "event_poll.changed";
      eventId: number;
      groupId: number | null;
      pollId: number;
      change: "created" | "opened" | "closed";
      shown: boolean;
    }
  | { type: "event_poll.voted"; eventId: number; groupId: number | null; pollId: number }
  | { type: "event_comment.reacted"; eventId: number; groupId: number | null; commentId: number };

/** What happened to an event question (the `change` of event_question.changed). */
export type EventQuestionChange =
  | "asked"
  | "approved"
  | "dismissed"
  | "edited"
  | "starred"
  | "unstarred"
  | "merged"
  | "answering"
  | "answered"
  | "restored"
  | "hidden"
  | "unhidden";

export type DomainEventType = DomainEvent["type"];

function groupOf(groupId: number | null): { id: number; visibility: GroupVisibility } | null {
  if (groupId == null) return null;
  return (
    (rawStatement(`select id, visibility from groups where id = @id`).get({ id: groupId }) as
      { id: number; visibility: GroupVisibility } | undefined) ?? null
  );
}

/** Who may learn of the event. */
function audienceOf(event: DomainEvent): string[] {
  switch (event.type) {
    case "post.published":
    case "post.edited":
    case "post.deleted":
    case "reaction.changed":
    case "question.answered":
    case "answer.accepted":
    case "vote.changed":
      return postScopes(groupOf(event.groupId));
    case "group.created":
    case "group.updated": {
      const group = groupOf(event.groupId);
      return group ? groupScopes(group) : [];
    }
    case "membership.changed":
    case "group.join_requested":
      return [`user:${event.userId}`, `group:${event.groupId}`];
    case "user.changed":
    case "notification.changed":
      return [`user:${event.userId}`];
    case "answer.requested":
    case "announcement.reminded":
      return event.userIds.map((id) => `user:${id}`);
    case "announcement.acked":
      // The counts are the author's and admins' (announcements.server.ts ackWatchers).
      return [`user:${event.authorId}`, `user:${event.userId}`];
    case "event.created":
    case "event.updated":
    case "event.state":
    case "event_question.voted":
    case "event_question.replied":
      return postScopes(groupOf(event.groupId));
    case "event.roles_changed":
      return [eventModScope(event.eventId), ...event.userIds.map((id) => `user:${id}`)];
    case "event.banned":
      return [eventModScope(event.eventId), `user:${event.userId}`];
    case "event_question.changed":
      return event.shown ? postScopes(groupOf(event.groupId)) : [eventModScope(event.eventId), `user:${event.askerId}`];
    case "event_question.revealed":
      return [`user:${event.askerId}`];
    case "event.segment":
    case "event_comment.changed":
    case "event_poll.voted":
    case "event_comment.reacted":
      return postScopes(groupOf(event.groupId));
    case "event_poll.changed":
      return event.shown ? postScopes(groupOf(event.groupId)) : [eventModScope(event.eventId)];
  }
}

/**
 * Appends an event. Call it inside the transaction of the change (better-sqlite3 is synchronous: the insert runs
 * on the connection that holds the transaction), so the change and its record commit or roll back together.
 */
export function recordEvent(event: DomainEvent): number {
  const { type, ...data } = event;
  const id = rawStatement(
    `insert into domain_events (type, audience, data) values (@type, @audience, @data) returning id`,
  )
    .pluck()
    .get({ type, audience: JSON.stringify(audienceOf(event)), data: JSON.stringify(data) }) as number;
  notifyConsumers();
  return id;
}

// Consumers in this process (search's worker today) are nudged after an event is recorded, so a change is
// searchable within milliseconds; they also poll, for events written by other processes.
const listeners = new Set<() => void>();
let nudge: NodeJS.Timeout | null = null;

/** Calls `listener` soon after events are recorded in this process (on a timer: after the transaction). */
export function onEventsRecorded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notifyConsumers() {
  if (listeners.size === 0 || nudge) return;
  // better-sqlite3 transactions are synchronous: a timer fires only after the recording one has committed.
  nudge = setTimeout(() => {
    nudge = null;
    for (const listener of listeners) {
      try {
        listener();
      } catch (e) {
        console.warn("events: a consumer's listener failed:", e instanceof Error ? e.message : e);
      }
    }
  }, 0);
  nudge.unref();
}

/** An event as stored: `data` is the event without its type. */
export type StoredEvent = {
  id: number;
  type: DomainEventType;
  audience: string[];
  data: Record<string, unknown>;
  createdAt: number;
};

/** The event as recorded (type and data together). */
export function eventOf(stored: Pick<StoredEvent, "type" | "data">): DomainEvent {
  return { ...stored.data, type: stored.type } as DomainEvent;
}

/** The id of the newest event (0 when there is none). */
export function lastEventId(): number {
  return rawStatement(`select coalesce(max(id), 0) from domain_events`).pluck().get() as number;
}

/** Events after `afterId`, oldest first (for consumers). */
export function readEvents(afterId: number, limit = 500): StoredEvent[] {
  return (
    rawStatement(
      `select id, type, audience, data, created_at as createdAt from domain_events where id > @after order by id limit @n`,
    ).all({ after: afterId, n: limit }) as {
      id: number;
      type: DomainEventType;
      audience: string;
      data: string;
      createdAt: number;
    }[]
  ).map((r) => ({
    ...r,
    audience: JSON.parse(r.audience) as string[],
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
