// Search use cases for the results page, the header suggestions and GET /api/v1/search (issue #3). The engine
// filters by the viewer's scopes inside the query; this module turns hits into view-shaped results.
import { rawStatement } from "#app/infra/db.server";
import { AppError, type FieldErrors } from "#app/utils/errors";
import { HANDLE_RE } from "#app/utils/validation";
import { viewerScopes, type GroupVisibility, type Viewer } from "#app/access/rules";
import { visibilityParams } from "#app/access/visibility.server";
import { getSearchEngine } from "#app/models/search/engine.server";
import { syncSynonyms } from "#app/models/search/synonyms.server";
import { badQuery } from "#search/query";
import {
  MAX_QUERY_LENGTH,
  POST_KINDS,
  SEARCH_TYPES,
  type PostKind,
  type SearchFilters,
  type SearchHit,
  type SearchSort,
  type SearchType,
} from "#search/types";
import { hydratePosts, type PostView } from "#app/models/posts/read-model.server";
import { canSeePersonId, type PublicUser } from "#app/models/people/user.server";
import { requireGroup, SLUG_RE } from "#app/models/groups/group.server";
import { isValidTagBody } from "#app/utils/hashtags";

export type SearchViewer = Viewer;

export type PostSearchResult = { post: PostView; snippet: string };
export type PersonSearchResult = PublicUser & {
  /** false only in an admin's results: deactivated people are not found by members. */
  active: boolean;
  /** An outside partner, shown as "게스트 · Guest (organization)". */
  guest: boolean;
  organization: string;
  /** Safe HTML (escaped, <mark> only). */
  snippet: string;
  highlights: { name: string; handle: string; department: string; title: string };
};
export type HashtagSearchResult = { id: number; name: string; postCount: number; snippet: string };
export type GroupSearchResult = {
  slug: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  memberCount: number;
  /** Safe HTML: the name with matches marked. */
  snippet: string;
  /** Safe HTML: the name, and an excerpt of the description, with matches marked. */
  highlights: { name: string; description: string };
};

type PageMeta = {
  q: string;
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
  /** "Did you mean" (issue #13): on an empty page, a corrected query that finds posts the viewer may see. */
  didYouMean: string | null;
};
export type SearchPage =
  | (PageMeta & { type: "posts" | "questions"; results: PostSearchResult[] })
  | (PageMeta & { type: "people"; results: PersonSearchResult[] })
  | (PageMeta & { type: "hashtags"; results: HashtagSearchResult[] })
  | (PageMeta & { type: "groups"; results: GroupSearchResult[] });

export type SearchContentInput = {
  viewer: SearchViewer;
  q: string;
  type?: SearchType;
  filters?: SearchFilters;
  sort?: SearchSort;
  cursor?: string | null;
  limit?: number;
  /** Posts: all terms (default) or any of them (similar questions). */
  match?: "all" | "any";
};

/**
 * One page of search results the viewer may see. Throws AppError 400 for an empty or too long query, a bad
 * filter or a bad cursor.
 */
export async function searchContent({
  viewer,
  q,
  type = "posts",
  filters,
  sort = "relevance",
  cursor,
  limit,
  match,
}: SearchContentInput): Promise<SearchPage> {
  const engine = getSearchEngine();
  const res = await syncSynonyms(engine)
    .then(() =>
      engine.search({
        q,
        type,
        viewer: { id: viewer.id, role: viewer.role, scopes: viewerScopes(viewer) },
        filters,
        sort,
        cursor,
        limit,
        match,
      }),
    )
    .catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      // An engine outage (Meilisearch unreachable) is the service's problem, not the request's: 503, logged.
      console.warn("search: engine failed:", error instanceof Error ? error.message : error);
      throw new AppError(503, "search_unavailable", "error.searchUnavailable");
    });
  const meta = {
    q,
    total: res.total,
    totalExact: res.totalExact,
    nextCursor: res.nextCursor,
    didYouMean: res.didYouMean ?? null,
  };
  if (type === "posts" || type === "questions") return { ...meta, type, results: postResults(res.hits, viewer) };
  if (type === "people") return { ...meta, type, results: personResults(res.hits) };
  if (type === "groups") return { ...meta, type, results: groupResults(res.hits) };
  return { ...meta, type, results: hashtagResults(res.hits, viewer) };
}

function postResults(hits: SearchHit[], viewer: Viewer): PostSearchResult[] {
  // The read model applies the access rule again: a hit the engine has not caught up on cannot leak.
  const views = new Map(
    hydratePosts(
      hits.map((h) => h.id),
      viewer,
    ).map((p) => [p.id, p]),
  );
  // A post deleted a moment ago may still be indexed until the worker catches up: leave it out.
  return hits.flatMap((h) => {
    const post = views.get(h.id);
    return post ? [{ post, snippet: h.snippet }] : [];
  });
}

function personResults(hits: SearchHit[]): PersonSearchResult[] {
  if (hits.length === 0) return [];
  const rows = rawStatement(
    `select id, handle, name, department, title, photo_version as photoVersion, status, role = 'guest' as guest,
            organization from users where id in (select value from json_each(@ids))`,
  ).all({ ids: JSON.stringify(hits.map((h) => h.id)) }) as (PublicUser & {
    status: string;
    guest: number;
    organization: string;
  })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    if (!r) return [];
    const { status, guest, ...user } = r;
    return [
      {
        ...user,
        guest: !!guest,
        active: status === "active",
        snippet: h.snippet,
        highlights: {
          name: h.highlights.name ?? h.snippet,
          handle: h.highlights.handle ?? "",
          department: h.highlights.department ?? "",
          title: h.highlights.title ?? "",
        },
      },
    ];
  });
}

function hashtagResults(hits: SearchHit[], viewer: Viewer): HashtagSearchResult[] {
  if (hits.length === 0) return [];
  // Counts are the viewer's: only the audiences they may read (hashtag_counts).
  const rows = rawStatement(
    `select h.id, h.name, sum(c.post_count) as postCount from hashtags h join hashtag_counts c on c.hashtag_id = h.id
      where h.id in (select value from json_each(@ids))
        and (c.group_id = 0 and @employee = 1 or c.group_id in (select value from json_each(@readable)))
      group by h.id having sum(c.post_count) > 0`,
  ).all({ ids: JSON.stringify(hits.map((h) => h.id)), ...visibilityParams(viewer) }) as {
    id: number;
    name: string;
    postCount: number;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    return r ? [{ ...r, snippet: h.snippet }] : [];
  });
}

function groupResults(hits: SearchHit[]): GroupSearchResult[] {
  if (hits.length === 0) return [];
  // The current row (the index may lag a rename by a moment); the engine has already applied the scopes.
  const rows = rawStatement(
    `select g.id, g.slug, g.name, g.description, g.visibility,
            (select count(*) from group_members m where m.group_id = g.id) as memberCount
       from groups g where g.id in (select value from json_each(@ids))`,
  ).all({ ids: JSON.stringify(hits.map((h) => h.id)) }) as (Omit<GroupSearchResult, "snippet" | "highlights"> & {
    id: number;
  })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const r = byId.get(h.id);
    if (!r) return [];
    const { id: _id, ...group } = r;
    return [
      {
        ...group,
        snippet: h.snippet,
        highlights: { name: h.highlights.name ?? h.snippet, description: h.highlights.description ?? "" },
      },
    ];
  });
}

export type Suggestions = {
  people: PersonSearchResult[];
  hashtags: HashtagSearchResult[];
  groups: GroupSearchResult[];
  posts: PostSearchResult[];
};

/**
 * Header autocomplete: the top 5 people, 5 hashtags, 3 groups and 3 posts for what is typed so far. Nothing
 * searchable typed yet gives empty lists; only a too long query is an error (400).
 */
export async function suggest({ viewer, q }: { viewer: SearchViewer; q: string }): Promise<Suggestions> {
  const none: Suggestions = { people: [], hashtags: [], groups: [], posts: [] };
  if (q.length > MAX_QUERY_LENGTH) throw badQuery("search_query_too_long");
  if (q.trim() === "") return none;
  const run = <T extends SearchPage>(p: Promise<T>) =>
    p.catch((e) => {
      if (e instanceof AppError && e.code === "search_query_empty") return null;
      throw e;
    });
  const [people, hashtags, groups, posts] = await Promise.all([
    run(searchContent({ viewer, q, type: "people", limit: 5 })),
    run(searchContent({ viewer, q: q.replace(/^[#＃]/, ""), type: "hashtags", limit: 5 })),
    run(searchContent({ viewer, q, type: "groups", limit: 3 })),
    run(searchContent({ viewer, q, type: "posts", limit: 3 })),
  ]);
  return {
    people: people?.type === "people" ? people.results : [],
    hashtags: hashtags?.type === "hashtags" ? hashtags.results : [],
    groups: groups?.type === "groups" ? groups.results : [],
    posts: posts?.type === "posts" ? posts.results : [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Request parameters (results page GET form and GET /api/v1/search share them)
// ---------------------------------------------------------------------------------------------------------

export type SearchParamsInput = Omit<SearchContentInput, "viewer">;

/**
 * ?q=&type=posts|questions|people|hashtags|groups&author=&hashtag=&kind=&answered=1|0&from=&to=&group=
 * &sort=relevance|newest&cursor= — `answered` (questions with or without a best answer, issue #9) implies questions.
 * `from`/`to` are dates (YYYY-MM-DD, whole days in `timeZone`) or ISO date-times; `group` is a group's slug,
 * resolved for `viewer` (a group they may not find is refused exactly like one that does not exist). Bad values
 * throw AppError 400 with a message key per field; the query text itself is validated by the engine (empty /
 * too long).
 */
export function parseSearchParams(
  params: URLSearchParams,
  { timeZone = "Asia/Seoul", viewer }: { timeZone?: string; viewer?: Viewer } = {},
): SearchParamsInput {
  const fields: FieldErrors = {};
  const get = (k: string) => params.get(k)?.trim() || null;
  const q = params.get("q") ?? "";
  if (q.length > MAX_QUERY_LENGTH) fields.q = { key: "error.queryTooLong", vars: { max: MAX_QUERY_LENGTH } };

  const typeRaw = get("type") ?? "posts";
  const type = (SEARCH_TYPES as readonly string[]).includes(typeRaw) ? (typeRaw as SearchType) : null;
  if (!type) fields.type = "error.invalid";
  const sortRaw = get("sort") ?? "relevance";
  const sort = sortRaw === "relevance" || sortRaw === "newest" ? sortRaw : null;
  if (!sort) fields.sort = "error.invalid";
  const kindRaw = get("kind");
  const kind =
    kindRaw == null ? null : (POST_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as PostKind) : undefined;
  if (kind === undefined) fields.kind = "error.invalid";
  const author = resolveAuthor(get("author"), viewer);
  if (author === undefined) fields.author = "search.authorUnknown";
  const hashtag = get("hashtag")?.replace(/^[#＃]/, "") ?? null;
  if (hashtag != null && !isValidTagBody(hashtag)) fields.hashtag = "error.invalid";
  const from = parseDate(get("from"), timeZone, "start");
  if (from === undefined) fields.from = "error.invalid";
  const to = parseDate(get("to"), timeZone, "end");
  if (to === undefined) fields.to = "error.invalid";
  // A start after the end would silently find nothing (issue #12 item 14): say so.
  if (from != null && to != null && from > to) fields.to = "search.datesReversed";
  const answeredRaw = get("answered");
  const answered = answeredRaw == null ? null : answeredRaw === "1" ? true : answeredRaw === "0" ? false : undefined;
  if (answered === undefined) fields.answered = "error.invalid";
  const groupId = resolveGroup(get("group"), viewer);
  if (groupId === undefined) fields.group = "search.groupNotFound";
  const cursor = get("cursor");
  if (cursor != null && (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor))) fields.cursor = "error.invalid";

  if (Object.keys(fields).length) throw new AppError(400, "bad_search_params", "error.badFilter", fields);
  return {
    q,
    type: type!,
    sort: sort!,
    cursor,
    filters: {
      authorHandle: author ?? null,
      hashtag,
      kind: kind ?? null,
      from: from ?? null,
      to: to ?? null,
      groupId: groupId ?? null,
      answered: answered ?? null,
    },
  };
}

/**
 * The author filter takes a handle or a person's name as the directory spells it (issue #12 item 14: "김민수"
 * finds minsu.kim). null when absent, undefined when nobody the viewer may see has that name, else a handle.
 */
function resolveAuthor(raw: string | null, viewer: Viewer | undefined): string | null | undefined {
  if (raw == null) return null;
  const handle = raw.replace(/^@/, "").toLowerCase();
  if (HANDLE_RE.test(handle)) return handle;
  if (!viewer || raw.length > 100) return undefined;
  const named = rawStatement(`select id, handle from users where name = @name order by id limit 20`).all({
    name: raw.normalize("NFC"),
  }) as { id: number; handle: string }[];
  return named.find((u) => canSeePersonId(viewer, u.id))?.handle;
}

/** null when absent, undefined when unknown or not findable by the viewer, else the group's id. */
function resolveGroup(slug: string | null, viewer: Viewer | undefined): number | null | undefined {
  if (slug == null) return null;
  const normalized = slug.toLowerCase();
  if (!viewer || !SLUG_RE.test(normalized)) return undefined;
  try {
    return requireGroup(viewer, normalized).id;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return undefined;
    throw error;
  }
}

/** null when absent, undefined when invalid, else milliseconds. */
function parseDate(value: string | null, timeZone: string, edge: "start" | "end"): number | null | undefined {
  if (value == null) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [y, m, d] = day.slice(1).map(Number);
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
    const start = zonedMidnight(y, m, d, timeZone);
    return edge === "start" ? start : zonedMidnight(y, m, d + 1, timeZone) - 1;
  }
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

/** The instant a calendar day starts in a time zone (DST-safe; an unknown zone counts as UTC). */
function zonedMidnight(y: number, m: number, d: number, timeZone: string): number {
  const utc = Date.UTC(y, m - 1, d);
  const offset = (t: number) => {
    try {
      const parts = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }).formatToParts(new Date(t));
      const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      return (
        Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(t / 1000) * 1000
      );
    } catch {
      return 0;
    }
  };
  const first = utc - offset(utc);
  const second = utc - offset(first);
  return second;
}
