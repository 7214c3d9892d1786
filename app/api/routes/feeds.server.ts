// Feeds: the company's, the caller's home, a hashtag's and a person's posts, newest first, by keyset pages.
import { createRoute, z } from "@hono/zod-openapi";
import { listCompanyFeed, listHashtagFeed, listHomeFeed, listProfileFeed } from "#app/models/feeds/feed.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import { normaliseTag } from "#app/models/posts/markdown.server";
import { requireVisiblePersonId } from "#app/models/people/user.server";
import { notFound } from "#app/utils/errors";
import { errorResponses, type Api } from "../operation.server";
import { FeedSchema, feedToJson, PageQuerySchema } from "../schemas";

const page = { description: "A page of posts.", content: { "application/json": { schema: FeedSchema } } };

const feed = (path: string, summary: string, params?: z.ZodObject) =>
  createRoute({
    method: "get",
    path,
    tags: ["Feeds"],
    summary,
    request: { query: PageQuerySchema, ...(params ? { params } : {}) },
    responses: { 200: page, ...errorResponses },
  });

const HashtagParams = z.object({
  tag: z.string().openapi({ param: { name: "tag", in: "path" }, description: "With or without '#', any case." }),
});
const HandleParams = z.object({ handle: z.string().openapi({ param: { name: "handle", in: "path" } }) });

export function registerFeedRoutes(api: Api) {
  api.openapi(feed("/api/v1/feeds/company", "Every thread in the company"), (c) =>
    c.json(feedToJson(listCompanyFeed({ viewer: c.get("viewer"), ...pageOf(c.req.valid("query")) })), 200),
  );

  api.openapi(feed("/api/v1/feeds/home", "The caller's home feed"), (c) =>
    c.json(feedToJson(listHomeFeed({ viewer: c.get("viewer"), ...pageOf(c.req.valid("query")) })), 200),
  );

  api.openapi(feed("/api/v1/hashtags/{tag}/posts", "Posts with a hashtag", HashtagParams), (c) => {
    const viewer = c.get("viewer");
    const name = normaliseTag(c.req.param("tag") ?? "");
    if (!name) throw notFound();
    const query = pageOf(c.req.valid("query"));
    const tag = getHashtag(name, viewer);
    // A well-formed tag nobody has used yet is an empty list, as on the web page.
    if (!tag) return c.json({ data: [], next_cursor: null }, 200);
    return c.json(feedToJson(listHashtagFeed({ viewer, hashtagId: tag.id, ...query })), 200);
  });

  api.openapi(feed("/api/v1/users/{handle}/posts", "A person's posts and replies", HandleParams), (c) => {
    const viewer = c.get("viewer");
    const authorId = requireVisiblePersonId(viewer, c.req.param("handle") ?? "");
    return c.json(feedToJson(listProfileFeed({ viewer, authorId, ...pageOf(c.req.valid("query")) })), 200);
  });
}

/** The validated page query as the feed models take it. */
export function pageOf(query: z.infer<typeof PageQuerySchema>) {
  return { cursor: query.cursor ?? null, limit: query.limit };
}
