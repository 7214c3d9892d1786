import { and, desc, eq, isNull, sql } from "drizzle-orm";
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
 */
export function createApiToken({
  userId,
  name,
  scopes = DEFAULT_TOKEN_SCOPES,
}: {
  userId: number;
  name: string;
  scopes?: readonly string[];
}) {
  const token = newSecret("sori");
  // Count and insert in one transaction, so parallel requests cannot both take the last place.
  const row = getDb().transaction((tx) => {
    const owner = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!owner) throw notFound();
    const granted = requireGrantableTokenScopes(scopes, owner.role);
    const live = tx
      .select({ n: sql<number>`count(*)` })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
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
      })
      .returning({ id: apiTokens.id })
      .get();
  }, IMMEDIATE);
  return { id: row.id, token };
}

/** The user's live tokens with the scopes they grant today (admin drops out once the owner is no longer one). */
export function listApiTokens(userId: number) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      ownerRole: users.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
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

/** The active user behind a bearer token, or null. Checked on every request, so a revoked token or a
 * deactivated person is refused from the next request on. `scopes` is what the token may be used for (check it
 * with hasScope from #app/access/token-scopes); admin counts only while the owner is a site admin. */
export function authenticateApiToken(token: string) {
  if (!/^sori_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = q().byHash.get({ hash: hashSecret(token) });
  if (!row || row.status !== "active") return null;
  // "Last used" is for people reviewing their tokens: minute precision spares a write on every read, and while
  // another worker writes it waits for the next request rather than stall this one.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    writeIfFree(() => q().touch.run({ id: row.tokenId, now: Date.now() }));
  return { ...row, scopes: parseTokenScopes(row.scopes, row.role) };
}
