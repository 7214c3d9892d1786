import { describe, expect, it } from "vitest";
import { publishPost } from "#app/models/posts/post.server";
import * as healthz from "#app/routes/healthz";
import { drainSearch } from "#app/events/consumers/search.server";
import { createTestUser, viewerOf } from "#tests/factories";

async function health() {
  const res = await healthz.loader();
  return { status: res.status, body: await res.json() };
}

describe("GET /healthz", () => {
  it("reports the database, the search engine and the events search has not consumed yet", async () => {
    const user = await createTestUser();
    await drainSearch();
    expect(await health()).toEqual({
      status: 200,
      body: {
        status: "ok",
        database: "ok",
        search: expect.objectContaining({ ok: true, engine: "sqlite-fts" }),
        searchEventsBehind: 0,
        searchBacklog: 0,
      },
    });
    publishPost({ viewer: viewerOf(user), body: "#새글 waiting to be indexed" });
    expect((await health()).body.searchEventsBehind).toBeGreaterThanOrEqual(1);
    await drainSearch();
    expect((await health()).body.searchEventsBehind).toBe(0);
  });
});
