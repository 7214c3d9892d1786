// Moderating an event's open Q&A (issue #10 §3, docs/decisions/0006-events.md): what moderators and hosts do to a
// question — approve, dismiss (with an optional reason the asker sees), edit for typos, merge duplicates, star, mark
// one "answering" at a time, "answered" with an optional written answer, restore — and to a participant (ban,
// audited), the CSV export (anonymous askers stay empty unless hosts may see them: authorOf), and the site admins'
// audited reveal of an anonymous asker, who is told. Asking, voting and reading are event-questions.server.ts.
import { z } from "zod";
import { canInEvent } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { findActiveHandles } from "#app/models/people/user.server";
import { AppError, forbidden } from "#app/utils/errors";
import { typeErrors } from "#app/utils/validation";
import type { EventQuestionStatus } from "#db/enums";
import { requireEvent, roleOf } from "./event.server";
import {
  authorOf,
  eventText,
  MAX_EVENT_QUESTION,
  QUESTION_COLUMNS,
  QUESTION_FROM,
  questionFromRow,
  recordQuestionChange,
  requireEventQuestion,
  shownToAudience,
  type Person,
  type QuestionRow,
} from "./event-questions.server";

export const MAX_EVENT_ANSWER = 2_000;
export const MAX_DISMISS_REASON = 200;
export const MAX_REVEAL_REASON = 500;
export const EditEventQuestionSchema = z.object({
  body: eventText(MAX_EVENT_QUESTION, "event.questionEmpty", "event.questionTooLong"),
});
const optionalText = (max: number) =>
  z
    .string({ error: "error.invalid" })
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .refine((s) => [...s].length <= max, "error.tooLong")
    .optional();
export const DismissSchema = z.object({ reason: optionalText(MAX_DISMISS_REASON) });
export const AnsweredSchema = z.object({ answer: optionalText(MAX_EVENT_ANSWER) });
export const RevealSchema = z.object({
  reason: eventText(MAX_REVEAL_REASON, "error.required", "error.tooLong"),
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
        recordQuestionChange(event, q, "approved", !q.banned);
        return;
      }
      case "dismiss": {
        if (q.status === "dismissed") return;
        set(`status = 'dismissed', dismiss_reason = @reason`, { reason: reason || null });
        // The audience learns of it only if it had been shown to them.
        recordQuestionChange(event, q, "dismissed", wasShown);
        return;
      }
      case "edit": {
        if (q.body === body) return;
        set(`body = @body, edited_at = @now`, { body });
        recordQuestionChange(event, q, "edited", wasShown);
        return;
      }
      case "star": {
        if (q.starred === change.on) return;
        set(`starred = @on`, { on: change.on ? 1 : 0 });
        // Stars are the moderators' own marks ("for later"): never news to the audience.
        recordQuestionChange(event, q, change.on ? "starred" : "unstarred", false);
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
          recordQuestionChange(event, p, "restored", true);
        }
        set(`status = 'answering', answered_at = null`);
        recordQuestionChange(event, q, "answering", !q.banned);
        return;
      }
      case "answered": {
        if (q.status !== "approved" && q.status !== "answering" && q.status !== "answered") throw badTransition();
        set(`status = 'answered', answer = @answer, answered_by_id = @me, answered_at = @now`, {
          answer: answer || null,
          me: viewer.id,
        });
        recordQuestionChange(event, q, "answered", !q.banned);
        return;
      }
      case "restore": {
        if (q.status !== "answered" && q.status !== "answering") throw badTransition();
        set(`status = 'approved', answered_at = null`);
        recordQuestionChange(event, q, "restored", !q.banned);
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
        recordQuestionChange(event, q, "merged", wasShown);
        recordEvent({ type: "event_question.voted", eventId: event.id, groupId: event.groupId, questionId: into.id });
        return;
      }
    }
  }, IMMEDIATE);
}

// ---------------------------------------------------------------------------------------------------------
// Bans, export, reveal
// ---------------------------------------------------------------------------------------------------------

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
      if (shownToAudience({ ...q, banned: false })) recordQuestionChange(event, q, on ? "hidden" : "unhidden", true);
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
  ).map(questionFromRow);
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
