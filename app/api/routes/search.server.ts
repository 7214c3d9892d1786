// Search: posts, questions, people, hashtags or groups the caller may see, by relevance or newest first.
import { createRoute, z } from "@hono/zod-openapi";
import { parseSearchParams, searchContent } from "#app/models/search/search.server";
import { POST_KINDS } from "#db/enums";
import { MAX_QUERY_LENGTH, SEARCH_TYPES } from "#search/types";
import { errorResponses, type Api } from "../operation.server";
import { PageQuerySchema, postToJson, SearchResultSchema } from "../schemas";

// The filters are checked together by the search model (parseSearchParams), which answers 400
// `bad_search_params` naming every bad field at once; the schema documents them.
const text = (description: string, extra: Record<string, unknown> = {}) =>
  z
    .string()
    .optional()
    .openapi({ description, ...extra });
const SearchQuerySchema = PageQuerySchema.extend({
  q: text(`What to look for (Korean or English; at most ${MAX_QUERY_LENGTH} characters).`),
  type: text("What to find; `posts` when omitted.", { enum: [...SEARCH_TYPES] }),
  sort: text("`relevance` (default) or `newest`.", { enum: ["relevance", "newest"] }),
  author: text("Posts by this handle."),
  hashtag: text("Posts with this hashtag."),
  kind: text("Posts of this kind.", { enum: [...POST_KINDS] }),
  from: text("Posts from this day (YYYY-MM-DD, UTC).", { format: "date" }),
  to: text("Posts until this day (YYYY-MM-DD, UTC).", { format: "date" }),
  group: text("Posts in this group (slug)."),
  answered: text("Questions with (`1`) or without (`0`) a best answer; implies questions.", { enum: ["1", "0"] }),
});

const search = createRoute({
  method: "get",
  path: "/api/v1/search",
  tags: ["Search"],
  summary: "Search what the caller may see",
  request: { query: SearchQuerySchema },
  responses: {
    200: { description: "A page of results.", content: { "application/json": { schema: SearchResultSchema } } },
    ...errorResponses,
  },
});

export function registerSearchRoutes(api: Api) {
  api.openapi(search, async (c) => {
    const viewer = c.get("viewer");
    const url = new URL(c.req.url);
    const input = parseSearchParams(url.searchParams, { timeZone: "UTC", viewer });
    const { limit } = c.req.valid("query");
    const page = await searchContent({ viewer, ...input, limit });
    const meta = {
      total: page.total,
      total_exact: page.totalExact,
      next_cursor: page.nextCursor,
      did_you_mean: page.didYouMean,
    };
    switch (page.type) {
      case "posts":
      case "questions":
        return c.json(
          { type: page.type, ...meta, data: page.results.map((r) => ({ ...postToJson(r.post), snippet: r.snippet })) },
          200,
        );
      case "people":
        return c.json(
          {
            type: page.type,
            ...meta,
            data: page.results.map((p) => ({
              handle: p.handle,
              name: p.name,
              department: p.department,
              title: p.title,
              guest: p.guest,
              ...(p.guest ? { organization: p.organization } : {}),
              snippet: p.snippet,
            })),
          },
          200,
        );
      case "hashtags":
        return c.json(
          {
            type: page.type,
            ...meta,
            data: page.results.map((h) => ({ name: h.name, post_count: h.postCount, snippet: h.snippet })),
          },
          200,
        );
      case "groups":
        return c.json(
          {
            type: page.type,
            ...meta,
            data: page.results.map((g) => ({
              slug: g.slug,
              name: g.name,
              description: g.description,
              visibility: g.visibility,
              member_count: g.memberCount,
              snippet: g.snippet,
            })),
          },
          200,
        );
    }
  });
}
