// The post forms of the web pages, through the routes' actions in-process (issues #8.7 and #8.11): a page does
// only what it serves, on the ids its URL fixes, checks everything before writing, and reads ids one way.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server";
import { postRevisions, posts, reactions } from "#db/schema";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import * as editRoute from "#app/routes/posts.$postId_.edit";
import * as threadRoute from "#app/routes/posts.$postId";
import * as homeRoute from "#app/routes/home";
import * as companyRoute from "#app/routes/company";
import * as groupRoute from "#app/routes/groups.$slug";
import * as profileRoute from "#app/routes/people.$handle";
import * as hashtagRoute from "#app/routes/hashtags.$tag";
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

describe("/posts/:id/edit (issue #8.7)", () => {
  it("edits only the post in its URL: another id in the body is refused, nothing written", async () => {
    const { ana, own, other } = await world();
    const before = snapshot();
    const res = await act(
      editRoute,
      `/posts/${own.id}/edit`,
      ana,
      { intent: "edit", postId: String(other.id), body: "changed" },
      { postId: String(own.id) },
    );
    expect(res.status).toBe(400);
    expect(bodyOf(own.id)).toBe("Ana's post");
    expect(bodyOf(other.id)).toBe("Ana's other post");
    expect(snapshot()).toEqual(before);
  });

  it.each(["0", "abc", "0x10", "999999"])("answers 404 on /posts/%s/edit, whatever the body names", async (bad) => {
    const { ana, own } = await world();
    const before = snapshot();
    const forms: Record<string, string>[] = [
      { intent: "edit", postId: String(own.id), body: "changed" },
      { intent: "react", postId: String(own.id), kind: "like" },
      { intent: "delete", postId: String(own.id) },
    ];
    for (const form of forms) {
      expect((await act(editRoute, `/posts/${bad}/edit`, ana, form, { postId: bad })).status).toBe(404);
    }
    expect(bodyOf(own.id)).toBe("Ana's post");
    expect(snapshot()).toEqual(before);
  });

  it.each([
    { intent: "react", kind: "like" },
    { intent: "delete" },
    { intent: "pin" },
    { intent: "publish", body: "a new post" },
    { intent: "follow" },
    {},
  ])("refuses intent %j, which the edit page does not serve, and writes nothing", async (form) => {
    const { ana, own } = await world();
    const before = snapshot();
    const res = await act(editRoute, `/posts/${own.id}/edit`, ana, { ...form, postId: String(own.id) } as Any, {
      postId: String(own.id),
    });
    expect(res.status).toBe(400);
    expect(snapshot()).toEqual(before);
    expect(bodyOf(own.id)).toBe("Ana's post");
  });

  it("refuses to edit someone else's post with 403 and writes nothing", async () => {
    const { bo, own } = await world();
    const before = snapshot();
    const res = await act(
      editRoute,
      `/posts/${own.id}/edit`,
      bo,
      { intent: "edit", postId: String(own.id), body: "mine now" },
      { postId: String(own.id) },
    );
    expect(res.status).toBe(403);
    expect(snapshot()).toEqual(before);
  });

  it("answers bad input with 400 before writing", async () => {
    const { ana, own } = await world();
    const before = snapshot();
    const res = await act(
      editRoute,
      `/posts/${own.id}/edit`,
      ana,
      { intent: "edit", postId: String(own.id), body: "   " },
      { postId: String(own.id) },
    );
    expect(res.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });

  it("saves an edit of its post once and goes to the conversation", async () => {
    const { ana, own } = await world();
    const revisions = count(postRevisions);
    const res = await act(
      editRoute,
      `/posts/${own.id}/edit`,
      ana,
      { intent: "edit", postId: String(own.id), body: "edited" },
      { postId: String(own.id) },
    );
    expect(res).toEqual({ status: 302, location: `/posts/${own.threadId}#post-${own.id}` });
    expect(bodyOf(own.id)).toBe("edited");
    expect(count(postRevisions)).toBe(revisions + 1);
  });
});

describe("every page serves only its own intents (issue #8.7)", () => {
  it("refuses to publish from a profile, which has no composer", async () => {
    const { ana } = await world();
    const before = snapshot();
    const res = await act(profileRoute, "/people/bo", ana, { intent: "publish", body: "hello" }, { handle: "bo" });
    expect(res.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });

  it("refuses intents that no page serves on every feed page", async () => {
    const { ana, own } = await world();
    const before = snapshot();
    const pages: [Any, string, Record<string, string>][] = [
      [homeRoute, "/home", {}],
      [companyRoute, "/company", {}],
      [hashtagRoute, "/hashtags/x", { tag: "x" }],
      [profileRoute, "/people/ana", { handle: "ana" }],
      [threadRoute, `/posts/${own.id}`, { postId: String(own.id) }],
    ];
    for (const [route, path, params] of pages) {
      for (const intent of ["archive", "token-revoke", "invite", ""]) {
        const res = await act(route, path, ana, { intent, postId: String(own.id), body: "x" }, params);
        expect(res.status, `${intent} on ${path}`).toBe(400);
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it("acts on a conversation page only on that conversation's posts", async () => {
    const { ana, own, bos } = await world();
    const before = snapshot();
    const thread = { postId: String(own.id) };
    const path = `/posts/${own.id}`;
    expect(
      (await act(threadRoute, path, ana, { intent: "react", postId: String(bos.id), kind: "like" }, thread)).status,
    ).toBe(404);
    expect((await act(threadRoute, path, ana, { intent: "delete", postId: String(bos.id) }, thread)).status).toBe(404);
    expect(
      (await act(threadRoute, path, ana, { intent: "publish", body: "hi", replyToId: String(bos.id) }, thread)).status,
    ).toBe(400);
    expect(snapshot()).toEqual(before);

    // The reply composer's own request still works, and replies to this thread.
    const ok = await act(
      threadRoute,
      path,
      ana,
      { intent: "publish", body: "a reply", replyToId: String(own.id) },
      thread,
    );
    expect(ok.status).toBe(302);
    const reply = getDb().select().from(posts).where(eq(posts.body, "a reply")).get()!;
    expect(reply.replyToId).toBe(own.id);
  });

  it("publishes on a group page to that group only", async () => {
    const { ana } = await world();
    createGroup({ viewer: viewerOf(ana), input: { name: "Design", slug: "design", visibility: "public" } });
    createGroup({ viewer: viewerOf(ana), input: { name: "Other", slug: "other", visibility: "public" } });
    addMembers({ viewer: viewerOf(ana), slug: "design", input: { handles: ["bo"] } });
    const before = snapshot();
    const wrong = await act(
      groupRoute,
      "/groups/design",
      ana,
      { intent: "publish", body: "x", group: "other" },
      {
        slug: "design",
      },
    );
    expect(wrong.status).toBe(400);
    expect(snapshot()).toEqual(before);
    const ok = await act(
      groupRoute,
      "/groups/design",
      ana,
      { intent: "publish", body: "in design", group: "design" },
      {
        slug: "design",
      },
    );
    expect(ok.status).toBe(302);
  });

  it("never redirects off-site from a request path such as //evil.example (a sibling of #8.4)", async () => {
    const { ana } = await world();
    const res = await act(homeRoute, "//evil.example/phish", ana, { intent: "publish", body: "hello" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/home");
  });
});

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
