// The kinds of post: one definition for the schema, the search documents, the API and the browser bundle.
export const POST_KINDS = ["update", "question", "announcement"] as const;
export type PostKind = (typeof POST_KINDS)[number];

export function isPostKind(value: unknown): value is PostKind {
  return typeof value === "string" && (POST_KINDS as readonly string[]).includes(value);
}
