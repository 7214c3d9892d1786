import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents, posts } from "#db/schema";
import { listCompanyFeed, listHashtagFeed, listHomeFeed, listProfileFeed } from "#app/models/feeds/feed.server";
import { followHashtag, getHashtag, listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { deletePost, editPost, publishPost, setReaction } from "#app/models/posts/post.server";
import { getThread, listRevisions } from "#app/models/posts/read-model.server";
import { followUser, getProfile } from "#app/models/people/user.server";
import { getDb } from "#app/infra/db.server";
import * as homeRoute from "#app/routes/home";
import * as threadRoute from "#app/routes/posts.$postId";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} }, params: {} } as any;
const countPosts = () =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .get()!.n;
const member = async (o = {}) => {
  const u = await createTestUser(o);
  return { ...u, role: "member" as const };
};

describe("publishing", () => {
  it("renders Markdown, records hashtags (lower-case) and mentions of existing people, and queues indexing", async () => {
    const ana = await member({ handle: "ana.park", name: "박아나" });
    const bo = await member({ handle: "bo.lee" });
    const { id } = publishPost({
      viewer: viewerOf(ana),
      body: "**Launch** #신제품 #Remix with @bo.lee and @ghost.user",
    });
    const [view] = listProfileFeed({ viewer: viewerOf(bo), authorId: ana.id }).posts;
    expect(view.id).toBe(id);
    expect(view.html).toContain("<strong>Launch</strong>");
    expect(view.hashtags.sort()).toEqual(["remix", "신제품"]);
    expect(view.mentions).toEqual(["bo.lee"]);
    expect(view.author).toMatchObject({ handle: "ana.park", name: "박아나" });
    // Recorded with the post, for search and the other consumers of the log.
    const events = getDb().select().from(domainEvents).all();
    expect(events.some((e) => e.type === "post.published" && JSON.parse(e.data).postId === id)).toBe(true);
  });

  it("threads replies under the root, even a reply to a reply", async () => {
    const ana = await member();
    const root = publishPost({ viewer: viewerOf(ana), body: "root" });
    const r1 = publishPost({ viewer: viewerOf(ana), body: "first", replyToId: root.id });
    const r2 = publishPost({ viewer: viewerOf(ana), body: "second", replyToId: r1.id });
    const thread = getThread({ postId: r2.id, viewer: viewerOf(ana) });
    expect(thread.root.id).toBe(root.id);
    expect(thread.root.replyCount).toBe(2);
    expect(thread.replies.map((r) => r.body)).toEqual(["first", "second"]);
    expect(thread.replies.every((r) => r.replyToId === root.id)).toBe(true);
  });

  it("refuses a reply to a post that does not exist and writes nothing", async () => {
    const ana = await member();
    expect(() => publishPost({ viewer: viewerOf(ana), body: "x", replyToId: 999999 })).toThrow();
    expect(countPosts()).toBe(0);
  });
});

describe("editing and deleting", () => {
  it("lets the author edit, keeps the history and re-derives hashtags", async () => {
    const ana = await member();
    const { id } = publishPost({ viewer: viewerOf(ana), body: "old #alpha" });
    editPost({ viewer: viewerOf(ana), postId: id, body: "new #beta" });
    const view = listCompanyFeed({ viewer: viewerOf(ana) }).posts[0];
    expect(view.body).toBe("new #beta");
    expect(view.editedAt).not.toBeNull();
    expect(view.hashtags).toEqual(["beta"]);
    expect(listRevisions({ postId: id, viewer: viewerOf(ana) }).map((r) => r.body)).toEqual(["old #alpha"]);
    // No post uses #alpha any more: it answers like a hashtag that never existed; #beta counts the post.
    expect(getHashtag("alpha", viewerOf(ana))).toBeNull();
    expect(getHashtag("beta", viewerOf(ana))?.postCount).toBe(1);
  });

  it("refuses another member's edit and delete, lets an admin delete", async () => {
    const ana = await member();
    const bo = await member();
    const admin = { ...(await createTestUser({ role: "admin" })), role: "admin" as const };
    const { id } = publishPost({ viewer: viewerOf(ana), body: "mine" });
    expect(() => editPost({ viewer: viewerOf(bo), postId: id, body: "hijack" })).toThrow(/forbidden/);
    expect(() => deletePost({ viewer: viewerOf(bo), postId: id })).toThrow(/forbidden/);
    expect(() => editPost({ viewer: viewerOf(admin), postId: id, body: "admin edit" })).toThrow(/forbidden/);
    expect(listCompanyFeed({ viewer: viewerOf(ana) }).posts[0].body).toBe("mine");
    deletePost({ viewer: viewerOf(admin), postId: id });
    expect(countPosts()).toBe(0);
  });

  it("deleting a root deletes its replies; deleting a reply updates the count", async () => {
    const ana = await member();
    const root = publishPost({ viewer: viewerOf(ana), body: "root #tag" });
    const reply = publishPost({ viewer: viewerOf(ana), body: "reply #tag", replyToId: root.id });
    publishPost({ viewer: viewerOf(ana), body: "reply 2", replyToId: root.id });
    deletePost({ viewer: viewerOf(ana), postId: reply.id });
    expect(getThread({ postId: root.id, viewer: viewerOf(ana) }).root.replyCount).toBe(1);
    deletePost({ viewer: viewerOf(ana), postId: root.id });
    expect(countPosts()).toBe(0);
    expect(getHashtag("tag", viewerOf(ana))).toBeNull();
  });
});

describe("reactions", () => {
  it("counts each kind once per person and knows the viewer's own", async () => {
    const ana = await member();
    const bo = await member();
    const { id } = publishPost({ viewer: viewerOf(ana), body: "react to me" });
    setReaction({ viewer: viewerOf(bo), postId: id, kind: "like", on: true });
    setReaction({ viewer: viewerOf(bo), postId: id, kind: "like", on: true });
    setReaction({ viewer: viewerOf(ana), postId: id, kind: "like", on: true });
    setReaction({ viewer: viewerOf(ana), postId: id, kind: "celebrate", on: true });
    setReaction({ viewer: viewerOf(ana), postId: id, kind: "celebrate", on: false });
    const view = listCompanyFeed({ viewer: viewerOf(bo) }).posts[0];
    expect(view.reactions).toEqual({ like: 2 });
    expect(view.myReactions).toEqual(["like"]);
  });
});

describe("feeds", () => {
  it("pages the company feed by cursor with no gaps or repeats", async () => {
    const ana = await member();
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) ids.push(publishPost({ viewer: viewerOf(ana), body: `post ${i}` }).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = listCompanyFeed({ viewer: viewerOf(ana), cursor });
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("rejects a malformed cursor with 400", async () => {
    const ana = await member();
    expect(() => listCompanyFeed({ viewer: viewerOf(ana), cursor: "1; drop table posts" })).toThrow(/bad_cursor/);
  });

  it("home has my posts, people I follow and hashtags I follow, not the rest", async () => {
    const me = await member();
    const friend = await member();
    const stranger = await member();
    publishPost({ viewer: viewerOf(me), body: "mine" });
    publishPost({ viewer: viewerOf(friend), body: "friend's" });
    publishPost({ viewer: viewerOf(stranger), body: "stranger's" });
    publishPost({ viewer: viewerOf(stranger), body: "stranger on #design" });
    followUser({ viewer: viewerOf(me), handle: friend.handle, follow: true });
    followHashtag({ viewer: viewerOf(me), name: "design", follow: true });
    const bodies = listHomeFeed({ viewer: viewerOf(me) }).posts.map((p) => p.body);
    expect(bodies).toEqual(["stranger on #design", "friend's", "mine"]);
  });

  it("pages home to the end without gaps, repeats or replies, also when a post has two followed tags", async () => {
    const me = await member();
    const friend = await member();
    const stranger = await member();
    followUser({ viewer: viewerOf(me), handle: friend.handle, follow: true });
    const expected: number[] = [];
    for (let i = 0; i < 12; i++) {
      const mine = publishPost({
        viewer: viewerOf(i % 3 === 0 ? me : i % 3 === 1 ? friend : stranger),
        body: `#alpha #beta ${i}`,
      });
      if (i === 0) {
        followHashtag({ viewer: viewerOf(me), name: "alpha", follow: true });
        followHashtag({ viewer: viewerOf(me), name: "beta", follow: true });
      }
      expected.push(mine.id);
      publishPost({ viewer: viewerOf(friend), body: `reply #alpha ${i}`, replyToId: mine.id });
    }
    publishPost({ viewer: viewerOf(stranger), body: "unrelated" });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = listHomeFeed({ viewer: viewerOf(me), cursor, limit: 5 });
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...expected].reverse());
  });

  it("hashtag pages are case-insensitive and trending counts the last 7 days", async () => {
    const ana = await member();
    publishPost({ viewer: viewerOf(ana), body: "#Remix one" });
    publishPost({ viewer: viewerOf(ana), body: "#remix two and #신제품" });
    const tag = getHashtag("remix", viewerOf(ana))!;
    expect(tag.postCount).toBe(2);
    expect(listHashtagFeed({ viewer: viewerOf(ana), hashtagId: tag.id }).posts.map((p) => p.body)).toEqual([
      "#remix two and #신제품",
      "#Remix one",
    ]);
    expect(listTrendingHashtags(viewerOf(ana))).toEqual([
      { name: "remix", count: 2 },
      { name: "신제품", count: 1 },
    ]);
  });

  it("profiles count followers and following", async () => {
    const ana = await member();
    const bo = await member();
    followUser({ viewer: viewerOf(bo), handle: ana.handle, follow: true });
    for (let i = 0; i < 3; i++) publishPost({ viewer: viewerOf(ana), body: `ana ${i}` });
    publishPost({ viewer: viewerOf(bo), body: "bo" });
    expect(getProfile({ handle: ana.handle, viewer: viewerOf(bo) })).toMatchObject({
      followers: 1,
      following: 0,
      postCount: 3,
      isFollowing: true,
    });
    expect(getProfile({ handle: bo.handle, viewer: viewerOf(ana) })).toMatchObject({
      followers: 0,
      following: 1,
      postCount: 1,
      isFollowing: false,
    });
    expect(() => followUser({ viewer: viewerOf(ana), handle: ana.handle, follow: true })).toThrow();
  });
});

describe("post actions through the routes", () => {
  it("publishes from the home page and redirects back with a flash", async () => {
    const ana = await member();
    const cookie = await sessionCookie(ana.id);
    const res = (await homeRoute.action({
      request: makeRequest("/home", { method: "POST", form: { intent: "publish", body: "hello #세계" }, cookie }),
      ...ctx,
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/home");
    expect(res.headers.get("Set-Cookie")).toContain("sori_flash");
    expect(countPosts()).toBe(1);
  });

  it("answers a wrong intent, a wrong reaction kind and a non-numeric id with 400, writing nothing", async () => {
    const ana = await member();
    const cookie = await sessionCookie(ana.id);
    for (const form of <Record<string, string>[]>[
      { intent: "explode" },
      { intent: "react", postId: "1", kind: "angry" },
      { intent: "delete", postId: "abc" },
      { intent: "publish", body: "" },
    ]) {
      const res = (await homeRoute.action({
        request: makeRequest("/home", { method: "POST", form, cookie }),
        ...ctx,
      })) as any;
      expect(res.init.status).toBe(400);
    }
    expect(countPosts()).toBe(0);
  });

  it("answers another user's post id on delete with 403 and keeps the post", async () => {
    const ana = await member();
    const bo = await member();
    const { id } = publishPost({ viewer: viewerOf(ana), body: "keep me" });
    const cookie = await sessionCookie(bo.id);
    const res = (await threadRoute.action({
      request: makeRequest(`/posts/${id}`, { method: "POST", form: { intent: "delete", postId: String(id) }, cookie }),
      ...ctx,
      params: { postId: String(id) },
    })) as any;
    expect(res.init.status).toBe(403);
    expect(countPosts()).toBe(1);
  });

  it("sends signed-out visitors to sign-in with a way back", async () => {
    try {
      await homeRoute.loader({ request: makeRequest("/home?cursor=5"), ...ctx });
      expect.unreachable();
    } catch (res) {
      expect((res as Response).status).toBe(302);
      expect((res as Response).headers.get("Location")).toBe(
        `/signin?redirectTo=${encodeURIComponent("/home?cursor=5")}`,
      );
    }
  });
});
