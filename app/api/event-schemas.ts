// The API's objects for live events and their open Q&A (issue #10 §8), in zod like schemas.ts (whose conventions
// these follow: snake_case fields, `…ToJson` shapers checked against the schemas). Kept beside it rather than in
// it because events are a large, separate area; the shared pieces (ErrorSchema, typeErrors) come from there.
import { z } from "@hono/zod-openapi";
import {
  AskEventQuestionSchema,
  EVENT_QUESTION_SORTS,
  EventReplySchema,
  type EventQuestionView,
  type EventReplyView,
  type Person,
} from "#app/models/events/event-questions.server";
import {
  AnsweredSchema,
  BanSchema,
  DismissSchema,
  EditEventQuestionSchema,
  MergeSchema,
  RevealSchema,
} from "#app/models/events/event-moderation.server";
import { EventPatchSchema, NewEventSchema, type EventView } from "#app/models/events/event.server";
import { typeErrors } from "#app/utils/validation";
import { EVENT_KINDS, EVENT_QUESTION_STATUSES, EVENT_ROLES, EVENT_STATES, GROUP_VISIBILITIES } from "#db/enums";
import { NextCursor, PageQuerySchema } from "./schemas";

const DateTime = z.string().openapi({ format: "date-time", example: "2026-11-28T06:00:00.000Z" });
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
const bodyErrors = typeErrors("error.badRequest", "error.badRequest");
// Not a named component: a nullable reference would lose its null in the document.
const PersonSchema = z.object({ handle: z.string(), name: z.string() });
const person = (p: Person | null) => (p ? { handle: p.handle, name: p.name } : null);

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

export const EventSchema = z
  .object({
    id: z.number().int(),
    code: z.string().openapi({ description: "The join code: six characters; join at `/e/{code}`.", example: "K7QF2M" }),
    join_path: z.string().openapi({ example: "/e/K7QF2M" }),
    title: z.string(),
    description: z.string().openapi({ description: "Markdown as written." }),
    html: z.string().openapi({ description: "The description rendered and sanitised." }),
    kind: z.enum(EVENT_KINDS),
    state: z.enum(EVENT_STATES).openapi({
      description:
        "What people see now: the host's start or end if any, else the schedule (before `starts_at` upcoming, until " +
        "`ends_at` live, then ended).",
    }),
    starts_at: DateTime,
    ends_at: DateTime,
    started_at: DateTime.nullable(),
    ended_at: DateTime.nullable(),
    group: z
      .object({ slug: z.string(), name: z.string(), visibility: z.enum(GROUP_VISIBILITIES) })
      .nullable()
      .openapi({ description: "The event's audience: one group, or null for the whole company." }),
    settings: z.object({
      anonymous_questions: z.boolean(),
      pre_moderation: z.boolean(),
      comments: z.boolean(),
      questions_open_at: DateTime.nullable(),
      hosts_see_anonymous: z.boolean(),
      segment_grace_seconds: z.number().int().openapi({
        description:
          "How long after a segment change a comment or question may still claim the segment before (20 s default).",
      }),
    }),
    hosts: z.array(PersonSchema),
    moderators: z.array(PersonSchema),
    my_role: z.enum(EVENT_ROLES).nullable(),
    question_count: z.number().int().openapi({ description: "Questions shown to the audience (never pending ones)." }),
    questions_open: z.boolean().openapi({ description: "Whether questions may be asked now." }),
    attendees: z.number().int().openapi({ description: "Streams open on the event now (this server)." }),
    segment: z.number().int().nullable(),
    archive: z
      .object({ archived_at: DateTime, summary_post_id: z.number().int().nullable() })
      .nullable()
      .openapi({
        description:
          "Once an ended event is archived: its answered questions are Q&A threads (each question's `thread_id`) and " +
          "a summary post (`summary_post_id`) links to it; null before.",
      }),
    can: z
      .object({ host: z.boolean(), moderate: z.boolean(), participate: z.boolean(), reveal: z.boolean() })
      .openapi({ description: "What the caller may do in the event, decided by the access rule." }),
  })
  .openapi("Event");

export function eventToJson(e: EventView, attendees: number): z.infer<typeof EventSchema> {
  return {
    id: e.id,
    code: e.code,
    join_path: `/e/${e.code}`,
    title: e.title,
    description: e.description,
    html: e.html,
    kind: e.kind,
    state: e.state,
    starts_at: iso(e.startsAt)!,
    ends_at: iso(e.endsAt)!,
    started_at: iso(e.startedAt),
    ended_at: iso(e.endedAt),
    group: e.group,
    settings: {
      anonymous_questions: e.settings.anonymousQuestions,
      pre_moderation: e.settings.preModeration,
      comments: e.settings.comments,
      questions_open_at: iso(e.settings.questionsOpenAt),
      hosts_see_anonymous: e.settings.hostsSeeAnonymous,
      segment_grace_seconds: e.settings.segmentGraceSeconds,
    },
    hosts: e.hosts,
    moderators: e.moderators,
    my_role: e.myRole,
    question_count: e.questionCount,
    questions_open: e.questionsOpen,
    attendees,
    segment: e.segment,
    archive: e.archive ? { archived_at: iso(e.archive.archivedAt)!, summary_post_id: e.archive.summaryPostId } : null,
    can: e.can,
  };
}

export const EventEnvelope = z.object({ event: EventSchema });
export const EventListSchema = z.object({ data: z.array(EventSchema) }).openapi("EventList");
export const EventListQuerySchema = z.object({
  state: z
    .enum(EVENT_STATES, { error: "error.invalid" })
    .optional()
    .openapi({ description: "`upcoming` (soonest first), `live` or `ended` (latest first); all when omitted." }),
});

const TimeDoc = { description: "ISO 8601 with a time zone (or epoch milliseconds)", example: "2026-11-28T06:00:00Z" };
export const CreateEventSchema = z
  .object(
    {
      ...NewEventSchema.shape,
      starts_at: NewEventSchema.shape.starts_at.describe(TimeDoc.description),
      ends_at: NewEventSchema.shape.ends_at.describe(TimeDoc.description),
    },
    bodyErrors,
  )
  .openapi("NewEvent");

export const PatchEventSchema = z
  .object(EventPatchSchema.shape, bodyErrors)
  .refine((p) => Object.values(p).some((v) => v !== undefined), "error.badRequest")
  .openapi("EventPatch");

// ---------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------

export const EventQuestionSchema = z
  .object({
    id: z.number().int(),
    body: z.string(),
    status: z.enum(EVENT_QUESTION_STATUSES),
    votes: z.number().int(),
    voted_by_me: z.boolean(),
    author: PersonSchema.nullable().openapi({
      description:
        "Who asked; null for an anonymous question (to everyone, its asker included, unless the event lets hosts " +
        "see askers and the caller is a host).",
    }),
    anonymous: z.boolean(),
    mine: z.boolean().openapi({ description: "True only for the question's asker." }),
    segment: z.number().int().nullable(),
    starred: z.boolean().openapi({ description: "Moderators' mark; always false for others." }),
    edited: z.boolean(),
    dismiss_reason: z.string().nullable().openapi({ description: "For the asker and moderators only." }),
    merged_into: z.number().int().nullable().openapi({ description: "For the asker and moderators only." }),
    answer: z.string().nullable(),
    answered_by: PersonSchema.nullable(),
    answered_at: DateTime.nullable(),
    reply_count: z.number().int(),
    created_at: DateTime,
    thread_id: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The Q&A thread (a question post) it became when the event ended; null before." }),
    can: z.object({ vote: z.boolean(), moderate: z.boolean(), reply: z.boolean() }),
  })
  .openapi("EventQuestion");

export function eventQuestionToJson(q: EventQuestionView): z.infer<typeof EventQuestionSchema> {
  return {
    id: q.id,
    body: q.body,
    status: q.status,
    votes: q.votes,
    voted_by_me: q.votedByMe,
    author: person(q.author),
    anonymous: q.anonymous,
    mine: q.mine,
    segment: q.segment,
    starred: q.starred,
    edited: q.edited,
    dismiss_reason: q.dismissReason,
    merged_into: q.mergedIntoId,
    answer: q.answer,
    answered_by: person(q.answeredBy),
    answered_at: iso(q.answeredAt),
    reply_count: q.replyCount,
    created_at: iso(q.createdAt)!,
    thread_id: q.threadId,
    can: q.can,
  };
}

export const EventQuestionEnvelope = z.object({ question: EventQuestionSchema });
export const EventQuestionListSchema = z
  .object({ data: z.array(EventQuestionSchema), next_cursor: NextCursor })
  .openapi("EventQuestionList");
export const EventQuestionListQuerySchema = PageQuerySchema.extend({
  status: z
    .enum([...EVENT_QUESTION_STATUSES, "open"] as const, { error: "error.invalid" })
    .optional()
    .openapi({
      description:
        "One status, or `open` (pending, approved and answering); all the caller may see when omitted. Pending and " +
        "dismissed questions are listed only to moderators and hosts, and to their asker.",
    }),
  sort: z
    .enum(EVENT_QUESTION_SORTS, { error: "error.invalid" })
    .optional()
    .openapi({ description: "`top` (votes, ties older first; default) or `recent` (newest first)." }),
});

export const EventReplySchemaJson = z
  .object({ id: z.number().int(), body: z.string(), author: PersonSchema, created_at: DateTime })
  .openapi("EventReply");
export const eventReplyToJson = (r: EventReplyView): z.infer<typeof EventReplySchemaJson> => ({
  id: r.id,
  body: r.body,
  author: person(r.author)!,
  created_at: iso(r.createdAt)!,
});
export const EventQuestionDetailSchema = z.object({
  question: EventQuestionSchema,
  replies: z.array(EventReplySchemaJson),
});

export const AskEventQuestionBody = z.object(AskEventQuestionSchema.shape, bodyErrors).openapi("NewEventQuestion");
export const EditEventQuestionBody = z.object(EditEventQuestionSchema.shape, bodyErrors).openapi("EventQuestionEdit");
export const EventReplyBody = z.object(EventReplySchema.shape, bodyErrors).openapi("NewEventReply");
export const DismissBody = z.object(DismissSchema.shape, bodyErrors).openapi("EventQuestionDismiss");
export const AnsweredBody = z.object(AnsweredSchema.shape, bodyErrors).openapi("EventQuestionAnswered");
export const MergeBody = z.object(MergeSchema.shape, bodyErrors).openapi("EventQuestionMerge");
export const RevealBody = z.object(RevealSchema.shape, bodyErrors).openapi("EventQuestionReveal");
export const BanBody = z.object(BanSchema.shape, bodyErrors).openapi("EventBan");
export const RevealResultSchema = z.object({ author: PersonSchema });
export const BanListSchema = z.object({
  data: z.array(z.object({ handle: z.string(), name: z.string(), reason: z.string(), created_at: DateTime })),
});
