// 초성 (initial-consonant) search in the people directory and @-mention suggestions (issue #13 item 1): ㄱㅁㅅ or
// 김ㅁㅅ finds 김민수. They search the users table with LIKE, which knows nothing of initial consonants, so a
// deterministic SQL function — registered once per connection — matches a name against the query's pattern
// (search/hangul.ts). It only joins the LIKE (a scan of active people already) when the query has a lone
// consonant, and the query is compiled once, not once per row.
import type Database from "better-sqlite3";
import { getDb } from "#app/infra/db.server";
import { hasLoneConsonant, jamoPatterns, matchName, patternRegExp, type Pattern } from "#search/hangul";
import { normalizeText } from "#search/text";

const registered = new WeakSet<Database.Database>();
let compiled: { q: string; patterns: Pattern[]; re: RegExp } | null = null;

/** The query in normal form when it asks for 초성 (one word with a lone consonant), else null. */
export function initialsQuery(q: string): string | null {
  const n = normalizeText(q.trim());
  if (!n || /\s/.test(n) || !hasLoneConsonant(n)) return null;
  return jamoPatterns(n, { initials: true, open: false }) ? n : null;
}

/**
 * `hangul_name_match(name, q)` on the current connection: 1 when the name matches initialsQuery's q — whole, at
 * a word's start, inside, or as an abbreviation (ㅅㅍ → 신제품) — else 0. Call before preparing SQL that uses it.
 */
export function ensureNameMatch(): void {
  const db = getDb().$client;
  if (registered.has(db)) return;
  db.function("hangul_name_match", { deterministic: true }, (name: unknown, q: unknown) => {
    if (typeof name !== "string" || typeof q !== "string") return 0;
    if (compiled?.q !== q) {
      const patterns = jamoPatterns(q, { initials: true, open: false });
      if (!patterns) return 0;
      compiled = { q, patterns, re: patternRegExp(patterns) };
    }
    return matchName(normalizeText(name), compiled.patterns, compiled.re, true) ? 1 : 0;
  });
  registered.add(db);
}
