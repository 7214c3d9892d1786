// The reaction kinds (defined once in db/enums.ts) and their guard, for the server and the browser bundle (which
// must not import #db/schema).
import { REACTION_KINDS, type ReactionKind } from "#db/enums";

export { REACTION_KINDS, type ReactionKind };

export function isReactionKind(kind: unknown): kind is ReactionKind {
  return typeof kind === "string" && (REACTION_KINDS as readonly string[]).includes(kind);
}
