// Synonyms (issue #13 item 5): groups of terms that mean the same at work (배포 = deploy = release), applied by both
// engines. The engines receive the groups through SearchEngine.setSynonyms; where they come from (the shipped
// dictionary in synonyms-default.ts, then the admins' copy in synonym_groups) is the app's business.
//
//   query terms ──► units: a term, or consecutive words that form a dictionary entry ("code review")
//                   each unit + its synonyms (capped at MAX_SYNONYMS, the dictionary's order) ──► the engine ORs them
//
// The embedded engine ORs a unit's own expression with its synonyms' and scores synonym occurrences below the
// typed term's (SYNONYM_WEIGHT in sqlite-fts.ts), so the exact term ranks first; Meilisearch gets the same groups
// as its `synonyms` setting (meiliSynonyms). Lookup is a hash probe per term and per run of up to MAX_ENTRY_WORDS
// terms: linear in the query's length.
import { phraseTerm, type QueryTerm } from "./query";
import { normalizeText } from "./text";

export type SynonymGroup = readonly string[];

/** Alternatives one unit of a query gains at most (a term may be in several groups). */
export const MAX_SYNONYMS = 8;
/** The longest dictionary entry, in words ("work from home"). */
export const MAX_ENTRY_WORDS = 4;
export const MAX_TERM_LENGTH = 64;
export const MAX_GROUP_TERMS = 16;
export const MAX_GROUPS = 5000;

/** A term in normal form: normalizeText, spaces collapsed. */
export function normalizeSynonymTerm(raw: string): string {
  return normalizeText(raw).replace(/\s+/g, " ").trim();
}

export type TermProblem = "empty" | "tooLong" | "badCharacter" | "noLetter";

/**
 * Why a term cannot be a synonym, or null. Commas and quotes would not survive the CSV; #, @ and : would read as
 * a hashtag, a mention or from: in a query; a term without a letter or digit matches nothing.
 */
export function termProblem(term: string): TermProblem | null {
  if (term === "") return "empty";
  if (Array.from(term).length > MAX_TERM_LENGTH) return "tooLong";
  if (/[,"“”„#＃@]|^from:/u.test(term)) return "badCharacter";
  if (!/[\p{L}\p{N}]/u.test(term)) return "noLetter";
  return null;
}

/** The normalised, de-duplicated terms of a group, in the order given. */
export function normalizeGroup(terms: readonly string[]): string[] {
  return [...new Set(terms.map(normalizeSynonymTerm).filter((t) => t !== ""))];
}

/** Term → the other terms of every group it is in, in dictionary order, capped. */
export class SynonymIndex {
  private readonly map = new Map<string, string[]>();
  readonly size: number;

  constructor(groups: readonly SynonymGroup[]) {
    for (const g of groups) {
      const terms = normalizeGroup(g);
      if (terms.length < 2) continue;
      for (const t of terms) {
        let list = this.map.get(t);
        if (!list) this.map.set(t, (list = []));
        for (const o of terms) if (o !== t && !list.includes(o) && list.length < MAX_SYNONYMS) list.push(o);
      }
    }
    this.size = this.map.size;
  }

  /** The synonyms of a normalised term (never the term itself). */
  of(term: string): readonly string[] {
    return this.map.get(term) ?? [];
  }
}

export const NO_SYNONYMS = new SynonymIndex([]);

/** Consecutive query terms and what they may be replaced with. */
export type SynonymUnit = { terms: QueryTerm[]; synonyms: QueryTerm[] };

/** The dictionary keys a term can be looked up under: its text, and a Korean run without its particle. */
function keysOf(t: QueryTerm): string[] {
  if (t.kind === "cjk") return t.variants;
  return [normalizeSynonymTerm(t.text)];
}

/** A synonym as a query term: exact words (no prefix), a CJK run, or a phrase. */
export function synonymTerm(term: string): QueryTerm | null {
  return phraseTerm(term);
}

/**
 * Splits a query's terms into units: runs of up to MAX_ENTRY_WORDS terms that together are a dictionary entry
 * (longest first), and single terms. A unit's synonyms are empty when the dictionary has none.
 */
export function synonymUnits(
  terms: QueryTerm[],
  index: SynonymIndex,
  /**
   * Other words a single term may stand for, tried when its own text has no entry: the engine's stem family and
   * corrections of a Latin word (issue #13: `depoly` and `deployment` find 배포 through deploy).
   */
  otherForms?: (t: QueryTerm) => readonly string[],
): SynonymUnit[] {
  const out: SynonymUnit[] = [];
  for (let i = 0; i < terms.length;) {
    let taken = 0;
    let found: readonly string[] = [];
    if (index.size > 0) {
      for (let len = Math.min(MAX_ENTRY_WORDS, terms.length - i); len >= 1 && taken === 0; len--) {
        const run = terms.slice(i, i + len);
        if (len > 1 && run.some((t) => t.kind === "phrase")) continue;
        const keys = len === 1 ? keysOf(run[0]) : [run.map((t) => t.text).join(" ")];
        for (const k of keys) {
          const syn = index.of(k);
          if (syn.length) {
            found = syn;
            taken = len;
            break;
          }
        }
        if (taken === 0 && len === 1 && otherForms) {
          for (const k of otherForms(run[0])) {
            const syn = index.of(normalizeSynonymTerm(k));
            if (syn.length) {
              found = syn;
              taken = len;
              break;
            }
          }
        }
      }
    }
    if (taken === 0) {
      out.push({ terms: [terms[i]], synonyms: [] });
      i += 1;
    } else {
      const synonyms = found.map(synonymTerm).filter((t): t is QueryTerm => t !== null);
      out.push({ terms: terms.slice(i, i + taken), synonyms });
      i += taken;
    }
  }
  return out;
}

/** Meilisearch's `synonyms` setting: every term of a group lists the others (Meilisearch's mutual synonyms). */
export function meiliSynonyms(groups: readonly SynonymGroup[]): Record<string, string[]> {
  const index = new SynonymIndex(groups);
  const out: Record<string, string[]> = {};
  for (const g of groups) {
    for (const t of normalizeGroup(g)) if (!(t in out)) out[t] = [...index.of(t)];
  }
  for (const k of Object.keys(out)) if (out[k].length === 0) delete out[k];
  return out;
}
