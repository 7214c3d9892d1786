// What a person typed → a structured query both engines execute the same way. Nothing typed ever reaches an
// engine's query syntax: the engines build their expressions from the tokens produced here.
//
//   deplo            a word: matches words starting with it (prefix-as-you-type); exact words rank higher
//   회의 / 서울은      a Hangul/CJK run: substring match; a trailing particle is also tried without it
//   "release notes"  a phrase: the tokens in this order
//   #회의             the post must carry the hashtag (posts only; elsewhere it is plain text)
//   from:minsu.kim   the post's author (posts only)
// Everything else (*, ^, :, -, NEAR, AND/OR/NOT, unbalanced quotes, column names) is just text.
import { AppError } from "#app/utils/errors";
import { HANDLE_RE } from "#app/utils/validation";
import { CharClass, cjkTokens, normalizeText, runs, type HighlightTerm, type Run } from "./text";
import { isPostSearch, MAX_QUERY_LENGTH, type SearchFilters, type SearchType } from "./types";
import { TAG_RUN_RE } from "#app/utils/hashtags";

export type QueryTerm =
  /** One word of an alphabetic script, or a number. */
  | { kind: "word"; text: string; prefix: boolean }
  /** One Hangul/CJK run, and the same run without a trailing particle when that leaves ≥ 2 syllables. */
  | { kind: "cjk"; text: string; variants: string[] }
  /** Tokens that must follow each other (quoted text, or letters glued to digits such as "fy2024"). */
  | { kind: "phrase"; text: string; tokens: string[] };

export type ParsedQuery = {
  /** All must match (AND). */
  terms: QueryTerm[];
  /** Normalised hashtag keys (normalizeText of the name) the post must all carry. */
  hashtags: string[];
  /** Lower-cased handles; the post's author must be this one. */
  authors: string[];
  highlight: HighlightTerm[];
  /**
   * The term still being typed: the last one of unquoted text that does not end in a space (search/hangul.ts
   * reads its last syllable as possibly unfinished). Absent when the query ends in a space or a quote.
   */
  open?: QueryTerm;
};

const MAX_TERMS = 16;
const MAX_PHRASE_TOKENS = 32;

// Longest first. Only stripped when at least two syllables remain, so 회의 keeps its 의.
const PARTICLES = [
  "에서는",
  "에서도",
  "에게서",
  "으로는",
  "으로도",
  "이라는",
  "까지는",
  "부터는",
  "에서",
  "에게",
  "께서",
  "부터",
  "까지",
  "으로",
  "이나",
  "이랑",
  "하고",
  "처럼",
  "보다",
  "마다",
  "조차",
  "라는",
  "이라",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "에",
  "의",
  "도",
  "와",
  "과",
  "로",
  "만",
  "랑",
  "께",
  "나",
];
const HANGUL_ONLY_RE = /^[\uac00-\ud7a3]+$/;

export function stripParticle(run: string): string | null {
  if (!HANGUL_ONLY_RE.test(run)) return null;
  const chars = Array.from(run);
  for (const p of PARTICLES) {
    if (run.endsWith(p) && chars.length - p.length >= 2) return run.slice(0, run.length - p.length);
  }
  return null;
}

/** A hashtag name as both engines key it: the normal form of search text (NFKC, lower-case, folded). */
export function hashtagKey(name: string): string | null {
  const m = TAG_RUN_RE.exec(normalizeText(name.trim().replace(/^[#＃]/, "")));
  return m && /\p{L}/u.test(m[0]) ? m[0] : null;
}

export function badQuery(code: "search_query_empty" | "search_query_too_long" | "bad_cursor" | "bad_filter") {
  if (code === "search_query_too_long") {
    const tooLong = { key: "error.queryTooLong" as const, vars: { max: MAX_QUERY_LENGTH } };
    return new AppError(400, code, tooLong.key, { q: tooLong }, tooLong.vars);
  }
  if (code === "search_query_empty") return new AppError(400, code, "error.queryEmpty", { q: "error.queryEmpty" });
  if (code === "bad_cursor") return new AppError(400, code, "error.badCursor", { cursor: "error.badCursor" });
  return new AppError(400, code, "error.badFilter");
}

/** Splits normalised text into the words/CJK runs/phrase groups of one unquoted chunk. */
function chunkTerms(text: string, out: QueryTerm[]) {
  const rs = runs(text);
  let group: Run[] = [];
  const flush = () => {
    if (group.length === 1)
      out.push({ kind: "word", text: group[0].text, prefix: Array.from(group[0].text).length >= 2 });
    else if (group.length > 1)
      out.push({ kind: "phrase", text: group.map((r) => r.text).join(""), tokens: group.map((r) => r.text) });
    group = [];
  };
  for (const r of rs) {
    if (r.cls === CharClass.Cjk) {
      flush();
      const stripped = stripParticle(r.text);
      out.push({ kind: "cjk", text: r.text, variants: stripped ? [r.text, stripped] : [r.text] });
    } else {
      if (group.length && group[group.length - 1].end !== r.start) flush();
      group.push(r);
    }
  }
  flush();
}

/**
 * Quoted text (or a synonym, search/synonyms.ts) → one phrase of index tokens (the final CJK run without its lone
 * last character).
 */
export function phraseTerm(text: string): QueryTerm | null {
  const rs = runs(text);
  const tokens: string[] = [];
  rs.forEach((r, i) => {
    if (r.cls !== CharClass.Cjk) tokens.push(r.text);
    else {
      const t = cjkTokens(r.text);
      tokens.push(...(i === rs.length - 1 && t.length > 1 ? t.slice(0, -1) : t));
    }
  });
  if (tokens.length === 0) return null;
  if (rs.length === 1 && rs[0].cls === CharClass.Cjk) return { kind: "cjk", text: rs[0].text, variants: [rs[0].text] };
  if (tokens.length === 1) return { kind: "word", text: tokens[0], prefix: false };
  return { kind: "phrase", text, tokens: tokens.slice(0, MAX_PHRASE_TOKENS) };
}

/** What to mark for these terms (also a synonym's terms, so the highlight shows the synonym that matched). */
export function highlightTerms(terms: QueryTerm[]): HighlightTerm[] {
  const out: HighlightTerm[] = [];
  for (const t of terms) {
    if (t.kind === "word") out.push({ kind: "word", text: t.text, prefix: t.prefix });
    else if (t.kind === "cjk") for (const v of t.variants) out.push({ kind: "cjk", text: v });
    else {
      for (const r of runs(t.text)) {
        out.push(
          r.cls === CharClass.Cjk ? { kind: "cjk", text: r.text } : { kind: "word", text: r.text, prefix: false },
        );
      }
    }
  }
  return out;
}

/**
 * Parses and validates a query. Throws AppError 400 when it is longer than MAX_QUERY_LENGTH, or when nothing
 * searchable is left and no author/hashtag filter narrows the search.
 */
export function parseQuery(q: string, type: SearchType, filters: SearchFilters = {}): ParsedQuery {
  if (typeof q !== "string") throw badQuery("search_query_empty");
  if (q.length > MAX_QUERY_LENGTH) throw badQuery("search_query_too_long");
  const terms: QueryTerm[] = [];
  const hashtags: string[] = [];
  const authors: string[] = [];

  // Quotes (straight or typographic) delimit phrases; an unbalanced quote runs to the end.
  const parts = q.split(/["“”„]/);
  let open: QueryTerm | undefined;
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      open = undefined;
      const t = phraseTerm(normalizeText(part));
      if (t) terms.push(t);
      return;
    }
    for (const chunk of part.split(/\s+/)) {
      if (!chunk) continue;
      open = undefined;
      if (isPostSearch(type) && /^[#＃]/.test(chunk)) {
        const key = hashtagKey(chunk);
        if (key) {
          hashtags.push(key);
          continue;
        }
      }
      if (isPostSearch(type) && /^from:/i.test(chunk)) {
        const handle = chunk.slice(5).replace(/^@/, "").toLowerCase();
        if (HANDLE_RE.test(handle)) {
          authors.push(handle);
          continue;
        }
      }
      const before = terms.length;
      chunkTerms(normalizeText(chunk), terms);
      open = terms.length > before ? terms[terms.length - 1] : undefined;
    }
  });
  // Only the very end of the query is being typed.
  if (parts.length % 2 === 0 || /\s$/.test(q)) open = undefined;

  if (isPostSearch(type)) {
    if (filters.hashtag != null && filters.hashtag !== "") {
      const key = hashtagKey(filters.hashtag);
      if (!key) throw badQuery("bad_filter");
      hashtags.push(key);
    }
    if (filters.authorHandle != null && filters.authorHandle !== "") {
      const handle = filters.authorHandle.replace(/^@/, "").toLowerCase();
      if (!HANDLE_RE.test(handle)) throw badQuery("bad_filter");
      authors.push(handle);
    }
  }

  const seen = new Set<string>();
  const unique = terms.filter((t) => {
    const k = `${t.kind}:${t.kind === "phrase" ? t.tokens.join(" ") : t.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const kept = unique.slice(0, MAX_TERMS);
  if (kept.length === 0 && hashtags.length === 0 && authors.length === 0) throw badQuery("search_query_empty");
  const tags = [...new Set(hashtags)];
  const highlight = highlightTerms(kept);
  for (const tag of tags) {
    for (const r of runs(tag)) {
      highlight.push(
        r.cls === CharClass.Cjk ? { kind: "cjk", text: r.text } : { kind: "word", text: r.text, prefix: false },
      );
    }
  }
  return {
    terms: kept,
    hashtags: tags,
    authors: [...new Set(authors)],
    highlight,
    ...(open && kept.includes(open) ? { open } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Cursors
// ---------------------------------------------------------------------------------------------------------

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Decodes a cursor made by encodeCursor; anything else is a 400. */
export function decodeCursor(cursor: string | null | undefined): Record<string, unknown> | null {
  if (cursor == null || cursor === "") return null;
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw badQuery("bad_cursor");
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // Not base64url JSON: falls through to the 400 below.
  }
  throw badQuery("bad_cursor");
}

export function cursorInt(c: Record<string, unknown>, key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = c[key];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) throw badQuery("bad_cursor");
  return v;
}

export function clampLimit(limit: number | undefined, def: number, max: number): number {
  if (limit == null || !Number.isFinite(limit)) return def;
  return Math.max(1, Math.min(max, Math.floor(limit)));
}
