// The API's HTTP plumbing (app/api/app.server.ts uses it): bearer-token auth, scopes, the per-token rate limit,
// reading a JSON body within its cap, and the one error shape `{ error: { code, message, fields? } }`.
// The API never reads the session cookie, so a cross-site page cannot act through a signed-in browser.
import { RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { checkApiToken, type authenticateApiToken } from "#app/models/people/api-token.server";
import { getEnv } from "#app/infra/env.server";
import { hashSecret } from "#app/infra/tokens.server";
import { sharedLimiter } from "#app/infra/rate-limit.server";
import { AppError, type FieldErrors } from "#app/utils/errors";
import { translate, type Locale, type MessageKey } from "#app/utils/i18n";
import { toFieldErrors } from "#app/utils/validation";
import { parseId as parseIdValue } from "#app/utils/ids";
import { MAX_API_BODY_BYTES, isBodyTooLarge, readCappedBody, readCappedStream } from "#app/web/body-limits";

export { MAX_API_BODY_BYTES };
export const RATE_LIMIT_POINTS = 300;
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

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export const NO_STORE = "no-store";

/** JSON that no cache keeps (the health check's answers). */
export function apiJson(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", NO_STORE);
  return Response.json(data, { ...init, headers });
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
  const all = new Headers(headers);
  all.set("Cache-Control", NO_STORE);
  return Response.json({ error: { code, message, ...(hasFields ? { fields } : {}) } }, { status, headers: all });
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

export function readBearer(request: Request): string | null {
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
  const checked = token ? checkApiToken(token) : null;
  if (checked?.expiredAt) {
    // Still invalid_token for RFC 6750 clients, with its own code and message so a person reading a script's
    // log knows to make a new token rather than hunt for a typo.
    throw new ApiError(401, "token_expired", "error.tokenExpired", {
      vars: { date: checked.expiredAt.toISOString() },
      headers: {
        "WWW-Authenticate": 'Bearer realm="sori", error="invalid_token", error_description="The token has expired"',
      },
    });
  }
  const user = checked?.user;
  if (!user) {
    // Unknown, revoked and deactivated-owner tokens look the same to the client (RFC 6750 §3.1).
    throw new ApiError(401, "invalid_token", "error.invalidToken", {
      headers: { "WWW-Authenticate": 'Bearer realm="sori", error="invalid_token"' },
    });
  }
  return user;
}

const limiter = () =>
  sharedLimiter({ keyPrefix: "api-token", points: RATE_LIMIT_POINTS, duration: RATE_LIMIT_SECONDS });

/** 300 requests a minute per token, counted across the workers of `npm start` (app/infra/rate-limit.server.ts).
 * Keyed by the token's hash, never the secret. */
export async function consumeRateLimit(request: Request) {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return;
  const token = readBearer(request);
  if (!token) return;
  try {
    await limiter().consume(hashSecret(token));
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
// Input
// ---------------------------------------------------------------------------

export function isJsonMediaType(contentType: string | null | undefined): boolean {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * The JSON body as text, read within its cap and checked: 415 for another content type, 413 over 64 KB, 400 for
 * bytes that are not UTF-8 or text that is not JSON. The schema check comes after (the route's request schema).
 */
export async function readJsonText(request: Request, incoming?: NodeJS.ReadableStream): Promise<string> {
  if (!isJsonMediaType(request.headers.get("Content-Type"))) {
    throw new ApiError(415, "unsupported_media_type", "error.unsupportedMediaType");
  }
  let bytes: Uint8Array;
  try {
    // Behind server.ts the Node request itself; in-process (tests) the Request's stream.
    bytes = incoming
      ? await readCappedStream(incoming, MAX_API_BODY_BYTES)
      : await readCappedBody(request, MAX_API_BODY_BYTES);
  } catch (error) {
    if (isBodyTooLarge(error)) {
      throw new ApiError(413, "too_large", "error.tooLarge", { vars: { max: MAX_API_BODY_BYTES } });
    }
    throw new ApiError(400, "invalid_json", "error.invalidJson");
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    JSON.parse(text);
    return text;
  } catch {
    throw new ApiError(400, "invalid_json", "error.invalidJson");
  }
}

/** A path id; anything else is a 404 (no such resource), like an id that does not exist. */
export function parseId(value: string | undefined): number {
  const id = parseIdValue(value);
  if (id == null) throw new AppError(404, "not_found", "error.notFound");
  return id;
}
