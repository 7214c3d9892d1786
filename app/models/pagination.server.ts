// Keyset cursors over (name, id), for lists sorted by name (the people directory, the groups directory): an
// opaque base64url of [name, id]. Feeds page on the post id alone (feeds/feed.server.ts parseCursor).
import { AppError } from "#app/utils/errors";

export type NameKey = { name: string; id: number };

export function encodeNameCursor(last: NameKey): string {
  return Buffer.from(JSON.stringify([last.name, last.id])).toString("base64url");
}

/** The position after which the next page starts; null for the first page; 400 for anything else. */
export function decodeNameCursor(cursor?: string | null): NameKey | null {
  if (!cursor) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof name === "string" && Number.isInteger(id)) return { name, id };
  } catch {
    // Not base64url JSON: falls through to the 400 below.
  }
  throw new AppError(400, "bad_cursor", "error.badRequest");
}

/** A keyset cursor over a sort key of integers (a thread's answers: best, votes, id): opaque base64url JSON. */
export function encodeKeyCursor(key: number[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The sort key after which the next page starts; null for the first page; 400 for anything else. */
export function decodeKeyCursor(cursor: string | null | undefined, length: number): number[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === length && key.every((n) => Number.isSafeInteger(n))) return key;
  } catch {
    // Not base64url JSON: falls through to the 400 below.
  }
  throw new AppError(400, "bad_cursor", "error.badRequest");
}
