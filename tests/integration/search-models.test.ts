// Search use cases over real posts: what publishPost/editPost/deletePost write becomes searchable through the
// outbox, and the results come back view-shaped (issue #3).
import { describe, expect, it } from "vitest";
import { parseSearchParams, searchContent, suggest } from "#app/models/search/search.server";
import { viewerScopes } from "#app/access/rules";
import { createGroup, joinGroup } from "#app/models/groups/group.server";
import { recordEvent } from "#app/events/domain-events.server";
import { deletePost, editPost, publishPost } from "#app/models/posts/post.server";
import { updateProfile } from "#app/models/people/user.server";
import type { SessionUser } from "#app/web/auth.server";
import { getDb } from "#app/infra/db.server";
import { AppError } from "#app/utils/errors";
import { users } from "#db/schema";
import { eq } from "drizzle-orm";
import { drainSearch, searchBehind } from "#app/events/consumers/search.server";
import { startSearchWorker } from "#app/events/consumers/search-worker.server";
import { createTestUser, viewerOf } from "#tests/factories";

describe("searching what people post", () => {
  it("finds a published post after the outbox drains, and loses it after deletion", async () => {
    const author = await createTestUser({ name: "김민수" });
    const { id } = publishPost({
      viewer: viewerOf(author),
      body: "내일 **전사 회의**는 10시입니다 <b>필참</b> #공지",
    });
    expect((await searchContent({ viewer: viewerOf(author), q: "회의" })).results).toEqual([]);
    await drainSearch();
    const page = await searchContent({ viewer: viewerOf(author), q: "회의" });
    expect(page.type).toBe("posts");
    if (page.type !== "posts") return;
    expect(page.results.map((r) => r.post.id)).toEqual([id]);
    expect(page.results[0].post.author.name).toBe("김민수");
    expect(page.results[0].post.hashtags).toEqual(["공지"]);
    // Markdown is gone from the snippet, user HTML stays text.
    expect(page.results[0].snippet).toBe("내일 전사 <mark>회의</mark>는 10시입니다 &lt;b&gt;필참&lt;/b&gt; #공지");
    expect(page.total).toBe(1);

    deletePost({ viewer: viewerOf(author), postId: id });
    await drainSearch();
    expect((await searchContent({ viewer: viewerOf(author), q: "회의" })).results).toEqual([]);
    expect((await searchContent({ viewer: viewerOf(author), q: "공지", type: "hashtags" })).results).toEqual([]);
  });

  it("follows edits, hashtag counts and author renames", async () => {
    const author = await createTestUser({ name: "Jordan Lee", handle: "jordan.lee" });
    const other = await createTestUser();
    const { id } = publishPost({ viewer: viewerOf(author), body: "Kickoff for #신제품 launch" });
    publishPost({ viewer: viewerOf(other), body: "Also #신제품" });
    await drainSearch();
    const tags = await searchContent({ viewer: viewerOf(other), q: "신제", type: "hashtags" });
    expect(tags.type === "hashtags" && tags.results.map((t) => [t.name, t.postCount])).toEqual([["신제품", 2]]);

    editPost({ viewer: viewerOf(author), postId: id, body: "Retro of the launch" });
    await drainSearch();
    const ids = async (q: string) => {
      const p = await searchContent({ viewer: viewerOf(other), q });
      return p.type === "posts" ? p.results.map((r) => r.post.id) : [];
    };
    expect(await ids("kickoff")).toEqual([]);
    expect(await ids("retro")).toEqual([id]);
    const after = await searchContent({ viewer: viewerOf(other), q: "신제품", type: "hashtags" });
    expect(after.type === "hashtags" && after.results.map((t) => t.postCount)).toEqual([1]);

    updateProfile({
      actor: { id: author.id } as SessionUser,
      values: {
        name: "Jordan Park",
        department: "Design",
        title: "Lead",
        bio: "",
        locale: null,
        timeZone: "Asia/Seoul",
      },
    });
    await drainSearch();
    expect(searchBehind()).toEqual({ events: 0, backlog: 0 });
    expect(await ids("jordan park retro")).toEqual([id]);
  });

  it("shows deactivated people to admins only", async () => {
    const admin = await createTestUser({ role: "admin" });
    const viewer = await createTestUser();
    const leaver = await createTestUser({ name: "최서연", handle: "seoyeon.choi" });
    getDb().transaction((tx) => {
      tx.update(users).set({ status: "deactivated", deactivatedAt: new Date() }).where(eq(users.id, leaver.id)).run();
      // As a deactivation records it: the person changed, in the same transaction.
      recordEvent({ type: "user.changed", userId: leaver.id });
    });
    await drainSearch();
    const forMember = await searchContent({ viewer: viewerOf(viewer), q: "서연", type: "people" });
    expect(forMember.results).toEqual([]);
    expect(forMember.total).toBe(0);
    const forAdmin = await searchContent({ viewer: viewerOf(admin), q: "서연", type: "people" });
    expect(forAdmin.type === "people" && forAdmin.results.map((p) => [p.handle, p.active])).toEqual([
      ["seoyeon.choi", false],
    ]);
  });

  it("suggests people, hashtags and posts as you type", async () => {
    const a = await createTestUser({ name: "김민수", handle: "minsu.kim", department: "개발 · Engineering" });
    for (let i = 0; i < 5; i++) publishPost({ viewer: viewerOf(a), body: `민수의 배포 노트 ${i} #배포` });
    await drainSearch();
    const s = await suggest({ viewer: viewerOf(a), q: "민수" });
    expect(s.people.map((p) => p.handle)).toEqual(["minsu.kim"]);
    expect(s.people[0].snippet).toBe("김<mark>민수</mark>");
    expect(s.posts).toHaveLength(3);
    const tags = await suggest({ viewer: viewerOf(a), q: "#배" });
    expect(tags.hashtags.map((t) => t.name)).toEqual(["배포"]);
    expect(await suggest({ viewer: viewerOf(a), q: "  " })).toEqual({
      people: [],
      hashtags: [],
      groups: [],
      posts: [],
    });
    expect(await suggest({ viewer: viewerOf(a), q: "***" })).toEqual({
      people: [],
      hashtags: [],
      groups: [],
      posts: [],
    });
    await expect(suggest({ viewer: viewerOf(a), q: "x".repeat(501) })).rejects.toMatchObject({ status: 400 });
  });

  it("makes a new post searchable within a second with the worker running", async () => {
    const a = await createTestUser();
    const stop = startSearchWorker({ intervalMs: 5_000 });
    try {
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      // No explicit nudge: recording the post's event wakes the worker.
      const { id } = publishPost({ viewer: viewerOf(a), body: "freshly written zebra note" });
      let found = false;
      while (!found && performance.now() - t0 < 1_000) {
        const p = await searchContent({ viewer: viewerOf(a), q: "zebra" });
        found = p.type === "posts" && p.results.some((r) => r.post.id === id);
        if (!found) await new Promise((r) => setTimeout(r, 5));
      }
      expect(found).toBe(true);
    } finally {
      await stop();
    }
  });

  it("gives every employee the company scope, and the scopes of the groups they join", async () => {
    const owner = await createTestUser();
    const employee = await createTestUser();
    expect(viewerScopes(viewerOf(employee))).toEqual(["company"]);
    const group = createGroup({ viewer: viewerOf(owner), input: { name: "Design guild", visibility: "public" } });
    // Reading a public group is not membership: the scopes stay those of the company.
    expect(viewerScopes(viewerOf(employee))).toEqual(["company"]);
    joinGroup({ viewer: viewerOf(employee), slug: group.slug });
    expect(viewerScopes(viewerOf(employee))).toEqual(["company", `group:${group.id}`]);
  });
});

describe("search request parameters", () => {
  const p = (s: string) => parseSearchParams(new URLSearchParams(s), { timeZone: "Asia/Seoul" });

  it("parses every parameter", () => {
    expect(
      p(
        "q=회의&type=posts&author=@Minsu.Kim&hashtag=%23공지&kind=question&from=2025-05-01&to=2025-05-31&sort=newest&cursor=abc",
      ),
    ).toEqual({
      q: "회의",
      type: "posts",
      sort: "newest",
      cursor: "abc",
      filters: {
        authorHandle: "minsu.kim",
        hashtag: "공지",
        kind: "question",
        // Whole days in Seoul (UTC+9).
        from: Date.UTC(2025, 3, 30, 15, 0, 0),
        to: Date.UTC(2025, 4, 31, 15, 0, 0) - 1,
        groupId: null,
        answered: null,
      },
    });
    // Questions (issue #9), with or without a best answer.
    expect(p("q=x&type=questions&answered=1")).toMatchObject({ type: "questions", filters: { answered: true } });
    expect(p("q=x&answered=0").filters?.answered).toBe(false);
    expect(p("q=x")).toMatchObject({
      type: "posts",
      sort: "relevance",
      cursor: null,
      filters: { from: null, to: null },
    });
    expect(p("q=x&from=2025-05-01T10:00:00Z").filters?.from).toBe(Date.UTC(2025, 4, 1, 10));
  });

  it("refuses bad values with field messages", () => {
    try {
      p("type=teams&sort=best&kind=poll&author=a b&hashtag=#!&from=2025-02-30&to=yesterday&cursor=!!&group=x");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect(Object.keys((e as AppError).fields ?? {}).sort()).toEqual([
        "author",
        "cursor",
        "from",
        "group",
        "hashtag",
        "kind",
        "sort",
        "to",
        "type",
      ]);
    }
  });
});
