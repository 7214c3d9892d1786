// Personal access token scopes (issue #7): the model, the settings form, and tokens made before scopes existed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { hasScope } from "#app/access/token-scopes";
import { getDb, openDatabase } from "#app/infra/db.server";
import { resetRegistry } from "#app/infra/registry.server";
import { hashSecret, newSecret } from "#app/infra/tokens.server";
import { authenticateApiToken, createApiToken, listApiTokens } from "#app/models/people/api-token.server";
import * as settingsRoute from "#app/routes/settings";
import { AppError } from "#app/utils/errors";
import { translate } from "#app/utils/i18n";
import { users } from "#db/schema";
import { createTestUser, makeRequest, sessionCookie } from "#tests/factories";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../db/migrations");

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("createApiToken with scopes", () => {
  it("keeps the chosen scopes, in a fixed order and without repeats, and authenticates with them", async () => {
    const user = await createTestUser();
    const { token, id } = createApiToken({ userId: user.id, name: "reader", scopes: ["read"] });
    const both = createApiToken({ userId: user.id, name: "bot", scopes: ["write", "read", "write"] });

    expect(listApiTokens(user.id)).toMatchObject([
      { id: both.id, name: "bot", scopes: ["read", "write"] },
      { id, name: "reader", scopes: ["read"] },
    ]);
    const me = authenticateApiToken(token)!;
    expect(me).toMatchObject({ id: user.id, handle: user.handle, role: "member", tokenId: id, scopes: ["read"] });
    expect(hasScope(me.scopes, "read")).toBe(true);
    expect(hasScope(me.scopes, "write")).toBe(false);
    expect(authenticateApiToken(both.token)!.scopes).toEqual(["read", "write"]);
  });

  it("gives read and write, never admin, when no scopes are passed — even to an admin", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { token } = createApiToken({ userId: admin.id, name: "old script" });
    expect(authenticateApiToken(token)!.scopes).toEqual(["read", "write"]);
  });

  it("lets a site admin hold the admin scope; write implies nothing else", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { token } = createApiToken({ userId: admin.id, name: "ops", scopes: ["admin"] });
    const scopes = authenticateApiToken(token)!.scopes;
    expect(scopes).toEqual(["admin"]);
    expect(hasScope(scopes, "read")).toBe(false);
    const writer = createApiToken({ userId: admin.id, name: "w", scopes: ["write"] });
    expect(authenticateApiToken(writer.token)!.scopes).toEqual(["write"]);
  });

  it("refuses no scope, an unknown scope and admin for a non-admin, and makes no token", async () => {
    const member = await createTestUser();
    const guest = await createTestUser({ role: "guest" });

    const none = failure(() => createApiToken({ userId: member.id, name: "t", scopes: [] }));
    expect(none).toMatchObject({ status: 400, code: "invalid_scope", messageKey: "tokens.scopesRequired" });
    expect(none.fields).toEqual({ scopes: "tokens.scopesRequired" });
    expect(failure(() => createApiToken({ userId: member.id, name: "t", scopes: [" ", ""] })).code).toBe(
      "invalid_scope",
    );

    const unknown = failure(() => createApiToken({ userId: member.id, name: "t", scopes: ["read", "delete"] }));
    expect(unknown).toMatchObject({ status: 400, code: "invalid_scope", messageKey: "tokens.scopeUnknown" });
    expect(translate("en", unknown.messageKey, unknown.vars)).toBe(
      'Unknown scope "delete". Use one or more of: read, write, admin.',
    );

    for (const who of [member, guest]) {
      const admin = failure(() => createApiToken({ userId: who.id, name: "t", scopes: ["read", "admin"] }));
      expect(admin).toMatchObject({ status: 403, code: "scope_not_allowed", messageKey: "tokens.adminScopeForbidden" });
    }
    expect(listApiTokens(member.id)).toEqual([]);
    expect(listApiTokens(guest.id)).toEqual([]);
  });

  it("stops counting the admin scope once its owner is no longer a site admin", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { token } = createApiToken({ userId: admin.id, name: "ops", scopes: ["read", "admin"] });
    getDb().update(users).set({ role: "member" }).where(eq(users.id, admin.id)).run();
    expect(authenticateApiToken(token)!.scopes).toEqual(["read"]);
    expect(listApiTokens(admin.id)[0]!.scopes).toEqual(["read"]);
  });
});

describe("tokens made before scopes (migration 0012)", () => {
  it("keep working with read and write, and an admin's old token does not gain admin", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-token-scopes-"));
    const testDatabase = process.env.DATABASE_PATH;
    try {
      // The migrations as they stood before scopes: the same folder with the journal cut before 0012.
      const before = path.join(dir, "migrations");
      fs.cpSync(MIGRATIONS, before, { recursive: true });
      const journalFile = path.join(before, "meta", "_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      const cut = journal.entries.findIndex((e) => e.tag.endsWith("_token_scopes"));
      expect(cut).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, cut);
      fs.writeFileSync(journalFile, JSON.stringify(journal));

      const file = path.join(dir, "sori.db");
      const old = openDatabase(file);
      migrate(old, { migrationsFolder: before });
      const hasScopesColumn = old.$client.prepare(
        "SELECT 1 FROM pragma_table_info('api_tokens') WHERE name = 'scopes'",
      );
      expect(hasScopesColumn.get()).toBeUndefined();
      const token = newSecret("sori");
      const { id } = old.$client
        .prepare(
          "INSERT INTO users (email, handle, name, role) VALUES ('old@sori.test', 'old', 'Old', 'admin') RETURNING id",
        )
        .get() as { id: number };
      old.$client
        .prepare("INSERT INTO api_tokens (user_id, name, token_hash) VALUES (@id, 'laptop', @hash)")
        .run({ id, hash: hashSecret(token) });
      old.$client.close();

      // The app opens the old database and migrates it on first use, as a deploy would.
      resetRegistry();
      process.env.DATABASE_PATH = file;
      expect(authenticateApiToken(token)).toMatchObject({ id, role: "admin", scopes: ["read", "write"] });
      expect(listApiTokens(id)).toMatchObject([{ name: "laptop", scopes: ["read", "write"] }]);
    } finally {
      resetRegistry();
      process.env.DATABASE_PATH = testDatabase;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("settings: creating a token with scopes", () => {
  const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

  /** The token form as a browser sends it: one "scopes" field per ticked checkbox. */
  async function submit(userId: number, name: string, scopes: string[]) {
    const body = new URLSearchParams({ intent: "token-create", name });
    for (const s of scopes) body.append("scopes", s);
    const { url, headers } = makeRequest("/settings", { cookie: await sessionCookie(userId) });
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    return settingsRoute.action(
      args(new Request(url, { method: "POST", headers, body: body.toString() })),
    ) as Promise<any>;
  }

  it("offers read and write to members and admin as well to admins, and lists each token's scopes", async () => {
    const member = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    createApiToken({ userId: member.id, name: "reader", scopes: ["read"] });
    const load = async (userId: number) =>
      (await settingsRoute.loader(args(makeRequest("/settings", { cookie: await sessionCookie(userId) })))) as Awaited<
        ReturnType<typeof settingsRoute.loader>
      >;

    const mine = await load(member.id);
    expect(mine.grantableScopes).toEqual(["read", "write"]);
    expect(mine.tokens).toMatchObject([{ name: "reader", scopes: ["read"] }]);
    expect((await load(admin.id)).grantableScopes).toEqual(["read", "write", "admin"]);
  });

  it("creates the token with the ticked scopes", async () => {
    const member = await createTestUser();
    const created = await submit(member.id, "feed reader", ["read"]);
    expect(created.token).toMatch(/^sori_/);
    expect(authenticateApiToken(created.token)!.scopes).toEqual(["read"]);

    const admin = await createTestUser({ role: "admin" });
    const ops = await submit(admin.id, "ops", ["read", "write", "admin"]);
    expect(authenticateApiToken(ops.token)!.scopes).toEqual(["read", "write", "admin"]);
  });

  it("answers no scope, an unknown scope and admin for a member with a form error and writes nothing", async () => {
    const member = await createTestUser();

    const none = await submit(member.id, "laptop", []);
    expect(none.init.status).toBe(400);
    expect(none.data.errors).toEqual({ scopes: "tokens.scopesRequired" });
    // The form comes back as it was sent.
    expect(none.data.values).toMatchObject({ intent: "token-create", name: "laptop", scopes: "" });

    const unknown = await submit(member.id, "laptop", ["read", "root"]);
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.errors.scopes).toMatchObject({ key: "tokens.scopeUnknown", vars: { scope: "root" } });

    const admin = await submit(member.id, "laptop", ["read", "write", "admin"]);
    expect(admin.init.status).toBe(403);
    expect(admin.data.errors).toEqual({ scopes: "tokens.adminScopeForbidden" });
    expect(admin.data.values.scopes).toBe("read write admin");

    expect(listApiTokens(member.id)).toEqual([]);
  });
});
