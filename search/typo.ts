// Typo tolerance for Latin words and "did you mean" (issue #13 items 3 and 6), as Meilisearch does it by default:
// one typo from 5 letters, two from 9, never on the first letter; a transposition ("depoly") counts as one.
//
// The embedded engine looks candidates up in its vocabulary (search_post_terms): the words with the same first
// letter and a length within the budget, at most MAX_TYPO_SCAN of them, kept when editDistance() says they are
// close enough. Exact matches still rank first: the engine ranks a post that needs a corrected (or stemmed)
// form of a term after every post that has the term itself, as Meilisearch's "typo" ranking rule does.
//
// "Did you mean" is looser — an empty page is the moment to propose a guess, not to widen every search: one typo
// from 3 letters, two from 6 (still never the first letter). A suggestion is only made when the corrected query
// finds something the viewer may see, searched with the corrected words exactly, so it can never name a word
// that only documents hidden from the viewer contain.

/** Words of ASCII letters only are corrected (normalised text has diacritics folded). */
const LATIN_WORD_RE = /^[a-z]+$/;
/** Vocabulary rows read per word; bounds the cost of a typo lookup at any index size. */
export const MAX_TYPO_SCAN = 5000;
/** Corrections of one word that a search also matches, closest and most frequent first. */
export const MAX_TYPO_EXPANSIONS = 8;

/** Typos allowed in a word of this many letters when searching: Meilisearch's defaults (oneTypo 5, twoTypos 9). */
export function typoBudget(word: string): 0 | 1 | 2 {
  if (!LATIN_WORD_RE.test(word)) return 0;
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Typos allowed when looking for a "did you mean" suggestion after an empty result. */
export function suggestionBudget(word: string): 0 | 1 | 2 {
  if (!LATIN_WORD_RE.test(word) || word.length > 64) return 0;
  return word.length >= 6 ? 2 : word.length >= 3 ? 1 : 0;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or max + 1 as soon as it is
 * certain to exceed max. O(a·b) for words of at most 64 letters.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n], max + 1);
}

export type Candidate = { term: string; df: number };

/**
 * The vocabulary words within `budget` typos of `word`, never differing in the first letter, closest first and
 * then the most frequent. `rows` are the vocabulary's words starting with word[0] (see typoRange).
 */
export function closeWords(word: string, budget: number, rows: Candidate[], max: number): Candidate[] {
  if (budget === 0) return [];
  const found: (Candidate & { d: number })[] = [];
  for (const r of rows) {
    if (r.term === word || r.term[0] !== word[0] || !LATIN_WORD_RE.test(r.term)) continue;
    const d = editDistance(word, r.term, budget);
    if (d <= budget) found.push({ ...r, d });
  }
  found.sort((a, b) => a.d - b.d || b.df - a.df || (a.term < b.term ? -1 : 1));
  return found.slice(0, max).map(({ term, df }) => ({ term, df }));
}

/** The vocabulary range and lengths to read for a word's candidates. */
export function typoRange(word: string, budget: number) {
  return {
    from: word[0],
    to: String.fromCharCode(word.charCodeAt(0) + 1),
    min: word.length - budget,
    max: word.length + budget,
  };
}

/**
 * The query as typed with some words replaced (normalised words → their corrections), for "did you mean".
 * Each whitespace-separated chunk is normalised so that the replaced word can be found in it.
 */
export function rewriteQuery(q: string, replace: Map<string, string>, normalize: (s: string) => string): string {
  return q
    .trim()
    .split(/\s+/)
    .map((chunk) => {
      // Hashtags and from:handle are filters, not words to correct.
      if (/^([#＃]|from:)/i.test(chunk)) return chunk;
      const n = normalize(chunk);
      let changed = false;
      const out = n.replace(/[a-z]+/g, (w) => {
        const r = replace.get(w);
        if (r === undefined) return w;
        changed = true;
        return r;
      });
      return changed ? out : chunk;
    })
    .join(" ");
}
