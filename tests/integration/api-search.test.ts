// GET /api/v1/search: the same auth and error shape as the rest of the API, results limited to what the
// token's owner may see.
import { describe, expect, it } from "vitest";
import { createApiToken } from "#app/models/people/api-token.server";
import { publishPost } from "#app/models/posts/post.server";
import { drainSearch } from "#app/events/consumers/search.server";
import * as searchPage from "#app/routes/search";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import { apiRequest } from "#tests/support/api";

async function get(path: string, token: string | null, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  if (token) h.set("Authorization", `Bearer ${token}`);
  const res = await apiRequest(new Request(`http://localhost:3000${path}`, { headers: h }));
  return { status: res.status, json: await res.json() };
}

async function world() {
  const ana = await createTestUser({ handle: "ana.park", name: "박아나", department: "영업" });
  const { token } = createApiToken({ userId: ana.id, name: "t" });
  const viewer = viewerOf(ana);
  publishPost({ viewer, body: "다음 주 **회의** 일정 공유 #공지" });
  publishPost({ viewer, body: "Deployment of the new search went fine #launch2026" });
  publishPost({ viewer, body: "서울은 오늘 맑음" });
  await drainSearch();
  return { ana, token };
}

describe("GET /api/v1/search", () => {
  it("finds posts by a two-syllable Korean word with an escaped, highlighted snippet", async () => {
    const { token } = await world();
    const { status, json } = await get(`/api/v1/search?q=${encodeURIComponent("회의")}`, token);
    expect(status).toBe(200);
    expect(json.type).toBe("posts");
    expect(json.data).toHaveLength(1);
    expect(json.data[0].body).toContain("회의");
    expect(json.data[0].snippet).toContain("<mark>회의</mark>");
    expect(json.data[0].author.handle).toBe("ana.park");
  });

  it("searches people and hashtags, filters by author and sorts by newest", async () => {
    const { token } = await world();
    const people = await get(`/api/v1/search?type=people&q=${encodeURIComponent("아나")}`, token);
    expect(people.json.data.map((p: { handle: string }) => p.handle)).toEqual(["ana.park"]);
    const tags = await get(`/api/v1/search?type=hashtags&q=launch`, token);
    expect(tags.json.data.map((t: { name: string }) => t.name)).toEqual(["launch2026"]);
    const newest = await get(`/api/v1/search?q=${encodeURIComponent("from:ana.park")}&sort=newest`, token);
    expect(newest.json.data.map((p: { body: string }) => p.body)).toEqual([
      "서울은 오늘 맑음",
      "Deployment of the new search went fine #launch2026",
      "다음 주 **회의** 일정 공유 #공지",
    ]);
    const nobody = await get(`/api/v1/search?q=deplo&author=someone.else`, token);
    expect(nobody.json.data).toEqual([]);
  });

  it("answers without a token with 401 and bad parameters with 400 in the error shape", async () => {
    const { token } = await world();
    expect((await get("/api/v1/search?q=x", null)).status).toBe(401);
    const empty = await get("/api/v1/search?q=", token, { "Accept-Language": "ko" });
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toBe("search_query_empty");
    const long = await get(`/api/v1/search?q=${"a".repeat(501)}`, token);
    expect(long.status).toBe(400);
    expect(long.json.error.fields.q).toBe("A search can have at most 500 characters.");
    for (const bad of ["type=teams", "sort=oldest", "from=2026-13-40", "limit=0", "cursor=%3Cscript%3E"]) {
      const r = await get(`/api/v1/search?q=x&${bad}`, token);
      expect(r.status, bad).toBe(400);
      expect(r.json.error.code).toBeTruthy();
    }
  });
});

describe("did you mean (issue #13)", () => {
  it("answers a misspelt English word with the post and the word marked, and an empty page with did_you_mean", async () => {
    const { ana, token } = await world();
    publishPost({ viewer: viewerOf(ana), body: "Demo day on Friday" });
    await drainSearch();
    const typo = await get(`/api/v1/search?q=depolyment`, token);
    expect(typo.json.data.map((p: { body: string }) => p.body)).toEqual([
      "Deployment of the new search went fine #launch2026",
    ]);
    expect(typo.json.data[0].snippet).toContain("<mark>Deployment</mark>");
    expect(typo.json.did_you_mean).toBeNull();
    const empty = await get(`/api/v1/search?q=dmeo+friday`, token);
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual([]);
    expect(empty.json.did_you_mean).toBe("demo friday");
    const followed = await get(`/api/v1/search?q=${encodeURIComponent(empty.json.did_you_mean)}`, token);
    expect(followed.json.data.map((p: { body: string }) => p.body)).toEqual(["Demo day on Friday"]);
    expect((await get(`/api/v1/search?q=zzqqxx`, token)).json.did_you_mean).toBeNull();
  });
});

describe("the search page", () => {
  it("offers the corrected query as a link when nothing is found", async () => {
    const { ana } = await world();
    publishPost({ viewer: viewerOf(ana), body: "Demo day on Friday" });
    await drainSearch();
    const cookie = await sessionCookie(ana.id);
    const res = (await searchPage.loader({
      request: makeRequest(`/search?q=dmeo&sort=newest`, { cookie }),
      params: {},
      context: {} as any,
    })) as any;
    expect(res.page.results).toEqual([]);
    expect(res.page.didYouMean).toBe("demo");
  });

  it("answers a too long query with 400 and the message in the viewer's language", async () => {
    const user = await createTestUser({ locale: "ko" });
    const cookie = await sessionCookie(user.id);
    const res = (await searchPage.loader({
      request: makeRequest(`/search?q=${"가".repeat(501)}`, { cookie }),
      params: {},
      context: {} as any,
    })) as any;
    expect(res.init.status).toBe(400);
    expect(res.data.errors.q).toEqual({ key: "error.queryTooLong", vars: { max: 500 } });
  });
});
