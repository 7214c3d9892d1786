// Plumbing shared by the JSON API v1 resource routes (app/routes/api.v1.*.ts): bearer-token auth, per-token
// rate limit, JSON body reading, the `{ error: { code, message, fields? } }` shape and the post/user objects.
// The API never reads the session cookie, so a cross-site page cannot act through a signed-in browser.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import type { Viewer } from "#app/access/rules";
import { buildViewer } from "#app/access/viewer.server";
import { authenticateApiToken } from "#app/models/people/api-token.server";
import type { FeedPage, PostView } from "#app/models/feeds/feed.server";
import type { GroupView } from "#app/models/groups/group.server";
import { REACTION_KINDS } from "#db/schema";
import { getEnv } from "#app/infra/env.server";
import { AppError, type FieldErrors } from "#app/utils/errors";
import { localeFromAcceptLanguage, translate, type Locale, type MessageKey } from "#app/utils/i18n";
import { hashSecret } from "#app/infra/tokens.server";
import { toFieldErrors } from "#app/utils/validation";
import { parseId as parseIdValue } from "#app/utils/ids";
import { MAX_API_BODY_BYTES, isBodyTooLarge, readCappedBody } from "./body-limits";

export { MAX_API_BODY_BYTES };
const RATE_LIMIT_POINTS = 300;
const RATE_LIMIT_SECONDS = 60;

/** An API-only failure whose status AppError does not cover (405, 415) or that needs extra headers. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly options: { vars?: Record<string, string | number>; fields?: FieldErrors; headers?: HeadersInit } = {},
  ) {
    super(code);
  }
}

export type ApiUser = NonNullable<ReturnType<typeof authenticateApiToken>>;

export type ApiContext = {
  request: Request;
  params: LoaderFunctionArgs["params"];
  url: URL;
  user: ApiUser;
  /** The token owner's Viewer (app/access): every read and write of the API goes through it. */
  viewer: Viewer;
};

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type ApiHandlers = Partial<Record<Method, (ctx: ApiContext) => Response | Promise<Response>>>;

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

const NO_STORE = { "Cache-Control": "no-store" };

export function apiJson(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(NO_STORE)) if (!headers.has(k)) headers.set(k, v);
  return Response.json(data, { ...init, headers });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: NO_STORE });
}

function translateFields(locale: Locale, fields: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = typeof value === "string" ? translate(locale, value) : translate(locale, value.key, value.vars);
  }
  return out;
}

/** The one error shape of the API: `{ error: { code, message, fields? } }` (messages already translated). */
export function apiErrorResponse({
  status,
  code,
  message,
  fields,
  headers,
}: {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string>;
  headers?: HeadersInit;
}): Response {
  const hasFields = !!fields && Object.keys(fields).length > 0;
  return apiJson({ error: { code, message, ...(hasFields ? { fields } : {}) } }, { status, headers });
}

/** Field messages in the locale; a failure of the whole body (zod path []) becomes the message instead. */
function splitFields(locale: Locale, fields: FieldErrors | undefined) {
  const { form, ...byField } = fields ? translateFields(locale, fields) : ({} as Record<string, string>);
  return { formMessage: form as string | undefined, fields: byField };
}

/** Maps expected failures (AppError, ApiError, ZodError) to the error shape; anything else is a logged 500. */
export function toApiErrorResponse(error: unknown, locale: Locale): Response {
  if (error instanceof Response) return error;
  if (error instanceof AppError || error instanceof ApiError) {
    const {
      vars,
      fields,
      headers: given,
    } = error instanceof AppError ? { vars: error.vars, fields: error.fields, headers: undefined } : error.options;
    const headers = new Headers(given);
    if (error.status === 401 && !headers.has("WWW-Authenticate"))
      headers.set("WWW-Authenticate", 'Bearer realm="sori"');
    const split = splitFields(locale, fields);
    return apiErrorResponse({
      status: error.status,
      code: error.code,
      message: split.formMessage ?? translate(locale, error.messageKey, vars),
      fields: split.fields,
      headers,
    });
  }
  if (error instanceof z.ZodError) {
    const split = splitFields(locale, toFieldErrors(error));
    return apiErrorResponse({
      status: 400,
      code: "validation_failed",
      // The first field's message is the most useful single sentence to show.
      message: split.formMessage ?? Object.values(split.fields)[0] ?? translate(locale, "error.badRequest"),
      fields: split.fields,
    });
  }
  console.error(error);
  return apiErrorResponse({ status: 500, code: "internal_error", message: translate(locale, "error.generic") });
}

// ---------------------------------------------------------------------------
// Auth and rate limit
// ---------------------------------------------------------------------------

function readBearer(request: Request): string | null {
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m ? m[1] : "";
}

/** The active user behind the request's bearer token; 401 (with WWW-Authenticate) otherwise. */
export function requireApiUser(request: Request): ApiUser {
  const token = readBearer(request);
  if (token === null) {
    throw new ApiError(401, "unauthorized", "error.unauthorized", {
      headers: { "WWW-Authenticate": 'Bearer realm="sori"' },
    });
  }
  const user = token ? authenticateApiToken(token) : null;
  if (!user) {
    // Unknown, revoked and deactivated-owner tokens look the same to the client (RFC 6750 §3.1).
    throw new ApiError(401, "invalid_token", "error.invalidToken", {
      headers: { "WWW-Authenticate": 'Bearer realm="sori", error="invalid_token"' },
    });
  }
  return user;
}

const limiter = new RateLimiterMemory({
  keyPrefix: "api-token",
  points: RATE_LIMIT_POINTS,
  duration: RATE_LIMIT_SECONDS,
});

/** 300 requests a minute per token, in memory (one process). Keyed by the token's hash, never the secret. */
async function consumeRateLimit(request: Request) {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return;
  const token = readBearer(request);
  if (!token) return;
  try {
    await limiter.consume(hashSecret(token));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new ApiError(429, "rate_limited", "error.rateLimited", {
      vars: { seconds },
      headers: { "Retry-After": String(seconds) },
    });
  }
}

// ---------------------------------------------------------------------------
// The route wrapper
// ---------------------------------------------------------------------------

/**
 * One function to export as both `loader` and `action` of an API route: authenticates, rate-limits, dispatches
 * on the method (HEAD → GET; anything unlisted → 405 with Allow) and turns expected failures into the error shape,
 * so no 500 escapes for them.
 */
export function apiRoute(handlers: ApiHandlers) {
  const allow = [...Object.keys(handlers), ...(handlers.GET ? ["HEAD"] : [])].join(", ");
  return async ({ request, params }: Pick<LoaderFunctionArgs, "request" | "params">): Promise<Response> => {
    let locale = localeFromAcceptLanguage(request.headers.get("Accept-Language"));
    try {
      const user = requireApiUser(request);
      if (user.locale) locale = user.locale;
      await consumeRateLimit(request);
      const method = (request.method === "HEAD" ? "GET" : request.method.toUpperCase()) as Method;
      const handler = handlers[method];
      if (!handler) {
        throw new ApiError(405, "method_not_allowed", "error.methodNotAllowed", {
          headers: { Allow: allow },
        });
      }
      const viewer = buildViewer({ id: user.id, role: user.role });
      return await handler({ request, params, url: new URL(request.url), user, viewer });
    } catch (error) {
      return toApiErrorResponse(error, locale);
    }
  };
}

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function tooLarge(): ApiError {
  return new ApiError(413, "too_large", "error.tooLarge", { vars: { max: MAX_API_BODY_BYTES } });
}

/** At most maxBytes of the body (see readCappedBody); past it the API's 413 `too_large`. */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  try {
    return await readCappedBody(request, maxBytes);
  } catch (error) {
    if (isBodyTooLarge(error)) throw tooLarge();
    throw new ApiError(400, "invalid_json", "error.invalidJson");
  }
}

/** The JSON body, checked against the schema: 415 for another content type, 413 over 64 KB, 400 otherwise. */
export async function readJson<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.output<S>> {
  if (!isJsonMediaType(request.headers.get("Content-Type"))) {
    throw new ApiError(415, "unsupported_media_type", "error.unsupportedMediaType");
  }
  const bytes = await readCapped(request, MAX_API_BODY_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError(400, "invalid_json", "error.invalidJson");
  }
  return schema.parse(value);
}

/** A numeric route id; anything else is simply not found. */
/** A path id; anything else is a 404 (no such resource), like an id that does not exist. */
export function parseId(value: string | undefined): number {
  const id = parseIdValue(value);
  if (id == null) throw new AppError(404, "not_found", "error.notFound");
  return id;
}

const PageParamsSchema = z.object({
  limit: z.coerce
    .number({ invalid_type_error: "error.invalid" })
    .int("error.invalid")
    .min(1, "error.invalid")
    .max(100, "error.invalid")
    .optional(),
});

/** `?cursor=` and `?limit=` (1..100) of a list endpoint; the feed models validate the cursor itself. */
export function parsePageParams(url: URL): { cursor: string | null; limit: number | undefined } {
  const limit = url.searchParams.get("limit");
  const parsed = PageParamsSchema.parse({ limit: limit === null || limit === "" ? undefined : limit });
  return { cursor: url.searchParams.get("cursor"), limit: parsed.limit };
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

export function postToJson(post: PostView) {
  return {
    id: post.id,
    author: {
      handle: post.author.handle,
      name: post.author.name,
      department: post.author.department,
      title: post.author.title,
      guest: post.author.guest,
      ...(post.author.guest ? { organization: post.author.organization } : {}),
    },
    kind: post.kind,
    group: post.group ? { slug: post.group.slug, name: post.group.name, visibility: post.group.visibility } : null,
    body: post.body,
    html: post.html,
    hashtags: post.hashtags,
    mentions: post.mentions,
    reply_to_id: post.replyToId,
    thread_id: post.threadId,
    reply_count: post.replyCount,
    // Every kind is present so clients need not treat a missing key as zero.
    reactions: Object.fromEntries(REACTION_KINDS.map((kind) => [kind, post.reactions[kind] ?? 0])),
    my_reactions: post.myReactions,
    created_at: iso(post.createdAt)!,
    edited_at: iso(post.editedAt),
  };
}

export function feedToJson(page: FeedPage) {
  return { data: page.posts.map(postToJson), next_cursor: page.nextCursor };
}

type ProfileLike = {
  handle: string;
  name: string;
  department: string;
  title: string;
  bio: string;
  followers: number;
  following: number;
  postCount: number;
};

/** The public user object; an email address is never part of it (see /me). */
export function userToJson(user: ProfileLike) {
  return {
    handle: user.handle,
    name: user.name,
    department: user.department,
    title: user.title,
    bio: user.bio,
    followers: user.followers,
    following: user.following,
    posts: user.postCount,
  };
}

/** The group object (issue #6): what the caller may do with it is in `can`, decided by app/access. */
export function groupToJson(group: GroupView) {
  return {
    slug: group.slug,
    name: group.name,
    description: group.description,
    visibility: group.visibility,
    archived: group.archived,
    member_count: group.memberCount,
    my_role: group.myRole,
    join_requested: group.requested,
    can: group.can,
  };
}
