// All session code lives here, so the move from lucia v3 to its successor guide stays a one-file change.
import crypto from "node:crypto";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { Lucia, type DatabaseSession, type DatabaseUser, type User as LuciaUser } from "lucia";
import { sessions, users } from "#db/schema";
import { getDb, rawStatement } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { singleton } from "#app/infra/registry.server";
import { can, type Viewer } from "#app/access/rules";
import { forbidden } from "#app/utils/errors";
import { buildViewer } from "#app/access/viewer.server";
import { isLocale, localeFromAcceptLanguage, type Locale } from "#app/utils/i18n";

/** The user attributes a session carries (getUserAttributes below reads exactly these). */
type SessionUserAttributes = {
  handle: string;
  name: string;
  role: "member" | "admin" | "guest";
  status: "active" | "deactivated";
  locale: Locale | null;
  timeZone: string;
  photoVersion: number;
};

/**
 * The drizzle adapter, with the one read every request makes — a session and its user — as one prepared statement
 * instead of two queries built and prepared by drizzle on each call (~0.6 ms, most of a stream's connect at 10,000
 * clients: bench/README "Live events"). It reads only the columns getUserAttributes uses, never the password hash.
 */
class SoriAdapter extends DrizzleSQLiteAdapter {
  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = rawStatement(
      `select s.user_id as userId, s.expires_at as expiresAt, u.handle, u.name, u.role, u.status, u.locale,
              u.time_zone as timeZone, u.photo_version as photoVersion
         from sessions s join users u on u.id = s.user_id where s.id = ?`,
    ).get(sessionId) as ({ userId: number; expiresAt: number } & SessionUserAttributes) | undefined;
    if (!row) return [null, null];
    const { userId, expiresAt, ...attributes } = row;
    return [
      { id: sessionId, userId, expiresAt: new Date(expiresAt * 1000), attributes: {} },
      { id: userId, attributes },
    ];
  }
}

function createLucia() {
  const adapter = new SoriAdapter(getDb(), sessions, users);
  return new Lucia(adapter, {
    sessionCookie: {
      name: "sori_session",
      attributes: { secure: getEnv().NODE_ENV === "production", sameSite: "lax" },
    },
    getUserAttributes: (a) => ({
      handle: a.handle,
      name: a.name,
      role: a.role,
      status: a.status,
      locale: a.locale,
      timeZone: a.timeZone,
      photoVersion: a.photoVersion,
    }),
  });
}

type SoriLucia = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: SoriLucia;
    UserId: number;
    // Property names (timeZone, not the column's time_zone): with the column names both were always undefined.
    DatabaseUserAttributes: SessionUserAttributes;
  }
}

export function getLucia(): SoriLucia {
  return singleton("lucia", createLucia);
}

export type SessionUser = LuciaUser;

type Validated = { user: SessionUser | null; refreshCookie: string | null };
const sessionCache = new WeakMap<Request, Promise<Validated>>();

function validate(request: Request): Promise<Validated> {
  let pending = sessionCache.get(request);
  if (!pending) {
    pending = (async () => {
      const lucia = getLucia();
      const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
      if (!id) return { user: null, refreshCookie: null };
      const { user, session } = await lucia.validateSession(id);
      if (!user || !session || user.status !== "active") {
        return { user: null, refreshCookie: lucia.createBlankSessionCookie().serialize() };
      }
      // lucia extends a session that is past half its life; the cookie's expiry must follow.
      return { user, refreshCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null };
    })();
    sessionCache.set(request, pending);
  }
  return pending;
}

/** The signed-in, active user of this request, or null. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await validate(request)).user;
}

/** A Set-Cookie that renews (or clears) the session cookie, when this request needs one. */
export async function getSessionRefreshCookie(request: Request): Promise<string | null> {
  return (await validate(request)).refreshCookie;
}

const SELF = "http://sori.invalid";

/**
 * A same-site path to come back to after sign-in (issue #8.4), judged as a browser reads it: browsers drop tabs
 * and newlines from URLs and read "\\" as "/", so "/\t/evil.example" means "//evil.example". Anything that is
 * not a plain path on this origin — control characters, backslashes or slashes (also percent-encoded) where the
 * host would start — becomes `fallback`. The answer is the normalised path, safe for a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Control characters are never part of a path Sori writes; in a Location header CR/LF would also be a 500.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (/^\/[/\\]/.test(to) || /^\/[/\\]/.test(decoded)) return fallback;
  const url = new URL(to, SELF);
  if (url.origin !== SELF) return fallback;
  return url.pathname + url.search + url.hash;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/signin?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

const viewers = new WeakMap<Request, Viewer>();

/**
 * The signed-in user and their Viewer (app/access), built once per request with fresh group memberships.
 * Every page that shows content asks for this, never for the user alone.
 */
export async function requireViewer(request: Request): Promise<{ user: SessionUser; viewer: Viewer }> {
  const user = await requireUser(request);
  let viewer = viewers.get(request);
  if (!viewer) viewers.set(request, (viewer = buildViewer({ id: user.id, role: user.role })));
  return { user, viewer };
}

/** The signed-in viewer when the policy lets them administer the company ("people.administer"); else a 403. */
export async function requireSiteAdmin(request: Request): Promise<{ user: SessionUser; viewer: Viewer }> {
  const signedIn = await requireViewer(request);
  if (!can(signedIn.viewer, "people.administer", null)) throw new Response(forbidden().code, { status: 403 });
  return signedIn;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (user.role !== "admin") throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function startSession(userId: number): Promise<string> {
  const lucia = getLucia();
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

// Device cookies (issue #8.5, OWASP's "device cookie" lockout scheme): a browser that signed in to an account
// keeps a long-lived, signed token naming that account. Sign-in attempts that carry it are throttled per
// device instead of per account (app/infra/rate-limit.server.ts), so nobody can lock a person out of the
// browser they use. The token is signed with a key derived from the account's password hash, which never
// leaves the server: it cannot be forged without the database, it needs no extra secret to configure, and a
// password change forgets every device at once. Signing out keeps it: it identifies the browser, not a session.
const DEVICE_COOKIE = "sori_device";
const DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

function deviceSignature(account: { id: number; hash: string }, payload: string) {
  return crypto.createHmac("sha256", account.hash).update(`sori-device-v1|${payload}`).digest("base64url");
}

/** A Set-Cookie that marks this browser as known for the account that just signed in with its password. */
export function createDeviceCookie(account: { id: number; hash: string }): string {
  const payload = `${account.id}.${Math.floor(Date.now() / 1000)}.${crypto.randomBytes(16).toString("base64url")}`;
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  return `${DEVICE_COOKIE}=${payload}.${deviceSignature(account, payload)}; Path=/; Max-Age=${DEVICE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * The key of this request's device when its cookie is valid for `account` (signed for it, not expired);
 * null for an unknown browser, an unknown account or a cookie made for someone else.
 */
export function getKnownDevice(request: Request, account: { id: number; hash: string | null } | null): string | null {
  if (!account?.hash) return null;
  const value = /(?:^|;\s*)sori_device=([^;]*)/.exec(request.headers.get("Cookie") ?? "")?.[1];
  const parts = value?.split(".");
  if (parts?.length !== 4) return null;
  const [userId, issuedAt, nonce, signature] = parts;
  const age = Date.now() / 1000 - Number(issuedAt);
  if (userId !== String(account.id) || !(age >= -60 && age <= DEVICE_MAX_AGE_SECONDS)) return null;
  const expected = Buffer.from(
    deviceSignature({ id: account.id, hash: account.hash }, `${userId}.${issuedAt}.${nonce}`),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  return `${userId}.${nonce}`;
}

export async function endSession(request: Request): Promise<string> {
  const lucia = getLucia();
  const id = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (id) await lucia.invalidateSession(id);
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: number): Promise<void> {
  await getLucia().invalidateUserSessions(userId);
}

/** The language of this request: the user's setting, else a lang cookie, else Accept-Language. */
export async function getLocale(request: Request): Promise<Locale> {
  const user = await getUser(request);
  if (user?.locale) return user.locale;
  const cookie = /(?:^|;\s*)sori_lang=(ko|en)/.exec(request.headers.get("Cookie") ?? "")?.[1];
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
