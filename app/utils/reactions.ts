// Shared by the schema, the server and the browser bundle (which must not import #db/schema).
export const REACTION_KINDS = ["like", "celebrate", "insightful", "support", "funny", "thanks"] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export function isReactionKind(kind: unknown): kind is ReactionKind {
  return typeof kind === "string" && (REACTION_KINDS as readonly string[]).includes(kind);
}
