import { and, asc, eq, gt, inArray, ne, or, sql } from "drizzle-orm";
import { follows, passwords, users, type User } from "#db/schema";
import { can, type Viewer } from "#app/access/rules";
import { VISIBLE_PERSON, VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { hashPassword } from "#app/infra/passwords.server";
import { endAllSessions, type SessionUser } from "#app/web/auth.server";
import { revokeAllApiTokens } from "#app/models/people/api-token.server";
import { getDb, IMMEDIATE, preparedFor, rawStatement } from "#app/infra/db.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { recordEvent } from "#app/events/domain-events.server";
import { decodeNameCursor, encodeNameCursor } from "#app/models/pagination.server";
import { ensureNameMatch, initialsQuery } from "#app/models/people/name-match.server";

export type PublicUser = Pick<User, "id" | "handle" | "name" | "department" | "title" | "photoVersion">;

export const publicUserColumns = {
  id: users.id,
  handle: users.handle,
  name: users.name,
  department: users.department,
  title: users.title,
  photoVersion: users.photoVersion,
};

export function countUsers(): number {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .get()!.n;
}

export type NewUser = {
  email: string;
  handle: string;
  name: string;
  department?: string;
  title?: string;
  password?: string;
  role?: "member" | "admin" | "guest";
  /** A guest's company ("게스트 · Guest (Partner Co)"); empty for employees. */
  organization?: string;
  locale?: "ko" | "en" | null;
  /** Already hashed (a confirmed sign-up hashed it when it was typed); wins over `password`. */
  passwordHash?: string;
};

/** Creates an account; the caller has already decided that this person may have one. */
export async function createUser(input: NewUser): Promise<PublicUser> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const handle = input.handle.trim().toLowerCase();
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  return db.transaction((tx) => {
    const clash = tx
      .select({ email: users.email, handle: users.handle })
      .from(users)
      .where(or(eq(users.email, email), eq(users.handle, handle)))
      .all();
    if (clash.some((c) => c.email === email)) {
      throw new AppError(409, "email_taken", "signup.emailTaken", { email: "signup.emailTaken" });
    }
    if (clash.length) {
      throw new AppError(409, "handle_taken", "signup.handleTaken", { handle: "signup.handleTaken" });
    }
    const user = tx
      .insert(users)
      .values({
        email,
        handle,
        name: input.name.normalize("NFC"),
        department: input.department?.normalize("NFC") ?? "",
        title: input.title?.normalize("NFC") ?? "",
        role: input.role ?? "member",
        organization: input.organization?.trim().normalize("NFC") ?? "",
        locale: input.locale ?? null,
      })
      .returning(publicUserColumns)
      .get();
    if (passwordHash) tx.insert(passwords).values({ userId: user.id, hash: passwordHash }).run();
    recordEvent({ type: "user.changed", userId: user.id });
    return user;
  }, IMMEDIATE);
}

export async function setPassword(userId: number, password: string) {
  const hash = await hashPassword(password);
  getDb()
    .insert(passwords)
    .values({ userId, hash })
    .onConflictDoUpdate({ target: passwords.userId, set: { hash } })
    .run();
}

/** What sign-in needs, and nothing else. */
export function getSignInRecord(email: string) {
  return (
    getDb()
      .select({ id: users.id, status: users.status, hash: passwords.hash })
      .from(users)
      .leftJoin(passwords, eq(passwords.userId, users.id))
      .where(eq(users.email, email.trim().toLowerCase()))
      .get() ?? null
  );
}

export function getUserIdByEmail(email: string): number | null {
  return (
    getDb().select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).get()?.id ?? null
  );
}

export function listUsers() {
  return getDb()
    .select({
      ...publicUserColumns,
      email: users.email,
      role: users.role,
      status: users.status,
      profileLocked: sql<boolean>`${users.profileLockedAt} is not null`.mapWith(Boolean),
    })
    .from(users)
    .orderBy(asc(users.id))
    .all();
}

const q = preparedFor((db) => ({
  activeHandles: db
    .select({ id: users.id, handle: users.handle })
    .from(users)
    .where(
      and(
        inArray(users.handle, sql`(select value from json_each(${sql.placeholder("handles")}))`),
        eq(users.status, "active"),
      ),
    )
    .prepare(),
}));

/** Lower-cased handles of active users among the given ones (for mentions). */
export function findActiveHandles(handles: string[]): Map<string, number> {
  if (handles.length === 0) return new Map();
  const rows = q().activeHandles.all({ handles: JSON.stringify(handles) });
  return new Map(rows.map((r) => [r.handle, r.id]));
}

/**
 * A person's profile as the viewer may see it (404 when they may not: canSeePerson). The post count counts only
 * posts the viewer may see, so it never reveals that private posts exist.
 */
export function getProfile({ handle, viewer }: { handle: string; viewer: Viewer }) {
  const params = visibilityParams(viewer);
  const user = rawStatement(
    `select u.id, u.handle, u.name, u.department, u.title, u.photo_version as photoVersion, u.bio, u.status,
            u.role = 'guest' as guest, u.organization,
            (select count(*) from follows f where f.followee_id = u.id) as followers,
            (select count(*) from follows f where f.follower_id = u.id) as following,
            (select count(*) from posts p where p.author_id = u.id and p.anonymous = 0 and ${VISIBLE_POST("p")})
              as postCount,
            exists (select 1 from follows f where f.follower_id = @me and f.followee_id = u.id) as isFollowing
       from users u where u.handle = @handle and ${VISIBLE_PERSON("u")}`,
  ).get({ ...params, handle: String(handle).toLowerCase() }) as
    | (PublicUser & {
        bio: string;
        status: "active" | "deactivated";
        guest: number;
        organization: string;
        followers: number;
        following: number;
        postCount: number;
        isFollowing: number;
      })
    | undefined;
  if (!user) throw notFound();
  return {
    ...user,
    guest: !!user.guest,
    isFollowing: !!user.isFollowing,
    isSelf: viewer.id === user.id,
  };
}

/** The id of a person the viewer may see; 404 for anyone else, as for nobody. */
export function requireVisiblePersonId(viewer: Viewer, handle: string): number {
  const id = rawStatement(`select u.id from users u where u.handle = @handle and ${VISIBLE_PERSON("u")}`)
    .pluck()
    .get({ ...visibilityParams(viewer), handle: String(handle).toLowerCase() }) as number | undefined;
  if (id == null) throw notFound();
  return id;
}

/** Whether the viewer may see this account (its photo, its name in a list). */
export function canSeePersonId(viewer: Viewer, userId: number): boolean {
  return !!rawStatement(`select 1 from users u where u.id = @id and ${VISIBLE_PERSON("u")}`).get({
    ...visibilityParams(viewer),
    id: userId,
  });
}

export function getUserIdByHandle(handle: string): number {
  const row = getDb().select({ id: users.id }).from(users).where(eq(users.handle, handle.toLowerCase())).get();
  if (!row) throw notFound();
  return row.id;
}

export function getSettings(userId: number) {
  return getDb()
    .select({
      ...publicUserColumns,
      email: users.email,
      bio: users.bio,
      locale: users.locale,
      timeZone: users.timeZone,
      profileLocked: sql<boolean>`${users.profileLockedAt} is not null`.mapWith(Boolean),
    })
    .from(users)
    .where(eq(users.id, userId))
    .get()!;
}

const PAGE = 50;

/** The directory, by name, optionally one department; keyset on (name, id). */
export function listPeople({ department, cursor }: { department?: string | null; cursor?: string | null }) {
  const db = getDb();
  const after = decodeNameCursor(cursor);
  const rows = db
    .select(publicUserColumns)
    .from(users)
    .where(
      and(
        eq(users.status, "active"),
        // The directory is the company's: guests appear in the member lists of their groups.
        sql`${users.role} <> 'guest'`,
        department ? eq(users.department, department) : undefined,
        after ? or(gt(users.name, after.name), and(eq(users.name, after.name), gt(users.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(PAGE + 1)
    .all();
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    people: page,
    nextCursor: rows.length > PAGE && last ? encodeNameCursor(last) : null,
  };
}

export function listDepartments(): string[] {
  return getDb()
    .selectDistinct({ department: users.department })
    .from(users)
    .where(and(eq(users.status, "active"), sql`${users.department} <> ''`))
    .orderBy(asc(users.department))
    .all()
    .map((r) => r.department);
}

/**
 * A person's own profile. While an admin has locked name, department and title (issue #8.1) those three are ignored,
 * whatever the form sent: the lock is read in the same transaction as the write, so a lock that lands while the
 * form is open still wins. Omitted ones (a locked form does not send them) are left as they are.
 */
export function updateProfile({
  actor,
  values,
}: {
  actor: SessionUser;
  values: {
    name?: string;
    department?: string;
    title?: string;
    bio: string;
    locale: "ko" | "en" | null;
    timeZone: string;
  };
}) {
  getDb().transaction((tx) => {
    const locked = tx.select({ at: users.profileLockedAt }).from(users).where(eq(users.id, actor.id)).get()?.at != null;
    const { name, department, title, ...rest } = values;
    tx.update(users)
      .set(locked ? rest : { ...rest, name, department, title })
      .where(eq(users.id, actor.id))
      .run();
    recordEvent({ type: "user.changed", userId: actor.id });
  }, IMMEDIATE);
}

/**
 * The directory is authoritative (issue #8.1): a site admin sets a person's name, department and title and locks
 * them, so a self-registered account cannot pose as someone else by its settings; or lifts the lock, leaving the
 * values as they are for the person to change again. Search learns of it through the event log.
 */
export function setProfileLock({
  actor,
  userId,
  lock,
}: {
  actor: Viewer;
  userId: number;
  lock: { name: string; department: string; title: string } | null;
}) {
  if (!can(actor, "people.administer", null)) throw forbidden();
  getDb().transaction((tx) => {
    const result = tx
      .update(users)
      .set(lock ? { ...lock, profileLockedAt: new Date() } : { profileLockedAt: null })
      .where(eq(users.id, userId))
      .run();
    if (result.changes === 0) throw notFound();
    recordEvent({ type: "user.changed", userId });
  }, IMMEDIATE);
}

export function followUser({ viewer, handle, follow }: { viewer: Viewer; handle: string; follow: boolean }) {
  const db = getDb();
  const targetId = requireVisiblePersonId(viewer, handle);
  if (targetId === viewer.id) throw new AppError(400, "self_follow", "error.invalid");
  if (follow) {
    db.insert(follows).values({ followerId: viewer.id, followeeId: targetId }).onConflictDoNothing().run();
  } else {
    db.delete(follows)
      .where(and(eq(follows.followerId, viewer.id), eq(follows.followeeId, targetId)))
      .run();
  }
}

/**
 * Deactivates or reactivates an account (issue #8.14); site admins only (the CLI acts as one). Deactivation revokes
 * the person's API tokens and ends their sessions: both are refused from the next request on, since sessions, tokens
 * and getViewerById check the status. Posts, follows and group memberships stay, so reactivation restores them;
 * revoked tokens do not come back. Search learns of it through the event log (deactivated people are found by
 * admins only).
 */
export async function setUserStatus({
  actor,
  userId,
  status,
}: {
  actor: Viewer;
  userId: number;
  status: "active" | "deactivated";
}): Promise<{ handle: string; changed: boolean }> {
  if (!can(actor, "people.administer", null)) throw forbidden();
  const db = getDb();
  const user = db.select({ id: users.id, handle: users.handle }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw notFound();
  if (status === "deactivated" && user.id === actor.id) {
    // An admin locking themselves out (perhaps the last admin) is never what they meant.
    throw new AppError(400, "self_deactivation", "accounts.cannotDeactivateSelf");
  }
  const changed = db.transaction((tx) => {
    const result = tx
      .update(users)
      .set({ status, deactivatedAt: status === "deactivated" ? new Date() : null })
      .where(and(eq(users.id, user.id), ne(users.status, status)))
      .run();
    if (result.changes === 0) return false;
    if (status === "deactivated") revokeAllApiTokens(user.id);
    recordEvent({ type: "user.changed", userId: user.id });
    return true;
  }, IMMEDIATE);
  // After the commit (lucia's store is asynchronous); the status already refuses these sessions.
  if (status === "deactivated") await endAllSessions(user.id);
  return { handle: user.handle, changed };
}

/** "Sign out everywhere" (issue #8.9): every session and every API token, so a script on a lost laptop stops too. */
export async function signOutEverywhere(userId: number) {
  revokeAllApiTokens(userId);
  await endAllSessions(userId);
}

export function requireActiveUser(userId: number) {
  const row = getDb().select({ status: users.status }).from(users).where(eq(users.id, userId)).get();
  if (!row || row.status !== "active") throw forbidden();
}

export function setLocale(userId: number, locale: "ko" | "en") {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/** Mention autocomplete: active people the viewer may see whose handle starts with the query or whose name
 * contains it (Korean colleagues are often typed by given name: 지우 finds 한지우). */
export function suggestPeople({ viewer, query, limit = 8 }: { viewer: Viewer; query: string; limit?: number }) {
  const q = query.normalize("NFC").toLowerCase();
  if (!q) return [];
  // Escape LIKE's wildcards: handles may contain "_".
  const like = q.replace(/[\\%_]/g, "\\$&");
  // ㄱㅁㅅ suggests 김민수 too (issue #13).
  const initials = initialsQuery(q);
  if (initials) ensureNameMatch();
  return rawStatement(
    `select u.handle, u.name, u.department from users u
      where u.status = 'active' and (u.handle like @prefix escape '\\' or lower(u.name) like @contains escape '\\'
        ${initials ? "or hangul_name_match(u.name, @initials) = 1" : ""})
        and ${VISIBLE_PERSON("u")}
      order by case when u.handle like @prefix escape '\\' then 0 else 1 end, u.handle limit @n`,
  ).all({
    ...visibilityParams(viewer),
    prefix: like + "%",
    contains: "%" + like + "%",
    n: limit,
    ...(initials ? { initials } : {}),
  }) as {
    handle: string;
    name: string;
    department: string;
  }[];
}
