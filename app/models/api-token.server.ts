import { and, desc, eq, isNull } from "drizzle-orm";
import { apiTokens, users } from "#db/schema";
import { getDb } from "#app/utils/db.server";
import { notFound } from "#app/utils/errors";
import { hashSecret, newSecret } from "#app/utils/tokens.server";

/** Makes a personal access token; the secret is returned once and only its hash is kept. */
export function createApiToken({ userId, name }: { userId: number; name: string }) {
  const token = newSecret("sori");
  const row = getDb()
    .insert(apiTokens)
    .values({ userId, name: name.trim().slice(0, 100) || "token", tokenHash: hashSecret(token) })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}

export function listApiTokens(userId: number) {
  return getDb()
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.id))
    .all();
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

/** The active user behind a bearer token, or null. */
export function authenticateApiToken(token: string) {
  if (!/^sori_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = getDb();
  const row = db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, handle: users.handle, name: users.name, role: users.role, status: users.status, locale: users.locale })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .get();
  if (!row || row.status !== "active") return null;
  // "Last used" is for people reviewing their tokens: minute precision spares a write on every read.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId)).run();
  }
  return row;
}

