// Posts: publish (an update, question or announcement, company-wide or in a group, or a reply), read, edit,
// delete, react; questions' votes and best answers, and a post's replies (issue #9).
import { createRoute, z } from "@hono/zod-openapi";
import { deletePost, editPost, preparePost, setReaction } from "#app/models/posts/post.server";
import { listReplies, requirePostView } from "#app/models/posts/read-model.server";
import { parseAskHandles } from "#app/models/questions/answer-requests.server";
import {
  acceptAnswer,
  questionOfAnswer,
  requestAnswers,
  setVote,
  unacceptAnswer,
} from "#app/models/questions/question.server";
import { isReactionKind } from "#app/utils/reactions";
import { AppError } from "#app/utils/errors";
import { REACTION_KINDS } from "#db/enums";
import { errorResponses, jsonBody, type Api } from "../operation.server";
import { parseId } from "../http.server";
import { writeWithoutStalling } from "#app/infra/db.server";
import {
  AskSchema,
  EditPostSchema,
  FeedSchema,
  feedToJson,
  NewPostSchema,
  PageQuerySchema,
  postToJson,
  PostSchema,
} from "../schemas";

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const PostIdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "42" }) });
const ReactionParams = PostIdParams.extend({
  kind: z.string().openapi({ param: { name: "kind", in: "path" }, enum: [...REACTION_KINDS] }),
});

const publish = createRoute({
  method: "post",
  path: "/api/v1/posts",
  tags: ["Posts"],
  summary: "Publish a post or a reply",
  middleware: [jsonBody] as const,
  request: { body: { required: true, content: { "application/json": { schema: NewPostSchema } } } },
  responses: { 201: json(PostSchema, "The post as published."), ...errorResponses },
});

const read = createRoute({
  method: "get",
  path: "/api/v1/posts/{id}",
  tags: ["Posts"],
  summary: "Read a post",
  request: { params: PostIdParams },
  responses: { 200: json(PostSchema, "The post."), ...errorResponses },
});

const edit = createRoute({
  method: "patch",
  path: "/api/v1/posts/{id}",
  tags: ["Posts"],
  summary: "Edit one's own post",
  middleware: [jsonBody] as const,
  request: {
    params: PostIdParams,
    body: { required: true, content: { "application/json": { schema: EditPostSchema } } },
  },
  responses: { 200: json(PostSchema, "The post as edited."), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/api/v1/posts/{id}",
  tags: ["Posts"],
  summary: "Delete a post (its author, or an admin with the admin scope)",
  request: { params: PostIdParams },
  responses: { 204: { description: "Deleted." }, ...errorResponses },
});

const react = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/api/v1/posts/{id}/reactions/{kind}",
    tags: ["Posts"],
    summary: method === "post" ? "Add one's reaction (idempotent)" : "Remove one's reaction (idempotent)",
    request: { params: ReactionParams },
    responses: { 200: json(PostSchema, "The post with its reactions."), ...errorResponses },
  });

const vote = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/api/v1/posts/{id}/vote",
    tags: ["Questions"],
    summary:
      method === "post"
        ? "Vote for a question or an answer (idempotent; never one's own)"
        : "Withdraw one's vote (idempotent)",
    request: { params: PostIdParams },
    responses: { 200: json(PostSchema, "The post with `votes` and `voted_by_me`."), ...errorResponses },
  });

const accept = (method: "post" | "delete") =>
  createRoute({
    method,
    path: "/api/v1/posts/{id}/accept",
    tags: ["Questions"],
    summary:
      method === "post"
        ? "Mark this answer as its question's best answer (the asker, a group admin or an admin)"
        : "Clear this answer as the best answer (idempotent)",
    request: { params: PostIdParams },
    responses: { 200: json(PostSchema, "The question, with `accepted_answer_id`."), ...errorResponses },
  });

const ask = createRoute({
  method: "post",
  path: "/api/v1/posts/{id}/ask",
  tags: ["Questions"],
  summary: "Ask colleagues to answer one's question (the asker; up to 5 people, each able to see it)",
  middleware: [jsonBody] as const,
  request: { params: PostIdParams, body: { required: true, content: { "application/json": { schema: AskSchema } } } },
  responses: { 200: json(PostSchema, "The question, with `asked`."), ...errorResponses },
});

const replies = createRoute({
  method: "get",
  path: "/api/v1/posts/{id}/replies",
  tags: ["Posts", "Questions"],
  summary: "A post's replies: a question's answers best first, then by votes, then oldest; others oldest first",
  request: { params: PostIdParams, query: PageQuerySchema },
  responses: { 200: json(FeedSchema, "A page of replies."), ...errorResponses },
});

export function registerPostRoutes(api: Api) {
  api.openapi(publish, async (c) => {
    const input = c.req.valid("json");
    const viewer = c.get("viewer");
    // Checked and rendered first; only the transaction waits for the write lock.
    const post = preparePost({
      viewer,
      body: input.body,
      replyToId: input.reply_to_id ?? null,
      group: input.group ?? null,
      kind: input.kind,
      title: input.title ?? null,
      ask: input.ask ? parseAskHandles(input.ask) : [],
      announcement: { requiresAck: input.requires_ack, urgent: input.urgent, urgentReason: input.urgent_reason },
    });
    const { id } = await writeWithoutStalling(post.commit);
    return c.json(postToJson(requirePostView(id, viewer)), 201, { Location: `/api/v1/posts/${id}` });
  });

  api.openapi(read, (c) => c.json(postToJson(requirePostView(parseId(c.req.valid("param").id), c.get("viewer"))), 200));

  api.openapi(edit, async (c) => {
    const postId = parseId(c.req.valid("param").id);
    const viewer = c.get("viewer");
    const { body, title } = c.req.valid("json");
    await writeWithoutStalling(() => editPost({ viewer, postId, body, title }));
    return c.json(postToJson(requirePostView(postId, viewer)), 200);
  });

  api.openapi(remove, async (c) => {
    const postId = parseId(c.req.valid("param").id);
    await writeWithoutStalling(() => deletePost({ viewer: c.get("viewer"), postId }));
    return c.body(null, 204);
  });

  for (const method of ["post", "delete"] as const) {
    api.openapi(react(method), async (c) => {
      const { id, kind } = c.req.valid("param");
      const postId = parseId(id);
      const viewer = c.get("viewer");
      if (!isReactionKind(kind)) {
        throw new AppError(400, "invalid_reaction", "error.invalid", { kind: "error.invalid" });
      }
      await writeWithoutStalling(() => setReaction({ viewer, postId, kind, on: method === "post" }));
      return c.json(postToJson(requirePostView(postId, viewer)), 200);
    });
  }

  for (const method of ["post", "delete"] as const) {
    api.openapi(vote(method), async (c) => {
      const postId = parseId(c.req.valid("param").id);
      const viewer = c.get("viewer");
      await writeWithoutStalling(() => setVote({ viewer, postId, on: method === "post" }));
      return c.json(postToJson(requirePostView(postId, viewer)), 200);
    });

    api.openapi(accept(method), async (c) => {
      const answerId = parseId(c.req.valid("param").id);
      const viewer = c.get("viewer");
      const questionId = questionOfAnswer({ viewer, answerId });
      const change = method === "post" ? acceptAnswer : unacceptAnswer;
      await writeWithoutStalling(() => change({ viewer, questionId, answerId }));
      return c.json(postToJson(requirePostView(questionId, viewer)), 200);
    });
  }

  api.openapi(ask, async (c) => {
    const questionId = parseId(c.req.valid("param").id);
    const viewer = c.get("viewer");
    const handles = parseAskHandles(c.req.valid("json").handles);
    await writeWithoutStalling(() => requestAnswers({ viewer, questionId, handles }));
    return c.json(postToJson(requirePostView(questionId, viewer)), 200);
  });

  api.openapi(replies, (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = listReplies({ viewer: c.get("viewer"), postId: parseId(c.req.valid("param").id), cursor, limit });
    return c.json(feedToJson(page), 200);
  });
}
