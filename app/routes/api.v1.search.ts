// GET /api/v1/search?q=&type=posts|people|hashtags|groups&author=&hashtag=&kind=&from=&to=&group=&sort=relevance|newest&cursor=
import { parseSearchParams, searchContent } from "#app/models/search/search.server";
import { apiJson, apiRoute, parsePageParams, postToJson } from "#app/web/api.server";

const handle = apiRoute({
  GET: async ({ url, viewer }) => {
    const input = parseSearchParams(url.searchParams, { timeZone: "UTC", viewer });
    const { limit } = parsePageParams(url);
    const page = await searchContent({ viewer, ...input, limit });
    const meta = { type: page.type, total: page.total, total_exact: page.totalExact, next_cursor: page.nextCursor };
    switch (page.type) {
      case "posts":
        return apiJson({ ...meta, data: page.results.map((r) => ({ ...postToJson(r.post), snippet: r.snippet })) });
      case "people":
        return apiJson({
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
        });
      case "hashtags":
        return apiJson({
          ...meta,
          data: page.results.map((h) => ({ name: h.name, post_count: h.postCount, snippet: h.snippet })),
        });
      case "groups":
        return apiJson({
          ...meta,
          data: page.results.map((g) => ({
            slug: g.slug,
            name: g.name,
            description: g.description,
            visibility: g.visibility,
            member_count: g.memberCount,
            snippet: g.snippet,
          })),
        });
    }
  },
});

export const loader = handle;
export const action = handle;
