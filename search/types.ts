// The search engine contract (issue #3, docs/decisions/0001-search.md). Engines index documents built from the
// database by app/models/search/documents.server.ts and answer queries for one viewer, filtering by visibility inside the
// engine so that neither hits nor totals ever include what the viewer may not see.

export { POST_KINDS, type PostKind } from "#db/enums";
import type { PostKind } from "#db/enums";

/**
 * Who may see a document: any of these scopes ("company", "group:<id>", "admin" — app/access/rules.ts). A viewer
 * sees a document when they share at least one scope.
 */
export type Visibility = string[];

export type PostDoc = {
  type: "post";
  id: number;
  threadId: number;
  replyToId: number | null;
  kind: PostKind;
  author: { id: number; handle: string; name: string };
  /** Plain text: Markdown/HTML already removed. */
  body: string;
  /** Lower-cased, NFC, without '#'. */
  hashtags: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The group the post belongs to; absent (or null) for company-wide posts. */
  groupId?: number | null;
  /** A question's title (issue #9), matched above the body; absent for other kinds. */
  title?: string | null;
  /** The plain text of a question's best answer, matched below the body; absent when it has none. */
  answer?: string | null;
  /** A question with a best answer; it ranks above an otherwise equal unanswered one. */
  answered?: boolean;
  visibility: Visibility;
};

export type PersonDoc = {
  type: "person";
  id: number;
  handle: string;
  name: string;
  department: string;
  title: string;
  active: boolean;
  visibility: Visibility;
};

export type HashtagDoc = {
  type: "hashtag";
  id: number;
  name: string;
  postCount: number;
  visibility: Visibility;
};

/** A group (issue #6): found by name, slug and description; a secret group only by its members and admins. */
export type GroupDoc = {
  type: "group";
  id: number;
  slug: string;
  name: string;
  description: string;
  /** Ranks busier groups first among equal matches. */
  memberCount: number;
  visibility: Visibility;
};

export type SearchDoc = PostDoc | PersonDoc | HashtagDoc | GroupDoc;
export type DocType = SearchDoc["type"];
export const DOC_TYPES: readonly DocType[] = ["post", "person", "hashtag", "group"];
export type DocRef = { type: DocType; id: number };

/** "questions" (issue #9) are posts of kind "question": the post search with that kind and the answered filter. */
export type SearchType = "posts" | "questions" | "people" | "hashtags" | "groups";
export const SEARCH_TYPES: readonly SearchType[] = ["posts", "questions", "people", "hashtags", "groups"];
export const DOC_TYPE_OF: Record<SearchType, DocType> = {
  posts: "post",
  questions: "post",
  people: "person",
  hashtags: "hashtag",
  groups: "group",
};

export type SearchSort = "relevance" | "newest";

/** Searches over post documents (posts, and questions among them). */
export const isPostSearch = (type: SearchType): type is "posts" | "questions" =>
  type === "posts" || type === "questions";

export type SearchViewer = { id: number; role: "member" | "admin" | "guest"; scopes: string[] };

/** Post filters; people, hashtag and group searches ignore them. */
export type SearchFilters = {
  authorHandle?: string | null;
  hashtag?: string | null;
  /** createdAt ≥ from (ms). */
  from?: number | null;
  /** createdAt ≤ to (ms). */
  to?: number | null;
  kind?: PostKind | null;
  /** Posts of this group only (the caller has checked that the viewer may find it). */
  groupId?: number | null;
  /** Questions with (true) or without (false) a best answer; implies kind "question". */
  answered?: boolean | null;
};

export type SearchQuery = {
  /**
   * What the person typed, at most MAX_QUERY_LENGTH characters. Words match as prefixes as you type, "quoted
   * text" matches as a phrase, #tag requires the hashtag and from:handle the author (posts only).
   */
  q: string;
  type: SearchType;
  viewer: SearchViewer;
  filters?: SearchFilters;
  /** Posts only; people, hashtags and groups are always ranked by relevance. Default "relevance". */
  sort?: SearchSort;
  /**
   * Posts only: every term must match ("all", the default), or any of them ("any": similar questions, issue #9 —
   * a typed title rarely shares every word with an earlier question); more and rarer matching terms rank higher.
   */
  match?: "all" | "any";
  /** 1..MAX_LIMIT, default DEFAULT_LIMIT. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string | null;
};

export type SearchHit = {
  type: DocType;
  id: number;
  /**
   * Safe HTML: the text HTML-escaped, then matches wrapped in <mark>…</mark> (the only markup). Posts: an
   * excerpt of the body; people: the name; hashtags: the name; groups: the name.
   */
  snippet: string;
  /**
   * Safe HTML of every highlighted field (posts: body, author; people: name, handle, department, title; groups:
   * name, slug, description — the description as an excerpt).
   */
  highlights: Record<string, string>;
};

export type SearchResult = {
  hits: SearchHit[];
  /** How many documents the viewer may see match; exact when totalExact, else a lower bound / estimate. */
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
  /**
   * "Did you mean" (issue #13): on an empty first page of posts, the query with misspelt words corrected, when
   * that finds posts the viewer may see. The embedded engine only — Meilisearch has no vocabulary to ask.
   */
  didYouMean?: string;
};

export type EngineHealth = { ok: boolean; engine: string; detail?: string };

export interface SearchEngine {
  readonly name: "sqlite-fts" | "meilisearch";
  /** Creates indexes and applies settings; idempotent, called at start-up. */
  setup(): Promise<void>;
  /** Adds or replaces documents (upsert by type and id). Resolves once the engine has them. */
  index(docs: SearchDoc[]): Promise<void>;
  /** Removes documents; unknown refs are ignored. */
  remove(refs: DocRef[]): Promise<void>;
  /** Throws AppError 400 for an empty or too long query or a bad cursor; never any other error for input. */
  search(query: SearchQuery): Promise<SearchResult>;
  /** The stored document, as indexed (for checks and the reindex comparison). */
  get(ref: DocRef): Promise<SearchDoc | null>;
  /** Ids of indexed documents of one type, ascending, greater than `after`. */
  scanIds(type: DocType, after: number, limit: number): Promise<number[]>;
  health(): Promise<EngineHealth>;
  /**
   * Replaces the synonym groups applied to queries (issue #13 item 5, search/synonyms.ts): the embedded engine
   * keeps them in memory; Meilisearch stores them as its indexes' `synonyms` setting (only when they differ).
   */
  setSynonyms(groups: readonly (readonly string[])[]): Promise<void>;
  /** Removes every document (settings stay). */
  reset(): Promise<void>;
}

export const MAX_QUERY_LENGTH = 500;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;
/** Results reachable by relevance and the cap of exact totals (Meilisearch's maxTotalHits default too). */
export const RESULT_WINDOW = 1000;
