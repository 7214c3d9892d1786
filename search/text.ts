// Text normalisation, tokenisation and highlighting shared by the search engines (docs/decisions/0001-search.md).
//
// One normal form for documents and queries: NFKC (full-width → ASCII, half-width katakana → full-width,
// compatibility jamo…), locale-independent lower-case, Latin diacritics folded (é → e, ß → ss).
//
// The embedded engine does not let FTS5 tokenise: it inserts text we have already split into tokens and uses
// FTS5's `ascii` tokenizer, which only splits on ASCII spaces/punctuation and keeps every non-ASCII byte. So
// the index and the query always agree on what a token is, and a query can never reach FTS5 syntax.
//
//   • letters/digits of alphabetic scripts → words, split where letters meet digits ("fy2024" → fy 2024);
//   • Hangul, Han, kana, Thai, Lao, Khmer, Myanmar (no reliable word spaces, short words) → every overlapping
//     character bigram of a run plus the run's last character alone:
//       "서울은" → 서울 울은 은      "팀" → 팀
//     so a 2-syllable term is one token ("서울" matches 서울은, 서울에서), a longer term is a phrase of bigrams
//     ("데이터" → "데이 이터"), and a 1-syllable term is a prefix query ("팀"* matches 팀, 팀장, 개발팀's 팀).

const MAX_TOKEN_CHARS = 64;

/** Latin letters with diacritics or ligatures → ASCII, cached per character. */
const foldCache = new Map<string, string>();
const SPECIAL_FOLDS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  ı: "i",
  þ: "th",
  ŋ: "n",
  ħ: "h",
  ſ: "s",
};
function foldLatin(ch: string): string {
  let out = foldCache.get(ch);
  if (out === undefined) {
    out = SPECIAL_FOLDS[ch] ?? ch.normalize("NFD").replace(/\p{M}+/gu, "");
    if (out === "") out = ch;
    foldCache.set(ch, out);
  }
  return out;
}

// Latin-1 supplement, Latin Extended-A/B, Latin Extended Additional; and a combining mark left after a letter
// (e.g. "İ".toLowerCase() is "i" + U+0307).
const LATIN_DIACRITIC_RE = /[\u00c0-\u024f\u1e00-\u1eff]|(?<=[a-z])[\u0300-\u036f]+/g;
// eslint-disable-next-line no-control-regex -- the ASCII range deliberately starts at NUL
const NON_ASCII_RE = /[^\x00-\x7f]/;
// Code points reserved for the Meilisearch highlight sentinels never survive normalisation.
const SENTINEL_RE = /[\ue000\ue001]/g;

const isCombiningMark = (c: number) => c >= 0x300 && c <= 0x36f;

/** The one normal form of searchable text and queries. */
export function normalizeText(s: string): string {
  let out = s.normalize("NFKC").toLowerCase();
  if (NON_ASCII_RE.test(out)) {
    out = out.replace(LATIN_DIACRITIC_RE, (ch) => (isCombiningMark(ch.charCodeAt(0)) ? "" : foldLatin(ch)));
    out = out.replace(/ς/g, "σ").replace(SENTINEL_RE, "");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------------------

export const enum CharClass {
  Separator = 0,
  Letter = 1,
  Digit = 2,
  Cjk = 3,
}

const wordCharCache = new Map<number, CharClass>();
const LETTER_RE = /[\p{L}\p{M}]/u;
const DIGIT_RE = /\p{N}/u;

/** Classifies one code point of normalised text. */
export function classify(cp: number): CharClass {
  if (cp < 0x80) {
    if (cp >= 0x61 && cp <= 0x7a) return CharClass.Letter;
    if (cp >= 0x30 && cp <= 0x39) return CharClass.Digit;
    if (cp >= 0x41 && cp <= 0x5a) return CharClass.Letter;
    return CharClass.Separator;
  }
  if (
    (cp >= 0xac00 && cp <= 0xd7ff) || // Hangul syllables, jamo extended-B
    (cp >= 0x1100 && cp <= 0x11ff) || // Hangul jamo
    (cp >= 0x3130 && cp <= 0x318f) || // Hangul compatibility jamo
    (cp >= 0xa960 && cp <= 0xa97f) || // Hangul jamo extended-A
    (cp >= 0x3040 && cp <= 0x30ff) || // hiragana, katakana
    (cp >= 0x31f0 && cp <= 0x31ff) || // katakana phonetic extensions
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0x20000 && cp <= 0x323af) || // CJK extensions B…H
    (cp >= 0x0e00 && cp <= 0x0eff) || // Thai, Lao
    (cp >= 0x1780 && cp <= 0x17ff) || // Khmer
    (cp >= 0x1000 && cp <= 0x109f) // Myanmar
  ) {
    return CharClass.Cjk;
  }
  let c = wordCharCache.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = DIGIT_RE.test(ch) ? CharClass.Digit : LETTER_RE.test(ch) ? CharClass.Letter : CharClass.Separator;
    if (wordCharCache.size < 50_000) wordCharCache.set(cp, c);
  }
  return c;
}

/** A maximal run of one class in normalised text: a word, a number, or a CJK run. */
export type Run = { cls: CharClass.Letter | CharClass.Digit | CharClass.Cjk; text: string; start: number; end: number };

/** Splits normalised text into runs (UTF-16 offsets into the text). */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  let cur: CharClass = CharClass.Separator;
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    let cls = classify(cp);
    // Combining marks stay with the preceding letter/CJK character.
    if (cls === CharClass.Letter && cur === CharClass.Cjk && cp >= 0x300 && /\p{M}/u.test(String.fromCodePoint(cp)))
      cls = CharClass.Cjk;
    if (cls !== cur) {
      if (cur !== CharClass.Separator) out.push({ cls: cur, text: text.slice(start, i), start, end: i });
      cur = cls;
      start = i;
    }
    i += w;
  }
  if (cur !== CharClass.Separator) out.push({ cls: cur, text: text.slice(start, n), start, end: n });
  return out;
}

function clip(token: string): string {
  return token.length > MAX_TOKEN_CHARS ? Array.from(token).slice(0, MAX_TOKEN_CHARS).join("") : token;
}

/** The tokens of one CJK run: overlapping bigrams, then the last character alone. */
export function cjkTokens(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  out.push(chars[chars.length - 1]);
  return out;
}

/** Normalised text → the space-separated token string stored in FTS5. */
export function indexTokens(raw: string): string {
  const parts: string[] = [];
  for (const r of runs(normalizeText(raw))) {
    if (r.cls === CharClass.Cjk) parts.push(...cjkTokens(r.text));
    else parts.push(clip(r.text));
  }
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------------------------------
// Plain text
// ---------------------------------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/** Replaces each <name …>…</name> (case-insensitive, the first closing tag) with a space. */
function dropElements(html: string, names: string[]): string {
  let out = html;
  for (const name of names) {
    const open = new RegExp(`<${name}\\b[^<>]*>`, "gi");
    const close = new RegExp(`</${name}>`, "gi");
    let result = "";
    let pos = 0;
    for (let m = open.exec(out); m; m = open.exec(out)) {
      close.lastIndex = open.lastIndex;
      const end = close.exec(out);
      if (!end) break; // no closing tag after this one, so none after any later one either
      result += out.slice(pos, m.index) + " ";
      pos = open.lastIndex = close.lastIndex;
    }
    out = result + out.slice(pos);
  }
  return out;
}

/** Rendered post HTML → plain text for indexing and snippets (tags dropped, block ends become spaces). */
export function htmlToPlainText(html: string): string {
  // Linear in the length of the HTML (issue #8 §3): a tag never spans a '<', and an unclosed <script> or
  // <style> is looked for once, not once per opening tag.
  return dropElements(html, ["script", "style"])
    .replace(/<\/(p|div|li|h[1-6]|blockquote|pre|tr|td|th)>|<br\s*\/?>/gi, " ")
    .replace(/<[^<>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : " ";
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// Highlighting
// ---------------------------------------------------------------------------------------------------------

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** What to mark in a text: CJK substrings, and words (whole word, or any word starting with it). */
export type HighlightTerm = { kind: "cjk"; text: string } | { kind: "word"; text: string; prefix: boolean };

type Mapped = { text: string; origin: number[] };

/**
 * Normalises text unit by unit (a code point and its combining marks), remembering for every UTF-16 unit of
 * the result where it came from in the original, so matches found in normal form can be marked in the text
 * as written.
 */
function normalizeWithMap(original: string): Mapped {
  let text = "";
  const origin: number[] = [];
  const re = /\P{M}\p{M}*|\p{M}+/gsu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(original))) {
    const n = normalizeText(m[0]);
    for (let k = 0; k < n.length; k++) origin.push(m.index);
    text += n;
  }
  origin.push(original.length);
  return { text, origin };
}

/** Ranges [start, end) in the original text where the terms occur. */
export function findMatches(original: string, terms: HighlightTerm[]): [number, number][] {
  if (terms.length === 0 || original === "") return [];
  const { text, origin } = normalizeWithMap(original);
  const ranges: [number, number][] = [];
  const toOriginal = (s: number, e: number) => {
    const os = origin[s];
    // The end maps to the start of the unit after the last matched one.
    let oe = origin[e] ?? original.length;
    if (oe <= os) oe = origin.find((o, k) => k >= e && o > os) ?? original.length;
    ranges.push([os, oe]);
  };
  const cjk = terms
    .filter((t) => t.kind === "cjk")
    .map((t) => t.text)
    .filter(Boolean);
  const words = terms.filter((t): t is Extract<HighlightTerm, { kind: "word" }> => t.kind === "word" && t.text !== "");
  for (const r of runs(text)) {
    if (r.cls === CharClass.Cjk) {
      for (const t of cjk) {
        let at = r.text.indexOf(t);
        while (at >= 0) {
          toOriginal(r.start + at, r.start + at + t.length);
          at = r.text.indexOf(t, at + 1);
        }
      }
    } else {
      for (const w of words) {
        if (r.text === w.text || (w.prefix && r.text.startsWith(w.text))) {
          toOriginal(r.start, r.end);
          break;
        }
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** HTML-escapes every piece of the text, then wraps the matched ranges in <mark> — in that order. */
export function markRanges(original: string, ranges: [number, number][], from = 0, to = original.length): string {
  let out = "";
  let pos = from;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    out += escapeHtml(original.slice(pos, s)) + "<mark>" + escapeHtml(original.slice(s, e)) + "</mark>";
    pos = e;
  }
  return out + escapeHtml(original.slice(pos, to));
}

/** The whole (short) text, escaped, with matches marked — for names, handles, titles, hashtags. */
export function highlight(original: string, terms: HighlightTerm[]): string {
  return markRanges(original, findMatches(original, terms));
}

/**
 * An escaped excerpt of about `size` characters around the first match (or the start), cut at spaces where
 * possible, with "…" where text was left out.
 */
export function snippet(original: string, terms: HighlightTerm[], size = 180): string {
  const ranges = findMatches(original, terms);
  if (original.length <= size) return markRanges(original, ranges);
  const first = ranges[0]?.[0] ?? 0;
  let from = Math.max(0, first - Math.floor(size / 3));
  let to = Math.min(original.length, from + size);
  from = Math.max(0, Math.min(from, to - size));
  if (from > 0) {
    const sp = original.indexOf(" ", from);
    if (sp >= 0 && sp < first && sp - from < 20) from = sp + 1;
  }
  if (to < original.length) {
    const sp = original.lastIndexOf(" ", to);
    if (sp > from + size / 2) to = sp;
  }
  // Never cut inside a surrogate pair or a mark.
  while (from > 0 && /[\udc00-\udfff]/.test(original[from])) from--;
  while (to < original.length && /[\udc00-\udfff]/.test(original[to])) to++;
  for (const r of ranges) {
    if (r[0] < to && r[1] > to) to = r[1];
  }
  return (from > 0 ? "…" : "") + markRanges(original, ranges, from, to) + (to < original.length ? "…" : "");
}
