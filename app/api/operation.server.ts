// What every API operation shares (app/api/routes/*): the router's context type, the JSON body reader that runs
// before an operation's request schema, and the error responses every operation declares in the document.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Viewer } from "#app/access/rules";
import type { Locale } from "#app/utils/i18n";
import { readJsonText, type ApiUser } from "./http.server";
import { ErrorSchema } from "./schemas";

export type ApiEnv = {
  Variables: {
    user: ApiUser;
    /** The token owner's Viewer (app/access): every read and write of the API goes through it. */
    viewer: Viewer;
    locale: Locale;
  };
};

export type Api = OpenAPIHono<ApiEnv>;

/**
 * Route middleware of an operation with a JSON body: reads it within its cap and checks it is JSON (415, 413,
 * 400 invalid_json) before the operation's schema validates it.
 */
export async function jsonBody(c: Context, next: () => Promise<void>) {
  const text = await readJsonText(c.req.raw, (c.env as { incoming?: NodeJS.ReadableStream } | undefined)?.incoming);
  // Hono keeps the body it read as promises (its type says values); the validator reads it from here.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
  await next();
}

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

/** The error responses an operation may give, for the document: all in the one error shape. */
export const errorResponses = {
  400: error("Invalid input: `validation_failed` (with `fields`), `invalid_json`, or a more specific code."),
  401: error(
    "No token, or an unknown, revoked or deactivated one (`unauthorized`, `invalid_token`), or one past its expiry (`token_expired`).",
  ),
  403: error("Not allowed (`forbidden`), or the token lacks the scope (`insufficient_scope`)."),
  404: error("Not found, or not visible to the caller (`not_found`): the same answer either way."),
  409: error("In conflict with the current state (for example `last_admin`, `slug_taken`)."),
  413: error("The body is over 64 KB (`too_large`)."),
  415: error("The body is not JSON (`unsupported_media_type`)."),
  429: error("Over 300 requests a minute on this token (`rate_limited`); see Retry-After."),
  500: error("A failure of the server (`internal_error`)."),
} as const;
