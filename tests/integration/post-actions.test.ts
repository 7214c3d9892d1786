// The post forms of the web pages, through the routes' actions in-process (issue #8.11): ids are read one way.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server";
import { postRevisions, posts, reactions } from "#db/schema";
import { publishPost } from "#app/models/posts/post.server";
import * as homeRoute from "#app/routes/home";
import * as settingsRoute from "#app/routes/settings";
import { createApiToken, listApiTokens } from "#app/models/people/api-token.server";
import { listCompanyFeed } from "#app/models/feeds/feed.server";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

const count = (table: typeof posts | typeof postRevisions | typeof reactions) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;
const bodyOf = (id: number) => getDb().select({ body: posts.body }).from(posts).where(eq(posts.id, id)).get()?.body;

/** The action's status, whether it answered or threw a Response. */
async function act(
  route: { action: Any },
  path: string,
  user: { id: number },
  form: Record<string, string>,
  params: Record<string, string> = {},
): Promise<{ status: number; location: string | null }> {
  try {
    const res = await route.action({
      request: makeRequest(path, { method: "POST", form, cookie: await sessionCookie(user.id) }),
      params,
      ...ctx,
    });
    if (res instanceof Response) return { status: res.status, location: res.headers.get("Location") };
    return { status: (res as { init?: { status?: number } }).init?.status ?? 200, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

async function world() {
  const ana = await createTestUser({ handle: "ana", email: "ana@sori.test" });
  const bo = await createTestUser({ handle: "bo", email: "bo@sori.test" });
  const own = publishPost({ viewer: viewerOf(ana), body: "Ana's post" });
  const other = publishPost({ viewer: viewerOf(ana), body: "Ana's other post" });
  const bos = publishPost({ viewer: viewerOf(bo), body: "Bo's post" });
  return { ana, bo, own, other, bos };
}

/** Whatever a request did, these counts say whether it wrote. */
const snapshot = () => ({ posts: count(posts), revisions: count(postRevisions), reactions: count(reactions) });

describe("one id grammar for web forms (issue #8.11)", () => {
  it.each(["0x10", " 373", "373 ", "1e1", "016", "+5", "-1", "0", "1.0", "9999999999999999"])(
    "refuses the id %j in replyToId and postId with 400, writing nothing",
    async (bad) => {
      const { ana, own } = await world();
      const before = snapshot();
      const reply = await act(homeRoute, "/home", ana, { intent: "publish", body: "a reply", replyToId: bad });
      expect(reply.status).toBe(400);
      const react = await act(homeRoute, "/home", ana, { intent: "react", postId: bad, kind: "like" });
      expect(react.status).toBe(400);
      const edit = await act(homeRoute, "/home", ana, { intent: "edit", postId: bad, body: "changed" });
      expect(edit.status).toBe(400);
      expect(snapshot()).toEqual(before);
      expect(bodyOf(own.id)).toBe("Ana's post");
    },
  );

  it("refuses a token id that is not plain decimal in settings, revoking nothing", async () => {
    const { ana } = await world();
    const { id } = createApiToken({ userId: ana.id, name: "laptop" });
    for (const bad of [`0x${id.toString(16)}`, ` ${id}`, `${id}.0`]) {
      expect((await act(settingsRoute, "/settings", ana, { intent: "token-revoke", tokenId: bad })).status).toBe(400);
    }
    expect(listApiTokens(ana.id).map((t) => t.id)).toEqual([id]);
  });

  it("refuses a feed cursor that is not a plain decimal id", async () => {
    const { ana } = await world();
    for (const cursor of ["0x10", "016", " 5"]) {
      expect(() => listCompanyFeed({ viewer: viewerOf(ana), cursor })).toThrow(/bad_cursor/);
    }
  });

  it("accepts a plain decimal id", async () => {
    const { ana, own } = await world();
    const res = await act(homeRoute, "/home", ana, { intent: "react", postId: String(own.id), kind: "like" });
    expect(res.status).toBe(303);
    expect(count(reactions)).toBe(1);
  });
});
