import { describe, expect, it } from "vitest";
import { publishPost } from "#app/models/posts/post.server";
import * as healthz from "#app/routes/healthz";
import { drainOutbox } from "#search/index.server";
import { createTestUser, viewerOf } from "#tests/factories";

async function health() {
  const res = await healthz.loader();
  return { status: res.status, body: await res.json() };
}

describe("GET /healthz", () => {
  it("reports the database, the search engine and the outbox depth as it rises and drains", async () => {
    const user = await createTestUser();
    await drainOutbox();
    expect(await health()).toEqual({
      status: 200,
      body: {
        status: "ok",
        database: "ok",
        search: expect.objectContaining({ ok: true, engine: "sqlite-fts" }),
        searchOutbox: 0,
      },
    });
    publishPost({ viewer: viewerOf(user), body: "#새글 waiting to be indexed" });
    expect((await health()).body.searchOutbox).toBeGreaterThanOrEqual(1);
    await drainOutbox();
    expect((await health()).body.searchOutbox).toBe(0);
  });
});
