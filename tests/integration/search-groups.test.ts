// Search and groups end to end (issue #6): the real use cases write the changes, the worker indexes them, and
// searchContent / GET /api/v1/search answer for viewers built from the database as requests build them.
import { describe, expect, it } from "vitest";
import { addMembers, createGroup, removeMember, updateGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { publishPost } from "#app/models/posts/post.server";
import { parseSearchParams, searchContent, suggest } from "#app/models/search/search.server";
import { AppError } from "#app/utils/errors";
import { drainSearch } from "#app/events/consumers/search.server";
import { createTestUser, viewerOf } from "#tests/factories";
import { apiRequest } from "#tests/support/api";

async function world() {
  const ana = await createTestUser({ handle: "ana.park", name: "박아나", role: "admin" });
  const bob = await createTestUser({ handle: "bob.lee", name: "이보브" });
  const carol = await createTestUser({ handle: "carol.kim", name: "김캐롤" });
  const gil = await createTestUser({ handle: "gil.guest", name: "Gil Partner", role: "guest", organization: "Acme" });

  createGroup({
    viewer: viewerOf(ana),
    input: { name: "경영진", slug: "leadership", description: "분기 전략을 논의합니다", visibility: "private" },
  });
  createGroup({
    viewer: viewerOf(ana),
    input: { name: "러닝 크루", slug: "running", description: "분기마다 마라톤", visibility: "public" },
  });
  createGroup({
    viewer: viewerOf(ana),
    input: { name: "팰컨 프로젝트", slug: "falcon", description: "분기 인수 검토", visibility: "secret" },
  });
  createGroup({
    viewer: viewerOf(ana),
    input: { name: "Acme 협업", slug: "acme", description: "분기 납품 일정", visibility: "private" },
  });
  addMembers({ viewer: viewerOf(ana), slug: "leadership", input: { handles: ["bob.lee"] } });
  addMembers({ viewer: viewerOf(ana), slug: "acme", input: { handles: ["gil.guest"] } });

  const company = publishPost({ viewer: viewerOf(carol), body: "분기 회의 일정 공유 #분기" });
  const secretRoot = publishPost({
    viewer: viewerOf(ana),
    body: "분기 회의: 구조조정 초안 #기밀",
    group: "leadership",
  });
  const secretReply = publishPost({ viewer: viewerOf(bob), body: "분기 회의 의견 드립니다", replyToId: secretRoot.id });
  const running = publishPost({ viewer: viewerOf(ana), body: "분기 회의 뒤 한강 러닝", group: "running" });
  const falcon = publishPost({ viewer: viewerOf(ana), body: "분기 회의 인수 대상", group: "falcon" });
  const acme = publishPost({ viewer: viewerOf(gil), body: "분기 회의 납품 준비", group: "acme" });
  await drainSearch();
  return {
    ana,
    bob,
    carol,
    gil,
    posts: { company, secretRoot, secretReply, running, falcon, acme },
  };
}

async function postHits(viewer: Parameters<typeof searchContent>[0]["viewer"], q = "분기 회의", groupId?: number) {
  const page = await searchContent({ viewer, q, type: "posts", filters: { groupId } });
  if (page.type !== "posts") throw new Error("posts expected");
  return { ids: page.results.map((r) => r.post.id).sort((a, b) => a - b), total: page.total };
}

async function groupHits(viewer: Parameters<typeof searchContent>[0]["viewer"], q = "분기") {
  const page = await searchContent({ viewer, q, type: "groups" });
  if (page.type !== "groups") throw new Error("groups expected");
  return { slugs: page.results.map((r) => r.slug).sort(), total: page.total, results: page.results };
}

const sorted = (...ids: number[]) => ids.sort((a, b) => a - b);

describe("search with groups, end to end", () => {
  it("scopes post results and totals by the viewer's memberships", async () => {
    const { ana, bob, carol, gil, posts } = await world();
    expect(await postHits(viewerOf(carol))).toEqual({
      ids: sorted(posts.company.id, posts.running.id),
      total: 2,
    });
    expect(await postHits(viewerOf(bob))).toEqual({
      ids: sorted(posts.company.id, posts.secretRoot.id, posts.secretReply.id, posts.running.id),
      total: 4,
    });
    expect((await postHits(viewerOf(ana))).total).toBe(6);
    // The guest sees their group's posts only: not the company feed, not the public group.
    expect(await postHits(viewerOf(gil))).toEqual({ ids: [posts.acme.id], total: 1 });
    // Nothing of the private group leaks through a hashtag search either.
    const tags = await searchContent({ viewer: viewerOf(carol), q: "기밀", type: "hashtags" });
    expect(tags.total).toBe(0);
  });

  it("finds groups as the access rule says: secret ones only for members and admins", async () => {
    const { ana, bob, carol, gil } = await world();
    const forCarol = await groupHits(viewerOf(carol));
    expect(forCarol.slugs).toEqual(["acme", "leadership", "running"]);
    expect(forCarol.total).toBe(3);
    const leadership = forCarol.results.find((g) => g.slug === "leadership")!;
    expect(leadership).toMatchObject({ name: "경영진", visibility: "private", memberCount: 2 });
    expect(leadership.highlights.description).toContain("<mark>분기</mark>");
    expect((await groupHits(viewerOf(bob))).slugs).toEqual(["acme", "leadership", "running"]);
    expect((await groupHits(viewerOf(ana))).slugs).toEqual(["acme", "falcon", "leadership", "running"]);
    expect(await groupHits(viewerOf(gil))).toMatchObject({ slugs: ["acme"], total: 1 });
    expect((await groupHits(viewerOf(carol), "팰컨")).total).toBe(0);
  });

  it("reindexes a group when it is renamed and when its members change", async () => {
    const { ana, carol } = await world();
    updateGroup({ viewer: viewerOf(ana), slug: "running", patch: { name: "마라톤 동호회" } });
    addMembers({ viewer: viewerOf(ana), slug: "running", input: { handles: ["carol.kim"] } });
    await drainSearch();
    const found = await groupHits(viewerOf(carol), "마라톤");
    expect(found.slugs).toEqual(["running"]);
    expect(found.results[0]).toMatchObject({ name: "마라톤 동호회", memberCount: 2 });
    expect((await groupHits(viewerOf(carol), "크루")).total).toBe(0);
    // A secret group turned private can now be found by employees, its posts still only by members.
    updateGroup({ viewer: viewerOf(ana), slug: "falcon", patch: { visibility: "private" } });
    await drainSearch();
    expect((await groupHits(viewerOf(carol), "팰컨")).slugs).toEqual(["falcon"]);
    expect((await postHits(viewerOf(carol), "인수 대상")).total).toBe(0);
  });

  it("shows a removed ex-member nothing of the group on the next call, before and after indexing", async () => {
    const { ana, bob, posts } = await world();
    expect((await postHits(viewerOf(bob), "구조조정")).ids).toEqual([posts.secretRoot.id]);
    removeMember({ viewer: viewerOf(ana), slug: "leadership", handle: "bob.lee" });
    // No drain yet: the viewer's scopes are read fresh, so the index cannot lag behind the removal.
    expect(await postHits(viewerOf(bob), "구조조정")).toEqual({ ids: [], total: 0 });
    expect((await postHits(viewerOf(bob))).ids).toEqual(sorted(posts.company.id, posts.running.id));
    const s = await suggest({ viewer: viewerOf(bob), q: "구조조정" });
    expect(s.posts).toEqual([]);
    await drainSearch();
    expect(await postHits(viewerOf(bob), "구조조정")).toEqual({ ids: [], total: 0 });
    expect((await postHits(viewerOf(bob))).total).toBe(2);
  });

  it("filters posts by group, and refuses a group the viewer cannot find with a field error", async () => {
    const { ana, bob, carol, posts } = await world();
    const params = (s: string, viewer = viewerOf(bob)) =>
      parseSearchParams(new URLSearchParams(s), { timeZone: "Asia/Seoul", viewer });
    const input = params("q=분기&group=Leadership");
    const page = await searchContent({ viewer: viewerOf(bob), ...input });
    expect(page.type === "posts" && page.results.map((r) => r.post.id).sort((a, b) => a - b)).toEqual(
      sorted(posts.secretRoot.id, posts.secretReply.id),
    );
    // A private group's name is findable by employees, its posts are not.
    const forCarol = parseSearchParams(new URLSearchParams("q=분기&group=leadership"), { viewer: viewerOf(carol) });
    expect(await searchContent({ viewer: viewerOf(carol), ...forCarol })).toMatchObject({ total: 0, results: [] });
    for (const bad of ["group=falcon", "group=no-such-group", "group=%3Cscript%3E"]) {
      let error: unknown = null;
      try {
        params(`q=분기&${bad}`, viewerOf(carol));
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).fields?.group).toBe("search.groupNotFound");
    }
    // The secret group's members and admins may filter by it.
    expect(params("q=분기&group=falcon", viewerOf(ana)).filters?.groupId).toBeGreaterThan(0);
  });

  it("answers GET /api/v1/search?type=groups and ?group= in the API's shape", async () => {
    const { carol } = await world();
    const { token } = createApiToken({ userId: carol.id, name: "t" });
    const get = async (path: string) => {
      const res = await apiRequest(
        new Request(`http://localhost:3000${path}`, { headers: { Authorization: `Bearer ${token}` } }),
      );
      return { status: res.status, json: await res.json() };
    };
    const groups = await get(`/api/v1/search?type=groups&q=${encodeURIComponent("경영")}`);
    expect(groups.status).toBe(200);
    expect(groups.json.data).toEqual([
      {
        slug: "leadership",
        name: "경영진",
        description: "분기 전략을 논의합니다",
        visibility: "private",
        member_count: 2,
        snippet: "<mark>경영</mark>진",
      },
    ]);
    const running = await get(`/api/v1/search?q=${encodeURIComponent("러닝")}&group=running`);
    expect(running.status).toBe(200);
    expect(running.json.data).toHaveLength(1);
    const hidden = await get(`/api/v1/search?q=${encodeURIComponent("분기")}&group=falcon`);
    expect(hidden.status).toBe(400);
    expect(hidden.json.error.fields.group).toBeTruthy();
  });

  it("suggests up to three groups", async () => {
    const { ana, carol } = await world();
    expect((await suggest({ viewer: viewerOf(ana), q: "분기" })).groups).toHaveLength(3);
    const s = await suggest({ viewer: viewerOf(carol), q: "분기" });
    expect(s.groups.map((g) => g.slug).sort()).toEqual(["acme", "leadership", "running"]);
  });

  it("finds a guest as the person rule says, marked as a guest of their organization", async () => {
    const w = await world();
    const people = async (viewer: Parameters<typeof searchContent>[0]["viewer"]) => {
      const page = await searchContent({ viewer, q: "Gil Partner", type: "people" });
      if (page.type !== "people") throw new Error("expected people");
      return page.results.map((p) => ({ handle: p.handle, guest: p.guest, organization: p.organization }));
    };
    const found = [{ handle: "gil.guest", guest: true, organization: "Acme" }];
    // A fellow member of the guest's group and an admin find them; another employee does not.
    expect(await people(viewerOf(w.ana))).toEqual(found);
    expect(await people(viewerOf(w.carol))).toEqual([]);
    // The API says so too.
    const { token } = createApiToken({ userId: w.ana.id, name: "t" });
    const res = await apiRequest(
      new Request("http://localhost/api/v1/search?type=people&q=Gil", {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    const body = (await (res as Response).json()) as {
      data: { handle: string; guest: boolean; organization?: string }[];
    };
    expect(body.data.find((p) => p.handle === "gil.guest")).toMatchObject({ guest: true, organization: "Acme" });
  });
});
