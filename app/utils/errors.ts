import type { MessageKey } from "./i18n";

export type FieldErrors = Record<string, MessageKey | { key: MessageKey; vars?: Record<string, string | number> }>;

/** An expected failure of a use case: the status, a stable code for API clients, and a message key. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    readonly code: string,
    readonly messageKey: MessageKey,
    readonly fields?: FieldErrors,
    readonly vars?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, "not_found", "error.notFound");
export const forbidden = () => new AppError(403, "forbidden", "error.forbidden");
