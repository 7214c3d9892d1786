// English stemming (issue #13 item 4): `deployment` finds posts saying deploy, deployed, deploying.
//
// The stemmer is `porter2` — the Snowball English stemmer (Porter2), typed, without dependencies, ~1 µs a word.
// The original Porter algorithm (the `stemmer` package, and @orama/stemmers' English) turns "deployed" and
// "deploy" into "deploi" but "deployment" into "deploy", so the issue's own example would not meet; Porter2
// keeps a y after a vowel and gives all four "deploy".
//
// The embedded engine needs no new index column for it: every distinct indexed word is already in its
// vocabulary (search_post_terms, kept at index time for prefix expansion), so a query word's family is the
// vocabulary's words with the same stem. Porter2 only rewrites the end of a word: a stem ending in i may come
// from a y (happy → happi), one ending in e may have gained it (hiring → hire), so the family is found in a
// short sorted range (familyPrefix).
import { stem } from "porter2";

/** Stems are taken of ASCII-letter words only (normalised text has diacritics folded, so "café" is "cafe"). */
const LATIN_WORD_RE = /^[a-z]+$/;
/** Shorter words ("as", "is") are left alone: their "families" are noise. */
export const MIN_STEM_WORD = 3;

/** The English stem of one normalised word, or null when it is not a Latin word worth stemming. */
export function englishStem(word: string): string | null {
  if (word.length < MIN_STEM_WORD || word.length > 64 || !LATIN_WORD_RE.test(word)) return null;
  return stem(word);
}

/** Every word whose stem is `s` starts with this (a final i, which may stand for a y, or e is left out). */
export function familyPrefix(s: string): string {
  return s.length > MIN_STEM_WORD && (s.endsWith("i") || s.endsWith("e")) ? s.slice(0, -1) : s;
}
