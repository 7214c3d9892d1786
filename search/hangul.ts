// Hangul-aware matching for search (issue #13 items 1–3): initial consonants (초성), the last syllable as an input
// method shows it mid-composition, and one-jamo typos. Pure functions over normalised text (search/text.ts).
//
// A modern syllable is 0xAC00 + (initial × 21 + medial) × 28 + final, so every syllable with a given initial is one
// code range, and so is every syllable with a given initial and medial. normalizeText's NFKC turns compatibility
// jamo (ㄱ U+3131, what keyboards type) into conjoining jamo (ᄀ U+1100) and composes ㄱ+ㅏ into 가; a lone
// consonant therefore reaches us as a leading jamo (U+1100–U+1112), or as a trailing one (U+11A8–U+11C2) for the
// clusters that have no leading form (ㄳ). Both, and the compatibility forms, are read as the same consonant.
//
// What a query becomes is a Pattern: a sequence of units, each a set of code-point ranges one character must fall
// in. 김ㅁㅅ → [김] [마–밓, ᄆ] [사–싷, ᄉ]. Patterns are matched with one regular expression of character classes
// (linear time), and give the embedded engine bounded sets of bigram alternatives to look up in its vocabulary.

const S_BASE = 0xac00;
const S_LAST = 0xd7a3;
const V_COUNT = 21;
const T_COUNT = 28;
const N_COUNT = V_COUNT * T_COUNT;
const L_BASE = 0x1100;
const L_COUNT = 19;

/** Longest run treated with jamo awareness; names are far shorter, and a longer run stays exact. */
export const MAX_PATTERN_CHARS = 24;

export type Range = [number, number];
/** The code points one character may be. */
export type Unit = Range[];
export type Pattern = Unit[];

const isSyllable = (cp: number) => cp >= S_BASE && cp <= S_LAST;
const syllable = (l: number, v: number, t: number) => S_BASE + (l * V_COUNT + v) * T_COUNT + t;

// Trailing consonant index (1–27) → leading consonant index, for those that exist as both.
const TRAILING_AS_LEADING: Record<number, number> = {
  1: 0,
  2: 1,
  4: 2,
  7: 3,
  8: 5,
  16: 6,
  17: 7,
  19: 9,
  20: 10,
  21: 11,
  22: 12,
  23: 14,
  24: 15,
  25: 16,
  26: 17,
  27: 18,
};
// A final consonant may be the next syllable's initial as the input method shows it (회ㅇ → 횡 before 회의): the
// final that stays, and the initial that moves on. Clusters split (닭 → 달 + ㄱ).
const FINAL_SPLIT: Record<number, [number, number]> = {
  3: [1, 9],
  5: [4, 12],
  6: [4, 18],
  9: [8, 0],
  10: [8, 6],
  11: [8, 7],
  12: [8, 9],
  13: [8, 16],
  14: [8, 17],
  15: [8, 18],
  18: [17, 9],
};
for (const [t, l] of Object.entries(TRAILING_AS_LEADING)) FINAL_SPLIT[Number(t)] = [0, l];
// A final that may still grow into a cluster (ㄹ → ㄺ…), and a medial that may (ㅗ → ㅘ ㅙ ㅚ): both contiguous.
const FINAL_GROWS: Record<number, number[]> = { 1: [3], 4: [5, 6], 8: [9, 10, 11, 12, 13, 14, 15], 17: [18] };
const MEDIAL_GROWS_TO: Record<number, number> = { 8: 11, 13: 16, 18: 19 };

/** The leading-consonant index (0–18) of a lone consonant in any of its three encodings, else -1. */
export function consonantIndex(cp: number): number {
  if (cp >= L_BASE && cp < L_BASE + L_COUNT) return cp - L_BASE;
  if (cp >= 0x11a8 && cp <= 0x11c2) return TRAILING_AS_LEADING[cp - 0x11a7] ?? -1;
  if (cp >= 0x3131 && cp <= 0x314e) return consonantIndex(String.fromCharCode(cp).normalize("NFKC").charCodeAt(0));
  return -1;
}

/** The initial consonant of a syllable or a lone consonant (0–18), else -1. */
export function initialIndex(cp: number): number {
  return isSyllable(cp) ? Math.floor((cp - S_BASE) / N_COUNT) : consonantIndex(cp);
}

/** Whether normalised text holds a lone consonant: what someone typing 초성 or mid-syllable sends. */
export function hasLoneConsonant(text: string): boolean {
  for (const ch of text) if (consonantIndex(ch.codePointAt(0)!) >= 0) return true;
  return false;
}

/** Any syllable starting with the consonant, or the consonant itself. */
const initialUnit = (l: number): Unit => [
  [syllable(l, 0, 0), syllable(l, V_COUNT - 1, T_COUNT - 1)],
  [L_BASE + l, L_BASE + l],
];
const exact = (cp: number): Unit => [[cp, cp]];

/**
 * The patterns a Hangul run may stand for. `initials`: every lone consonant is any syllable with that initial
 * (초성 search: ㄱㅁㅅ, 김ㅁㅅ). `open`: the run is the last thing typed, so its last character may be unfinished —
 * a lone consonant starts a syllable (배ㅍ → 배포), an open syllable may gain a vowel stroke or a final (회으 →
 * 회의), and a final may be the next syllable's initial (횡 → 회의). Null when neither changes anything.
 */
export function jamoPatterns(run: string, { initials, open }: { initials: boolean; open: boolean }): Pattern[] | null {
  const cps = Array.from(run, (c) => c.codePointAt(0)!);
  if (cps.length === 0 || cps.length > MAX_PATTERN_CHARS) return null;
  let changed = false;
  const units: Pattern = cps.map((cp, i) => {
    const l = consonantIndex(cp);
    if (l >= 0 && (initials || (open && i === cps.length - 1))) {
      changed = true;
      return initialUnit(l);
    }
    return exact(cp);
  });
  const out: Pattern[] = [units];
  const last = cps[cps.length - 1];
  if (open && isSyllable(last)) {
    const s = last - S_BASE;
    const l = Math.floor(s / N_COUNT);
    const v = Math.floor((s % N_COUNT) / T_COUNT);
    const t = s % T_COUNT;
    const head = units.slice(0, -1);
    if (t === 0) {
      // 으 → 으…읳 (ㅡ may become ㅢ, and either may take any final).
      out[0] = [...head, [[syllable(l, v, 0), syllable(l, MEDIAL_GROWS_TO[v] ?? v, T_COUNT - 1)]]];
      changed = true;
    } else {
      const grows = FINAL_GROWS[t] ?? [];
      if (grows.length) {
        out[0] = [...head, [[last, last], ...grows.map((g): Range => [syllable(l, v, g), syllable(l, v, g)])]];
      }
      const split = FINAL_SPLIT[t];
      if (split) out.push([...head, exact(syllable(l, v, split[0])), initialUnit(split[1])]);
      changed = true;
    }
  }
  return changed ? out : null;
}

const hexCp = (cp: number) => `\\u{${cp.toString(16)}}`;
const classOf = (u: Unit) => `[${u.map(([lo, hi]) => (lo === hi ? hexCp(lo) : `${hexCp(lo)}-${hexCp(hi)}`)).join("")}]`;

/** A global regular expression matching any of the patterns contiguously. */
export function patternRegExp(patterns: Pattern[]): RegExp {
  return new RegExp(patterns.map((p) => p.map(classOf).join("")).join("|"), "gu");
}

const inUnit = (u: Unit, cp: number) => u.some(([lo, hi]) => cp >= lo && cp <= hi);

/** How closely a name matches, best first. */
export const enum NameMatch {
  Whole = 0,
  Prefix = 1,
  Word = 2,
  Inside = 3,
  Abbreviation = 4,
}

const isHangulish = (cp: number) => isSyllable(cp) || consonantIndex(cp) >= 0;

/**
 * How a normalised name matches: the whole name (ㄱㅁㅅ → 김민수), its start, the start of a later word, inside a
 * word, or — for initials only — as an abbreviation: the first letter on a word's first syllable, the others in
 * order later in that word (ㅅㅍ → 신제품). With the matched substrings, for highlighting. Null when it does not.
 */
export function matchName(
  name: string,
  patterns: Pattern[],
  re = patternRegExp(patterns),
  abbreviations = false,
): { kind: NameMatch; parts: string[] } | null {
  let best: { kind: NameMatch; parts: string[] } | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = start > 0 ? name.codePointAt(start - 1)! : 0;
    const kind =
      start === 0 && end === name.length
        ? NameMatch.Whole
        : start === 0
          ? NameMatch.Prefix
          : !isHangulish(before)
            ? NameMatch.Word
            : NameMatch.Inside;
    if (!best || kind < best.kind) best = { kind, parts: [m[0]] };
    if (m[0].length === 0) re.lastIndex++;
  }
  if (best || !abbreviations) return best;
  const cps = Array.from(name, (c) => c.codePointAt(0)!);
  for (const p of patterns) {
    if (p.length < 2) continue;
    for (let s = 0; s < cps.length; s++) {
      if ((s > 0 && isHangulish(cps[s - 1])) || !inUnit(p[0], cps[s])) continue;
      const parts = [String.fromCodePoint(cps[s])];
      let k = 1;
      for (let i = s + 1; i < cps.length && k < p.length && isHangulish(cps[i]); i++) {
        if (inUnit(p[k], cps[i])) {
          parts.push(String.fromCodePoint(cps[i]));
          k++;
        }
      }
      if (k === p.length) return { kind: NameMatch.Abbreviation, parts };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Initials in the embedded index
// ---------------------------------------------------------------------------------------------------------

/** Joins a word's first initial to a later one: a token no query text can contain (· is never a letter). */
export const ABBREVIATION_MARK = "\u00b7";
const LEADING = (l: number) => String.fromCharCode(L_BASE + l);

/** A Hangul run as its initials (김민수 → ᄀᄆᄉ), other characters kept. */
export function initialsOf(run: string): string {
  let out = "";
  for (const ch of run) {
    const l = initialIndex(ch.codePointAt(0)!);
    out += l >= 0 ? LEADING(l) : ch;
  }
  return out;
}

/**
 * The tokens of a name's `initials` column: for each run with Hangul, the bigrams of its initials and its last
 * initial (as the text tokens are made, so ᄀᄆ finds 김민수), and its first initial paired with each later one
 * from the third on (ᄉ·ᄑ, for ㅅㅍ → 신제품; the second is the first bigram already). `runs` are the CJK runs of
 * the normalised name.
 */
export function initialsTokens(runs: string[]): string {
  const out: string[] = [];
  for (const run of runs) {
    if (!Array.from(run).some((c) => isHangulish(c.codePointAt(0)!))) continue;
    const chars = Array.from(initialsOf(run)).slice(0, MAX_PATTERN_CHARS);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    out.push(chars[chars.length - 1]);
    for (let i = 2; i < chars.length; i++) out.push(chars[0] + ABBREVIATION_MARK + chars[i]);
  }
  return out.join(" ");
}

/**
 * What to look up in the `initials` column for a query run (verified afterwards with matchName): one consonant
 * typed is a `prefix` of tokens; more are a `phrase` of their bigrams (contiguous), or `pairs` — each later
 * initial after the first, next to it or further on (abbreviations).
 */
export function initialsLookup(
  run: string,
): { phrase: string[]; pairs: [string, string][] } | { prefix: string } | null {
  const chars = Array.from(initialsOf(run));
  if (chars.length === 0 || chars.length > MAX_PATTERN_CHARS) return null;
  if (chars.length === 1) return { prefix: chars[0] };
  const phrase: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) phrase.push(chars[i] + chars[i + 1]);
  const pairs = chars.slice(1).map((c): [string, string] => [chars[0] + c, chars[0] + ABBREVIATION_MARK + c]);
  return { phrase, pairs };
}

// ---------------------------------------------------------------------------------------------------------
// Completions of the last syllable, and one-jamo typos, over a vocabulary
// ---------------------------------------------------------------------------------------------------------

/**
 * A pattern whose units are all single characters but the last, as a stem and the ranges of the last character
 * (what the vocabulary can be asked for); null when another unit is not exact.
 */
export function stemAndLast(p: Pattern): { stem: string; last: Unit } | null {
  let stem = "";
  for (const u of p.slice(0, -1)) {
    if (u.length !== 1 || u[0][0] !== u[0][1]) return null;
    stem += String.fromCodePoint(u[0][0]);
  }
  return { stem, last: p[p.length - 1] };
}

/** Hangul-only runs of this many syllables or more may carry a one-jamo typo (shorter ones would flood). */
export const TYPO_MIN_SYLLABLES = 3;
const TYPO_MAX_SYLLABLES = 8;

/** Syllables one jamo away from a syllable (another initial, medial or final). */
function oneJamoAway(cp: number): number[] {
  const s = cp - S_BASE;
  const l = Math.floor(s / N_COUNT);
  const v = Math.floor((s % N_COUNT) / T_COUNT);
  const t = s % T_COUNT;
  const out: number[] = [];
  for (let x = 0; x < L_COUNT; x++) if (x !== l) out.push(syllable(x, v, t));
  for (let x = 0; x < V_COUNT; x++) if (x !== v) out.push(syllable(l, x, t));
  for (let x = 0; x < T_COUNT; x++) if (x !== t) out.push(syllable(l, v, x));
  return out;
}

const HANGUL_RUN_RE = /^[\uac00-\ud7a3]+$/;

/**
 * Corrections of one run whose whole phrase is looked for (an FTS5 phrase query each, over common bigrams at 1M
 * posts), the likeliest (most frequent bigrams) first; and a longer word keeps one (bench/README: its variants
 * were the suggestions' costliest tail).
 */
const TYPO_MAX_CHECKS = 8;
const TYPO_LONG_WORD = 4;

/**
 * Runs one jamo away from a Hangul run that some post has (온보등 → 온보딩) — only when the run as typed finds
 * nothing, so a correction never competes with what was typed. Where a bigram of the run is unknown, only the
 * syllables of that bigram are changed; when every bigram is known but `found` says the run itself is nowhere,
 * any syllable may be. `known` gives the document frequency of the bigrams the vocabulary has; a correction's new
 * bigrams must all be known, the likeliest (rarest new bigram most frequent) are checked with `found` first, at
 * most TYPO_MAX_CHECKS of them, and at most `max` returned (one for a word over TYPO_LONG_WORD syllables).
 */
export function typoVariants(
  run: string,
  known: (bigrams: string[]) => Map<string, number>,
  max: number,
  found: (run: string) => boolean,
): string[] {
  if (!HANGUL_RUN_RE.test(run)) return [];
  const chars = Array.from(run);
  if (chars.length < TYPO_MIN_SYLLABLES || chars.length > TYPO_MAX_SYLLABLES) return [];
  const bigrams = chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
  const have = known(bigrams);
  const missing = bigrams.map((b, i) => (have.has(b) ? -1 : i)).filter((i) => i >= 0);
  // One changed syllable touches at most two bigrams: more unknown bigrams than that is not a one-jamo typo.
  if (missing.length > 2 || (missing.length === 2 && missing[1] !== missing[0] + 1)) return [];
  if (missing.length === 0 && found(run)) return [];
  const positions =
    missing.length === 2 ? [missing[1]] : missing.length === 1 ? [missing[0], missing[0] + 1] : chars.map((_, i) => i);
  const candidates: { run: string; df: number }[] = [];
  for (const pos of positions) {
    const alts = oneJamoAway(chars[pos].codePointAt(0)!).map((cp) => String.fromCodePoint(cp));
    // The bigrams the changed syllable is part of, for each alternative.
    const around = (a: string) => [
      ...(pos > 0 ? [chars[pos - 1] + a] : []),
      ...(pos + 1 < chars.length ? [a + chars[pos + 1]] : []),
    ];
    const knownAround = known(alts.flatMap(around));
    for (const a of alts) {
      const dfs = around(a).map((b) => knownAround.get(b) ?? 0);
      if (dfs.length === 0 || dfs.includes(0)) continue;
      candidates.push({ run: [...chars.slice(0, pos), a, ...chars.slice(pos + 1)].join(""), df: Math.min(...dfs) });
    }
  }
  candidates.sort((a, b) => b.df - a.df);
  const out: string[] = [];
  const keep = chars.length > TYPO_LONG_WORD ? 1 : max;
  for (const c of candidates.slice(0, TYPO_MAX_CHECKS)) {
    if (!found(c.run)) continue;
    out.push(c.run);
    if (out.length >= keep) break;
  }
  return out;
}
