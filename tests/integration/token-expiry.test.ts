// API tokens' expiry and last use (issue #12.17): the expiry rule, the API's 401 for an expired token, the
// settings form that chooses it, and "last used" kept without a write per request.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server";
import { createApiToken, listApiTokens, MAX_API_TOKENS } from "#app/models/people/api-token.server";
import * as settingsRoute from "#app/routes/settings";
import { tokenExpiry } from "#app/utils/token-expiry";
import { apiTokens, users } from "#db/schema";
import { createTestUser, makeRequest, sessionCookie } from "#tests/factories";
import { callApi } from "#tests/support/api";

const DAY = 24 * 60 * 60 * 1000;
// 2026-11-30 15:00 in Seoul (06:00 UTC).
const NOW = Date.UTC(2026, 10, 30, 6, 0);

describe("tokenExpiry", () => {
  const seoul = { now: NOW, timeZone: "Asia/Seoul" };

  it("reads never, 30 and 90 days, and a day as the end of that day in the owner's zone", () => {
    expect(tokenExpiry("never", "", seoul)).toEqual({ ok: true, expiresAt: null });
    expect(tokenExpiry("", "", seoul)).toEqual({ ok: true, expiresAt: null });
    expect(tokenExpiry("30", "", seoul)).toEqual({ ok: true, expiresAt: new Date(NOW + 30 * DAY) });
    expect(tokenExpiry("90", "", seoul)).toEqual({ ok: true, expiresAt: new Date(NOW + 90 * DAY) });
    // Through 31 December in Seoul: until 1 January 00:00 KST, which is 31 December 15:00 UTC.
    expect(tokenExpiry("date", "2026-12-31", seoul)).toEqual({
      ok: true,
      expiresAt: new Date("2026-12-31T15:00:00.000Z"),
    });
    // Today is allowed (the rest of the day). At 03:00 UTC it is 30 November in Seoul but still 29 November in
    // New York, so the same day is past for one owner and today for the other.
    expect(tokenExpiry("date", "2026-11-30", seoul).ok).toBe(true);
    const early = Date.UTC(2026, 10, 30, 3, 0);
    expect(tokenExpiry("date", "2026-11-29", { now: early, timeZone: "America/New_York" })).toEqual({
      ok: true,
      expiresAt: new Date("2026-11-30T05:00:00.000Z"),
    });
    expect(tokenExpiry("date", "2026-11-29", { now: early, timeZone: "Asia/Seoul" }).ok).toBe(false);
  });

  it("refuses a missing, malformed or past day and an unknown choice, naming the field", () => {
    expect(tokenExpiry("date", " ", seoul)).toEqual({
      ok: false,
      field: "expiresOn",
      error: "tokens.expiryDateRequired",
    });
    expect(tokenExpiry("date", "2026-02-30", seoul)).toMatchObject({ ok: false, error: "tokens.expiryDateInvalid" });
    expect(tokenExpiry("date", "31/12/2026", seoul)).toMatchObject({ ok: false, error: "tokens.expiryDateInvalid" });
    expect(tokenExpiry("date", "2026-11-29", seoul)).toMatchObject({ ok: false, error: "tokens.expiryDatePast" });
    expect(tokenExpiry("365", "", seoul)).toEqual({ ok: false, field: "expires", error: "tokens.expiryUnknown" });
  });
});

describe("an expired token on the API", () => {
  it("answers 401 token_expired with the day it expired, while an unexpired one works", async () => {
    const user = await createTestUser();
    const live = createApiToken({ userId: user.id, name: "live", expiresAt: new Date(Date.now() + DAY) });
    const old = createApiToken({ userId: user.id, name: "old", expiresAt: new Date(Date.now() + DAY) });
    expect((await callApi("/api/v1/me", { token: old.token })).status).toBe(200);

    const expiredAt = new Date(Date.now() - 1000);
    getDb().update(apiTokens).set({ expiresAt: expiredAt }).where(eq(apiTokens.id, old.id)).run();
    const res = await callApi("/api/v1/me", { token: old.token });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("token_expired");
    expect(res.json.error.message).toContain(expiredAt.toISOString());
    expect(res.json.error.message).toContain("Settings");
    expect(res.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
    // Writes are refused the same way, and nothing is written.
    const post = await callApi("/api/v1/posts", { method: "POST", token: old.token, json: { body: "late" } });
    expect(post.status).toBe(401);
    expect(post.json.error.code).toBe("token_expired");

    expect((await callApi("/api/v1/me", { token: live.token })).status).toBe(200);
  });

  it("speaks the owner's language", async () => {
    const user = await createTestUser();
    getDb().update(users).set({ locale: "ko" }).where(eq(users.id, user.id)).run();
    const { token } = createApiToken({ userId: user.id, name: "t", expiresAt: new Date(Date.now() - 1000) });
    const res = await callApi("/api/v1/me", { token, headers: { "Accept-Language": "ko" } });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toContain("만료");
  });

  it("frees its place: expired tokens do not count towards the limit", async () => {
    const user = await createTestUser();
    for (let i = 0; i < MAX_API_TOKENS; i++) {
      createApiToken({ userId: user.id, name: `t${i}`, expiresAt: i === 0 ? new Date(Date.now() + 60_000) : null });
    }
    expect(() => createApiToken({ userId: user.id, name: "one more" })).toThrow();
    getDb()
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(apiTokens.name, "t0"))
      .run();
    expect(createApiToken({ userId: user.id, name: "one more" }).token).toMatch(/^sori_/);
  });
});

describe("last used", () => {
  it("is set by the first request and written at most once a minute after that", async () => {
    const user = await createTestUser();
    const { token, id } = createApiToken({ userId: user.id, name: "script" });
    expect(listApiTokens(user.id)[0]!.lastUsedAt).toBeNull();

    const before = Date.now();
    expect((await callApi("/api/v1/me", { token })).status).toBe(200);
    const first = listApiTokens(user.id)[0]!.lastUsedAt!;
    expect(first.getTime()).toBeGreaterThanOrEqual(before);

    // Further requests within the minute do not write: the stored time stays the first one.
    for (let i = 0; i < 5; i++) expect((await callApi("/api/v1/me", { token })).status).toBe(200);
    expect(listApiTokens(user.id)[0]!.lastUsedAt).toEqual(first);

    // An hour later (as far as the row knows), the next request moves it.
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    getDb().update(apiTokens).set({ lastUsedAt: hourAgo }).where(eq(apiTokens.id, id)).run();
    await callApi("/api/v1/me", { token });
    expect(listApiTokens(user.id)[0]!.lastUsedAt!.getTime()).toBeGreaterThan(hourAgo.getTime() + 59 * 60 * 1000);
  });
});

describe("settings: choosing an expiry", () => {
  const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

  async function submit(userId: number, fields: Record<string, string>) {
    const body = new URLSearchParams({ intent: "token-create", name: "ci", scopes: "read", ...fields });
    const { url, headers } = makeRequest("/settings", { cookie: await sessionCookie(userId) });
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    return settingsRoute.action(
      args(new Request(url, { method: "POST", headers, body: body.toString() })),
    ) as Promise<any>;
  }

  it("makes a token that expires in 30 days, and lists its expiry and last use", async () => {
    const user = await createTestUser();
    const before = Date.now();
    const created = await submit(user.id, { expires: "30" });
    expect(created.token).toMatch(/^sori_/);
    const [tok] = listApiTokens(user.id);
    expect(tok!.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(tok!.expiresAt!.getTime()).toBeLessThan(before + 30 * DAY + 60_000);

    await callApi("/api/v1/me", { token: created.token });
    const loaded = (await settingsRoute.loader(
      args(makeRequest("/settings", { cookie: await sessionCookie(user.id) })),
    )) as any;
    expect(loaded.tokens).toMatchObject([{ name: "ci", expiresAt: tok!.expiresAt!.getTime() }]);
    expect(loaded.tokens[0].lastUsedAt).toBeGreaterThanOrEqual(before);
  });

  it("refuses a past day or an unknown choice with a field error and makes no token", async () => {
    const user = await createTestUser();
    const past = await submit(user.id, { expires: "date", expiresOn: "2020-01-01" });
    expect(past.init.status).toBe(400);
    expect(past.data.errors).toEqual({ expiresOn: "tokens.expiryDatePast" });
    // The form comes back as it was sent.
    expect(past.data.values).toMatchObject({ expires: "date", expiresOn: "2020-01-01" });
    const missing = await submit(user.id, { expires: "date", expiresOn: "" });
    expect(missing.data.errors).toEqual({ expiresOn: "tokens.expiryDateRequired" });
    const odd = await submit(user.id, { expires: "forever" });
    expect(odd.init.status).toBe(400);
    expect(odd.data.errors).toEqual({ expires: "tokens.expiryUnknown" });
    expect(listApiTokens(user.id)).toEqual([]);
  });
});
