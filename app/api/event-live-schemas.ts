// The API's objects for seminar live comments, segments (issue #10 §4) and polls (§6), beside event-schemas.ts and
// in its conventions (snake_case fields, `…ToJson` shapers checked against the schemas).
import { z } from "@hono/zod-openapi";
import {
  NewEventCommentSchema,
  type EventCommentPage,
  type EventCommentView,
} from "#app/models/events/event-comments.server";
import { NewPollSchema, PollVoteSchema, type EventPollView } from "#app/models/events/event-polls.server";
import { MAX_SEGMENT, SetSegmentSchema, type SegmentView } from "#app/models/events/event-segments.server";
import { typeErrors } from "#app/utils/validation";
import { EVENT_POLL_STATUSES, REACTION_KINDS, type ReactionKind } from "#db/enums";
import { NextCursor } from "./schemas";

const DateTime = z.string().openapi({ format: "date-time", example: "2026-11-28T06:00:00.000Z" });
const iso = (ms: number) => new Date(ms).toISOString();
const bodyErrors = typeErrors("error.badRequest", "error.badRequest");
/** A whole number in a query string (400 otherwise). */
const QueryNumber = (max: number) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce
      .number({ error: "error.invalid" })
      .int("error.invalid")
      .min(0, "error.invalid")
      .max(max, "error.invalid")
      .optional(),
  );

// ---------------------------------------------------------------------------
// Segments
// ---------------------------------------------------------------------------

export const SegmentSchema = z
  .object({ index: z.number().int(), title: z.string(), started_at: DateTime })
  .openapi("EventSegment");
export const segmentToJson = (s: SegmentView): z.infer<typeof SegmentSchema> => ({
  index: s.index,
  title: s.title,
  started_at: iso(s.startedAt),
});
export const SegmentEnvelope = z.object({ segment: SegmentSchema });
export const SetSegmentBody = z.object(SetSegmentSchema.shape, bodyErrors).openapi("EventSegmentChange", {
  description: `\`index\` 0–${MAX_SEGMENT}; \`title\` ≤ 150 characters (without one, the title that segment had before).`,
});

// ---------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------

export const EventCommentSchema = z
  .object({
    id: z.number().int(),
    body: z.string().openapi({ description: "As written (Markdown-light)." }),
    html: z.string().openapi({ description: "Rendered and sanitised: inline markup only (links, emphasis, code)." }),
    author: z.object({ handle: z.string(), name: z.string() }),
    segment: z.number().int().nullable().openapi({
      description: "The segment showing when it was written (null before the host set any).",
    }),
    mine: z.boolean(),
    reactions: z
      .object(Object.fromEntries(REACTION_KINDS.map((k) => [k, z.number().int()])) as Record<ReactionKind, z.ZodNumber>)
      .openapi({ description: "Reactions by kind (banned participants' not counted)." }),
    my_reactions: z.array(z.enum(REACTION_KINDS)),
    created_at: DateTime,
    can: z.object({ delete: z.boolean(), react: z.boolean() }),
  })
  .openapi("EventComment");

export const eventCommentToJson = (c: EventCommentView): z.infer<typeof EventCommentSchema> => ({
  id: c.id,
  body: c.body,
  html: c.html,
  author: c.author,
  segment: c.segment,
  mine: c.mine,
  reactions: Object.fromEntries(REACTION_KINDS.map((k) => [k, c.reactions[k] ?? 0])) as Record<ReactionKind, number>,
  my_reactions: c.myReactions,
  created_at: iso(c.createdAt),
  can: c.can,
});

export const EventCommentEnvelope = z.object({ comment: EventCommentSchema });
export const EventCommentPageSchema = z
  .object({
    data: z.array(EventCommentSchema),
    segments: z
      .array(
        z.object({
          index: z.number().int().nullable(),
          title: z.string(),
          started_at: DateTime.nullable(),
          comment_count: z.number().int(),
        }),
      )
      .openapi({
        description:
          "Each segment shown, in order, with its title and visible comments (index null: before any segment).",
      }),
    next_cursor: NextCursor,
  })
  .openapi("EventCommentPage");

export const eventCommentPageToJson = (page: EventCommentPage): z.infer<typeof EventCommentPageSchema> => ({
  data: page.comments.map(eventCommentToJson),
  segments: page.segments.map((s) => ({
    index: s.index,
    title: s.title,
    started_at: s.startedAt == null ? null : iso(s.startedAt),
    comment_count: s.count,
  })),
  next_cursor: page.nextCursor == null ? null : String(page.nextCursor),
});

export const EventCommentQuerySchema = z.object({
  segment: QueryNumber(MAX_SEGMENT).openapi({
    type: "integer",
    description: "Only this segment's comments, oldest first (the talk as it happened); newest first without it.",
  }),
  cursor: QueryNumber(Number.MAX_SAFE_INTEGER).openapi({
    type: "string",
    description: "`next_cursor` of the previous page.",
  }),
});

export const NewEventCommentBody = z.object(NewEventCommentSchema.shape, bodyErrors).openapi("NewEventComment", {
  description:
    "`body` ≤ 500 characters. `segment`: the segment the writer's page showed; kept if it was current within the " +
    "event's grace window (20 s by default), else the current segment is stamped.",
});

// ---------------------------------------------------------------------------
// Polls
// ---------------------------------------------------------------------------

export const EventPollSchema = z
  .object({
    id: z.number().int(),
    question: z.string(),
    options: z.array(z.string()),
    multiple: z.boolean(),
    hide_results: z.boolean(),
    status: z.enum(EVENT_POLL_STATUSES).openapi({ description: "`draft` (hosts only), `open` or `closed`." }),
    created_at: DateTime,
    opened_at: DateTime.nullable(),
    closed_at: DateTime.nullable(),
    results: z
      .object({
        votes: z.array(z.number().int()).openapi({ description: "Per option, in the options' order." }),
        voters: z.number().int().openapi({ description: "People who responded." }),
      })
      .nullable()
      .openapi({
        description: "Null while hidden from the caller (hide_results, until the poll closes; hosts see them).",
      }),
    my_vote: z.array(z.number().int()).openapi({ description: "The caller's chosen options (empty: none)." }),
    can: z.object({ vote: z.boolean(), manage: z.boolean() }),
  })
  .openapi("EventPoll");

export const eventPollToJson = (p: EventPollView): z.infer<typeof EventPollSchema> => ({
  id: p.id,
  question: p.question,
  options: p.options,
  multiple: p.multiple,
  hide_results: p.hideResults,
  status: p.status,
  created_at: iso(p.createdAt),
  opened_at: p.openedAt == null ? null : iso(p.openedAt),
  closed_at: p.closedAt == null ? null : iso(p.closedAt),
  results: p.results,
  my_vote: p.myVote,
  can: p.can,
});

export const EventPollEnvelope = z.object({ poll: EventPollSchema });
export const EventPollListSchema = z.object({ data: z.array(EventPollSchema) }).openapi("EventPollList");
export const NewPollBody = z
  .object(NewPollSchema.shape, bodyErrors)
  .openapi("NewEventPoll", { description: "`question` ≤ 200 characters; 2–10 `options` of ≤ 100 characters each." });
export const PollVoteBody = z
  .object(PollVoteSchema.shape, bodyErrors)
  .openapi("EventPollVote", { description: "The chosen options' indexes (exactly one unless the poll is multiple)." });
