// An event's open Q&A (issue #10 §3, docs/decisions/0006-events.md): asking, voting, reading and replies. Anyone in
// the event's audience asks (≤ 300 characters), by name or — where the event allows — anonymously; people vote (one
// each, toggled, never on their own); with pre-moderation a question is pending, seen only by its asker ("in
// review") and the moderators, until approved. What moderators, hosts and admins do is event-moderation.server.ts.
//
// Anonymity is decided here, once: authorOf() is the only place that turns an author id into a name, and it
// gives nothing for an anonymous question unless the viewer is a host of an event whose hosts may see askers.
// `mine` is true only for the asker. The stream's frames (app/realtime/event-messages.server.ts) use it too.
import { z } from "zod";
import { canInEvent, seesAnonymousAskers, type EventAccessFacts } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { recordEvent, type EventQuestionChange } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { isVisible, typeErrors } from "#app/utils/validation";
import { EVENT_QUESTION_STATUSES, type EventQuestionStatus } from "#db/enums";
import { questionsOpen, requireEvent, type LoadedEvent } from "./event.server";
import { SegmentNumberSchema, stampSegment } from "./event-segments.server";

export const MAX_EVENT_QUESTION = 300;
export const MAX_EVENT_REPLY = 500;
/** Questions listed at most at once (an event's Q&A rarely passes a few hundred). */
export const EVENT_QUESTION_LIMIT = 500;
export const EVENT_QUESTION_SORTS = ["top", "recent"] as const;
export type EventQuestionSort = (typeof EVENT_QUESTION_SORTS)[number];

export const eventText = (
  max: number,
  empty: "event.questionEmpty" | "event.replyEmpty" | "error.required",
  tooLong: "event.questionTooLong" | "event.replyTooLong" | "error.tooLong",
) =>
  z
    .string(typeErrors(empty, "error.invalid"))
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .refine((s) => isVisible(s), empty)
    .refine((s) => [...s].length <= max, tooLong);

export const AskEventQuestionSchema = z.object({
  body: eventText(MAX_EVENT_QUESTION, "event.questionEmpty", "event.questionTooLong"),
  anonymous: z.boolean({ error: "error.invalid" }).optional().default(false),
  /** The segment the asker's page showed (kept only within the grace window: event-segments.server.ts). */
  segment: SegmentNumberSchema.optional(),
});
export const EventReplySchema = z.object({
  body: eventText(MAX_EVENT_REPLY, "event.replyEmpty", "event.replyTooLong"),
});
// ---------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------

export type QuestionRow = {
  id: number;
  eventId: number;
  authorId: number;
  anonymous: boolean;
  body: string;
  status: EventQuestionStatus;
  dismissReason: string | null;
  editedAt: number | null;
  starred: boolean;
  mergedIntoId: number | null;
  voteCount: number;
  answer: string | null;
  answeredAt: number | null;
  approvedAt: number | null;
  segment: number | null;
  createdAt: number;
  authorHandle: string;
  authorName: string;
  answeredByHandle: string | null;
  answeredByName: string | null;
  replyCount: number;
  banned: boolean;
  postId: number | null;
};

export const QUESTION_COLUMNS = `q.id, q.event_id as eventId, q.author_id as authorId, q.anonymous, q.body, q.status,
  q.dismiss_reason as dismissReason, q.edited_at as editedAt, q.starred, q.merged_into_id as mergedIntoId,
  q.vote_count as voteCount, q.answer, q.answered_at as answeredAt, q.approved_at as approvedAt, q.segment,
  q.created_at as createdAt, q.post_id as postId, u.handle as authorHandle, u.name as authorName, a.handle as answeredByHandle,
  a.name as answeredByName,
  (select count(*) from event_question_replies r where r.question_id = q.id
     and not exists (select 1 from event_bans rb where rb.event_id = q.event_id and rb.user_id = r.author_id)) as replyCount,
  exists (select 1 from event_bans b where b.event_id = q.event_id and b.user_id = q.author_id) as banned`;
export const QUESTION_FROM = `event_questions q join users u on u.id = q.author_id left join users a on a.id = q.answered_by_id`;

export function questionFromRow(row: Record<string, unknown>): QuestionRow {
  row.anonymous = row.anonymous === 1;
  row.starred = row.starred === 1;
  row.banned = row.banned === 1;
  return row as QuestionRow;
}

export function getQuestionRow(questionId: number): QuestionRow | null {
  const row = rawStatement(`select ${QUESTION_COLUMNS} from ${QUESTION_FROM} where q.id = @id`).get({
    id: questionId,
  }) as Record<string, unknown> | undefined;
  return row ? questionFromRow(row) : null;
}

/** Shown to the event's audience: approved, being answered or answered, not merged away, asker not banned. */
export const shownToAudience = (q: Pick<QuestionRow, "status" | "mergedIntoId" | "banned">) =>
  (q.status === "approved" || q.status === "answering" || q.status === "answered") &&
  q.mergedIntoId == null &&
  !q.banned;

/** Whether the viewer may see the question at all: the audience what is shown, the asker theirs, moderators all. */
function maySee(viewer: Viewer, event: LoadedEvent, q: QuestionRow): boolean {
  if (q.eventId !== event.id) return false;
  if (canInEvent(viewer, "event.moderate", event.facts)) return true;
  if (q.authorId === viewer.id) return true;
  return shownToAudience(q);
}

export type Person = { handle: string; name: string };

/** Who asked, as this viewer may know it: nothing for an anonymous question unless a host may see askers. */
export function authorOf(
  q: Pick<QuestionRow, "anonymous" | "authorHandle" | "authorName">,
  facts: EventAccessFacts,
): Person | null {
  if (q.anonymous && !seesAnonymousAskers(facts)) return null;
  return { handle: q.authorHandle, name: q.authorName };
}

export type EventQuestionView = {
  id: number;
  eventId: number;
  body: string;
  status: EventQuestionStatus;
  votes: number;
  votedByMe: boolean;
  author: Person | null;
  anonymous: boolean;
  /** Only for the asker (anonymous or not). */
  mine: boolean;
  segment: number | null;
  starred: boolean;
  edited: boolean;
  /** The reason a question was dismissed: for its asker and the moderators. */
  dismissReason: string | null;
  mergedIntoId: number | null;
  answer: string | null;
  answeredBy: Person | null;
  answeredAt: number | null;
  replyCount: number;
  createdAt: number;
  /** The Q&A thread (question post) it became when the event ended (issue #10 §7); null before, or without one. */
  threadId: number | null;
  can: { vote: boolean; moderate: boolean; reply: boolean };
};

export function toQuestionView(
  viewer: Viewer,
  event: LoadedEvent,
  q: QuestionRow,
  votedByMe: boolean,
): EventQuestionView {
  const moderate = canInEvent(viewer, "event.moderate", event.facts);
  const mine = q.authorId === viewer.id;
  const participate = canInEvent(viewer, "event.participate", event.facts);
  const shown = shownToAudience(q);
  return {
    id: q.id,
    eventId: q.eventId,
    body: q.body,
    status: q.status,
    votes: q.voteCount,
    votedByMe,
    author: authorOf(q, event.facts),
    anonymous: q.anonymous,
    mine,
    segment: q.segment,
    starred: moderate ? q.starred : false,
    edited: q.editedAt != null,
    dismissReason: moderate || mine ? q.dismissReason : null,
    mergedIntoId: moderate || mine ? q.mergedIntoId : null,
    answer: q.answer,
    answeredBy: q.answeredByHandle ? { handle: q.answeredByHandle, name: q.answeredByName ?? "" } : null,
    answeredAt: q.answeredAt,
    replyCount: q.replyCount,
    createdAt: q.createdAt,
    threadId: q.postId,
    can: {
      vote: participate && shown && !mine,
      moderate,
      reply: participate && shown,
    },
  };
}

/** Which questions a list shows: "open" (not yet answered), one status, or everything the viewer may see. */
export type QuestionFilter = EventQuestionStatus | "open" | "all";

/**
 * The event's questions the viewer may see: the audience sees approved, answering and answered ones; the asker
 * also their own pending or dismissed ones; moderators and hosts everything but merged duplicates. Sorted by votes
 * (ties: older first) or newest first.
 */
export function listEventQuestions({
  viewer,
  eventId,
  filter = "all",
  sort = "top",
  limit = EVENT_QUESTION_LIMIT,
  after = null,
}: {
  viewer: Viewer;
  eventId: number;
  filter?: QuestionFilter;
  sort?: EventQuestionSort;
  /** 1..EVENT_QUESTION_LIMIT. */
  limit?: number;
  /** The sort key (questionKey) of the last question of the previous page. */
  after?: number[] | null;
}): EventQuestionView[] {
  const event = requireEvent(viewer, eventId);
  const moderate = canInEvent(viewer, "event.moderate", event.facts);
  const statuses: readonly EventQuestionStatus[] =
    filter === "all" ? EVENT_QUESTION_STATUSES : filter === "open" ? ["pending", "approved", "answering"] : [filter];
  const order = sort === "recent" ? "q.created_at desc, q.id desc" : "q.vote_count desc, q.created_at asc, q.id asc";
  // Keyset paging on the sort key: (votes, created, id) after the last one, or (created, id) before it.
  const [k0, k1, k2] = after ?? [];
  const afterKey =
    after == null
      ? ""
      : sort === "recent"
        ? "and (q.created_at < @k0 or (q.created_at = @k0 and q.id < @k1))"
        : "and (q.vote_count < @k0 or (q.vote_count = @k0 and (q.created_at > @k1 or (q.created_at = @k1 and q.id > @k2))))";
  const rows = (
    rawStatement(
      `select ${QUESTION_COLUMNS},
              exists (select 1 from event_question_votes v where v.question_id = q.id and v.user_id = @me) as votedByMe
         from ${QUESTION_FROM}
        where q.event_id = @e and q.merged_into_id is null and q.status in (select value from json_each(@statuses))
          and (@moderate = 1
               or q.author_id = @me
               or (q.status in ('approved', 'answering', 'answered')
                   and not exists (select 1 from event_bans b where b.event_id = q.event_id and b.user_id = q.author_id)))
          ${afterKey}
        order by ${order} limit @limit`,
    ).all({
      e: event.id,
      me: viewer.id,
      moderate: moderate ? 1 : 0,
      statuses: JSON.stringify(statuses),
      limit: Math.max(1, Math.min(limit, EVENT_QUESTION_LIMIT)),
      ...(after == null ? {} : sort === "recent" ? { k0, k1 } : { k0, k1, k2 }),
    }) as Record<string, unknown>[]
  ).map((r) => ({ row: questionFromRow(r), voted: r.votedByMe === 1 }));
  return rows.map(({ row, voted }) => toQuestionView(viewer, event, row, voted));
}

/** A question's place in a list sorted by `sort`, for the next page's `after` (the cursor). */
export function questionKey(
  q: Pick<EventQuestionView, "votes" | "createdAt" | "id">,
  sort: EventQuestionSort,
): number[] {
  return sort === "recent" ? [q.createdAt, q.id] : [q.votes, q.createdAt, q.id];
}

/** One question of the event, as the viewer may see it: 404 for another event's, a hidden or a missing one. */
export function requireEventQuestion(viewer: Viewer, eventId: number, questionId: number) {
  const event = requireEvent(viewer, eventId);
  const q = getQuestionRow(questionId);
  if (!q || !maySee(viewer, event, q)) throw notFound();
  return { event, q };
}

export function getEventQuestion({
  viewer,
  eventId,
  questionId,
}: {
  viewer: Viewer;
  eventId: number;
  questionId: number;
}) {
  const { event, q } = requireEventQuestion(viewer, eventId, questionId);
  return toQuestionView(viewer, event, q, votedBy(q.id, viewer.id));
}

function votedBy(questionId: number, userId: number) {
  return !!rawStatement(`select 1 from event_question_votes where question_id = @q and user_id = @u`).get({
    q: questionId,
    u: userId,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Asking and voting
// ---------------------------------------------------------------------------------------------------------

export function recordQuestionChange(
  event: LoadedEvent,
  q: Pick<QuestionRow, "id" | "authorId">,
  change: EventQuestionChange,
  shown: boolean,
) {
  recordEvent({
    type: "event_question.changed",
    eventId: event.id,
    groupId: event.groupId,
    questionId: q.id,
    askerId: q.authorId,
    change,
    shown,
  });
}

/**
 * Asks a question. 404 for an event the viewer may not see; 403 banned (or a guest outside the group); 400 empty,
 * over 300 characters or anonymous where the event does not allow it; 409 when questions are not open (before
 * questions_open_at, or after the end).
 */
export function askEventQuestion({
  viewer,
  eventId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  input: z.input<typeof AskEventQuestionSchema>;
}): number {
  const values = AskEventQuestionSchema.parse(input);
  const checked = () => {
    const event = requireEvent(viewer, eventId);
    if (!canInEvent(viewer, "event.participate", event.facts)) throw forbidden();
    if (values.anonymous && !event.anonymousQuestions) {
      throw new AppError(400, "anonymous_not_allowed", "event.anonymousNotAllowed", {
        anonymous: "event.anonymousNotAllowed",
      });
    }
    if (!questionsOpen(event)) throw new AppError(409, "questions_closed", "event.questionsClosed");
    return event;
  };
  checked();
  return getDb().transaction(() => {
    const event = checked();
    const pending = event.preModeration;
    const now = Date.now();
    const id = rawStatement(
      `insert into event_questions (event_id, author_id, anonymous, body, status, approved_at, segment, created_at)
       values (@e, @me, @anon, @body, @status, @approvedAt, @segment, @now) returning id`,
    )
      .pluck()
      .get({
        e: event.id,
        me: viewer.id,
        anon: values.anonymous ? 1 : 0,
        body: values.body,
        status: pending ? "pending" : "approved",
        approvedAt: pending ? null : now,
        segment: stampSegment(event.id, values.segment, now),
        now,
      }) as number;
    recordQuestionChange(event, { id, authorId: viewer.id }, "asked", !pending);
    return id;
  }, IMMEDIATE);
}

/**
 * Casts (`on`) or withdraws the viewer's vote; idempotent. 404 for a question the viewer may not see (a pending
 * one of someone else's looks missing); 403 on one's own question, or banned; 409 for one not open to votes.
 */
export function setEventVote({
  viewer,
  eventId,
  questionId,
  on,
}: {
  viewer: Viewer;
  eventId: number;
  questionId: number;
  on: boolean;
}) {
  const checked = () => {
    const { event, q } = requireEventQuestion(viewer, eventId, questionId);
    if (!canInEvent(viewer, "event.participate", event.facts) || q.authorId === viewer.id) throw forbidden();
    if (!shownToAudience(q)) throw new AppError(409, "not_votable", "event.notVotable");
    return { event, q };
  };
  checked();
  getDb().transaction(() => {
    const { event } = checked();
    const changes = on
      ? rawStatement(
          `insert into event_question_votes (question_id, user_id) values (@q, @u) on conflict do nothing`,
        ).run({
          q: questionId,
          u: viewer.id,
        }).changes
      : rawStatement(`delete from event_question_votes where question_id = @q and user_id = @u`).run({
          q: questionId,
          u: viewer.id,
        }).changes;
    if (!changes) return;
    rawStatement(`update event_questions set vote_count = max(vote_count + @d, 0) where id = @q`).run({
      q: questionId,
      d: on ? 1 : -1,
    });
    recordEvent({ type: "event_question.voted", eventId: event.id, groupId: event.groupId, questionId });
  }, IMMEDIATE);
}

// ---------------------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------------------

export type EventReplyView = { id: number; body: string; author: Person; createdAt: number };

/** Replies under a question the viewer may see, oldest first; a banned participant's are hidden. */
export function listEventReplies({
  viewer,
  eventId,
  questionId,
}: {
  viewer: Viewer;
  eventId: number;
  questionId: number;
}) {
  const { q } = requireEventQuestion(viewer, eventId, questionId);
  return (
    rawStatement(
      `select r.id, r.body, r.created_at as createdAt, u.handle, u.name from event_question_replies r
         join users u on u.id = r.author_id
        where r.question_id = @q
          and not exists (select 1 from event_bans b where b.event_id = @e and b.user_id = r.author_id)
        order by r.created_at, r.id limit ${EVENT_QUESTION_LIMIT}`,
    ).all({ q: q.id, e: eventId }) as { id: number; body: string; createdAt: number; handle: string; name: string }[]
  ).map((r) => ({ id: r.id, body: r.body, createdAt: r.createdAt, author: { handle: r.handle, name: r.name } }));
}

/** An attendee replies under a question shown to the audience (by name; 403 banned, 409 not shown). */
export function replyToEventQuestion({
  viewer,
  eventId,
  questionId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  questionId: number;
  input: z.input<typeof EventReplySchema>;
}): number {
  const { body } = EventReplySchema.parse(input);
  const checked = () => {
    const { event, q } = requireEventQuestion(viewer, eventId, questionId);
    if (!canInEvent(viewer, "event.participate", event.facts)) throw forbidden();
    if (!shownToAudience(q)) throw new AppError(409, "not_open", "event.notVotable");
    return { event, q };
  };
  checked();
  return getDb().transaction(() => {
    const { event, q } = checked();
    const id = rawStatement(
      `insert into event_question_replies (question_id, author_id, body) values (@q, @me, @body) returning id`,
    )
      .pluck()
      .get({ q: q.id, me: viewer.id, body }) as number;
    recordEvent({
      type: "event_question.replied",
      eventId: event.id,
      groupId: event.groupId,
      questionId: q.id,
      replyId: id,
    });
    return id;
  }, IMMEDIATE);
}
