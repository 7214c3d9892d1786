import { describe, expect, it, vi } from "vitest";
import { publishPost } from "#app/models/posts/post.server";
import { createApiToken } from "#app/models/people/api-token.server";
import * as healthz from "#app/routes/healthz";
import { drainSearch } from "#app/events/consumers/search.server";
import { drainNotifications } from "#tests/support/notifications";
import { getDb } from "#app/infra/db.server";
import { createTestUser, viewerOf } from "#tests/factories";

async function health(token?: string) {
  const headers = new Headers(token ? { Authorization: `Bearer ${token}` } : {});
  const res = await healthz.loader({
    request: new Request("http://localhost:3000/healthz", { headers }),
    params: {},
    context: {} as never,
  });
  return { status: res.status, cache: res.headers.get("Cache-Control"), body: await res.json() };
}

describe("GET /healthz", () => {
  it("tells anyone only whether Sori is up", async () => {
    await createTestUser();
    expect(await health()).toEqual({ status: 200, cache: "no-store", body: { status: "ok" } });
  });

  it("answers 503 {status: error} without the database's error text when the database is gone", async () => {
    const errors: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args));
    getDb().$client.close();
    const res = await health();
    expect(res).toEqual({ status: 503, cache: "no-store", body: { status: "error" } });
    // The reason is logged for the operator instead.
    expect(errors.length).toBeGreaterThan(0);
  });

  it("refuses the details to a member's token and to an unknown token", async () => {
    const member = await createTestUser();
    const { token } = createApiToken({ userId: member.id, name: "probe" });
    const asMember = await health(token);
    expect(asMember.status).toBe(403);
    expect(JSON.stringify(asMember.body)).not.toMatch(/search|engine|behind/i);
    expect((await health("sori_" + "x".repeat(40))).status).toBe(401);
  });

  it("reports the database, the search engine and the events search has not consumed yet to an admin", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { token } = createApiToken({ userId: admin.id, name: "monitoring" });
    await drainSearch();
    expect((await health(token)).body).toEqual({
      status: "ok",
      database: "ok",
      search: expect.objectContaining({ ok: true, engine: "sqlite-fts" }),
      searchEventsBehind: 0,
      searchBacklog: 0,
      // Nothing drains notifications in this test: the events of creating the admin wait for the consumer.
      notificationEventsBehind: expect.any(Number),
    });
    publishPost({ viewer: viewerOf(admin), body: "#새글 waiting to be indexed" });
    expect((await health(token)).body.searchEventsBehind).toBeGreaterThanOrEqual(1);
    await drainSearch();
    expect((await health(token)).body.searchEventsBehind).toBe(0);
    await drainNotifications();
    expect((await health(token)).body.notificationEventsBehind).toBe(0);
  });
});
