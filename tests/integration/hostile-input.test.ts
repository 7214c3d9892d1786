// Hostile post bodies (issue #8 §8): nesting deep enough to overflow the renderer's stack is refused with a 400
// and a message on every way in (publish, edit, preview, API), and nothing is written.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { postRevisions, posts } from "#db/schema";
import { getDb } from "#app/infra/db.server";
import { editPost, publishPost } from "#app/models/posts/post.server";
import { createApiToken } from "#app/models/people/api-token.server";
import * as homeRoute from "#app/routes/home";
import * as previewRoute from "#app/routes/posts.preview";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import { apiRequest } from "#tests/support/api";

const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} }, params: {} } as any;
const count = (table: typeof posts | typeof postRevisions) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;
const member = async () => ({ ...(await createTestUser()), role: "member" as const });

const DEEP = {
  quotes: "> ".repeat(5_000),
  lists: "- ".repeat(3_000) + "x",
  emphasis: "*".repeat(4_999) + "x" + "*".repeat(4_999),
  strong: "**a ".repeat(1_250) + "a** ".repeat(1_250),
};

describe("deeply nested Markdown", () => {
  it.each(Object.entries(DEEP))("publishing %s answers 400 with a message and writes nothing", async (_n, body) => {
    const ana = await member();
    const cookie = await sessionCookie(ana.id);
    const res = (await homeRoute.action({
      request: makeRequest("/home", { method: "POST", form: { intent: "publish", body }, cookie }),
      ...ctx,
    })) as any;
    const status = res instanceof Response ? res.status : res.init?.status;
    expect(status).toBe(400);
    expect(JSON.stringify(res instanceof Response ? await res.json() : res.data)).toContain("hostileInput.postTooDeep");
    expect(count(posts)).toBe(0);
  });

  it("preview answers 400", async () => {
    const ana = await member();
    const cookie = await sessionCookie(ana.id);
    const res = (await previewRoute.action({
      request: makeRequest("/posts/preview", { method: "POST", form: { body: DEEP.quotes }, cookie }),
      ...ctx,
    })) as any;
    expect(res instanceof Response ? res.status : res.init?.status).toBe(400);
  });

  it("editing refuses it and keeps the post and its revisions as they were", async () => {
    const ana = await member();
    const { id } = publishPost({ viewer: viewerOf(ana), body: "> quoted once" });
    const revisions = count(postRevisions);
    expect(() => editPost({ viewer: viewerOf(ana), postId: id, body: DEEP.strong })).toThrow(
      expect.objectContaining({ status: 400, code: "post_too_deep" }),
    );
    expect(count(postRevisions)).toBe(revisions);
  });

  it("the API answers 400 post_too_deep and writes nothing", async () => {
    const user = await createTestUser();
    const { token } = createApiToken({ userId: user.id, name: "test" });
    const res = await apiRequest(
      new Request("http://localhost:3000/api/v1/posts", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ body: DEEP.lists }),
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("post_too_deep");
    expect(count(posts)).toBe(0);
  });

  it("nesting up to the bound still renders", async () => {
    const ana = await member();
    expect(() => publishPost({ viewer: viewerOf(ana), body: "> ".repeat(50) + "ok" })).not.toThrow();
  });
});
