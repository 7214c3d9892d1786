// Live events and their open Q&A (issue #10 §2–3, §8): create, read, edit, start and end events; ask, vote,
// moderate, answer, reply, ban, export and — for site admins — reveal an anonymous asker through an audited action.
// Every event the caller may not see is 404 as a missing one; a question of another event is 404 too.
import { createRoute, z } from "@hono/zod-openapi";
import {
  askEventQuestion,
  getEventQuestion,
  listEventQuestions,
  questionKey,
  listEventReplies,
  replyToEventQuestion,
  setEventVote,
} from "#app/models/events/event-questions.server";
import {
  exportEventQuestionsCsv,
  listEventBans,
  moderateEventQuestion,
  revealEventQuestionAsker,
  setEventBan,
  type ModerationAction,
} from "#app/models/events/event-moderation.server";
import { createEvent, getEvent, listEvents, setEventState, updateEvent } from "#app/models/events/event.server";
import type { Viewer } from "#app/access/rules";
import { writeWithoutStalling } from "#app/infra/db.server";
import { decodeKeyCursor, encodeKeyCursor } from "#app/models/pagination.server";
import { attendeesOf } from "#app/realtime/realtime.server";
import { streamFromApi } from "#app/realtime/stream.server";
import { errorResponses, jsonBody, type Api } from "../operation.server";
import { parseId } from "../http.server";
import {
  AnsweredBody,
  AskEventQuestionBody,
  BanBody,
  BanListSchema,
  CreateEventSchema,
  DismissBody,
  EditEventQuestionBody,
  EventEnvelope,
  EventListQuerySchema,
  EventListSchema,
  EventQuestionDetailSchema,
  EventQuestionEnvelope,
  EventQuestionListQuerySchema,
  EventQuestionListSchema,
  eventQuestionToJson,
  EventReplyBody,
  EventReplySchemaJson,
  eventReplyToJson,
  eventToJson,
  MergeBody,
  PatchEventSchema,
  RevealBody,
  RevealResultSchema,
} from "../event-schemas";

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <S>(schema: S) => ({ required: true, content: { "application/json": { schema } } });
const EventParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "7" }) });
const QuestionParams = EventParams.extend({
  qid: z.string().openapi({ param: { name: "qid", in: "path" }, example: "42" }),
});
const BanParams = EventParams.extend({ handle: z.string().openapi({ param: { name: "handle", in: "path" } }) });
const tags = ["Events"];

const eventJson = (viewer: Viewer, eventId: number) => ({
  event: eventToJson(getEvent({ viewer, eventId }), attendeesOf(eventId)),
});
const questionJson = (viewer: Viewer, eventId: number, questionId: number) => ({
  question: eventQuestionToJson(getEventQuestion({ viewer, eventId, questionId })),
});

// ---------------------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------------------

const create = createRoute({
  method: "post",
  path: "/api/v1/events",
  tags,
  summary:
    "Create an event (a group's admins in their group; company-wide: admins, or every employee if allowed); the " +
    "caller is its first host",
  middleware: [jsonBody] as const,
  request: { body: body(CreateEventSchema) },
  responses: { 201: json(EventEnvelope, "The event."), ...errorResponses },
});
const list = createRoute({
  method: "get",
  path: "/api/v1/events",
  tags,
  summary: "The events the caller may see, by state",
  request: { query: EventListQuerySchema },
  responses: { 200: json(EventListSchema, "Up to 100 events."), ...errorResponses },
});
const read = createRoute({
  method: "get",
  path: "/api/v1/events/{id}",
  tags,
  summary: "Read an event",
  request: { params: EventParams },
  responses: { 200: json(EventEnvelope, "The event."), ...errorResponses },
});
const patch = createRoute({
  method: "patch",
  path: "/api/v1/events/{id}",
  tags,
  summary: "Edit an event, its settings, hosts and moderators (hosts); its audience never changes",
  middleware: [jsonBody] as const,
  request: { params: EventParams, body: body(PatchEventSchema) },
  responses: { 200: json(EventEnvelope, "The event."), ...errorResponses },
});
const stateRoute = (to: "start" | "end") =>
  createRoute({
    method: "post",
    path: `/api/v1/events/{id}/${to}`,
    tags,
    summary: to === "start" ? "Start the event now (hosts; idempotent)" : "End the event now (hosts; idempotent)",
    request: { params: EventParams },
    responses: { 200: json(EventEnvelope, "The event."), ...errorResponses },
  });

// ---------------------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------------------

const ask = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/questions",
  tags,
  summary: "Ask a question (≤ 300 characters), by name or anonymously where the event allows",
  middleware: [jsonBody] as const,
  request: { params: EventParams, body: body(AskEventQuestionBody) },
  responses: {
    201: json(
      EventQuestionEnvelope,
      "The question (pending with pre-moderation: seen only by its asker and moderators).",
    ),
    ...errorResponses,
  },
});
const questions = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/questions",
  tags,
  summary: "The event's questions the caller may see, by votes or newest",
  request: { params: EventParams, query: EventQuestionListQuerySchema },
  responses: {
    200: json(
      EventQuestionListSchema,
      "A page of questions (20 unless `limit` says otherwise, at most 100); `next_cursor` for the next.",
    ),
    ...errorResponses,
  },
});
const question = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/questions/{qid}",
  tags,
  summary: "One question and its replies",
  request: { params: QuestionParams },
  responses: { 200: json(EventQuestionDetailSchema, "The question and its replies, oldest first."), ...errorResponses },
});
const edit = createRoute({
  method: "patch",
  path: "/api/v1/events/{id}/questions/{qid}",
  tags,
  summary: "Fix a question's typos (moderators and hosts; marked edited)",
  middleware: [jsonBody] as const,
  request: { params: QuestionParams, body: body(EditEventQuestionBody) },
  responses: { 200: json(EventQuestionEnvelope, "The question."), ...errorResponses },
});
const vote = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/api/v1/events/{id}/questions/{qid}/vote",
    tags,
    summary: method === "post" ? "Upvote a question (idempotent; never one's own)" : "Withdraw one's vote (idempotent)",
    request: { params: QuestionParams },
    responses: { 200: json(EventQuestionEnvelope, "The question with `votes` and `voted_by_me`."), ...errorResponses },
  });
const star = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/api/v1/events/{id}/questions/{qid}/star",
    tags,
    summary: method === "post" ? "Star a question for later (moderators)" : "Remove the star (moderators)",
    request: { params: QuestionParams },
    responses: { 200: json(EventQuestionEnvelope, "The question."), ...errorResponses },
  });
const simpleActions = {
  approve: "Approve a pending (or dismissed) question: the audience sees it from now on (moderators)",
  answering: "Mark the question being answered now; the one before goes back to the open questions (moderators)",
  restore: "Move an answered question back to the open ones (moderators)",
} as const;
const simple = (action: keyof typeof simpleActions) =>
  createRoute({
    method: "post",
    path: `/api/v1/events/{id}/questions/{qid}/${action}`,
    tags,
    summary: simpleActions[action],
    request: { params: QuestionParams },
    responses: { 200: json(EventQuestionEnvelope, "The question."), ...errorResponses },
  });
const dismiss = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/questions/{qid}/dismiss",
  tags,
  summary: "Dismiss a question, with an optional reason shown to its asker (moderators)",
  middleware: [jsonBody] as const,
  request: { params: QuestionParams, body: body(DismissBody) },
  responses: { 200: json(EventQuestionEnvelope, "The question."), ...errorResponses },
});
const answered = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/questions/{qid}/answered",
  tags,
  summary: "Mark a question answered, with an optional written answer (moderators and hosts)",
  middleware: [jsonBody] as const,
  request: { params: QuestionParams, body: body(AnsweredBody) },
  responses: { 200: json(EventQuestionEnvelope, "The question."), ...errorResponses },
});
const merge = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/questions/{qid}/merge",
  tags,
  summary: "Merge a duplicate into another question of the event: their votes add up, one per person (moderators)",
  middleware: [jsonBody] as const,
  request: { params: QuestionParams, body: body(MergeBody) },
  responses: { 200: json(EventQuestionEnvelope, "The question merged into (the target)."), ...errorResponses },
});
const reveal = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/questions/{qid}/reveal",
  tags,
  summary:
    "Reveal who asked an anonymous question (site admins, admin scope; a reason is required; audited; the asker is told)",
  middleware: [jsonBody] as const,
  request: { params: QuestionParams, body: body(RevealBody) },
  responses: { 200: json(RevealResultSchema, "The asker."), ...errorResponses },
});
const reply = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/questions/{qid}/replies",
  tags,
  summary: "Reply under a question (≤ 500 characters, by name)",
  middleware: [jsonBody] as const,
  request: { params: QuestionParams, body: body(EventReplyBody) },
  responses: { 201: json(z.object({ reply: EventReplySchemaJson }), "The reply."), ...errorResponses },
});

// ---------------------------------------------------------------------------------------------------------
// Bans and export
// ---------------------------------------------------------------------------------------------------------

const bans = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/bans",
  tags,
  summary: "The participants banned from the event (moderators)",
  request: { params: EventParams },
  responses: { 200: json(BanListSchema, "Banned participants, latest first."), ...errorResponses },
});
const ban = createRoute({
  method: "post",
  path: "/api/v1/events/{id}/bans",
  tags,
  summary: "Ban a participant: their questions and replies are hidden and they cannot add more (moderators; audited)",
  middleware: [jsonBody] as const,
  request: { params: EventParams, body: body(BanBody) },
  responses: { 200: json(BanListSchema, "Banned participants."), ...errorResponses },
});
const unban = createRoute({
  method: "delete",
  path: "/api/v1/events/{id}/bans/{handle}",
  tags,
  summary: "Lift a ban (moderators; audited)",
  request: { params: BanParams },
  responses: { 200: json(BanListSchema, "Banned participants."), ...errorResponses },
});
const exportCsv = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/export",
  tags,
  summary:
    "Every question as CSV (moderators); the asker column is empty for anonymous questions unless hosts may see askers",
  request: { params: EventParams },
  responses: {
    200: { description: "text/csv, UTF-8 with a byte-order mark.", content: { "text/csv": { schema: z.string() } } },
    ...errorResponses,
  },
});

const stream = createRoute({
  method: "get",
  path: "/api/v1/events/{id}/stream",
  tags: [...tags, "Streams"],
  summary: "The event's live stream (Server-Sent Events)",
  description:
    "Like `GET /api/v1/stream` (ids, `Last-Event-ID`, heartbeats, the session cookie for browsers) on one event the " +
    "caller may see (404 otherwise). Event types: `question` — `{id, change, hidden, body, status, votes, author: " +
    "{handle, name} | null, anonymous, mine, segment, edited, answer, answered_by, reply_count, created_at}` (a " +
    "pending question reaches only its asker and the moderators; an anonymous one never names its asker; `hidden: " +
    "true` with only `id` and `change` means the audience no longer sees it); `vote` — `{id, votes, as_of}`, at most " +
    "four a second per question, without an `id:` line (`as_of`: the log id of the newest vote counted, to compare " +
    "with the `id` of other frames); `state` — `{state, questions_open}`; `attendees` — `{count}`, " +
    'coalesced, without an `id:` line; `comment` — `{id, change: "created", body, html, author, segment, ' +
    'created_at}`, `{id, change: "deleted"}` or `{change: "hidden", ids}` (a banned participant\'s), and reaction ' +
    'counts `{id, change: "reactions", reactions, as_of}` coalesced without an `id:` line; `segment` — ' +
    "`{index, title, started_at}`; `poll` — a poll's change `{id, change, question, options, multiple, hide_results, " +
    "status, results}` (`results` null while hidden from the caller; drafts reach hosts only), and its results " +
    "`{id, results, as_of}` coalesced without an `id:` line (hidden ones to hosts only).",
  request: {
    params: EventParams,
    query: z.object({ last_event_id: z.string().optional() }),
    headers: z.object({ "last-event-id": z.string().optional() }),
  },
  responses: {
    200: { description: "The stream.", content: { "text/event-stream": { schema: z.string() } } },
    ...errorResponses,
  },
});

const banList = (viewer: Viewer, eventId: number) => ({
  data: listEventBans({ viewer, eventId }).map((b) => ({
    handle: b.handle,
    name: b.name,
    reason: b.reason,
    created_at: new Date(b.createdAt).toISOString(),
  })),
});

export function registerEventRoutes(api: Api) {
  api.openapi(create, async (c) => {
    const viewer = c.get("viewer");
    const id = await writeWithoutStalling(() => createEvent({ viewer, input: c.req.valid("json") }));
    return c.json(eventJson(viewer, id), 201, { Location: `/api/v1/events/${id}` });
  });
  api.openapi(list, (c) => {
    const viewer = c.get("viewer");
    const events = listEvents({ viewer, state: c.req.valid("query").state });
    return c.json({ data: events.map((e) => eventToJson(e, attendeesOf(e.id))) }, 200);
  });
  api.openapi(read, (c) => c.json(eventJson(c.get("viewer"), parseId(c.req.valid("param").id)), 200));
  api.openapi(patch, async (c) => {
    const viewer = c.get("viewer");
    const eventId = parseId(c.req.valid("param").id);
    await writeWithoutStalling(() => updateEvent({ viewer, eventId, input: c.req.valid("json") }));
    return c.json(eventJson(viewer, eventId), 200);
  });
  for (const to of ["start", "end"] as const) {
    api.openapi(stateRoute(to), async (c) => {
      const viewer = c.get("viewer");
      const eventId = parseId(c.req.valid("param").id);
      await writeWithoutStalling(() => setEventState({ viewer, eventId, to: to === "start" ? "live" : "ended" }));
      return c.json(eventJson(viewer, eventId), 200);
    });
  }

  api.openapi(ask, async (c) => {
    const viewer = c.get("viewer");
    const eventId = parseId(c.req.valid("param").id);
    const id = await writeWithoutStalling(() => askEventQuestion({ viewer, eventId, input: c.req.valid("json") }));
    return c.json(questionJson(viewer, eventId, id), 201, { Location: `/api/v1/events/${eventId}/questions/${id}` });
  });
  api.openapi(questions, (c) => {
    const viewer = c.get("viewer");
    const { status, sort = "top", cursor, limit = 20 } = c.req.valid("query");
    const after = decodeKeyCursor(cursor, sort === "recent" ? 2 : 3);
    // One more than the page: whether there is a next one.
    const list = listEventQuestions({
      viewer,
      eventId: parseId(c.req.valid("param").id),
      filter: status,
      sort,
      limit: limit + 1,
      after,
    });
    const page = list.slice(0, limit);
    const next = list.length > limit ? encodeKeyCursor(questionKey(page[page.length - 1], sort)) : null;
    return c.json({ data: page.map(eventQuestionToJson), next_cursor: next }, 200);
  });
  api.openapi(question, (c) => {
    const viewer = c.get("viewer");
    const { id, qid } = c.req.valid("param");
    const [eventId, questionId] = [parseId(id), parseId(qid)];
    const q = eventQuestionToJson(getEventQuestion({ viewer, eventId, questionId }));
    return c.json(
      { question: q, replies: listEventReplies({ viewer, eventId, questionId }).map(eventReplyToJson) },
      200,
    );
  });

  const moderate = async (viewer: Viewer, id: string, qid: string, change: ModerationAction) => {
    const [eventId, questionId] = [parseId(id), parseId(qid)];
    await writeWithoutStalling(() => moderateEventQuestion({ viewer, eventId, questionId, change }));
    return questionJson(viewer, eventId, change.action === "merge" ? change.into : questionId);
  };
  api.openapi(edit, async (c) => {
    const { id, qid } = c.req.valid("param");
    return c.json(await moderate(c.get("viewer"), id, qid, { action: "edit", body: c.req.valid("json").body }), 200);
  });
  for (const method of ["post", "delete"] as const) {
    api.openapi(vote(method), async (c) => {
      const viewer = c.get("viewer");
      const { id, qid } = c.req.valid("param");
      const [eventId, questionId] = [parseId(id), parseId(qid)];
      await writeWithoutStalling(() => setEventVote({ viewer, eventId, questionId, on: method === "post" }));
      return c.json(questionJson(viewer, eventId, questionId), 200);
    });
    api.openapi(star(method), async (c) => {
      const { id, qid } = c.req.valid("param");
      return c.json(await moderate(c.get("viewer"), id, qid, { action: "star", on: method === "post" }), 200);
    });
  }
  for (const action of Object.keys(simpleActions) as (keyof typeof simpleActions)[]) {
    api.openapi(simple(action), async (c) => {
      const { id, qid } = c.req.valid("param");
      return c.json(await moderate(c.get("viewer"), id, qid, { action }), 200);
    });
  }
  api.openapi(dismiss, async (c) => {
    const { id, qid } = c.req.valid("param");
    return c.json(
      await moderate(c.get("viewer"), id, qid, { action: "dismiss", reason: c.req.valid("json").reason }),
      200,
    );
  });
  api.openapi(answered, async (c) => {
    const { id, qid } = c.req.valid("param");
    return c.json(
      await moderate(c.get("viewer"), id, qid, { action: "answered", answer: c.req.valid("json").answer }),
      200,
    );
  });
  api.openapi(merge, async (c) => {
    const { id, qid } = c.req.valid("param");
    return c.json(await moderate(c.get("viewer"), id, qid, { action: "merge", into: c.req.valid("json").into }), 200);
  });
  api.openapi(reveal, async (c) => {
    const viewer = c.get("viewer");
    const { id, qid } = c.req.valid("param");
    const [eventId, questionId] = [parseId(id), parseId(qid)];
    const reason = c.req.valid("json").reason;
    const author = await writeWithoutStalling(() => revealEventQuestionAsker({ viewer, eventId, questionId, reason }));
    return c.json({ author }, 200);
  });
  api.openapi(reply, async (c) => {
    const viewer = c.get("viewer");
    const { id, qid } = c.req.valid("param");
    const [eventId, questionId] = [parseId(id), parseId(qid)];
    const replyId = await writeWithoutStalling(() =>
      replyToEventQuestion({ viewer, eventId, questionId, input: c.req.valid("json") }),
    );
    const created = listEventReplies({ viewer, eventId, questionId }).find((r) => r.id === replyId)!;
    return c.json({ reply: eventReplyToJson(created) }, 201);
  });

  api.openapi(bans, (c) => c.json(banList(c.get("viewer"), parseId(c.req.valid("param").id)), 200));
  api.openapi(ban, async (c) => {
    const viewer = c.get("viewer");
    const eventId = parseId(c.req.valid("param").id);
    const { handle, reason } = c.req.valid("json");
    await writeWithoutStalling(() => setEventBan({ viewer, eventId, handle, reason, on: true }));
    return c.json(banList(viewer, eventId), 200);
  });
  api.openapi(unban, async (c) => {
    const viewer = c.get("viewer");
    const { id, handle } = c.req.valid("param");
    const eventId = parseId(id);
    await writeWithoutStalling(() => setEventBan({ viewer, eventId, handle, on: false }));
    return c.json(banList(viewer, eventId), 200);
  });
  api.openapi(stream, (c) => {
    const user = c.get("user");
    return streamFromApi(c.req.raw, { id: user.id, role: user.role, scopes: user.scopes }) as never;
  });
  api.openapi(exportCsv, (c) => {
    const csv = exportEventQuestionsCsv({ viewer: c.get("viewer"), eventId: parseId(c.req.valid("param").id) });
    // The byte-order mark makes spreadsheet programs read Korean as UTF-8.
    return new Response(`\uFEFF${csv}`, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="event-${c.req.valid("param").id}-questions.csv"`,
        "Cache-Control": "no-store",
      },
    }) as never;
  });
}
