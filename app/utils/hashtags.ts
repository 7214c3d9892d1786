// The hashtag grammar, defined once: the Markdown renderer, search queries and filters, routes and the API all
// use these (shared by server and browser).

/** Letters of any script, combining marks, decimal digits and underscore (inside a RegExp character class). */
export const TAG_CHARS = "\\p{L}\\p{M}\\p{Nd}_";
export const MAX_TAG_LENGTH = 100; // code points

const TAG_BODY_RE = new RegExp(`^[${TAG_CHARS}]+$`, "u");
const HAS_LETTER_RE = /\p{L}/u;
/** A run of tag characters at the start of a string. */
export const TAG_RUN_RE = new RegExp(`^[${TAG_CHARS}]+`, "u");

/** Whether `s` (without '#') is a valid tag: tag characters only, at least one letter, ≤ 100 code points. */
export function isValidTagBody(s: string): boolean {
  if (!TAG_BODY_RE.test(s) || !HAS_LETTER_RE.test(s)) return false;
  // Count code points, not UTF-16 units. Cheap early exit for the common case.
  return s.length <= MAX_TAG_LENGTH || [...s].length <= MAX_TAG_LENGTH;
}

/**
 * NFC + locale-independent lower-case; strips one leading '#' or '＃' (and surrounding whitespace). Returns null
 * unless the rest is a valid tag.
 */
export function normaliseTag(tag: string): string | null {
  let s = tag.normalize("NFC").trim();
  if (s.startsWith("#") || s.startsWith("＃")) s = s.slice(1);
  if (!isValidTagBody(s)) return null;
  return s.toLowerCase().normalize("NFC");
}
