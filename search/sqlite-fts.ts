// The embedded engine: SQLite FTS5 in the application database (docs/decisions/0001-search.md).
//
// Matching is FTS5's job, over tokens made by search/text.ts (words + CJK bigrams). Posts are keyed by time
// (key = created_at_ms * 1024 + id % 1024), so FTS5 walks matches newest first and stops early: "newest" is a
// LIMIT, a date range or cursor is a rowid range. Relevance is BM25 computed here over the newest RESULT_WINDOW
// visible matches — FTS5's bm25() rescans every match of every phrase to get its IDF, which costs 20–400 ms
// for common Korean terms at 1M posts; our IDF comes from the term table we keep anyway for prefix expansion
// (FTS5 prefix queries merge every matching term's postings in memory: 70 ms for "deplo*" at 1M).
//
// Visibility is checked inside the query (EXISTS over the document's scopes), before LIMIT and count, so hits
// and totals only ever include what the viewer may see.
//
// Issue #13: a Latin word also matches the vocabulary's words with its English stem (search/stem.ts) and its
// close spellings (search/typo.ts); those count less, and a post that needs them for a term ranks after every
// post that has the term as typed. An empty page may carry a "did you mean" query (suggest()).
import type Database from "better-sqlite3";
import {
  badQuery,
  clampLimit,
  cursorInt,
  decodeCursor,
  encodeCursor,
  hashtagKey,
  highlightTerms,
  parseQuery,
  type ParsedQuery,
  type QueryTerm,
} from "./query";
import {
  hasLoneConsonant,
  initialsLookup,
  initialsTokens,
  jamoPatterns,
  matchName,
  NameMatch,
  patternRegExp,
  stemAndLast,
  typoVariants,
  type Pattern,
} from "./hangul";
import {
  CharClass,
  classify,
  cjkTokens,
  highlight,
  indexTokens,
  normalizeText,
  runs,
  snippet,
  type HighlightTerm,
} from "./text";
import { englishStem, familyPrefix } from "./stem";
import {
  closeWords,
  MAX_TYPO_EXPANSIONS,
  MAX_TYPO_SCAN,
  rewriteQuery,
  suggestionBudget,
  typoBudget,
  typoRange,
  type Candidate,
} from "./typo";
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  POST_KINDS,
  RESULT_WINDOW,
  type DocRef,
  type DocType,
  type EngineHealth,
  type GroupDoc,
  type HashtagDoc,
  type PersonDoc,
  type PostDoc,
  type SearchDoc,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  isPostSearch,
} from "./types";
import { NO_SYNONYMS, SynonymIndex, synonymUnits, type SynonymUnit } from "./synonyms";

const KEY_SCALE = 1024;
const MAX_KEY = Number.MAX_SAFE_INTEGER;
/** Expansions of a prefix word ("deplo" → deploy, deployment, …), most frequent first. */
const MAX_WORD_EXPANSIONS = 16;
/** Expansions of a single CJK character (팀 → 팀, 팀장, 팀원, 발팀's 팀 …). */
const MAX_CHAR_EXPANSIONS = 48;
const BM25_K1 = 1.2;
const BM25_B = 0.75;
const AUTHOR_WEIGHT = 0.5;
/** A question's title counts twice a body occurrence, its best answer's text half (issue #9). */
const TITLE_WEIGHT = 2;
const ANSWER_WEIGHT = 0.5;
/** A question with a best answer ranks above an otherwise equal unanswered one. */
const ANSWERED_BOOST = 1.25;
/** With match "any", terms whose IDF is below this share of the rarest term's are left out (too common to help). */
const ANY_MIN_IDF_SHARE = 0.5;
const PREFIX_WEIGHT = 0.6;
const STRIPPED_WEIGHT = 0.8;
/** An occurrence of a synonym (issue #13: deploy for 배포) counts this much of one of the typed term. */
const SYNONYM_WEIGHT = 0.7;
/** Occurrences of another word with the term's stem (deployed for deployment), and of a corrected spelling. */
const STEM_WEIGHT = 0.8;
const TYPO_WEIGHT = 0.5;
/** Vocabulary words read for one stem family, and how many of the family a term matches. */
const MAX_STEM_SCAN = 256;
const MAX_STEM_EXPANSIONS = 16;
/** Corrections tried per word for "did you mean". */
const MAX_SUGGESTION_CANDIDATES = 3;
/** Completions of the syllable being typed (회으 → 회의) looked up in the vocabulary, most frequent first. */
const MAX_COMPLETIONS = 16;
/** One-jamo corrections of a Korean word (온보등 → 온보딩); an occurrence counts TYPO_WEIGHT. */
const MAX_TYPO_VARIANTS = 3;
/** What a name matched by 초성 or an unfinished syllable adds to a person's or group's score, by closeness. */
const NAME_MATCH_SCORE: Record<NameMatch, number> = {
  [NameMatch.Whole]: 40,
  [NameMatch.Prefix]: 30,
  [NameMatch.Word]: 20,
  [NameMatch.Inside]: 12,
  [NameMatch.Abbreviation]: 6,
};

/** Time-ordered post key; JS-safe until the year 2248. */
export function postKey(createdAt: number, id: number): number {
  const ms = Math.max(0, Math.min(Math.floor(createdAt), Math.floor(MAX_KEY / KEY_SCALE) - 1));
  return ms * KEY_SCALE + (id % KEY_SCALE);
}

const hex = (s: string) => Buffer.from(s, "utf8").toString("hex");
const q = (token: string) => `"${token.replace(/"/g, '""')}"`;
/** Smallest string greater than every string starting with p (SQLite compares UTF-8 bytes). */
const prefixEnd = (p: string) => p + "\u{10ffff}";

type Stmt = Database.Statement;
type PostRow = {
  key: number;
  id: number;
  thread_id: number;
  reply_to_id: number | null;
  kind: string;
  author_id: number;
  author_handle: string;
  author_name: string;
  body: string;
  length: number;
  hashtags: string;
  created_at: number;
  group_id: number | null;
  title: string | null;
  answer: string | null;
  answered: number;
  visibility: string;
};
type PersonRow = {
  id: number;
  handle: string;
  name: string;
  department: string;
  title: string;
  active: number;
  visibility: string;
};
type HashtagRow = { id: number; name: string; post_count: number; visibility: string };
type GroupRow = {
  id: number;
  slug: string;
  name: string;
  description: string;
  member_count: number;
  visibility: string;
};

/** Per-term information for BM25: how often it occurs in a document's normalised text, and its IDF. */
type Scorer = {
  count: (text: string) => number;
  idf: number;
  /** Weighted occurrences of the term's other forms (stem family, corrections); absent when it has none. */
  variants?: (text: string) => number;
  /** Weighted occurrences of the term's synonyms: a post with only these ranks after one with another form. */
  synonyms?: (text: string) => number;
};

/** A post search's FTS5 expression and what scoring and highlighting need. */
type PostMatch = {
  match: string;
  lo: number;
  hi: number;
  scorers: Scorer[];
  /** The query's highlight terms plus the other forms the terms matched ("why it matched"). */
  highlight: HighlightTerm[];
  hasText: boolean;
};

export class SqliteFtsEngine implements SearchEngine {
  readonly name = "sqlite-fts" as const;
  private statements = new Map<string, Stmt>();
  private scopeIds = new Map<string, number>();
  private synonyms = NO_SYNONYMS;
  /** fts5vocab tables made on this connection (correctSimple). */
  private vocabTables = new Set<string>();

  constructor(readonly db: Database.Database) {}

  private stmt(sql: string): Stmt {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  async setup(): Promise<void> {
    const missing = this.missingTables();
    if (missing.length) throw new Error(`search tables missing (run the migrations): ${missing.join(", ")}`);
  }

  private missingTables(): string[] {
    const want = [
      "search_post_fts",
      "search_person_fts",
      "search_hashtag_fts",
      "search_group_fts",
      "search_post_docs",
      "search_post_terms",
    ];
    const have = new Set(
      this.stmt(`select name from sqlite_master where name in (select value from json_each(@names))`)
        .pluck()
        .all({ names: JSON.stringify(want) }) as string[],
    );
    return want.filter((n) => !have.has(n));
  }

  async setSynonyms(groups: readonly (readonly string[])[]): Promise<void> {
    this.synonyms = new SynonymIndex(groups);
  }

  async health(): Promise<EngineHealth> {
    try {
      const missing = this.missingTables();
      if (missing.length) return { ok: false, engine: this.name, detail: `missing ${missing.join(", ")}` };
      const posts = this.stat("post_docs");
      return { ok: true, engine: this.name, detail: `${posts} posts indexed` };
    } catch (e) {
      return { ok: false, engine: this.name, detail: e instanceof Error ? e.message : String(e) };
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Writing
  // -------------------------------------------------------------------------------------------------------

  private stat(name: string): number {
    return (
      (this.stmt(`select value from search_stats where name = @name`).pluck().get({ name }) as number | undefined) ?? 0
    );
  }

  private addStat(name: string, delta: number) {
    if (delta === 0) return;
    this.stmt(
      `insert into search_stats (name, value) values (@name, @delta)
       on conflict (name) do update set value = value + excluded.value`,
    ).run({ name, delta });
  }

  private scopeId(name: string): number {
    let id = this.scopeIds.get(name);
    if (id === undefined) {
      this.stmt(`insert into search_scopes (name) values (@name) on conflict (name) do nothing`).run({ name });
      id = this.stmt(`select id from search_scopes where name = @name`).pluck().get({ name }) as number;
      this.scopeIds.set(name, id);
    }
    return id;
  }

  /** The ids of the viewer's scopes that any document has; unknown scopes cannot match anything. */
  private viewerScopeIds(names: string[]): number[] {
    const ids: number[] = [];
    const unknown: string[] = [];
    for (const n of new Set(names)) {
      const id = this.scopeIds.get(n);
      if (id === undefined) unknown.push(n);
      else ids.push(id);
    }
    if (unknown.length) {
      const rows = this.stmt(
        `select id, name from search_scopes where name in (select value from json_each(@names))`,
      ).all({
        names: JSON.stringify(unknown),
      }) as { id: number; name: string }[];
      for (const r of rows) {
        this.scopeIds.set(r.name, r.id);
        ids.push(r.id);
      }
    }
    return ids;
  }

  async index(docs: SearchDoc[]): Promise<void> {
    if (docs.length === 0) return;
    this.db
      .transaction(() => {
        const terms = new Map<string, number>();
        for (const doc of docs) {
          if (doc.type === "post") this.indexPost(doc, terms);
          else if (doc.type === "person") this.indexPerson(doc);
          else if (doc.type === "group") this.indexGroup(doc);
          else this.indexHashtag(doc);
        }
        this.applyTermDeltas(terms);
      })
      .immediate();
  }

  async remove(refs: DocRef[]): Promise<void> {
    if (refs.length === 0) return;
    this.db
      .transaction(() => {
        const terms = new Map<string, number>();
        for (const ref of refs) {
          if (ref.type === "post") this.removePost(ref.id, terms);
          else this.removeSimple(ref.type, ref.id);
        }
        this.applyTermDeltas(terms);
      })
      .immediate();
  }

  async reset(): Promise<void> {
    this.db
      .transaction(() => {
        for (const t of ["post", "person", "hashtag", "group"]) {
          this.db.exec(`insert into search_${t}_fts (search_${t}_fts) values ('delete-all')`);
          this.db.exec(`delete from search_${t}_docs; delete from search_${t}_scopes;`);
        }
        this.db.exec(`delete from search_post_terms; delete from search_stats;`);
      })
      .immediate();
  }

  /**
   * A question's title and best answer share the FTS5 body column with the body (an FTS5 table cannot gain
   * columns without being rebuilt at 1M posts); they are stored apart in search_post_docs, where scoring weighs
   * them (TITLE_WEIGHT, ANSWER_WEIGHT) and highlighting finds them.
   */
  private postTokens(body: string, authorName: string, authorHandle: string, title = "", answer = "") {
    const text = [title, body, answer].filter(Boolean).map(indexTokens).filter(Boolean).join(" ");
    return { body: text, author: `${indexTokens(authorName)} ${indexTokens(authorHandle)}`.trim() };
  }

  private countTerms(tokens: { body: string; author: string }, terms: Map<string, number>, sign: 1 | -1) {
    const distinct = new Set<string>();
    for (const t of tokens.body.split(" ")) if (t) distinct.add(t);
    for (const t of tokens.author.split(" ")) if (t) distinct.add(t);
    for (const t of distinct) terms.set(t, (terms.get(t) ?? 0) + sign);
  }

  private applyTermDeltas(terms: Map<string, number>) {
    const up = this.stmt(
      `insert into search_post_terms (term, df) values (@term, @delta)
       on conflict (term) do update set df = df + excluded.df`,
    );
    const prune = this.stmt(`delete from search_post_terms where term = @term and df <= 0`);
    for (const [term, delta] of terms) {
      if (delta === 0) continue;
      up.run({ term, delta });
      if (delta < 0) prune.run({ term });
    }
  }

  private removePost(id: number, terms: Map<string, number>) {
    const old = this.stmt(
      `select key, body, author_name, author_handle, title, answer from search_post_docs where id = @id`,
    ).get({ id }) as
      | {
          key: number;
          body: string;
          author_name: string;
          author_handle: string;
          title: string | null;
          answer: string | null;
        }
      | undefined;
    if (!old) return;
    const tokens = this.postTokens(old.body, old.author_name, old.author_handle, old.title ?? "", old.answer ?? "");
    this.countTerms(tokens, terms, -1);
    this.stmt(`delete from search_post_fts where rowid = @key`).run({ key: old.key });
    this.stmt(`delete from search_post_scopes where key = @key`).run({ key: old.key });
    this.stmt(`delete from search_post_docs where key = @key`).run({ key: old.key });
    this.addStat("post_docs", -1);
    this.addStat("post_tokens", -tokenCount(tokens.body));
  }

  private indexPost(doc: PostDoc, terms: Map<string, number>) {
    this.removePost(doc.id, terms);
    let key = postKey(doc.createdAt, doc.id);
    // Two posts in the same millisecond with ids 1024 apart: take the next free key of that millisecond.
    const taken = this.stmt(`select 1 from search_post_docs where key = @key`).pluck();
    for (let tries = 0; taken.get({ key }); tries++) {
      if (tries >= KEY_SCALE) throw new Error(`no free search key in millisecond ${doc.createdAt}`);
      key = key % KEY_SCALE === 0 ? key + KEY_SCALE - 1 : key - 1;
    }
    const tokens = this.postTokens(doc.body, doc.author.name, doc.author.handle, doc.title ?? "", doc.answer ?? "");
    const tagKeys = [...new Set(doc.hashtags.map(hashtagKey).filter((t): t is string => !!t))];
    const facets = [
      `k${doc.kind}`,
      `a${hex(doc.author.handle.toLowerCase())}`,
      ...tagKeys.map((t) => `t${hex(t)}`),
      ...(doc.groupId != null ? [`g${doc.groupId}`] : []),
      // Questions: b1 with a best answer, b0 without (the answered filter).
      ...(doc.kind === "question" ? [`b${doc.answered ? 1 : 0}`] : []),
    ].join(" ");
    this.stmt(
      `insert into search_post_docs (key, id, thread_id, reply_to_id, kind, author_id, author_handle, author_name, body,
         length, hashtags, created_at, group_id, title, answer, answered, visibility)
       values (@key, @id, @threadId, @replyToId, @kind, @authorId, @authorHandle, @authorName, @body, @length, @hashtags,
         @createdAt, @groupId, @title, @answer, @answered, @visibility)`,
    ).run({
      key,
      id: doc.id,
      threadId: doc.threadId,
      replyToId: doc.replyToId,
      kind: doc.kind,
      authorId: doc.author.id,
      authorHandle: doc.author.handle.toLowerCase(),
      authorName: doc.author.name,
      body: doc.body,
      length: tokenCount(tokens.body),
      hashtags: JSON.stringify(doc.hashtags),
      createdAt: Math.floor(doc.createdAt),
      groupId: doc.groupId ?? null,
      title: doc.title ?? null,
      answer: doc.answer ?? null,
      answered: doc.answered ? 1 : 0,
      visibility: JSON.stringify(doc.visibility),
    });
    const scope = this.stmt(`insert or ignore into search_post_scopes (key, scope_id) values (@key, @scopeId)`);
    for (const s of doc.visibility) scope.run({ key, scopeId: this.scopeId(s) });
    this.stmt(`insert into search_post_fts (rowid, body, author, facets) values (@key, @body, @author, @facets)`).run({
      key,
      body: tokens.body,
      author: tokens.author,
      facets,
    });
    this.countTerms(tokens, terms, 1);
    this.addStat("post_docs", 1);
    this.addStat("post_tokens", tokenCount(tokens.body));
  }

  private removeSimple(type: "person" | "hashtag" | "group", id: number) {
    const exists = this.stmt(`select 1 from search_${type}_docs where id = @id`).pluck().get({ id });
    if (!exists) return;
    this.stmt(`delete from search_${type}_fts where rowid = @id`).run({ id });
    this.stmt(`delete from search_${type}_scopes where id = @id`).run({ id });
    this.stmt(`delete from search_${type}_docs where id = @id`).run({ id });
  }

  private indexPerson(doc: PersonDoc) {
    this.removeSimple("person", doc.id);
    this.stmt(
      `insert into search_person_docs (id, handle, name, department, title, active, visibility)
       values (@id, @handle, @name, @department, @title, @active, @visibility)`,
    ).run({
      id: doc.id,
      handle: doc.handle,
      name: doc.name,
      department: doc.department,
      title: doc.title,
      active: doc.active ? 1 : 0,
      visibility: JSON.stringify(doc.visibility),
    });
    const scope = this.stmt(`insert or ignore into search_person_scopes (id, scope_id) values (@id, @scopeId)`);
    for (const s of doc.visibility) scope.run({ id: doc.id, scopeId: this.scopeId(s) });
    this.stmt(
      `insert into search_person_fts (rowid, name, handle, department, title, initials)
       values (@id, @name, @handle, @department, @title, @initials)`,
    ).run({
      id: doc.id,
      initials: nameInitials(doc.name),
      name: indexTokens(doc.name),
      handle: indexTokens(doc.handle),
      department: indexTokens(doc.department),
      title: indexTokens(doc.title),
    });
  }

  private indexHashtag(doc: HashtagDoc) {
    this.removeSimple("hashtag", doc.id);
    this.stmt(
      `insert into search_hashtag_docs (id, name, post_count, visibility) values (@id, @name, @postCount, @visibility)`,
    ).run({
      id: doc.id,
      name: doc.name,
      postCount: doc.postCount,
      visibility: JSON.stringify(doc.visibility),
    });
    const scope = this.stmt(`insert or ignore into search_hashtag_scopes (id, scope_id) values (@id, @scopeId)`);
    for (const s of doc.visibility) scope.run({ id: doc.id, scopeId: this.scopeId(s) });
    this.stmt(`insert into search_hashtag_fts (rowid, name, initials) values (@id, @name, @initials)`).run({
      id: doc.id,
      name: indexTokens(doc.name),
      initials: nameInitials(doc.name),
    });
  }

  private indexGroup(doc: GroupDoc) {
    this.removeSimple("group", doc.id);
    this.stmt(
      `insert into search_group_docs (id, slug, name, description, member_count, visibility)
       values (@id, @slug, @name, @description, @memberCount, @visibility)`,
    ).run({
      id: doc.id,
      slug: doc.slug,
      name: doc.name,
      description: doc.description,
      memberCount: doc.memberCount,
      visibility: JSON.stringify(doc.visibility),
    });
    const scope = this.stmt(`insert or ignore into search_group_scopes (id, scope_id) values (@id, @scopeId)`);
    for (const s of doc.visibility) scope.run({ id: doc.id, scopeId: this.scopeId(s) });
    this.stmt(
      `insert into search_group_fts (rowid, name, slug, description, initials)
       values (@id, @name, @slug, @description, @initials)`,
    ).run({
      id: doc.id,
      initials: nameInitials(doc.name),
      name: indexTokens(doc.name),
      slug: indexTokens(doc.slug),
      description: indexTokens(doc.description),
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading back
  // -------------------------------------------------------------------------------------------------------

  async get(ref: DocRef): Promise<SearchDoc | null> {
    if (ref.type === "post") {
      const r = this.stmt(`select * from search_post_docs where id = @id`).get({ id: ref.id }) as PostRow | undefined;
      return r ? postFromRow(r) : null;
    }
    if (ref.type === "person") {
      const r = this.stmt(`select * from search_person_docs where id = @id`).get({ id: ref.id }) as
        PersonRow | undefined;
      return r
        ? {
            type: "person",
            id: r.id,
            handle: r.handle,
            name: r.name,
            department: r.department,
            title: r.title,
            active: r.active === 1,
            visibility: JSON.parse(r.visibility),
          }
        : null;
    }
    if (ref.type === "group") {
      const r = this.stmt(`select * from search_group_docs where id = @id`).get({ id: ref.id }) as GroupRow | undefined;
      return r
        ? {
            type: "group",
            id: r.id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            memberCount: r.member_count,
            visibility: JSON.parse(r.visibility),
          }
        : null;
    }
    const r = this.stmt(`select * from search_hashtag_docs where id = @id`).get({ id: ref.id }) as
      HashtagRow | undefined;
    return r
      ? { type: "hashtag", id: r.id, name: r.name, postCount: r.post_count, visibility: JSON.parse(r.visibility) }
      : null;
  }

  async scanIds(type: DocType, after: number, limit: number): Promise<number[]> {
    return this.stmt(`select id from search_${type}_docs where id > @after order by id limit @limit`)
      .pluck()
      .all({ after, limit }) as number[];
  }

  // -------------------------------------------------------------------------------------------------------
  // Searching
  // -------------------------------------------------------------------------------------------------------

  async search(query: SearchQuery): Promise<SearchResult> {
    let parsed = parseQuery(query.q, query.type, query.filters ?? {});
    const limit = clampLimit(query.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const cursor = decodeCursor(query.cursor);
    const scopeIds = this.viewerScopeIds(query.viewer.scopes);
    const empty: SearchResult = { hits: [], total: 0, totalExact: true, nextCursor: null };
    const units = synonymUnits(parsed.terms, this.synonyms);
    // Why it matched (issue #13 item 7): a synonym found in the text is marked like the typed term.
    const synonyms = units.flatMap((u) => u.synonyms);
    if (synonyms.length) parsed = { ...parsed, highlight: [...parsed.highlight, ...highlightTerms(synonyms)] };
    if (isPostSearch(query.type)) {
      if (query.filters?.kind != null && !POST_KINDS.includes(query.filters.kind)) throw badQuery("bad_filter");
      if (scopeIds.length === 0) return empty;
      const result = this.searchPosts(query, parsed, limit, cursor, scopeIds);
      if (result.total > 0 || cursor) return result;
      const didYouMean = this.suggest(query, parsed, scopeIds);
      return didYouMean ? { ...result, didYouMean } : result;
    }
    if (scopeIds.length === 0 || parsed.terms.length === 0) return empty;
    parsed = { ...parsed, highlight: parsed.highlight.map((h) => (h.kind === "word" ? { ...h, prefix: true } : h)) };
    const jamo = this.simpleJamo(parsed);
    // A term with synonyms is a whole dictionary word: it is found as typed or through a synonym, which the jamo
    // check (초성, the syllable being typed) would otherwise refuse.
    for (const u of units) if (u.synonyms.length) for (const t of u.terms) jamo.delete(t);
    const match = this.simpleUnitsMatch(units, jamo);
    const run = (p: ParsedQuery, m: string) =>
      query.type === "people"
        ? this.searchPeople(query, p, jamo, m, limit, cursor, scopeIds)
        : query.type === "groups"
          ? this.searchGroups(query, p, jamo, m, limit, cursor, scopeIds)
          : this.searchHashtags(p, jamo, m, limit, cursor, scopeIds);
    const result = run(parsed, match);
    if (result.total > 0 || cursor) return result;
    // Nothing found: a Latin word typed with a typo (Emilly) is tried as the closest word of the table's own
    // vocabulary (search/typo.ts thresholds); the second search applies the same visibility.
    const corrected = this.correctSimple(
      query.type === "people" ? "person" : query.type === "groups" ? "group" : "hashtag",
      parsed,
    );
    if (!corrected) return result;
    return run(corrected, this.simpleUnitsMatch(synonymUnits(corrected.terms, this.synonyms), jamo));
  }

  /**
   * The terms of a people, group or hashtag search with each Latin word that has a close word in that FTS table's
   * vocabulary (an fts5vocab table on this connection's temp schema: nothing is stored) replaced by it, or null.
   */
  private correctSimple(table: "person" | "group" | "hashtag", parsed: ParsedQuery): ParsedQuery | null {
    const vocab = `search_${table}_vocab`;
    if (!this.vocabTables.has(vocab)) {
      this.db.exec(`create virtual table if not exists temp.${vocab} using fts5vocab(main, search_${table}_fts, row)`);
      this.vocabTables.add(vocab);
    }
    let changed = false;
    const marks: HighlightTerm[] = [];
    const terms = parsed.terms.map((t): QueryTerm => {
      const budget = t.kind === "word" ? typoBudget(t.text) : 0;
      if (t.kind !== "word" || budget === 0) return t;
      const range = typoRange(t.text, budget);
      const rows = this.stmt(
        `select term, doc as df from temp.${vocab}
          where term >= @from and term < @to and length(term) between @min and @max limit @scan`,
      ).all({ ...range, scan: MAX_TYPO_SCAN }) as Candidate[];
      const [best] = closeWords(t.text, budget, rows, 1);
      if (!best) return t;
      changed = true;
      marks.push({ kind: "word", text: best.term, prefix: false });
      return { ...t, text: best.term, prefix: false };
    });
    return changed ? { ...parsed, terms, highlight: [...parsed.highlight, ...marks] } : null;
  }

  /**
   * The document frequency of those of some terms the post vocabulary has (it holds every hashtag, name and title
   * written in a post too).
   */
  private knownTerms(terms: string[]): Map<string, number> {
    if (terms.length === 0) return new Map();
    const rows = this.stmt(
      `select term, df from search_post_terms where term in (select value from json_each(@terms))`,
    ).all({ terms: JSON.stringify(terms) }) as { term: string; df: number }[];
    return new Map(rows.map((r) => [r.term, r.df]));
  }

  /** One-jamo corrections of a Korean term's forms (온보등 → 온보딩), at most MAX_TYPO_VARIANTS. */
  private typos(t: Extract<QueryTerm, { kind: "cjk" }>): string[] {
    const out = new Set<string>();
    for (const v of t.variants) {
      const found = (run: string) =>
        !!this.stmt(`select 1 from search_post_fts where search_post_fts match @match limit 1`).get({
          match: `{body author} : ${q(cjkTokens(run).slice(0, -1).join(" "))}`,
        });
      for (const c of typoVariants(v, (b) => this.knownTerms(b), MAX_TYPO_VARIANTS, found)) out.add(c);
    }
    return [...out].slice(0, MAX_TYPO_VARIANTS);
  }

  /**
   * People, hashtags and groups: the Korean terms that 초성 (ㄱㅁㅅ, 김ㅁㅅ), the syllable being typed (김미 → 김민수)
   * or a one-jamo typo widen. simpleMatch finds candidates for them; jamoCheck then keeps the rows that match.
   */
  private simpleJamo(parsed: ParsedQuery): Map<QueryTerm, JamoTerm> {
    const out = new Map<QueryTerm, JamoTerm>();
    for (const t of parsed.terms) {
      if (t.kind !== "cjk") continue;
      const initials = hasLoneConsonant(t.text);
      const patterns = jamoPatterns(t.text, { initials: true, open: t === parsed.open });
      const typos = initials ? [] : this.typos(t);
      if (patterns || typos.length) out.set(t, { patterns, re: patterns && patternRegExp(patterns), initials, typos });
    }
    return out;
  }

  /** Terms of the vocabulary starting with p, most frequent first (always including p itself). */
  private expand(p: string, max: number): { term: string; df: number }[] {
    const rows = this.stmt(
      `select term, df from search_post_terms where term >= @p and term < @end order by df desc limit @max`,
    ).all({ p, end: prefixEnd(p), max }) as { term: string; df: number }[];
    if (!rows.some((r) => r.term === p)) {
      const exact = this.stmt(`select term, df from search_post_terms where term = @p`).get({ p }) as
        { term: string; df: number } | undefined;
      if (exact) rows.push(exact);
    }
    return rows;
  }

  /**
   * A Latin word's other forms in the vocabulary, beyond `known` (its prefix expansions): the words sharing its
   * English stem, then its close spellings (search/typo.ts), each capped.
   */
  private latinVariants(word: string, known: Candidate[]): (Candidate & { weight: number })[] {
    const seen = new Set(known.map((r) => r.term));
    const out: (Candidate & { weight: number })[] = [];
    const s = englishStem(word);
    if (s) {
      const p = familyPrefix(s);
      const family = (
        this.stmt(`select term, df from search_post_terms where term >= @p and term < @end limit @scan`).all({
          p,
          end: prefixEnd(p),
          scan: MAX_STEM_SCAN,
        }) as Candidate[]
      )
        .filter((r) => !seen.has(r.term) && englishStem(r.term) === s)
        .sort((a, b) => b.df - a.df)
        .slice(0, MAX_STEM_EXPANSIONS);
      for (const r of family) {
        seen.add(r.term);
        out.push({ ...r, weight: STEM_WEIGHT });
      }
    }
    for (const r of this.closeTerms(word, typoBudget(word), MAX_TYPO_EXPANSIONS)) {
      if (!seen.has(r.term) && !r.term.startsWith(word)) out.push({ ...r, weight: TYPO_WEIGHT });
    }
    return out;
  }

  /** Vocabulary words within `budget` typos of `word` (search/typo.ts), closest and most frequent first. */
  private closeTerms(word: string, budget: number, max: number): Candidate[] {
    if (budget === 0) return [];
    const range = typoRange(word, budget);
    const rows = this.stmt(
      `select term, df from search_post_terms
        where term >= @from and term < @to and length(term) between @min and @max limit @scan`,
    ).all({ ...range, scan: MAX_TYPO_SCAN }) as Candidate[];
    return closeWords(word, budget, rows, max);
  }

  private df(term: string): number {
    return (
      (this.stmt(`select df from search_post_terms where term = @term`).pluck().get({ term }) as number | undefined) ??
      0
    );
  }

  /**
   * One AND-ed term → an FTS5 expression built only from quoted tokens, and how to score it. Returns null when
   * the term cannot match anything (a prefix nothing starts with).
   */
  private postTerm(
    t: QueryTerm,
    n: number,
    { open = false, strict = false }: { open?: boolean; strict?: boolean } = {},
  ): { expr: string; scorer: Scorer; marks?: HighlightTerm[] } | null {
    const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    if (t.kind === "word") {
      // A quoted word (or a single letter) means exactly that word: no prefix, stem or typo.
      if (!t.prefix) return { expr: q(t.text), scorer: { count: countWord(t.text, false), idf: idf(this.df(t.text)) } };
      const terms = this.expand(t.text, MAX_WORD_EXPANSIONS);
      const variants = this.latinVariants(t.text, terms);
      if (terms.length === 0 && variants.length === 0) return null;
      const df = Math.min(
        n,
        [...terms, ...variants].reduce((s, r) => s + r.df, 0),
      );
      // Words starting with the typed one are counted as prefix matches already.
      const others = new Map(variants.filter((v) => !v.term.startsWith(t.text)).map((v) => [v.term, v.weight]));
      return {
        expr: `(${[...terms, ...variants].map((r) => q(r.term)).join(" OR ")})`,
        scorer: {
          count: countWord(t.text, true),
          idf: idf(df),
          ...(others.size ? { variants: countWords(others) } : {}),
        },
        marks: [...others.keys()].map((m) => ({ kind: "word", text: m, prefix: false })),
      };
    }
    if (t.kind === "phrase") {
      const df = Math.min(...t.tokens.map((tok) => this.df(tok)));
      return { expr: q(t.tokens.join(" ")), scorer: { count: countPhrase(t.text), idf: idf(df) } };
    }
    // A CJK run, and the same without its particle: either may match; occurrences of the full form count
    // fully, those of the stripped form alone (서울에서 for 서울은) count STRIPPED_WEIGHT.
    const alternatives: string[] = [];
    const counters: ((text: string) => number)[] = [];
    let df = 0;
    for (const v of t.variants) {
      counters.push(countSubstring(v));
      if (Array.from(v).length === 1) {
        const terms = this.expand(v, MAX_CHAR_EXPANSIONS);
        if (terms.length === 0) continue;
        alternatives.push(...terms.map((r) => q(r.term)));
        df = Math.max(
          df,
          Math.min(
            n,
            terms.reduce((s, r) => s + r.df, 0),
          ),
        );
      } else {
        const bigrams = cjkTokens(v).slice(0, -1);
        alternatives.push(q(bigrams.join(" ")));
        df = Math.max(df, Math.min(...bigrams.map((b) => this.df(b))));
      }
    }
    // The syllable being typed (회으, 회ㅇ → 회의) and one-jamo typos (온보등 → 온보딩): a bounded set of phrases the
    // vocabulary has. Like a stem or a correction of a Latin word, they count less than the text as typed, and a
    // post that needs them ranks after the posts that have it.
    const completions = open && !strict ? this.completions(t.text) : null;
    const typos = strict ? [] : this.typos(t);
    const marks: HighlightTerm[] = [];
    for (const c of completions?.found ?? []) {
      alternatives.push(q(c.tokens.join(" ")));
      df = Math.max(df, Math.min(n, c.df));
      marks.push({ kind: "cjk", text: c.text });
    }
    for (const v of typos) {
      const bigrams = cjkTokens(v).slice(0, -1);
      alternatives.push(q(bigrams.join(" ")));
      df = Math.max(df, Math.min(...bigrams.map((b) => this.df(b))));
      marks.push({ kind: "cjk", text: v });
    }
    if (alternatives.length === 0) return null;
    const [full, stripped] = counters;
    const completed = completions?.found.length ? countRegExp(completions.re) : null;
    const corrected = typos.map(countSubstring);
    return {
      expr: alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`,
      scorer: {
        count: stripped
          ? (text) => {
              const c = full(text);
              return c + STRIPPED_WEIGHT * Math.max(0, stripped(text) - c);
            }
          : full,
        idf: idf(df),
        ...(marks.length
          ? {
              variants: (text: string) => {
                let other = completed ? PREFIX_WEIGHT * Math.max(0, completed(text) - full(text)) : 0;
                for (const count of corrected) other += TYPO_WEIGHT * count(text);
                return other;
              },
            }
          : {}),
      },
      marks,
    };
  }

  /**
   * Completions of a run's last, maybe unfinished syllable that the vocabulary has, most frequent first: each the
   * phrase of bigrams to look for and the text it stands for. Nothing for one character alone (a one-syllable
   * term is a prefix query already; a lone consonant would be every word with that initial).
   */
  private completions(run: string): { found: { tokens: string[]; text: string; df: number }[]; re: RegExp } | null {
    const patterns = jamoPatterns(run, { initials: false, open: true });
    if (!patterns) return null;
    const found: { tokens: string[]; text: string; df: number }[] = [];
    const used: Pattern[] = [];
    for (const p of patterns) {
      const sl = stemAndLast(p);
      if (!sl || sl.stem === "") continue;
      used.push(p);
      const stemChars = Array.from(sl.stem);
      const lastChar = stemChars[stemChars.length - 1];
      const head = cjkTokens(sl.stem).slice(0, -1);
      for (const [lo, hi] of sl.last) {
        const rows = this.stmt(
          `select term, df from search_post_terms where term >= @lo and term <= @hi order by df desc limit @max`,
        ).all({
          lo: lastChar + String.fromCodePoint(lo),
          hi: lastChar + String.fromCodePoint(hi),
          max: MAX_COMPLETIONS,
        }) as { term: string; df: number }[];
        for (const r of rows)
          found.push({ tokens: [...head, r.term], text: sl.stem + r.term.slice(lastChar.length), df: r.df });
      }
    }
    if (used.length === 0) return null;
    found.sort((a, b) => b.df - a.df);
    return { found: found.slice(0, MAX_COMPLETIONS), re: patternRegExp(used) };
  }

  /**
   * A unit of the query (search/synonyms.ts): its own term(s), AND-ed, or any of its synonyms, each exactly as
   * written. Synonym occurrences are other forms of the term (Scorer.variants, SYNONYM_WEIGHT each), so a post
   * that has only a synonym ranks after those with the typed words; the IDF is the most common alternative's.
   */
  private unitTerm(
    unit: SynonymUnit,
    n: number,
    open: QueryTerm | undefined,
    strict: boolean,
  ): { expr: string; scorer: Scorer; marks?: HighlightTerm[] } | null {
    const term = (t: QueryTerm) =>
      this.postTerm(strict && t.kind === "word" ? { ...t, prefix: false } : t, n, { open: t === open, strict });
    if (unit.synonyms.length === 0 && unit.terms.length === 1) return term(unit.terms[0]);
    const own = unit.terms.map(term);
    const parts: string[] = [];
    const idfs: number[] = [];
    let ownCount: (text: string) => number = () => 0;
    let ownVariants: ((text: string) => number) | undefined;
    let marks: HighlightTerm[] = [];
    if (own.every((o) => o !== null)) {
      const built = own as NonNullable<(typeof own)[number]>[];
      parts.push(built.length === 1 ? built[0].expr : `(${built.map((b) => b.expr).join(" AND ")})`);
      idfs.push(Math.max(...built.map((b) => b.scorer.idf)));
      // Several typed words that form one entry ("code review") count where they stand together.
      ownCount = built.length === 1 ? built[0].scorer.count : countPhrase(unit.terms.map((t) => t.text).join(" "));
      ownVariants = built.length === 1 ? built[0].scorer.variants : undefined;
      marks = built.flatMap((b) => b.marks ?? []);
    }
    const alts = unit.synonyms.map((t) => this.postTerm(t, n, { strict: true })).filter((b) => b !== null);
    for (const a of alts) {
      parts.push(a.expr);
      idfs.push(a.scorer.idf);
    }
    if (parts.length === 0) return null;
    return {
      expr: parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`,
      scorer: {
        count: ownCount,
        idf: Math.min(...idfs),
        ...(ownVariants ? { variants: ownVariants } : {}),
        synonyms: (text) => {
          let c = 0;
          for (const a of alts) c += SYNONYM_WEIGHT * a.scorer.count(text);
          return c;
        },
      },
      marks,
    };
  }

  /**
   * The FTS5 expression of a post search and its scoring, or null when it cannot match anything. `strict`
   * leaves out stems and corrections ("did you mean" checks a suggestion with the words exactly as suggested).
   */
  private postMatch(query: SearchQuery, parsed: ParsedQuery, n: number, strict = false): PostMatch | null {
    const f = query.filters ?? {};
    const text: string[] = [];
    const scorers: Scorer[] = [];
    const marks: HighlightTerm[] = [];
    const any = query.match === "any";
    // "Did you mean" checks the words exactly as suggested: no synonyms either.
    // A Latin word with no synonyms of its own takes those of its stem family or corrections (deploy for depoly).
    const otherForms = (t: QueryTerm) =>
      t.kind === "word" && t.prefix
        ? this.latinVariants(t.text, this.expand(t.text, MAX_WORD_EXPANSIONS)).map((v) => v.term)
        : [];
    for (const unit of synonymUnits(parsed.terms, strict ? NO_SYNONYMS : this.synonyms, otherForms)) {
      const built = this.unitTerm(unit, n, parsed.open, strict);
      if (!built) {
        if (any) continue;
        return null;
      }
      text.push(built.expr);
      scorers.push(built.scorer);
      marks.push(...(built.marks ?? []));
      // Synonyms found through another form of a word are marked too (search() marks those of the typed words).
      if (unit.synonyms.length) marks.push(...highlightTerms(unit.synonyms));
    }
    if (any && scorers.length > 1) {
      // OR-ed common words ("how", "the", 어떻게) would fill the newest RESULT_WINDOW matches with posts that
      // share only them, pushing an older real duplicate out of the window: keep the words that tell posts apart.
      // A term no post has (IDF of df 0) matches nothing and does not set the bar.
      const unseen = Math.log(1 + (n + 0.5) / 0.5) - 1e-9;
      const seen = scorers.filter((sc) => sc.idf < unseen);
      const maxIdf = seen.length ? Math.max(...seen.map((sc) => sc.idf)) : 0;
      const keep = scorers.map((sc) => sc.idf < unseen && sc.idf >= ANY_MIN_IDF_SHARE * maxIdf);
      for (let i = scorers.length - 1; i >= 0; i--) {
        if (!keep[i]) {
          text.splice(i, 1);
          scorers.splice(i, 1);
        }
      }
    }
    // Typed words of which none can match: nothing (not every post, as a search by filters alone would be).
    if (any && text.length === 0 && parsed.terms.length > 0) return null;
    const facets: string[] = [];
    // Questions: the question kind, and whether they have a best answer (implies the kind, as b0/b1 exist only
    // on questions).
    const kind = query.type === "questions" || f.answered != null ? "question" : f.kind;
    if (f.kind && kind !== f.kind) return null;
    if (kind) facets.push(q(`k${kind}`));
    if (f.answered != null) facets.push(q(`b${f.answered ? 1 : 0}`));
    if (f.groupId != null) facets.push(q(`g${groupIdFilter(f.groupId)}`));
    for (const a of parsed.authors) facets.push(q(`a${hex(a)}`));
    for (const h of parsed.hashtags) facets.push(q(`t${hex(h)}`));
    const match = [
      text.length ? `{body author} : (${text.join(any ? " OR " : " AND ")})` : null,
      facets.length ? `facets : (${facets.join(" AND ")})` : null,
    ]
      .filter(Boolean)
      .join(" AND ");

    const lo = Math.max(0, f.from != null ? postKey(f.from, 0) : 0);
    const hi = Math.min(MAX_KEY, f.to != null ? postKey(f.to, 0) + KEY_SCALE - 1 : MAX_KEY);
    if (f.from != null && f.to != null && f.from > f.to) return null;
    return { match, lo, hi, scorers, highlight: [...parsed.highlight, ...marks], hasText: text.length > 0 };
  }

  /** Whether the viewer may see at least one post matching the expression. */
  private anyVisible(m: PostMatch, scopeIds: number[]): boolean {
    return !!this.stmt(
      `select 1 from search_post_fts f
        where search_post_fts match @match and f.rowid >= @lo and f.rowid <= @hi
          and exists (select 1 from search_post_scopes s where s.key = f.rowid
                       and s.scope_id in (select value from json_each(@scopes)))
        limit 1`,
    ).get({ match: m.match, lo: m.lo, hi: m.hi, scopes: JSON.stringify(scopeIds) });
  }

  /**
   * "Did you mean" for an empty page (search/typo.ts): each word with no visible match of its own is replaced by
   * its closest vocabulary word that has one, and the whole corrected query must then find a post the viewer may
   * see with the suggested words exactly — so a suggestion never names a word only hidden posts contain.
   */
  private suggest(query: SearchQuery, parsed: ParsedQuery, scopeIds: number[]): string | null {
    const n = Math.max(1, this.stat("post_docs"));
    const alone = (t: QueryTerm, strict: boolean) => {
      const m = this.postMatch({ ...query, match: "all" }, { ...parsed, terms: [t] }, n, strict);
      return m !== null && this.anyVisible(m, scopeIds);
    };
    const replace = new Map<string, string>();
    const terms = parsed.terms.map((t) => {
      if (t.kind !== "word" || !t.prefix) return t;
      const budget = suggestionBudget(t.text);
      if (budget === 0 || alone(t, false)) return t;
      for (const c of this.closeTerms(t.text, budget, MAX_SUGGESTION_CANDIDATES)) {
        const corrected = { kind: "word" as const, text: c.term, prefix: false };
        if (alone(corrected, true)) {
          replace.set(t.text, c.term);
          return corrected;
        }
      }
      return t;
    });
    if (replace.size === 0) return null;
    const m = this.postMatch(query, { ...parsed, terms }, n, true);
    if (!m || !this.anyVisible(m, scopeIds)) return null;
    return rewriteQuery(query.q, replace, normalizeText);
  }

  private searchPosts(
    query: SearchQuery,
    parsed: ParsedQuery,
    limit: number,
    cursor: Record<string, unknown> | null,
    scopeIds: number[],
  ): SearchResult {
    const n = Math.max(1, this.stat("post_docs"));
    const built = this.postMatch(query, parsed, n);
    if (!built) return { hits: [], total: 0, totalExact: true, nextCursor: null };
    const { match, lo, hi, scorers, highlight: marks } = built;

    const sort = !built.hasText ? "newest" : (query.sort ?? "relevance");
    const params = { match, lo, hi, scopes: JSON.stringify(scopeIds) };
    const visible = `exists (select 1 from search_post_scopes s where s.key = f.rowid and s.scope_id in (select value from json_each(@scopes)))`;
    const candidates = this.stmt(
      `select f.rowid as key, d.* from search_post_fts f join search_post_docs d on d.key = f.rowid
        where search_post_fts match @match and f.rowid >= @lo and f.rowid <= @hi and ${visible}
        order by f.rowid desc limit @n`,
    );

    if (sort === "newest") {
      if (cursor && cursor.s !== "n") throw badQuery("bad_cursor");
      const before = cursor ? cursorInt(cursor, "k") : null;
      const rows = candidates.all({
        ...params,
        hi: before != null ? Math.min(hi, before - 1) : hi,
        n: limit + 1,
      }) as PostRow[];
      const page = rows.slice(0, limit);
      const counted = this.stmt(
        `select count(*) from (select 1 from search_post_fts f
          where search_post_fts match @match and f.rowid >= @lo and f.rowid <= @hi and ${visible} limit @cap)`,
      )
        .pluck()
        .get({ ...params, cap: RESULT_WINDOW + 1 }) as number;
      return {
        hits: page.map((r) => postHit(r, marks)),
        total: Math.min(counted, RESULT_WINDOW),
        totalExact: counted <= RESULT_WINDOW,
        nextCursor: rows.length > limit ? encodeCursor({ s: "n", k: page[page.length - 1].key }) : null,
      };
    }

    if (cursor && cursor.s !== "r") throw badQuery("bad_cursor");
    const offset = cursor ? cursorInt(cursor, "o", 0, RESULT_WINDOW) : 0;
    // Only what scoring needs, as arrays: building 1,000 full row objects would cost more than the search.
    const rows = this.stmt(
      `select f.rowid, d.body, d.length, d.author_name || ' ' || d.author_handle, d.title, d.answer, d.answered
         from search_post_fts f join search_post_docs d on d.key = f.rowid
        where search_post_fts match @match and f.rowid >= @lo and f.rowid <= @hi and ${visible}
        order by f.rowid desc limit @n`,
    )
      .raw(true)
      .all({ ...params, n: RESULT_WINDOW + 1 }) as [
      number,
      string,
      number,
      string,
      string | null,
      string | null,
      number,
    ][];
    const window = rows.length > RESULT_WINDOW ? rows.slice(0, RESULT_WINDOW) : rows;
    const avg = Math.max(1, this.stat("post_tokens") / n);
    const authors = new Map<string, { exact: number[]; other: number[]; synonyms: number[] }>();
    const scored = window.map(([key, body, length, author, title, answer, answered]) => {
      const text = normalizeText(body);
      const titleText = title ? normalizeText(title) : "";
      const answerText = answer ? normalizeText(answer) : "";
      let authorTf = authors.get(author);
      if (!authorTf) {
        const normalized = normalizeText(author);
        authorTf = {
          exact: scorers.map((s) => s.count(normalized)),
          other: scorers.map((s) => s.variants?.(normalized) ?? 0),
          synonyms: scorers.map((s) => s.synonyms?.(normalized) ?? 0),
        };
        authors.set(author, authorTf);
      }
      const norm = 1 - BM25_B + (BM25_B * length) / avg;
      let score = 0;
      // Terms this post matches only through another form (a stem or a correction), or only through a synonym
      // (twice that): it ranks after the posts that have more of the terms as typed, whatever their scores.
      let inexact = 0;
      scorers.forEach((s, i) => {
        let tf = s.count(text) + AUTHOR_WEIGHT * authorTf.exact[i];
        if (titleText) tf += TITLE_WEIGHT * s.count(titleText);
        if (answerText) tf += ANSWER_WEIGHT * s.count(answerText);
        let other = 0;
        if (s.variants) {
          other = s.variants(text) + AUTHOR_WEIGHT * authorTf.other[i];
          if (titleText) other += TITLE_WEIGHT * s.variants(titleText);
          if (answerText) other += ANSWER_WEIGHT * s.variants(answerText);
          if (tf === 0 && other > 0) inexact++;
        }
        if (s.synonyms) {
          let syn = s.synonyms(text) + AUTHOR_WEIGHT * authorTf.synonyms[i];
          if (titleText) syn += TITLE_WEIGHT * s.synonyms(titleText);
          if (answerText) syn += ANSWER_WEIGHT * s.synonyms(answerText);
          if (tf === 0 && other === 0 && syn > 0) inexact += 2;
          other += syn;
        }
        tf += other;
        score += (s.idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm);
      });
      if (answered) score *= ANSWERED_BOOST;
      return { key, score, inexact };
    });
    scored.sort((a, b) => a.inexact - b.inexact || b.score - a.score || b.key - a.key);
    const pageKeys = scored.slice(offset, offset + limit).map((s) => s.key);
    const byKey = new Map(
      (
        this.stmt(`select * from search_post_docs where key in (select value from json_each(@keys))`).all({
          keys: JSON.stringify(pageKeys),
        }) as PostRow[]
      ).map((r) => [r.key, r]),
    );
    return {
      hits: pageKeys.flatMap((k) => {
        const r = byKey.get(k);
        return r ? [postHit(r, marks)] : [];
      }),
      total: window.length,
      totalExact: rows.length <= RESULT_WINDOW,
      nextCursor: offset + limit < window.length ? encodeCursor({ s: "r", o: offset + limit }) : null,
    };
  }

  /**
   * People and hashtags are small: FTS5's own prefix queries are cheap there, even for one typed letter
   * (autocomplete), so every word is a prefix.
   */
  /** simpleMatch with each unit's synonyms OR-ed in (exact words: "devops", not every word starting with it). */
  private simpleUnitsMatch(units: SynonymUnit[], jamo: Map<QueryTerm, JamoTerm>): string {
    return units
      .map((u) => {
        if (u.synonyms.length === 0) return this.simpleMatch(u.terms, jamo);
        const own = this.simpleMatch(u.terms, jamo);
        const alts = u.synonyms.map((t) => (t.kind === "word" ? q(t.text) : this.simpleMatch([t], new Map())));
        return `((${own}) OR ${alts.join(" OR ")})`;
      })
      .join(" AND ");
  }

  private simpleMatch(terms: QueryTerm[], jamo: Map<QueryTerm, JamoTerm>): string {
    const cjk = (v: string) => (Array.from(v).length === 1 ? `${q(v)}*` : q(cjkTokens(v).slice(0, -1).join(" ")));
    return terms
      .map((t) => {
        if (t.kind === "word") return `${q(t.text)}*`;
        if (t.kind === "phrase") return q(t.tokens.join(" "));
        const alts = t.variants.map(cjk);
        // Candidates for 초성, the syllable being typed and typos; jamoCheck keeps those that match.
        const j = jamo.get(t);
        for (const p of j?.patterns ?? []) {
          const sl = stemAndLast(p);
          if (sl && sl.stem) alts.push(cjk(sl.stem));
        }
        const lookup = j?.initials ? initialsLookup(t.text) : null;
        if (lookup && "prefix" in lookup) alts.push(`initials : ${q(lookup.prefix)}*`);
        else if (lookup) {
          const pairs = lookup.pairs.map(([a, b]) => `(${q(a)} OR ${q(b)})`).join(" AND ");
          alts.push(`initials : (${q(lookup.phrase.join(" "))} OR (${pairs}))`);
        }
        for (const v of j?.typos ?? []) alts.push(cjk(v));
        const unique = [...new Set(alts)];
        return unique.length === 1 ? unique[0] : `(${unique.join(" OR ")})`;
      })
      .join(" AND ");
  }

  private searchPeople(
    query: SearchQuery,
    parsed: ParsedQuery,
    jamo: Map<QueryTerm, JamoTerm>,
    match: string,
    limit: number,
    cursor: Record<string, unknown> | null,
    scopeIds: number[],
  ): SearchResult {
    const offset = pageOffset(cursor);
    // Deactivated people are found by admins only.
    const rows = this.stmt(
      `select d.* from search_person_fts f join search_person_docs d on d.id = f.rowid
        where search_person_fts match @match and (@all = 1 or d.active = 1)
          and exists (select 1 from search_person_scopes s where s.id = f.rowid
                       and s.scope_id in (select value from json_each(@scopes)))
        limit @n`,
    ).all({
      match,
      all: query.viewer.role === "admin" ? 1 : 0,
      scopes: JSON.stringify(scopeIds),
      n: RESULT_WINDOW + 1,
    }) as PersonRow[];
    const whole = normalizeText(query.q).trim();
    const found = rows.slice(0, RESULT_WINDOW).flatMap((r) => {
      const j = jamoCheck(jamo, r.name, [r.name, r.handle, r.department, r.title]);
      if (!j) return [];
      const name = normalizeText(r.name);
      let score =
        fieldScore(parsed.terms, indexTokens(r.name)) * 3 + fieldScore(parsed.terms, indexTokens(r.handle)) * 3;
      score += fieldScore(parsed.terms, indexTokens(r.department)) + fieldScore(parsed.terms, indexTokens(r.title));
      if (name === whole || r.handle === whole) score += 100;
      else if (name.startsWith(whole) || r.handle.startsWith(whole)) score += 50;
      if (!r.active) score -= 1;
      return [{ r, score: score + j.score, marks: j.marks, kind: j.kind }];
    });
    const scored = closestMatches(found);
    scored.sort((a, b) => b.score - a.score || a.r.name.localeCompare(b.r.name) || a.r.id - b.r.id);
    const page = scored.slice(offset, offset + limit);
    return {
      hits: page.map(({ r, marks }): SearchHit => {
        const terms = [...parsed.highlight, ...marks];
        const highlights = {
          name: highlight(r.name, terms),
          handle: highlight(r.handle, parsed.highlight),
          department: highlight(r.department, terms),
          title: highlight(r.title, terms),
        };
        return { type: "person", id: r.id, snippet: highlights.name, highlights };
      }),
      total: scored.length,
      totalExact: rows.length <= RESULT_WINDOW,
      nextCursor: offset + limit < scored.length ? encodeCursor({ s: "o", o: offset + limit }) : null,
    };
  }

  private searchHashtags(
    parsed: ParsedQuery,
    jamo: Map<QueryTerm, JamoTerm>,
    match: string,
    limit: number,
    cursor: Record<string, unknown> | null,
    scopeIds: number[],
  ): SearchResult {
    const offset = pageOffset(cursor);
    const rows = this.stmt(
      `select d.* from search_hashtag_fts f join search_hashtag_docs d on d.id = f.rowid
        where search_hashtag_fts match @match
          and exists (select 1 from search_hashtag_scopes s where s.id = f.rowid
                       and s.scope_id in (select value from json_each(@scopes)))
        order by d.post_count desc limit @n`,
    ).all({
      match,
      scopes: JSON.stringify(scopeIds),
      n: RESULT_WINDOW + 1,
    }) as HashtagRow[];
    // Exactly the tag typed first, then tags starting with it, then the rest; busier tags first within each. A
    // tag found by 초성 or the syllable being typed goes by how closely: its whole name (ㅅㅈㅍ → 신제품) after
    // the tags starting with what was typed, an abbreviation (ㅅㅍ → 신제품) last.
    const typed = parsed.terms.map((t) => (t.kind === "phrase" ? t.tokens.join("") : t.text)).join("");
    const found = rows.slice(0, RESULT_WINDOW).flatMap((r) => {
      const j = jamoCheck(jamo, r.name, [r.name]);
      if (!j) return [];
      const name = normalizeText(r.name).replace(/_/g, "");
      const rank = name === typed ? 0 : name.startsWith(typed) ? 1 : j.kind != null ? HASHTAG_JAMO_RANK[j.kind] : 4;
      return [{ r, rank, marks: j.marks, kind: j.kind }];
    });
    const sorted = closestMatches(found);
    sorted.sort((a, b) => a.rank - b.rank || b.r.post_count - a.r.post_count || a.r.name.localeCompare(b.r.name));
    const page = sorted.slice(offset, offset + limit);
    return {
      hits: page.map(({ r, marks }): SearchHit => {
        const name = highlight(r.name, [...parsed.highlight, ...marks]);
        return { type: "hashtag", id: r.id, snippet: name, highlights: { name } };
      }),
      total: sorted.length,
      totalExact: rows.length <= RESULT_WINDOW,
      nextCursor: offset + limit < sorted.length ? encodeCursor({ s: "o", o: offset + limit }) : null,
    };
  }

  private searchGroups(
    query: SearchQuery,
    parsed: ParsedQuery,
    jamo: Map<QueryTerm, JamoTerm>,
    match: string,
    limit: number,
    cursor: Record<string, unknown> | null,
    scopeIds: number[],
  ): SearchResult {
    const offset = pageOffset(cursor);
    const rows = this.stmt(
      `select d.* from search_group_fts f join search_group_docs d on d.id = f.rowid
        where search_group_fts match @match
          and exists (select 1 from search_group_scopes s where s.id = f.rowid
                       and s.scope_id in (select value from json_each(@scopes)))
        limit @n`,
    ).all({
      match,
      scopes: JSON.stringify(scopeIds),
      n: RESULT_WINDOW + 1,
    }) as GroupRow[];
    // Name and slug matter most; the name or slug typed exactly (or its start) first; busier groups first.
    const whole = normalizeText(query.q).trim();
    const found = rows.slice(0, RESULT_WINDOW).flatMap((r) => {
      const j = jamoCheck(jamo, r.name, [r.name, r.slug, r.description]);
      if (!j) return [];
      const name = normalizeText(r.name);
      let score =
        fieldScore(parsed.terms, indexTokens(r.name)) * 3 +
        fieldScore(parsed.terms, indexTokens(r.slug)) * 2 +
        fieldScore(parsed.terms, indexTokens(r.description));
      if (name === whole || r.slug === whole) score += 100;
      else if (name.startsWith(whole) || r.slug.startsWith(whole)) score += 50;
      return [{ r, score: score + j.score, marks: j.marks, kind: j.kind }];
    });
    const scored = closestMatches(found);
    scored.sort(
      (a, b) =>
        b.score - a.score || b.r.member_count - a.r.member_count || a.r.name.localeCompare(b.r.name) || a.r.id - b.r.id,
    );
    const page = scored.slice(offset, offset + limit);
    return {
      hits: page.map(({ r, marks }): SearchHit => {
        const terms = [...parsed.highlight, ...marks];
        const highlights = {
          name: highlight(r.name, terms),
          slug: highlight(r.slug, parsed.highlight),
          description: snippet(r.description, terms),
        };
        return { type: "group", id: r.id, snippet: highlights.name, highlights };
      }),
      total: scored.length,
      totalExact: rows.length <= RESULT_WINDOW,
      nextCursor: offset + limit < scored.length ? encodeCursor({ s: "o", o: offset + limit }) : null,
    };
  }
}

function pageOffset(cursor: Record<string, unknown> | null): number {
  if (!cursor) return 0;
  if (cursor.s !== "o") throw badQuery("bad_cursor");
  return cursorInt(cursor, "o", 0, RESULT_WINDOW);
}

function tokenCount(tokens: string): number {
  if (tokens === "") return 0;
  let n = 1;
  for (let i = 0; i < tokens.length; i++) if (tokens.charCodeAt(i) === 32) n++;
  return n;
}

function postFromRow(r: PostRow): PostDoc {
  return {
    type: "post",
    id: r.id,
    threadId: r.thread_id,
    replyToId: r.reply_to_id,
    kind: r.kind as PostDoc["kind"],
    author: { id: r.author_id, handle: r.author_handle, name: r.author_name },
    body: r.body,
    hashtags: JSON.parse(r.hashtags),
    createdAt: r.created_at,
    ...(r.group_id != null ? { groupId: r.group_id } : {}),
    ...(r.kind === "question" ? { title: r.title, answer: r.answer, answered: r.answered === 1 } : {}),
    visibility: JSON.parse(r.visibility),
  };
}

/** A group id filter must be a positive integer (it becomes a facet token). */
function groupIdFilter(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw badQuery("bad_filter");
  return id;
}

function postHit(r: PostRow, terms: HighlightTerm[]): SearchHit {
  const body = snippet(r.body, terms);
  const highlights: Record<string, string> = { body, author: highlight(r.author_name, terms) };
  if (r.title) highlights.title = highlight(r.title, terms);
  if (r.answer) highlights.answer = snippet(r.answer, terms);
  return { type: "post", id: r.id, snippet: body, highlights };
}

// Term counting for BM25 on normalised text, with the same token boundaries as indexTokens(): a word starts where
// the previous character is not of its class (letter/digit), and is exact when the next one is not either.
const LETTER_OR_DIGIT = (c: CharClass) => c === CharClass.Letter || c === CharClass.Digit;

function classAt(text: string, i: number): CharClass {
  if (i < 0 || i >= text.length) return CharClass.Separator;
  let cp = text.codePointAt(i)!;
  if (cp >= 0xdc00 && cp <= 0xdfff && i > 0) cp = text.codePointAt(i - 1)!;
  return classify(cp);
}

/** Occurrences of a word as a whole token (1) or as the start of a longer one (PREFIX_WEIGHT when prefix). */
const countWord = (w: string, prefix: boolean) => {
  const first = classify(w.codePointAt(0)!);
  const last = classAt(w, w.length - 1);
  return (text: string) => {
    let c = 0;
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      if (classAt(text, at - 1) === first) continue;
      if (classAt(text, at + w.length) !== last) c += 1;
      else if (prefix) c += PREFIX_WEIGHT;
    }
    return c;
  };
};

/** Weighted occurrences of whole words (a term's stem family and corrections), in one pass over the text. */
const countWords = (weights: Map<string, number>) => {
  const re = new RegExp(
    [...weights.keys()]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join("|"),
    "g",
  );
  return (text: string) => {
    let c = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length;
      if (classAt(text, m.index - 1) === CharClass.Letter || classAt(text, end) === CharClass.Letter) {
        re.lastIndex = m.index + 1;
        continue;
      }
      c += weights.get(m[0]) ?? 0;
    }
    return c;
  };
};

/** Occurrences of a CJK string inside CJK runs (what its bigram phrase matches). */
const countSubstring = (v: string) => (text: string) => {
  let c = 0;
  for (let at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) c++;
  return c;
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Occurrences of a phrase: its runs in order, separated as in the query (or not at all where they touched). */
const countPhrase = (phrase: string) => {
  const rs = runs(phrase);
  let source = "";
  rs.forEach((r, i) => {
    if (i > 0) source += rs[i - 1].end === r.start ? "[^\\p{L}\\p{N}]*" : "[^\\p{L}\\p{N}]+";
    source += escapeRe(r.text);
  });
  const first = rs[0];
  const last = rs[rs.length - 1];
  if (first && LETTER_OR_DIGIT(first.cls)) source = `(?<![\\p{L}\\p{N}])${source}`;
  if (last && LETTER_OR_DIGIT(last.cls)) source = `${source}(?![\\p{L}\\p{N}])`;
  const re = new RegExp(source, "gu");
  return (text: string) => {
    let c = 0;
    re.lastIndex = 0;
    while (re.exec(text)) c++;
    return c;
  };
};

const countPrefix = (p: string) => (tokens: string[]) => {
  let c = 0;
  for (const t of tokens)
    if (t === p) c++;
    else if (t.startsWith(p)) c += PREFIX_WEIGHT;
  return c;
};

const countSequence = (seq: string[]) => (tokens: string[]) => {
  let c = 0;
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    c++;
  }
  return c;
};

/** How well one short field matches all terms (people ranking). */
function fieldScore(terms: QueryTerm[], fieldTokens: string): number {
  if (!fieldTokens) return 0;
  const tokens = fieldTokens.split(" ");
  let s = 0;
  for (const t of terms) {
    if (t.kind === "word") s += countPrefix(t.text)(tokens);
    else if (t.kind === "phrase") s += countSequence(t.tokens)(tokens);
    else {
      const v = t.variants[0];
      s += Array.from(v).length === 1 ? countPrefix(v)(tokens) : countSequence(cjkTokens(v).slice(0, -1))(tokens);
    }
  }
  return s;
}

/** The 초성 tokens of a name for the `initials` column of people, hashtags and groups (search/hangul.ts). */
function nameInitials(name: string): string {
  return initialsTokens(
    runs(normalizeText(name))
      .filter((r) => r.cls === CharClass.Cjk)
      .map((r) => r.text),
  );
}

/** A Korean term of a people/hashtag/group search that 초성, the syllable being typed or a typo widens. */
type JamoTerm = { patterns: Pattern[] | null; re: RegExp | null; initials: boolean; typos: string[] };

/** Where a hashtag found by 초성 or the syllable being typed ranks (see searchHashtags), by NameMatch. */
const HASHTAG_JAMO_RANK: Record<NameMatch, number> = {
  [NameMatch.Whole]: 2,
  [NameMatch.Prefix]: 3,
  [NameMatch.Word]: 5,
  [NameMatch.Inside]: 5,
  [NameMatch.Abbreviation]: 6,
};

/**
 * Names matched only as an abbreviation (ㅂㅅ → 버그바시 as well as 부산) are a fallback: left out when anything
 * matched more closely, so two letters do not flood a list that has what was meant.
 */
function closestMatches<T extends { kind: NameMatch | null }>(rows: T[]): T[] {
  return rows.some((x) => x.kind !== NameMatch.Abbreviation)
    ? rows.filter((x) => x.kind !== NameMatch.Abbreviation)
    : rows;
}

const countRegExp = (re: RegExp) => (text: string) => {
  let c = 0;
  re.lastIndex = 0;
  while (re.exec(text)) c++;
  return c;
};

/**
 * Whether a candidate row really matches every widened term — as typed (the row's text has it), by the name's
 * 초성, unfinished syllable or abbreviation (ㄱㅁㅅ, 김미 → 김민수; ㅅㅍ → 신제품), by the pattern in another field, or
 * by a typo's correction — and what that adds: a score by how closely the name matches (NAME_MATCH_SCORE), the
 * loosest kind of name match, and the text to mark. Null when a term does not match (the candidate came from a
 * looser lookup).
 */
function jamoCheck(
  jamo: Map<QueryTerm, JamoTerm>,
  name: string,
  fields: string[],
): { score: number; kind: NameMatch | null; marks: HighlightTerm[] } | null {
  if (jamo.size === 0) return { score: 0, kind: null, marks: [] };
  const normalName = normalizeText(name);
  const texts = fields.map(normalizeText);
  let score = 0;
  let kind: NameMatch | null = null;
  const marks: HighlightTerm[] = [];
  for (const [t, j] of jamo) {
    if (t.kind !== "cjk") continue;
    if (t.variants.some((v) => texts.some((x) => x.includes(v)))) continue;
    const m = j.patterns && j.re ? matchName(normalName, j.patterns, j.re, j.initials) : null;
    if (m) {
      score += NAME_MATCH_SCORE[m.kind];
      kind = kind == null ? m.kind : Math.max(kind, m.kind);
      for (const p of m.parts) marks.push({ kind: "cjk", text: p });
      continue;
    }
    const re = j.re;
    const found = re
      ? texts
          .map((x) => {
            re.lastIndex = 0;
            return re.exec(x)?.[0];
          })
          .find((x) => x !== undefined)
      : undefined;
    if (found !== undefined) {
      marks.push({ kind: "cjk", text: found });
      score += 1;
      continue;
    }
    const typo = j.typos.find((v) => texts.some((x) => x.includes(v)));
    if (typo === undefined) return null;
    marks.push({ kind: "cjk", text: typo });
    score += 1;
  }
  return { score, kind, marks };
}
