// Question lists (issue #9): GET /api/v1/questions, the questions the caller may see by status and sort, a
// keyset page at a time. Only the exact path is registered here, with no `/api/v1/questions/{id}`, so that a
// later `/api/v1/questions/similar` (search's) is its own static route and never collides with this one.
import { createRoute } from "@hono/zod-openapi";
import { requireGroup } from "#app/models/groups/group.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import { normaliseTag } from "#app/models/posts/markdown.server";
import { listQuestions } from "#app/models/questions/question-lists.server";
import { notFound } from "#app/utils/errors";
import { errorResponses, type Api } from "../operation.server";
import { FeedSchema, feedToJson, QuestionListQuerySchema } from "../schemas";

const list = createRoute({
  method: "get",
  path: "/api/v1/questions",
  tags: ["Questions"],
  summary: "Questions by status (unanswered, unresolved, answered, all), newest, most voted or most recently active",
  request: { query: QuestionListQuerySchema },
  responses: {
    200: { description: "A page of questions.", content: { "application/json": { schema: FeedSchema } } },
    ...errorResponses,
  },
});

export function registerQuestionRoutes(api: Api) {
  api.openapi(list, (c) => {
    const viewer = c.get("viewer");
    const query = c.req.valid("query");
    // A group the caller may not find or read is 404, as a missing one.
    const groupId = query.group ? requireGroup(viewer, query.group).id : null;
    let hashtagId: number | null = null;
    if (query.hashtag != null) {
      const name = normaliseTag(query.hashtag);
      if (!name) throw notFound();
      const tag = getHashtag(name, viewer);
      // A well-formed tag nobody has used (or that the caller may not see) is an empty list, as its feed.
      if (!tag) return c.json({ data: [], next_cursor: null }, 200);
      hashtagId = tag.id;
    }
    const page = listQuestions({
      viewer,
      status: query.status,
      sort: query.sort,
      groupId,
      hashtagId,
      askedBy: query.mine === "asked" ? viewer.id : null,
      answerableBy: query.mine === "answerable" ? viewer.id : null,
      requestedOf: query.mine === "requested" ? viewer.id : null,
      cursor: query.cursor ?? null,
      limit: query.limit,
    });
    return c.json(feedToJson(page), 200);
  });
}
