// Helper (run in its own process with DATABASE_PATH set): makes the credentials the HTTP benchmarks use, with
// the app's own functions — a session cookie (startSession) for the web pages and API tokens (createApiToken).
//
// The API allows 300 requests a minute per token in production (and refuses to turn that off there), so the
// load loops rotate through pools of tokens, each used well under its limit. Tokens are secrets shown once,
// so they are kept in a sidecar file next to the database and reused while their hashes are still there.
//
//   DATABASE_PATH=… tsx bench/setup-auth.ts --viewers 7,12 --readers 600 --writers 200 --writer-users 2,3,4
import fs from "node:fs";
import { parseArgs } from "node:util";
import { inArray, sql } from "drizzle-orm";
import { apiTokens, sessions, users } from "#db/schema";
import { startSession } from "#app/web/auth.server";
import { getDb } from "#app/infra/db.server";
import { hashSecret, newSecret } from "#app/infra/tokens.server";

export type Viewer = {
  userId: number;
  /** `sori_session=…` for the web pages. */
  cookie: string;
  /** Several tokens of this user, so sequential requests stay under the per-token rate limit. */
  tokens: string[];
};

export type BenchAuth = {
  /** The users whose Home feed is measured, by user id. */
  viewers: Record<string, Viewer>;
  readerTokens: { userId: number; token: string }[];
  writerTokens: { userId: number; token: string }[];
};

const { values } = parseArgs({
  options: {
    viewers: { type: "string", default: "" },
    readers: { type: "string", default: "600" },
    writers: { type: "string", default: "200" },
    "writer-users": { type: "string", default: "" },
  },
});

const dbPath = process.env.DATABASE_PATH!;
const sidecar = `${dbPath}.auth.json`;
const viewerIds = values.viewers!.split(",").filter(Boolean).map(Number);
const nReaders = Number(values.readers);
const nWriters = Number(values.writers);
const writerUsers = values["writer-users"]!.split(",").filter(Boolean).map(Number);
const db = getDb();
// Per measured viewer: 60 tokens × 300 requests a minute each carry ~300 sequential requests a second to one
// server (bench/questions.ts reaches ~250/s on its cheapest lists).
const VIEWER_TOKENS = 60;

function stillValid(auth: BenchAuth): boolean {
  if (!auth.viewers || viewerIds.some((id) => !auth.viewers[id] || auth.viewers[id].tokens.length < VIEWER_TOKENS)) {
    return false;
  }
  if (auth.readerTokens.length < nReaders || auth.writerTokens.length < nWriters) return false;
  const viewers = Object.values(auth.viewers);
  const all = [
    ...viewers.flatMap((v) => v.tokens),
    ...auth.readerTokens.map((t) => t.token),
    ...auth.writerTokens.map((t) => t.token),
  ];
  const hashes = all.map(hashSecret);
  let found = 0;
  for (let i = 0; i < hashes.length; i += 500) {
    found += db
      .select({ n: sql<number>`count(*)` })
      .from(apiTokens)
      .where(inArray(apiTokens.tokenHash, hashes.slice(i, i + 500)))
      .get()!.n;
  }
  if (found !== all.length) return false;
  return viewers.every((v) => {
    const sessionId = /sori_session=([^;]+)/.exec(v.cookie)?.[1] ?? "";
    const session = db
      .select({ expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(sql`${sessions.id} = ${sessionId}`)
      .get();
    // lucia stores seconds; keep a day of margin.
    return !!session && session.expiresAt > Date.now() / 1000 + 86_400;
  });
}

/**
 * A token made the way createApiToken makes one (same secret format and hash), without its cap of 20 live tokens
 * per person: that is a product limit, and the load client plays hundreds of clients with a handful of accounts
 * (each token stays under the API's per-token rate limit).
 */
function benchToken(userId: number, name: string): string {
  const token = newSecret("sori");
  db.insert(apiTokens)
    .values({ userId, name, tokenHash: hashSecret(token) })
    .run();
  return token;
}

async function main() {
  if (fs.existsSync(sidecar)) {
    const cached = JSON.parse(fs.readFileSync(sidecar, "utf8")) as BenchAuth;
    if (stillValid(cached)) {
      console.log(JSON.stringify(cached));
      return;
    }
  }
  const userIds = db
    .select({ id: users.id })
    .from(users)
    .all()
    .map((r) => r.id);
  const viewers: Record<string, Viewer> = {};
  for (const userId of viewerIds) {
    viewers[userId] = {
      userId,
      cookie: (await startSession(userId)).split(";")[0],
      tokens: Array.from({ length: VIEWER_TOKENS }, (_, i) => benchToken(userId, `bench viewer ${i}`)),
    };
  }
  const readerTokens: BenchAuth["readerTokens"] = [];
  const writerTokens: BenchAuth["writerTokens"] = [];
  db.transaction(() => {
    for (let i = 0; i < nReaders; i++) {
      const userId = userIds[(i * 7919) % userIds.length];
      readerTokens.push({ userId, token: benchToken(userId, `bench reader ${i}`) });
    }
    for (let i = 0; i < nWriters; i++) {
      const userId = writerUsers.length ? writerUsers[i % writerUsers.length] : userIds[(i * 104729) % userIds.length];
      writerTokens.push({ userId, token: benchToken(userId, `bench writer ${i}`) });
    }
  });
  const auth: BenchAuth = { viewers, readerTokens, writerTokens };
  fs.writeFileSync(sidecar, JSON.stringify(auth));
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  console.log(JSON.stringify(auth));
}

await main();
