// The JSON API v1 on its own router (docs/decisions/0004-api-router.md): Hono with @hono/zod-openapi, served by
// server.ts beside the Remix handler, off Remix's router. Every operation is declared once with zod (request and
// response), which gives the validation, the handlers' types and GET /api/v1/openapi.json; /api/docs renders it.
//
//   request ─ auth (bearer token → user, 401) ─ rate limit (429) ─ scope (403) ─ route ─┬─ request schemas (400)
//                                                                                       └─ handler → model(viewer)
// Every failure takes the one error shape (app/api/http.server.ts); an unknown path is 404 and a known path
// with another method 405 with Allow, both after authentication, as before.
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { hasScope } from "#app/access/token-scopes";
import { buildViewer } from "#app/access/viewer.server";
import { localeFromAcceptLanguage } from "#app/utils/i18n";
import { notFound } from "#app/utils/errors";
import { ApiError, consumeRateLimit, NO_STORE, requireApiUser, toApiErrorResponse } from "./http.server";
import type { Api, ApiEnv } from "./operation.server";
import { docsAsset, docsPage } from "./docs.server";
import { registerAnnouncementRoutes } from "./routes/announcements.server";
import { registerEventLiveRoutes } from "./routes/event-live.server";
import { registerEventRoutes } from "./routes/events.server";
import { registerFeedRoutes } from "./routes/feeds.server";
import { registerGroupRoutes } from "./routes/groups.server";
import { registerNotificationRoutes } from "./routes/notifications.server";
import { registerPeopleRoutes } from "./routes/people.server";
import { registerMeSettingsRoutes } from "./routes/me-settings.server";
import { registerPostRoutes } from "./routes/posts.server";
import { registerSimilarQuestionRoutes } from "./routes/questions-similar.server";
import { registerQuestionStatsRoutes } from "./routes/questions-stats.server";
import { registerQuestionRoutes } from "./routes/questions.server";
import { registerSearchRoutes } from "./routes/search.server";
import { registerStreamRoutes } from "./routes/stream.server";

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function pathMatcher(path: string): RegExp {
  const source = path
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`);
}

export function createApi(): Api {
  const api: Api = new OpenAPIHono<ApiEnv>({
    // A request that fails its schema: the API's 400 `validation_failed` with a message per field.
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });

  api.onError((error, c) => {
    const locale = c.get("locale") ?? localeFromAcceptLanguage(c.req.header("Accept-Language") ?? null);
    if (error instanceof HTTPException && error.status === 415) {
      return toApiErrorResponse(new ApiError(415, "unsupported_media_type", "error.unsupportedMediaType"), locale);
    }
    if (error instanceof HTTPException && error.status === 400) {
      return toApiErrorResponse(new ApiError(400, "invalid_json", "error.invalidJson"), locale);
    }
    return toApiErrorResponse(error, locale);
  });

  // The reference: the document (no token needed; it describes, it holds no data) and its reader.
  api.doc31("/api/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Sori API",
      version: "1.0.0",
      description:
        "Sori's JSON API for scripts, bots and integrations. Every request acts as the owner of a personal access " +
        "token and sees exactly what that person may see. The narrative guide is docs/api.md.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A personal access token (Settings → API tokens, or `npm run sori -- tokens:create`).",
  });
  api.get("/api/docs", (c) => docsPage(c));
  api.get("/api/docs/:file", (c) => docsAsset(c, c.req.param("file")));

  api.use("/api/v1/*", async (c, next) => {
    c.set("locale", localeFromAcceptLanguage(c.req.header("Accept-Language") ?? null));
    const user = requireApiUser(c.req.raw);
    if (user.locale) c.set("locale", user.locale);
    await consumeRateLimit(c.req.raw);
    // Reading needs `read`; changing anything needs `write`; admin powers need `admin` (below).
    const needed = MUTATIONS.has(c.req.method) ? "write" : "read";
    if (!hasScope(user.scopes, needed)) {
      throw new ApiError(403, "insufficient_scope", "error.insufficientScope", {
        vars: { scope: needed },
        headers: { "WWW-Authenticate": `Bearer realm="sori", error="insufficient_scope", scope="${needed}"` },
      });
    }
    c.set("user", user);
    // An admin's token acts as an admin only with the `admin` scope; otherwise with a member's powers.
    const role = user.role === "admin" && !hasScope(user.scopes, "admin") ? "member" : user.role;
    c.set("viewer", buildViewer({ id: user.id, role }));
    c.header("Cache-Control", NO_STORE);
    await next();
  });

  // Before any /api/v1/questions/{…} route: "similar" and "stats" are not question ids.
  registerSimilarQuestionRoutes(api);
  registerQuestionStatsRoutes(api);
  registerPostRoutes(api);
  registerAnnouncementRoutes(api);
  registerFeedRoutes(api);
  registerPeopleRoutes(api);
  registerMeSettingsRoutes(api);
  registerGroupRoutes(api);
  registerSearchRoutes(api);
  registerQuestionRoutes(api);
  registerStreamRoutes(api);
  registerEventRoutes(api);
  registerEventLiveRoutes(api);
  registerNotificationRoutes(api);

  // An unknown path is 404; a known one with another method 405 with Allow (after authentication, above).
  let matchers: { re: RegExp; method: string }[] | null = null;
  api.notFound((c) => {
    const locale = c.get("locale") ?? localeFromAcceptLanguage(c.req.header("Accept-Language") ?? null);
    matchers ??= api.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
      .map((r) => ({ re: pathMatcher(r.path), method: r.method }));
    const allowed = [...new Set(matchers.filter((m) => m.re.test(c.req.path)).map((m) => m.method))];
    if (allowed.length > 0) {
      if (allowed.includes("GET")) allowed.push("HEAD");
      return toApiErrorResponse(
        new ApiError(405, "method_not_allowed", "error.methodNotAllowed", { headers: { Allow: allowed.join(", ") } }),
        locale,
      );
    }
    return toApiErrorResponse(notFound(), locale);
  });
  return api;
}
