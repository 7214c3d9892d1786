// Meilisearch behind the same SearchEngine contract (used when MEILISEARCH_URL is set; docs/decisions/0001-search.md).
//
// Four indexes (posts, people, hashtags, groups) whose settings are applied by code at start-up, only when they
// differ from what the server has. Visibility, author, hashtag, date and kind are Meilisearch filters built
// from the parsed query with every value escaped, so permission filtering happens inside the engine and
// estimatedTotalHits counts only what the viewer may see. Highlights come back between private-use sentinel
// characters (stripped from documents before indexing); we HTML-escape the text, then turn the sentinels into
// <mark> — so a highlight can never carry markup from a post.
//
// 초성 (issue #13): people, hashtags and groups carry an `initials` field — the initial consonants of each Korean
// word of the name, spelt in ASCII letters as words Meilisearch's own tokenizer keeps whole, one per suffix
// (김민수 → zzagj zzgj zzj) — and a query's Korean term with a lone consonant is sent as those letters, so
// ㄱㅁㅅ finds 김민수 as its whole word, ㄱㅁ as the prefix of the last query word, ㅁㅅ as a suffix's prefix.
import { Meilisearch, MeilisearchApiError, type Index, type Settings } from "meilisearch";
import {
  badQuery,
  clampLimit,
  cursorInt,
  decodeCursor,
  encodeCursor,
  hashtagKey,
  parseQuery,
  type ParsedQuery,
  type QueryTerm,
} from "./query";
import { consonantIndex, hasLoneConsonant, initialIndex } from "./hangul";
import { englishStem } from "./stem";
import { CharClass, escapeHtml, normalizeText, runs } from "./text";
import { meiliSynonyms } from "./synonyms";
import {
  DEFAULT_LIMIT,
  DOC_TYPE_OF,
  MAX_LIMIT,
  POST_KINDS,
  RESULT_WINDOW,
  type DocRef,
  type DocType,
  type EngineHealth,
  type SearchDoc,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchType,
  isPostSearch,
} from "./types";

const PRE = "\ue000";
const POST = "\ue001";
const SENTINELS = /[\ue000\ue001]/g;
const TASK_TIMEOUT_MS = 60_000;

type MeiliPost = {
  id: number;
  threadId: number;
  replyToId: number | null;
  kind: string;
  authorId: number;
  authorHandle: string;
  authorName: string;
  body: string;
  /** Filter keys (search/query.ts hashtagKey) … */
  hashtags: string[];
  /** … and the names as given, for get(). */
  hashtagNames: string[];
  createdAt: number;
  /** 0 for company-wide posts (a filter on null needs Meilisearch's IS NULL, and 0 is never a group id). */
  groupId: number;
  /** A question's title and best answer's text ("" otherwise; issue #9). */
  title: string;
  answer: string;
  /** 1 for a question with a best answer, else 0: a filter, and a ranking rule (answered:desc) after relevance. */
  answered: number;
  /**
   * English stems (search/stem.ts) of the title's, body's and answer's words where they differ from the word
   * ("deploy" for deployed, deploying, deployment): Meilisearch does no stemming itself (issue #13).
   */
  stems: string;
  visibility: string[];
};
type MeiliPerson = {
  id: number;
  handle: string;
  name: string;
  department: string;
  title: string;
  active: boolean;
  /** meiliInitials of the name. */
  initials: string;
  visibility: string[];
};
type MeiliHashtag = { id: number; name: string; postCount: number; initials: string; visibility: string[] };
type MeiliGroup = {
  id: number;
  slug: string;
  name: string;
  description: string;
  memberCount: number;
  initials: string;
  visibility: string[];
};

/** Initial consonants (0–18) as letters; the prefix makes them words no text or handle has. */
const INITIALS_PREFIX = "zz";
const spell = (ls: number[]) => INITIALS_PREFIX + ls.map((l) => String.fromCharCode(0x61 + l)).join("");

/** The `initials` field: for each Korean word of a name, its initials spelt as letters, and every suffix of them. */
export function meiliInitials(name: string): string {
  const words: string[] = [];
  for (const r of runs(normalizeText(name))) {
    if (r.cls !== CharClass.Cjk) continue;
    const ls = Array.from(r.text, (c) => initialIndex(c.codePointAt(0)!)).filter((l) => l >= 0);
    for (let i = 0; i < ls.length; i++) words.push(spell(ls.slice(i)));
  }
  return words.join(" ");
}

const KOREAN_AND_ENGLISH = ["kor", "eng"];

/** The settings of each index; applied idempotently by setup(). */
export const MEILISEARCH_SETTINGS: Record<DocType, Settings> = {
  post: {
    // A question's title weighs above the body and its best answer below (attribute order).
    searchableAttributes: ["title", "body", "answer", "authorName", "authorHandle", "stems"],
    filterableAttributes: ["id", "visibility", "authorHandle", "hashtags", "createdAt", "kind", "groupId", "answered"],
    sortableAttributes: ["createdAt", "id"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "answered:desc", "createdAt:desc"],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ["authorHandle"],
    },
    localizedAttributes: [
      { attributePatterns: ["title", "body", "answer", "authorName"], locales: KOREAN_AND_ENGLISH },
    ],
    pagination: { maxTotalHits: RESULT_WINDOW },
  },
  person: {
    searchableAttributes: ["name", "handle", "department", "title", "initials"],
    filterableAttributes: ["id", "visibility", "active"],
    sortableAttributes: ["id", "name"],
    rankingRules: ["words", "typo", "proximity", "attribute", "exactness", "sort"],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnAttributes: ["handle", "initials"],
    },
    localizedAttributes: [{ attributePatterns: ["name", "department", "title"], locales: KOREAN_AND_ENGLISH }],
    pagination: { maxTotalHits: RESULT_WINDOW },
  },
  hashtag: {
    searchableAttributes: ["name", "initials"],
    filterableAttributes: ["id", "visibility"],
    sortableAttributes: ["id", "postCount"],
    rankingRules: ["words", "exactness", "typo", "proximity", "postCount:desc", "sort"],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ["initials"],
    },
    localizedAttributes: [{ attributePatterns: ["name"], locales: KOREAN_AND_ENGLISH }],
    pagination: { maxTotalHits: RESULT_WINDOW },
  },
  group: {
    searchableAttributes: ["name", "slug", "description", "initials"],
    filterableAttributes: ["id", "visibility"],
    sortableAttributes: ["id", "memberCount"],
    rankingRules: ["words", "typo", "proximity", "attribute", "exactness", "memberCount:desc", "sort"],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: ["slug", "initials"],
    },
    localizedAttributes: [{ attributePatterns: ["name", "description"], locales: KOREAN_AND_ENGLISH }],
    pagination: { maxTotalHits: RESULT_WINDOW },
  },
};

const INDEX_NAMES: Record<DocType, string> = { post: "posts", person: "people", hashtag: "hashtags", group: "groups" };
const ALL_TYPES = ["post", "person", "hashtag", "group"] as const;

/** A Meilisearch filter string literal. */
export function filterValue(v: string): string {
  return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** Safe HTML from a Meilisearch _formatted value: escape everything, then turn sentinels into <mark>. */
export function markFormatted(formatted: string): string {
  let open = false;
  let out = "";
  for (const part of formatted.split(/([\ue000\ue001])/)) {
    if (part === PRE) {
      if (!open) out += "<mark>";
      open = true;
    } else if (part === POST) {
      if (open) out += "</mark>";
      open = false;
    } else out += escapeHtml(part);
  }
  return open ? out + "</mark>" : out;
}

const clean = (s: string) => s.replace(SENTINELS, "");

/**
 * The query text Meilisearch receives: only the words, runs and phrases we parsed — no operators. A word with
 * another English stem is sent as its stem (matching every form through the stems field), and the word as
 * typed is added at the end: Meilisearch's default matching strategy drops words from the end, so posts with
 * the typed form rank first (the "words" rule) and posts with only another form follow (issue #13).
 */
export function meiliQueryText(parsed: ParsedQuery, { stems = false } = {}): string {
  const typed: string[] = [];
  const words = parsed.terms.map((t) => {
    if (t.kind === "phrase") return `"${t.text.replace(/["\\]/g, " ").trim()}"`;
    // Only posts have a stems field: elsewhere a stem first would hide what only the typed word finds.
    const stem = stems && t.kind === "word" && t.prefix ? englishStem(t.text) : null;
    if (!stem || stem === t.text) return t.text;
    typed.push(t.text);
    return stem;
  });
  return [...words, ...typed].join(" ");
}

/** The stems field of a post: the distinct stems of its Latin words that differ from the word. */
export function stemsField(...texts: string[]): string {
  const stems = new Set<string>();
  for (const text of texts) {
    for (const r of runs(normalizeText(text))) {
      const stem = englishStem(r.text);
      if (stem && stem !== r.text) stems.add(stem);
    }
  }
  return [...stems].join(" ");
}

export type MeilisearchEngineOptions = { url: string; apiKey?: string; indexPrefix?: string; timeoutMs?: number };

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  readonly client: Meilisearch;
  private readonly prefix: string;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.timeoutMs ?? 10_000 });
    this.prefix = options.indexPrefix ?? "sori_";
  }

  uid(type: DocType): string {
    return `${this.prefix}${INDEX_NAMES[type]}`;
  }

  private idx<T extends Record<string, unknown>>(type: DocType): Index<T> {
    return this.client.index<T>(this.uid(type));
  }

  private async wait(task: {
    waitTask: (o?: { timeout?: number }) => Promise<{ status: string; error: { message: string } | null }>;
  }) {
    const done = await task.waitTask({ timeout: TASK_TIMEOUT_MS });
    if (done.status !== "succeeded")
      throw new Error(`Meilisearch task ${done.status}: ${done.error?.message ?? "unknown error"}`);
  }

  async setup(): Promise<void> {
    for (const type of ALL_TYPES) {
      const uid = this.uid(type);
      try {
        await this.client.getIndex(uid);
      } catch (e) {
        if (!(e instanceof MeilisearchApiError) || e.cause?.code !== "index_not_found") throw e;
        await this.wait(this.client.createIndex(uid, { primaryKey: "id" }));
      }
      const want = MEILISEARCH_SETTINGS[type];
      const have = (await this.idx(type).getSettings()) as Record<string, unknown>;
      const differs = Object.entries(want).some(([k, v]) => !sameSetting(have[k], v, ORDERED_SETTINGS.has(k)));
      if (differs) await this.wait(this.idx(type).updateSettings(want));
    }
  }

  /**
   * The same groups on every index as Meilisearch's own `synonyms` setting (mutual: each term lists the others), so
   * it expands, ranks exact words first and highlights the synonym that matched by itself. Written only where it
   * differs, so every worker may call this after a change.
   */
  async setSynonyms(groups: readonly (readonly string[])[]): Promise<void> {
    const want = meiliSynonyms(groups);
    for (const type of ALL_TYPES) {
      const have = await this.idx(type).getSynonyms();
      if (!sameSynonyms(have, want)) await this.wait(this.idx(type).updateSynonyms(want));
    }
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.client.health();
      return { ok: true, engine: this.name };
    } catch (e) {
      return { ok: false, engine: this.name, detail: e instanceof Error ? e.message : String(e) };
    }
  }

  async index(docs: SearchDoc[]): Promise<void> {
    const posts: MeiliPost[] = [];
    const people: MeiliPerson[] = [];
    const tags: MeiliHashtag[] = [];
    const groups: MeiliGroup[] = [];
    for (const d of docs) {
      if (d.type === "post") {
        posts.push({
          id: d.id,
          threadId: d.threadId,
          replyToId: d.replyToId,
          kind: d.kind,
          authorId: d.author.id,
          authorHandle: d.author.handle.toLowerCase(),
          authorName: clean(d.author.name),
          body: clean(d.body),
          hashtags: [...new Set(d.hashtags.map(hashtagKey).filter((t): t is string => !!t))],
          hashtagNames: d.hashtags,
          createdAt: d.createdAt,
          groupId: d.groupId ?? 0,
          title: clean(d.title ?? ""),
          answer: clean(d.answer ?? ""),
          answered: d.answered ? 1 : 0,
          stems: stemsField(d.title ?? "", d.body, d.answer ?? ""),
          visibility: d.visibility,
        });
      } else if (d.type === "person") {
        people.push({
          id: d.id,
          handle: clean(d.handle),
          name: clean(d.name),
          department: clean(d.department),
          title: clean(d.title),
          active: d.active,
          initials: meiliInitials(d.name),
          visibility: d.visibility,
        });
      } else if (d.type === "group") {
        groups.push({
          id: d.id,
          slug: clean(d.slug),
          name: clean(d.name),
          description: clean(d.description),
          memberCount: d.memberCount,
          initials: meiliInitials(d.name),
          visibility: d.visibility,
        });
      } else {
        tags.push({
          id: d.id,
          name: clean(d.name),
          postCount: d.postCount,
          initials: meiliInitials(d.name),
          visibility: d.visibility,
        });
      }
    }
    if (posts.length) await this.wait(this.idx<MeiliPost>("post").addDocuments(posts, { primaryKey: "id" }));
    if (people.length) await this.wait(this.idx<MeiliPerson>("person").addDocuments(people, { primaryKey: "id" }));
    if (tags.length) await this.wait(this.idx<MeiliHashtag>("hashtag").addDocuments(tags, { primaryKey: "id" }));
    if (groups.length) await this.wait(this.idx<MeiliGroup>("group").addDocuments(groups, { primaryKey: "id" }));
  }

  async remove(refs: DocRef[]): Promise<void> {
    for (const type of ALL_TYPES) {
      const ids = refs.filter((r) => r.type === type).map((r) => r.id);
      if (ids.length) await this.wait(this.idx(type).deleteDocuments(ids));
    }
  }

  async reset(): Promise<void> {
    for (const type of ALL_TYPES) await this.wait(this.idx(type).deleteAllDocuments());
  }

  async get(ref: DocRef): Promise<SearchDoc | null> {
    try {
      if (ref.type === "post") {
        const d = await this.idx<MeiliPost>("post").getDocument<MeiliPost>(ref.id);
        return {
          type: "post",
          id: d.id,
          threadId: d.threadId,
          replyToId: d.replyToId,
          kind: d.kind as "update",
          author: { id: d.authorId, handle: d.authorHandle, name: d.authorName },
          body: d.body,
          hashtags: d.hashtagNames,
          createdAt: d.createdAt,
          ...(d.groupId ? { groupId: d.groupId } : {}),
          ...(d.kind === "question" ? { title: d.title, answer: d.answer || null, answered: d.answered === 1 } : {}),
          visibility: d.visibility,
        };
      }
      if (ref.type === "group") {
        const d = await this.idx<MeiliGroup>("group").getDocument<MeiliGroup>(ref.id);
        return {
          type: "group",
          id: d.id,
          slug: d.slug,
          name: d.name,
          description: d.description,
          memberCount: d.memberCount,
          visibility: d.visibility,
        };
      }
      if (ref.type === "person") {
        const d = await this.idx<MeiliPerson>("person").getDocument<MeiliPerson>(ref.id);
        return {
          type: "person",
          id: d.id,
          handle: d.handle,
          name: d.name,
          department: d.department,
          title: d.title,
          active: d.active,
          visibility: d.visibility,
        };
      }
      const d = await this.idx<MeiliHashtag>("hashtag").getDocument<MeiliHashtag>(ref.id);
      return { type: "hashtag", id: d.id, name: d.name, postCount: d.postCount, visibility: d.visibility };
    } catch (e) {
      if (e instanceof MeilisearchApiError && e.cause?.code === "document_not_found") return null;
      throw e;
    }
  }

  async scanIds(type: DocType, after: number, limit: number): Promise<number[]> {
    const res = await this.idx<{ id: number }>(type).getDocuments({
      fields: ["id"],
      filter: `id > ${Math.floor(after)}`,
      sort: ["id:asc"],
      limit,
    });
    return res.results.map((d) => d.id);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const parsed = parseQuery(query.q, query.type, query.filters ?? {});
    const limit = clampLimit(query.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const cursor = decodeCursor(query.cursor);
    if (cursor && cursor.s !== "m") throw badQuery("bad_cursor");
    const offset = cursor ? cursorInt(cursor, "o", 0, RESULT_WINDOW) : 0;
    const empty: SearchResult = { hits: [], total: 0, totalExact: true, nextCursor: null };
    const scopes = [...new Set(query.viewer.scopes)];
    if (scopes.length === 0) return empty;
    const filter: string[] = [`visibility IN [${scopes.map(filterValue).join(", ")}]`];
    const text = meiliQueryText(
      { ...parsed, terms: parsed.terms.map((t) => hangulForMeili(t, query.type, parsed)) },
      { stems: isPostSearch(query.type) },
    );
    let sort: string[] | undefined;
    let type: DocType;
    let highlight: string[];
    if (isPostSearch(query.type)) {
      type = "post";
      highlight = ["body", "authorName", "title", "answer"];
      const f = query.filters ?? {};
      if (f.kind != null && !POST_KINDS.includes(f.kind)) throw badQuery("bad_filter");
      if (f.kind) filter.push(`kind = ${filterValue(f.kind)}`);
      // Questions (issue #9): the kind, and with or without a best answer.
      if (query.type === "questions" || f.answered != null) filter.push(`kind = "question"`);
      if (f.answered != null) filter.push(`answered = ${f.answered ? 1 : 0}`);
      for (const a of parsed.authors) filter.push(`authorHandle = ${filterValue(a)}`);
      for (const h of parsed.hashtags) filter.push(`hashtags = ${filterValue(h)}`);
      if (f.from != null) filter.push(`createdAt >= ${Math.floor(f.from)}`);
      if (f.to != null) filter.push(`createdAt <= ${Math.floor(f.to)}`);
      if (f.groupId != null) {
        if (!Number.isSafeInteger(f.groupId) || f.groupId <= 0) throw badQuery("bad_filter");
        filter.push(`groupId = ${f.groupId}`);
      }
      if (text === "" || query.sort === "newest") sort = ["createdAt:desc", "id:desc"];
    } else {
      if (parsed.terms.length === 0) return empty;
      type = DOC_TYPE_OF[query.type];
      highlight =
        type === "person"
          ? ["name", "handle", "department", "title"]
          : type === "group"
            ? ["name", "slug", "description"]
            : ["name"];
      if (query.type === "people" && query.viewer.role !== "admin") filter.push("active = true");
    }
    const res = await this.idx<Record<string, unknown>>(type).search(text, {
      filter,
      sort,
      offset,
      limit,
      attributesToRetrieve: ["id"],
      attributesToHighlight: highlight,
      attributesToCrop: type === "post" ? ["body", "answer"] : type === "group" ? ["description"] : undefined,
      cropLength: 40,
      cropMarker: "…",
      highlightPreTag: PRE,
      highlightPostTag: POST,
      locales: KOREAN_AND_ENGLISH,
      // "any" (similar questions): drop the most frequent words first until something matches.
      ...(query.match === "any" && type === "post" ? { matchingStrategy: "frequency" as const } : {}),
    });
    const hits = res.hits.map((h): SearchHit => {
      const formatted = (h._formatted ?? {}) as Record<string, unknown>;
      const highlights: Record<string, string> = {};
      for (const field of highlight) {
        const v = formatted[field];
        // A post's title and answer exist on questions only.
        if (type === "post" && (field === "title" || field === "answer") && !v) continue;
        if (typeof v === "string") highlights[field === "authorName" ? "author" : field] = markFormatted(v);
      }
      return { type, id: Number(h.id), snippet: highlights[type === "post" ? "body" : "name"] ?? "", highlights };
    });
    const total = res.estimatedTotalHits ?? hits.length;
    const end = offset + hits.length;
    return {
      hits,
      total,
      totalExact: total < RESULT_WINDOW,
      nextCursor:
        hits.length === limit && end < Math.min(total, RESULT_WINDOW) ? encodeCursor({ s: "m", o: end }) : null,
    };
  }
}

function sameSynonyms(have: Record<string, string[]>, want: Record<string, string[]>): boolean {
  const keys = Object.keys(want);
  if (Object.keys(have).length !== keys.length) return false;
  return keys.every((k) => {
    const h = have[k] ?? [];
    return h.length === want[k].length && want[k].every((t) => h.includes(t));
  });
}

const ORDERED_SETTINGS = new Set(["searchableAttributes", "rankingRules"]);

/**
 * Settings compare equal when the server's value has what we asked for (it adds defaults, and may list
 * filterable/sortable attributes in another order).
 */
function sameSetting(have: unknown, want: unknown, ordered = true): boolean {
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) return false;
    if (!ordered && want.every((w) => typeof w === "string")) return want.every((w) => have.includes(w));
    return want.every((w, i) => sameSetting(have[i], w));
  }
  if (want && typeof want === "object") {
    if (!have || typeof have !== "object") return false;
    return Object.entries(want).every(([k, v]) => sameSetting((have as Record<string, unknown>)[k], v, ordered));
  }
  return have === want;
}

/**
 * A Korean term as Meilisearch is asked for it (issue #13): with a lone consonant, for people, hashtags and groups,
 * the initials spelt as in meiliInitials (김ㅁㅅ → zzagj); in posts, the syllable being typed without its lone
 * consonant (회ㅇ → 회), so Meilisearch's prefix search of the last word completes it.
 */
function hangulForMeili(t: QueryTerm, type: SearchType, parsed: ParsedQuery): QueryTerm {
  if (t.kind !== "cjk" || !hasLoneConsonant(t.text)) return t;
  const chars = Array.from(t.text);
  if (!isPostSearch(type)) {
    const ls = chars.map((c) => initialIndex(c.codePointAt(0)!)).filter((l) => l >= 0);
    return ls.length ? { ...t, text: spell(ls), variants: [] } : t;
  }
  if (t === parsed.open && chars.length > 1 && consonantIndex(chars[chars.length - 1].codePointAt(0)!) >= 0) {
    return { ...t, text: chars.slice(0, -1).join("") };
  }
  return t;
}
