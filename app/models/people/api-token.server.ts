import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { apiTokens, users } from "#db/schema";
import { getDb, IMMEDIATE, preparedFor, writeIfFree } from "#app/infra/db.server";
import { AppError, notFound } from "#app/utils/errors";
import { hashSecret, newSecret } from "#app/infra/tokens.server";
import { formatTokenScopes, parseTokenScopes, requireGrantableTokenScopes } from "#app/access/token-scopes";
import { DEFAULT_TOKEN_SCOPES } from "#db/enums";

/** Live tokens a person may hold (issue #8.13): enough for every laptop and script, not an unbounded table. */
export const MAX_API_TOKENS = 20;

/**
 * Makes a personal access token; the secret is returned once and only its hash is kept. Scopes (issue #7) are
 * checked against the owner's role as it is in this transaction: admin only for a site admin (an AppError with
 * field `scopes` otherwise). Without scopes the token gets read and write, as every token did before scopes.
 * `expiresAt` (issue #12.17; read it with tokenExpiry from #app/utils/token-expiry) is when it stops working.
 */
export function createApiToken({
  userId,
  name,
  scopes = DEFAULT_TOKEN_SCOPES,
  expiresAt = null,
}: {
  userId: number;
  name: string;
  scopes?: readonly string[];
  expiresAt?: Date | null;
}) {
  const token = newSecret("sori");
  // Count and insert in one transaction, so parallel requests cannot both take the last place.
  const row = getDb().transaction((tx) => {
    const owner = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!owner) throw notFound();
    const granted = requireGrantableTokenScopes(scopes, owner.role);
    // An expired token works no more than a revoked one, so it does not hold a place either.
    const live = tx
      .select({ n: sql<number>`count(*)` })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), unexpired(new Date())))
      .get()!.n;
    if (live >= MAX_API_TOKENS) {
      throw new AppError(409, "too_many_tokens", "accounts.tooManyTokens", undefined, { max: MAX_API_TOKENS });
    }
    return tx
      .insert(apiTokens)
      .values({
        userId,
        name: name.trim().slice(0, 100) || "token",
        tokenHash: hashSecret(token),
        scopes: formatTokenScopes(granted),
        expiresAt,
      })
      .returning({ id: apiTokens.id })
      .get();
  }, IMMEDIATE);
  return { id: row.id, token };
}

const unexpired = (now: Date) => or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now));

/** The user's unrevoked tokens (expired ones too, so their owner sees why a script stopped) with the scopes they grant today (admin drops out once the owner is no longer one). */
export function listApiTokens(userId: number) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      ownerRole: users.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id))
    .all()
    .map(({ scopes, ownerRole, ...t }) => ({ ...t, scopes: parseTokenScopes(scopes, ownerRole) }));
}

/** Revokes one of the user's own tokens; another user's token id is simply not found. */
export function revokeApiToken({ userId, tokenId }: { userId: number; tokenId: number }) {
  const result = getDb()
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run();
  if (result.changes === 0) throw notFound();
}

/** Revokes every token of the user (signing out everywhere, deactivation). Runs on the caller's connection, so
 * inside its transaction when it has one. */
export function revokeAllApiTokens(userId: number): number {
  return getDb()
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
}

const q = preparedFor((db) => ({
  byHash: db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      scopes: apiTokens.scopes,
      id: users.id,
      handle: users.handle,
      name: users.name,
      role: users.role,
      status: users.status,
      locale: users.locale,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
    .prepare(),
  touch: db
    .update(apiTokens)
    .set({ lastUsedAt: sql`${sql.placeholder("now")}` })
    .where(eq(apiTokens.id, sql.placeholder("id")))
    .prepare(),
}));

/** The interval "last used" is kept to: one write a minute per busy token, not one per request. */
export const LAST_USED_PRECISION_MS = 60_000;

/** The active user behind a bearer token; `{ expiredAt }` for a token past its expiry (so the API can say so
 * rather than "invalid"); null for anything else. Checked on every request, so a revoked or expired token or a
 * deactivated person is refused from the next request on. `scopes` is what the token may be used for (check it
 * with hasScope from #app/access/token-scopes); admin counts only while the owner is a site admin. */
export function checkApiToken(token: string) {
  if (!/^sori_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = q().byHash.get({ hash: hashSecret(token) });
  if (!row || row.status !== "active") return null;
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return { expiredAt: row.expiresAt };
  // "Last used" is for people reviewing their tokens: minute precision spares a write on every read, and while
  // another worker writes it waits for the next request rather than stall this one.
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS)
    writeIfFree(() => q().touch.run({ id: row.tokenId, now }));
  return { user: { ...row, scopes: parseTokenScopes(row.scopes, row.role) } };
}

/** checkApiToken for callers that only need the user: an expired token is as unusable as an unknown one. */
export function authenticateApiToken(token: string) {
  const checked = checkApiToken(token);
  return checked?.user ?? null;
}
