// Knowledge stats (issue #9 item 7): `GET /api/v1/questions/stats?group=&department=&days=30|90|365`. The company's
// and a department's stats are the site admins' and need a token with the `admin` scope (403 insufficient_scope
// for a site admin's token without it); a group's are its admins' (any token that may read) and site admins'.
// Anyone else gets 404, as for a missing group. Registered before any `/api/v1/questions/{…}` route, like
// "similar", so that "stats" is never read as an id.
import { createRoute } from "@hono/zod-openapi";
import { hasScope } from "#app/access/token-scopes";
import { getKnowledgeStats } from "#app/models/questions/knowledge-stats.server";
import { ApiError } from "../http.server";
import { errorResponses, type Api } from "../operation.server";
import { KnowledgeStatsQuerySchema, KnowledgeStatsSchema, knowledgeStatsToJson } from "../schemas";

const stats = createRoute({
  method: "get",
  path: "/api/v1/questions/stats",
  tags: ["Questions"],
  summary:
    "Knowledge stats: answer rate, median times to first and best answer, top answerers, questions unanswered after 7 days (admins)",
  request: { query: KnowledgeStatsQuerySchema },
  responses: {
    200: {
      description: "The stats of the company, a group or a department over the period.",
      content: { "application/json": { schema: KnowledgeStatsSchema } },
    },
    ...errorResponses,
  },
});

export function registerQuestionStatsRoutes(api: Api) {
  api.openapi(stats, (c) => {
    const query = c.req.valid("query");
    const user = c.get("user");
    // Company-wide figures are an admin power: a site admin's token needs the admin scope for them, as for any
    // other admin operation (the Viewer of a token without it is a member's, who would get 404).
    const companyWide = !query.group || !!query.department;
    if (companyWide && user.role === "admin" && !hasScope(user.scopes, "admin")) {
      throw new ApiError(403, "insufficient_scope", "error.insufficientScope", {
        vars: { scope: "admin" },
        headers: { "WWW-Authenticate": `Bearer realm="sori", error="insufficient_scope", scope="admin"` },
      });
    }
    const result = getKnowledgeStats({
      viewer: c.get("viewer"),
      days: query.days as 30 | 90 | 365 | undefined,
      group: query.group ?? null,
      department: query.department ?? null,
    });
    return c.json(knowledgeStatsToJson(result), 200);
  });
}
