// The people directory and a person's follow lists (issue #12 item 15): searchable by name, handle or title in
// Korean or English, sorted for the viewer's language, keyset-paged.
//
// Sorting: SQLite here has no ICU, so the locale's collation is approximated in SQL where the keyset can use it:
// Hangul syllables sort in Unicode order, which is the Korean dictionary order (가, 나, 다 …), and Latin names
// case-insensitively. Korean puts Hangul names first, English puts them after the Latin ones — as Intl.Collator
// ("ko") and ("en") order a mixed list.
import { rawStatement } from "#app/infra/db.server";
import type { Viewer } from "#app/access/rules";
import { VISIBLE_PERSON, visibilityParams } from "#app/access/visibility.server";
import { AppError } from "#app/utils/errors";
import type { Locale } from "#app/utils/i18n";
import { getProfile, type PublicUser } from "#app/models/people/user.server";
import { ensureNameMatch, initialsQuery } from "#app/models/people/name-match.server";

const PAGE = 50;
const HANGUL_FIRST = `(unicode(substr(u.name, 1, 1)) between 44032 and 55203)`;

type SortKey = [bucket: number, key: string, id: number];

function encode(key: SortKey) {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decode(cursor: string | null | undefined): SortKey | null {
  if (!cursor) return null;
  try {
    const k: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(k) &&
      k.length === 3 &&
      Number.isInteger(k[0]) &&
      typeof k[1] === "string" &&
      Number.isInteger(k[2])
    )
      return k as SortKey;
  } catch {
    // Not base64url JSON: the 400 below.
  }
  throw new AppError(400, "bad_cursor", "error.badRequest");
}

/** `%term%` for LIKE, with its wildcards escaped (ESCAPE '\'). */
function likeTerm(q: string) {
  return `%${q
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Row = PublicUser & { bucket: number; sortKey: string };

function page(rows: Row[]) {
  const people = rows.slice(0, PAGE).map(({ bucket: _b, sortKey: _k, ...p }) => p);
  const last = rows[PAGE - 1];
  return { people, nextCursor: rows.length > PAGE && last ? encode([last.bucket, last.sortKey, last.id]) : null };
}

/** The sort columns and keyset condition shared by the directory and the follow lists. */
function sortSql(locale: Locale) {
  const bucket =
    locale === "ko" ? `(case when ${HANGUL_FIRST} then 0 else 1 end)` : `(case when ${HANGUL_FIRST} then 1 else 0 end)`;
  return {
    columns: `${bucket} as bucket, lower(u.name) as sortKey`,
    after: `(${bucket}, lower(u.name), u.id) > (@b, @k, @i)`,
    order: `order by bucket, sortKey, u.id`,
  };
}

const USER_COLUMNS = `u.id, u.handle, u.name, u.department, u.title, u.photo_version as photoVersion`;

/** The company directory: active employees, optionally one department and a search by name, handle or title. */
export function listDirectory({
  locale,
  department,
  q,
  cursor,
}: {
  locale: Locale;
  department?: string | null;
  q?: string | null;
  cursor?: string | null;
}) {
  const after = decode(cursor);
  const s = sortSql(locale);
  const term = q?.trim() ? likeTerm(q.trim()) : null;
  // ㄱㅁㅅ finds 김민수 too (issue #13).
  const initials = q ? initialsQuery(q) : null;
  if (initials) ensureNameMatch();
  const rows = rawStatement(
    `select ${USER_COLUMNS}, ${s.columns} from users u
      where u.status = 'active' and u.role <> 'guest'
        ${department ? "and u.department = @department" : ""}
        ${term ? `and (lower(u.name) like @term escape '\\' or u.handle like @term escape '\\' or lower(u.title) like @term escape '\\'${initials ? " or hangul_name_match(u.name, @initials) = 1" : ""})` : ""}
        ${after ? `and ${s.after}` : ""}
      ${s.order} limit ${PAGE + 1}`,
  ).all({
    ...(department ? { department } : {}),
    ...(term ? { term } : {}),
    ...(initials ? { initials } : {}),
    ...(after ? { b: after[0], k: after[1], i: after[2] } : {}),
  }) as Row[];
  return page(rows);
}

export const FOLLOW_LISTS = ["followers", "following"] as const;
export type FollowList = (typeof FOLLOW_LISTS)[number];

/**
 * Who follows a person, or whom they follow: the person must be one the viewer may see (404 otherwise), and the
 * list holds only people the viewer may see.
 */
export function listFollows({
  viewer,
  handle,
  list,
  locale,
  cursor,
}: {
  viewer: Viewer;
  handle: string;
  list: FollowList;
  locale: Locale;
  cursor?: string | null;
}) {
  const profile = getProfile({ handle, viewer });
  const after = decode(cursor);
  const s = sortSql(locale);
  const join =
    list === "followers"
      ? `join follows f on f.follower_id = u.id and f.followee_id = @person`
      : `join follows f on f.followee_id = u.id and f.follower_id = @person`;
  const rows = rawStatement(
    `select ${USER_COLUMNS}, ${s.columns} from users u ${join}
      where ${VISIBLE_PERSON("u")} ${after ? `and ${s.after}` : ""}
      ${s.order} limit ${PAGE + 1}`,
  ).all({
    ...visibilityParams(viewer),
    person: profile.id,
    ...(after ? { b: after[0], k: after[1], i: after[2] } : {}),
  }) as Row[];
  return { person: { handle: profile.handle, name: profile.name }, ...page(rows) };
}
