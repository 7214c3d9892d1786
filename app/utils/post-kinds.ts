// The kinds of post (defined once in db/enums.ts) and their guard, for the search documents, the API and the
// browser bundle.
import { POST_KINDS, type PostKind } from "#db/enums";

export { POST_KINDS, type PostKind };

export function isPostKind(value: unknown): value is PostKind {
  return typeof value === "string" && (POST_KINDS as readonly string[]).includes(value);
}
