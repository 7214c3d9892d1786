// Seminar live comments and segments (issue #10 §4, §8) and polls (§6, §8). Every event the caller may not see is
// 404 as a missing one, and so is a comment or poll of another event (or a draft poll for anyone but its hosts).
import { createRoute, z } from "@hono/zod-openapi";
import {
  deleteEventComment,
  getEventComment,
  listEventComments,
  postEventComment,
  setEventCommentReaction,
} from "#app/models/events/event-comments.server";
import { REACTION_KINDS } from "#db/enums";
import {
  createEventPoll,
  getEventPoll,
  listEventPolls,
  setEventPollStatus,
  voteEventPoll,
} from "#app/models/events/event-polls.server";
import { setEventSegment } from "#app/models/events/event-segments.server";
import type { Viewer } from "#app/access/rules";
import { writeWithoutStalling } from "#app/infra/db.server";
import { errorResponses, jsonBody, type Api } from "../operation.server";
import { parseId } from "../http.server";
import {
  EventCommentEnvelope,
  EventCommentPageSchema,
  eventCommentPageToJson,
  EventCommentQuerySchema,
  eventCommentToJson,
  EventPollEnvelope,
  EventPollListSchema,
  eventPollToJson,
  NewEventCommentBody,
  NewPollBody,
  PollVoteBody,
  SegmentEnvelope,
  segmentToJson,
  SetSegmentBody,
} from "../event-live-schemas";

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <S>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const EventParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "7" }) });
const CommentParams = EventParams.extend({
  cid: z.string().openapi({ param: { name: "cid", in: "path" }, example: "42" }),
});
const ReactionParams = CommentParams.extend({
  kind: z.enum(REACTION_KINDS).openapi({ param: { name: "kind", in: "path" }, example: "like" }),
});
const PollParams = EventParams.extend({
  pid: z.string().openapi({ param: { name: "pid", in: "path" }, example: "3" }),
});
const tags = ["Events"];

const postComment = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/comments",
  tags,
  summary: "Write a live comment (≤ 500 characters) while the event is live and its comments are on",
  middleware: [jsonBody] as const,
  request: { params: EventParams, body: body(NewEventCommentBody) },
  responses: {
    201: json(EventCommentEnvelope, "The comment, with the segment it was stamped with."),
    ...errorResponses,
  },
});
const comments = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/comments",
  tags,
  summary: "The event's live comments (newest first, or one segment's oldest first), 100 a page, with the segments",
  request: { params: EventParams, query: EventCommentQuerySchema },
  responses: { 200: json(EventCommentPageSchema, "A page of comments."), ...errorResponses },
});
const deleteComment = createRoute({
  method: "delete",
  path: "/api/v1/events/{id}/comments/{cid}",
  tags,
  summary: "Delete a live comment (its author, the event's moderators and hosts)",
  request: { params: CommentParams },
  responses: { 204: { description: "Deleted." }, ...errorResponses },
});
const react = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/api/v1/events/{id}/comments/{cid}/reactions/{kind}",
    tags,
    summary: method === "post" ? "React to a live comment (idempotent)" : "Remove one's reaction (idempotent)",
    request: { params: ReactionParams },
    responses: { 200: json(EventCommentEnvelope, "The comment with its reactions."), ...errorResponses },
  });
const segment = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/segment",
  tags,
  summary: "Show a segment (agenda item or slide): its number and title (hosts)",
  middleware: [jsonBody] as const,
  request: { params: EventParams, body: body(SetSegmentBody) },
  responses: { 200: json(SegmentEnvelope, "The segment now showing."), ...errorResponses },
});
const createPoll = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/polls",
  tags,
  summary: "Write a poll (hosts): a draft only hosts see until it is opened",
  middleware: [jsonBody] as const,
  request: { params: EventParams, body: body(NewPollBody) },
  responses: { 201: json(EventPollEnvelope, "The poll."), ...errorResponses },
});
const polls = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/polls",
  tags,
  summary: "The event's polls (drafts for hosts only), oldest first, with results where the caller may see them",
  request: { params: EventParams },
  responses: { 200: json(EventPollListSchema, "The polls."), ...errorResponses },
});
const pollStatus = (to: "open" | "close") =>
  createRoute({
    method: "post",
    path: `/api/v1/events/{id}/polls/{pid}/${to}`,
    tags,
    summary:
      to === "open"
        ? "Open a poll to responses (hosts; idempotent)"
        : "Close a poll; results are final (hosts; idempotent)",
    request: { params: PollParams },
    responses: { 200: json(EventPollEnvelope, "The poll."), ...errorResponses },
  });
const vote = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/polls/{pid}/vote",
  tags,
  summary: "Respond to an open poll; a later response replaces the earlier one while it is open",
  middleware: [jsonBody] as const,
  request: { params: PollParams, body: body(PollVoteBody) },
  responses: { 200: json(EventPollEnvelope, "The poll with the caller's vote."), ...errorResponses },
});

const pollJson = (viewer: Viewer, eventId: number, pollId: number) => ({
  poll: eventPollToJson(getEventPoll({ viewer, eventId, pollId })),
});

export function registerEventLiveRoutes(api: Api) {
  api.openapi(postComment, async (c) => {
    const viewer = c.get("viewer");
    const eventId = parseId(c.req.valid("param").id);
    const id = await writeWithoutStalling(() => postEventComment({ viewer, eventId, input: c.req.valid("json") }));
    return c.json({ comment: eventCommentToJson(getEventComment({ viewer, eventId, commentId: id })) }, 201);
  });
  api.openapi(comments, (c) => {
    const { segment, cursor } = c.req.valid("query");
    const page = listEventComments({
      viewer: c.get("viewer"),
      eventId: parseId(c.req.valid("param").id),
      segment: segment as number | undefined,
      cursor: cursor as number | undefined,
    });
    return c.json(eventCommentPageToJson(page), 200);
  });
  api.openapi(deleteComment, async (c) => {
    const viewer = c.get("viewer");
    const { id, cid } = c.req.valid("param");
    const [eventId, commentId] = [parseId(id), parseId(cid)];
    await writeWithoutStalling(() => deleteEventComment({ viewer, eventId, commentId }));
    return c.body(null, 204);
  });
  for (const method of ["post", "delete"] as const) {
    api.openapi(react(method), async (c) => {
      const viewer = c.get("viewer");
      const { id, cid, kind } = c.req.valid("param");
      const [eventId, commentId] = [parseId(id), parseId(cid)];
      await writeWithoutStalling(() =>
        setEventCommentReaction({ viewer, eventId, commentId, kind, on: method === "post" }),
      );
      return c.json({ comment: eventCommentToJson(getEventComment({ viewer, eventId, commentId })) }, 200);
    });
  }
  api.openapi(segment, async (c) => {
    const viewer = c.get("viewer");
    const eventId = parseId(c.req.valid("param").id);
    const shown = await writeWithoutStalling(() => setEventSegment({ viewer, eventId, input: c.req.valid("json") }));
    return c.json({ segment: segmentToJson(shown) }, 200);
  });
  api.openapi(createPoll, async (c) => {
    const viewer = c.get("viewer");
    const eventId = parseId(c.req.valid("param").id);
    const id = await writeWithoutStalling(() => createEventPoll({ viewer, eventId, input: c.req.valid("json") }));
    return c.json(pollJson(viewer, eventId, id), 201);
  });
  api.openapi(polls, (c) => {
    const list = listEventPolls({ viewer: c.get("viewer"), eventId: parseId(c.req.valid("param").id) });
    return c.json({ data: list.map(eventPollToJson) }, 200);
  });
  for (const to of ["open", "close"] as const) {
    api.openapi(pollStatus(to), async (c) => {
      const viewer = c.get("viewer");
      const { id, pid } = c.req.valid("param");
      const [eventId, pollId] = [parseId(id), parseId(pid)];
      await writeWithoutStalling(() =>
        setEventPollStatus({ viewer, eventId, pollId, to: to === "open" ? "open" : "closed" }),
      );
      return c.json(pollJson(viewer, eventId, pollId), 200);
    });
  }
  api.openapi(vote, async (c) => {
    const viewer = c.get("viewer");
    const { id, pid } = c.req.valid("param");
    const [eventId, pollId] = [parseId(id), parseId(pid)];
    await writeWithoutStalling(() => voteEventPoll({ viewer, eventId, pollId, input: c.req.valid("json") }));
    return c.json(pollJson(viewer, eventId, pollId), 200);
  });
}
