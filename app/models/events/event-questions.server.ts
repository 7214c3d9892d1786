// An event's open Q&A (issue #10 §3, docs/decisions/0006-events.md). Anyone in the event's audience asks (≤ 300
// characters), by name or — where the event allows — anonymously; people vote (one each, toggled, never on their
// own); with pre-moderation a question is pending, seen only by its asker ("in review") and the moderators, until
// approved. Moderators and hosts approve, dismiss (with an optional reason the asker sees), edit for typos, merge
// duplicates, star, mark one "answering" at a time and then "answered" (with an optional written answer), restore,
// and ban a participant (audited). Site admins alone may reveal an anonymous asker, through an audited action with
// a reason, and the asker is told.
//
// Anonymity is decided here, once: authorOf() is the only place that turns an author id into a name, and it
// gives nothing for an anonymous question unless the viewer is a host of an event whose hosts may see askers.
// `mine` is true only for the asker. Frames (app/realtime/messages.server.ts) build on questionFrame() below.
import { z } from "zod";
import { canInEvent, seesAnonymousAskers, type EventAccessFacts } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { recordEvent, type EventQuestionChange } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { findActiveHandles } from "#app/models/people/user.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { isVisible, typeErrors } from "#app/utils/validation";
import { EVENT_QUESTION_STATUSES, type EventQuestionStatus } from "#db/enums";
import { questionsOpen, requireEvent, roleOf, type LoadedEvent } from "./event.server";

export const MAX_EVENT_QUESTION = 300;
export const MAX_EVENT_REPLY = 500;
export const MAX_EVENT_ANSWER = 2_000;
export const MAX_DISMISS_REASON = 200;
export const MAX_REVEAL_REASON = 500;
/** Questions listed at most at once (an event's Q&A rarely passes a few hundred). */
export const EVENT_QUESTION_LIMIT = 500;
export const EVENT_QUESTION_SORTS = ["top", "recent"] as const;
export type EventQuestionSort = (typeof EVENT_QUESTION_SORTS)[number];

const text = (
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
  body: text(MAX_EVENT_QUESTION, "event.questionEmpty", "event.questionTooLong"),
  anonymous: z.boolean({ error: "error.invalid" }).optional().default(false),
});
export const EditEventQuestionSchema = z.object({
  body: text(MAX_EVENT_QUESTION, "event.questionEmpty", "event.questionTooLong"),
});
export const EventReplySchema = z.object({ body: text(MAX_EVENT_REPLY, "event.replyEmpty", "event.replyTooLong") });
const optionalText = (max: number) =>
  z
    .string({ error: "error.invalid" })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .refine((s) => [...s].length <= max, "error.tooLong")
    .optional();
export const DismissSchema = z.object({ reason: optionalText(MAX_DISMISS_REASON) });
export const AnsweredSchema = z.object({ answer: optionalText(MAX_EVENT_ANSWER) });
export const RevealSchema = z.object({
  reason: text(MAX_REVEAL_REASON, "error.required", "error.tooLong"),
});
export const BanSchema = z.object({
  handle: z
    .string(typeErrors("error.required", "error.invalid"))
    .trim()
    .toLowerCase()
    .transform((h) => h.replace(/^@/, "")),
  reason: optionalText(MAX_DISMISS_REASON),
});
export const MergeSchema = z.object({
  into: z.number({ error: "error.invalid" }).int("error.invalid").positive("error.invalid"),
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
};

const QUESTION_COLUMNS = `q.id, q.event_id as eventId, q.author_id as authorId, q.anonymous, q.body, q.status,
  q.dismiss_reason as dismissReason, q.edited_at as editedAt, q.starred, q.merged_into_id as mergedIntoId,
  q.vote_count as voteCount, q.answer, q.answered_at as answeredAt, q.approved_at as approvedAt, q.segment,
  q.created_at as createdAt, u.handle as authorHandle, u.name as authorName, a.handle as answeredByHandle,
  a.name as answeredByName,
  (select count(*) from event_question_replies r where r.question_id = q.id
     and not exists (select 1 from event_bans rb where rb.event_id = q.event_id and rb.user_id = r.author_id)) as replyCount,
  exists (select 1 from event_bans b where b.event_id = q.event_id and b.user_id = q.author_id) as banned`;
const QUESTION_FROM = `event_questions q join users u on u.id = q.author_id left join users a on a.id = q.answered_by_id`;

function fromRow(row: Record<string, unknown>): QuestionRow {
  row.anonymous = row.anonymous === 1;
  row.starred = row.starred === 1;
  row.banned = row.banned === 1;
  return row as QuestionRow;
}

export function getQuestionRow(questionId: number): QuestionRow | null {
  const row = rawStatement(`select ${QUESTION_COLUMNS} from ${QUESTION_FROM} where q.id = @id`).get({
    id: questionId,
  }) as Record<string, unknown> | undefined;
  return row ? fromRow(row) : null;
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
}: {
  viewer: Viewer;
  eventId: number;
  filter?: QuestionFilter;
  sort?: EventQuestionSort;
}): EventQuestionView[] {
  const event = requireEvent(viewer, eventId);
  const moderate = canInEvent(viewer, "event.moderate", event.facts);
  const statuses: readonly EventQuestionStatus[] =
    filter === "all" ? EVENT_QUESTION_STATUSES : filter === "open" ? ["pending", "approved", "answering"] : [filter];
  const order = sort === "recent" ? "q.created_at desc, q.id desc" : "q.vote_count desc, q.created_at asc, q.id asc";
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
        order by ${order} limit @limit`,
    ).all({
      e: event.id,
      me: viewer.id,
      moderate: moderate ? 1 : 0,
      statuses: JSON.stringify(statuses),
      limit: EVENT_QUESTION_LIMIT,
    }) as Record<string, unknown>[]
  ).map((r) => ({ row: fromRow(r), voted: r.votedByMe === 1 }));
  return rows.map(({ row, voted }) => toQuestionView(viewer, event, row, voted));
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

function changed(
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
        segment: event.segment,
        now,
      }) as number;
    changed(event, { id, authorId: viewer.id }, "asked", !pending);
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
// Moderation
// ---------------------------------------------------------------------------------------------------------

export type ModerationAction =
  | { action: "approve" }
  | { action: "dismiss"; reason?: string }
  | { action: "edit"; body: string }
  | { action: "star"; on: boolean }
  | { action: "answering" }
  | { action: "answered"; answer?: string }
  | { action: "restore" }
  | { action: "merge"; into: number };

const badTransition = () => new AppError(409, "invalid_transition", "event.invalidTransition");

/**
 * A moderator's or host's action on a question. 404 for a question the viewer may not see (or of another event);
 * 403 for a viewer who may not moderate; 409 for a change its status does not allow; 400 for bad input.
 * Idempotent where that is natural (approving an approved question changes nothing and records nothing).
 */
export function moderateEventQuestion({
  viewer,
  eventId,
  questionId,
  change,
}: {
  viewer: Viewer;
  eventId: number;
  questionId: number;
  change: ModerationAction;
}) {
  const checked = () => {
    const { event, q } = requireEventQuestion(viewer, eventId, questionId);
    if (!canInEvent(viewer, "event.moderate", event.facts)) throw forbidden();
    if (q.mergedIntoId != null) throw badTransition();
    return { event, q };
  };
  // Parse first: nothing is written for bad input.
  const body = change.action === "edit" ? EditEventQuestionSchema.parse({ body: change.body }).body : null;
  const reason = change.action === "dismiss" ? (DismissSchema.parse({ reason: change.reason }).reason ?? "") : null;
  const answer = change.action === "answered" ? (AnsweredSchema.parse({ answer: change.answer }).answer ?? "") : null;
  checked();
  let target: QuestionRow | null = null;
  if (change.action === "merge") {
    if (change.into === questionId)
      throw new AppError(400, "validation_failed", "event.mergeSelf", { into: "event.mergeSelf" });
    target = requireEventQuestion(viewer, eventId, change.into).q;
    if (target.mergedIntoId != null || target.status === "dismissed" || target.status === "pending")
      throw badTransition();
  }
  getDb().transaction(() => {
    const { event, q } = checked();
    const now = Date.now();
    const wasShown = shownToAudience(q);
    const set = (sql: string, params: Record<string, unknown> = {}) =>
      rawStatement(`update event_questions set ${sql} where id = @id`).run({ id: q.id, now, ...params });
    switch (change.action) {
      case "approve": {
        if (q.status === "approved") return;
        if (q.status !== "pending" && q.status !== "dismissed") throw badTransition();
        set(`status = 'approved', dismiss_reason = null, approved_at = coalesce(approved_at, @now)`);
        changed(event, q, "approved", !q.banned);
        return;
      }
      case "dismiss": {
        if (q.status === "dismissed") return;
        set(`status = 'dismissed', dismiss_reason = @reason`, { reason: reason || null });
        // The audience learns of it only if it had been shown to them.
        changed(event, q, "dismissed", wasShown);
        return;
      }
      case "edit": {
        if (q.body === body) return;
        set(`body = @body, edited_at = @now`, { body });
        changed(event, q, "edited", wasShown);
        return;
      }
      case "star": {
        if (q.starred === change.on) return;
        set(`starred = @on`, { on: change.on ? 1 : 0 });
        // Stars are the moderators' own marks ("for later"): never news to the audience.
        changed(event, q, change.on ? "starred" : "unstarred", false);
        return;
      }
      case "answering": {
        if (q.status === "answering") return;
        if (q.status !== "approved" && q.status !== "answered") throw badTransition();
        // One at a time: the one being answered before goes back to the open questions.
        const previous = rawStatement(
          `select id, author_id as authorId from event_questions where event_id = @e and status = 'answering'`,
        ).all({ e: event.id }) as { id: number; authorId: number }[];
        for (const p of previous) {
          rawStatement(`update event_questions set status = 'approved' where id = @id`).run({ id: p.id });
          changed(event, p, "restored", true);
        }
        set(`status = 'answering', answered_at = null`);
        changed(event, q, "answering", !q.banned);
        return;
      }
      case "answered": {
        if (q.status !== "approved" && q.status !== "answering" && q.status !== "answered") throw badTransition();
        set(`status = 'answered', answer = @answer, answered_by_id = @me, answered_at = @now`, {
          answer: answer || null,
          me: viewer.id,
        });
        changed(event, q, "answered", !q.banned);
        return;
      }
      case "restore": {
        if (q.status !== "answered" && q.status !== "answering") throw badTransition();
        set(`status = 'approved', answered_at = null`);
        changed(event, q, "restored", !q.banned);
        return;
      }
      case "merge": {
        const into = target!;
        // Votes add up, one per person: the duplicate's voters vote for the target (its asker too, unless they
        // asked the target), then the target's count is recounted from its votes.
        rawStatement(
          `insert into event_question_votes (question_id, user_id)
             select @into, v.user_id from event_question_votes v where v.question_id = @id and v.user_id <> @intoAuthor
           on conflict do nothing`,
        ).run({ id: q.id, into: into.id, intoAuthor: into.authorId });
        rawStatement(
          `update event_questions set vote_count = (select count(*) from event_question_votes where question_id = @into)
            where id = @into`,
        ).run({ into: into.id });
        set(`merged_into_id = @into`, { into: into.id });
        changed(event, q, "merged", wasShown);
        recordEvent({ type: "event_question.voted", eventId: event.id, groupId: event.groupId, questionId: into.id });
        return;
      }
    }
  }, IMMEDIATE);
}

// ---------------------------------------------------------------------------------------------------------
// Replies, bans, export, reveal
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

function audit(actorId: number, action: string, subjectType: string, subjectId: number, reason: string, data: object) {
  rawStatement(
    `insert into audit_log (actor_id, action, subject_type, subject_id, reason, data)
     values (@actor, @action, @type, @id, @reason, @data)`,
  ).run({ actor: actorId, action, type: subjectType, id: subjectId, reason, data: JSON.stringify(data) });
}

/**
 * Bans (`on`) or lets back a participant, by handle; audited. Moderators and hosts; never a host or moderator of
 * the event, nor oneself (400). The banned person's questions and replies are hidden from everyone else.
 */
export function setEventBan({
  viewer,
  eventId,
  handle,
  reason = "",
  on,
}: {
  viewer: Viewer;
  eventId: number;
  handle: string;
  reason?: string;
  on: boolean;
}) {
  const values = BanSchema.parse({ handle, reason });
  const checked = () => {
    const event = requireEvent(viewer, eventId);
    if (!canInEvent(viewer, "event.moderate", event.facts)) throw forbidden();
    const userId = findActiveHandles([values.handle]).get(values.handle);
    if (userId == null) {
      throw new AppError(
        400,
        "validation_failed",
        "event.unknownPeople",
        { handle: { key: "event.unknownPeople", vars: { handles: `@${values.handle}` } } },
        { handles: `@${values.handle}` },
      );
    }
    if (userId === viewer.id || roleOf(event.id, userId) != null) {
      throw new AppError(400, "validation_failed", "event.cannotBanStaff", { handle: "event.cannotBanStaff" });
    }
    return { event, userId };
  };
  checked();
  getDb().transaction(() => {
    const { event, userId } = checked();
    const changes = on
      ? rawStatement(
          `insert into event_bans (event_id, user_id, banned_by_id, reason) values (@e, @u, @me, @reason) on conflict do nothing`,
        ).run({ e: event.id, u: userId, me: viewer.id, reason: values.reason ?? "" }).changes
      : rawStatement(`delete from event_bans where event_id = @e and user_id = @u`).run({ e: event.id, u: userId })
          .changes;
    if (!changes) return;
    audit(viewer.id, on ? "event.ban" : "event.unban", "event", event.id, values.reason ?? "", { userId });
    recordEvent({ type: "event.banned", eventId: event.id, groupId: event.groupId, userId, on });
    // The audience's lists change with it: each of their shown questions appears or disappears.
    const theirs = rawStatement(
      `select id, author_id as authorId, status, merged_into_id as mergedIntoId from event_questions
        where event_id = @e and author_id = @u`,
    ).all({ e: event.id, u: userId }) as {
      id: number;
      authorId: number;
      status: EventQuestionStatus;
      mergedIntoId: number | null;
    }[];
    for (const q of theirs) {
      if (shownToAudience({ ...q, banned: false })) changed(event, q, on ? "hidden" : "unhidden", true);
    }
  }, IMMEDIATE);
}

/** The participants banned from the event (moderators and hosts). */
export function listEventBans({
  viewer,
  eventId,
}: {
  viewer: Viewer;
  eventId: number;
}): (Person & { reason: string; createdAt: number })[] {
  const event = requireEvent(viewer, eventId);
  if (!canInEvent(viewer, "event.moderate", event.facts)) throw forbidden();
  return rawStatement(
    `select u.handle, u.name, b.reason, b.created_at as createdAt from event_bans b join users u on u.id = b.user_id
      where b.event_id = @e order by b.created_at desc`,
  ).all({ e: event.id }) as (Person & { reason: string; createdAt: number })[];
}

/** A spreadsheet cell that cannot run as a formula (CSV injection) and is quoted as RFC 4180 wants. */
function cell(value: string | number | boolean | null): string {
  let s = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Every question of the event as CSV, for its moderators and hosts. The asker column is empty for an anonymous
 * question unless the viewer is a host of an event whose hosts may see askers (authorOf, as everywhere else).
 */
export function exportEventQuestionsCsv({ viewer, eventId }: { viewer: Viewer; eventId: number }): string {
  const event = requireEvent(viewer, eventId);
  if (!canInEvent(viewer, "event.moderate", event.facts)) throw forbidden();
  const rows = (
    rawStatement(
      `select ${QUESTION_COLUMNS} from ${QUESTION_FROM} where q.event_id = @e order by q.created_at, q.id`,
    ).all({
      e: event.id,
    }) as Record<string, unknown>[]
  ).map(fromRow);
  const header = [
    "id",
    "created_at",
    "status",
    "votes",
    "question",
    "asker",
    "anonymous",
    "starred",
    "merged_into",
    "answer",
    "answered_by",
    "segment",
  ];
  const lines = [header.join(",")];
  for (const q of rows) {
    const author = authorOf(q, event.facts);
    lines.push(
      [
        q.id,
        new Date(q.createdAt).toISOString(),
        q.status,
        q.voteCount,
        q.body,
        author ? `${author.name} (@${author.handle})` : "",
        q.anonymous,
        q.starred,
        q.mergedIntoId,
        q.answer,
        q.answeredByHandle ? `@${q.answeredByHandle}` : "",
        q.segment,
      ]
        .map(cell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

/**
 * A site admin reveals who asked an anonymous question (for abuse), with a reason: audited, and the asker is told
 * (event_question.revealed, addressed to them alone). 403 for anyone else; 400 without a reason or for a question
 * that was asked by name.
 */
export function revealEventQuestionAsker({
  viewer,
  eventId,
  questionId,
  reason,
}: {
  viewer: Viewer;
  eventId: number;
  questionId: number;
  reason: string;
}): Person {
  const values = RevealSchema.parse({ reason });
  const checked = () => {
    const { event, q } = requireEventQuestion(viewer, eventId, questionId);
    if (!canInEvent(viewer, "event.reveal", event.facts)) throw forbidden();
    if (!q.anonymous) throw new AppError(400, "not_anonymous", "event.notAnonymous");
    return { event, q };
  };
  checked();
  return getDb().transaction(() => {
    const { event, q } = checked();
    audit(viewer.id, "event_question.reveal", "event_question", q.id, values.reason, { eventId: event.id });
    recordEvent({
      type: "event_question.revealed",
      eventId: event.id,
      questionId: q.id,
      askerId: q.authorId,
      revealedBy: viewer.id,
    });
    return { handle: q.authorHandle, name: q.authorName };
  }, IMMEDIATE);
}

/** The audited reveals and bans of an event's Q&A (site admins). */
export function listEventAudit({ viewer, eventId }: { viewer: Viewer; eventId: number }) {
  const event = requireEvent(viewer, eventId);
  if (!canInEvent(viewer, "event.reveal", event.facts)) throw forbidden();
  return rawStatement(
    `select l.action, l.reason, l.created_at as createdAt, u.handle as actor from audit_log l
       left join users u on u.id = l.actor_id
      where (l.subject_type = 'event' and l.subject_id = @e)
         or (l.subject_type = 'event_question' and l.subject_id in (select id from event_questions where event_id = @e))
      order by l.created_at desc, l.id desc`,
  ).all({ e: event.id }) as { action: string; reason: string; createdAt: number; actor: string | null }[];
}
