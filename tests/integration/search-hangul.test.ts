// 초성 and the syllable being typed where people meet them (issue #13 items 1–2): the header suggestions, the
// people directory, @-mention suggestions and GET /api/v1/search — with the real migrations, the search worker
// and the embedded engine.
import { describe, expect, it } from "vitest";
import { createApiToken } from "#app/models/people/api-token.server";
import { createGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import * as peoplePage from "#app/routes/people._index";
import * as peopleSuggest from "#app/routes/people.suggest";
import * as searchSuggest from "#app/routes/search.suggest";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import { apiRequest } from "#tests/support/api";
import { drainSearch } from "#tests/support/search";

/** Remix loader arguments and results, built and read by hand. */
type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

async function world() {
  const minsu = await createTestUser({ handle: "minsu.kim", name: "김민수", department: "개발" });
  await createTestUser({ handle: "minseo.kang", name: "강민서", department: "디자인" });
  await createTestUser({ handle: "jieun.lee", name: "이지은", department: "인사" });
  const viewer = viewerOf(minsu);
  publishPost({ viewer, body: "다음 주 회의 일정 공유 #신제품" });
  publishPost({ viewer, body: "회사 소식 #공지" });
  publishPost({ viewer, body: "배포 완료했습니다" });
  createGroup({ viewer, input: { name: "개발자 모임", slug: "developers", visibility: "public" } });
  await drainSearch();
  const cookie = await sessionCookie(minsu.id);
  const { token } = createApiToken({ userId: minsu.id, name: "t" });
  return { minsu, cookie, token };
}

async function suggestions(q: string, cookie: string) {
  const res = await searchSuggest.loader({
    request: makeRequest(`/search/suggest?q=${encodeURIComponent(q)}`, { cookie }),
    params: {},
    ...ctx,
  });
  return { status: res.status, json: await res.json() };
}

async function api(path: string, token: string) {
  const res = await apiRequest(
    new Request(`http://localhost:3000${path}`, { headers: { Authorization: `Bearer ${token}` } }),
  );
  return { status: res.status, json: await res.json() };
}

describe("초성 and half-typed syllables (issue #13)", () => {
  it("suggests people, hashtags, groups and posts in the header as the input method composes", async () => {
    const { cookie } = await world();
    const people = await suggestions("ㄱㅁㅅ", cookie);
    expect(people.status).toBe(200);
    expect(people.json.people.map((p: Any) => p.handle).sort()).toEqual(["minseo.kang", "minsu.kim"]);
    expect((await suggestions("김ㅁㅅ", cookie)).json.people.map((p: Any) => p.handle)).toEqual(["minsu.kim"]);
    expect((await suggestions("ㅅㅍ", cookie)).json.hashtags.map((h: Any) => h.name)).toEqual(["신제품"]);
    expect((await suggestions("#ㅅㅈㅍ", cookie)).json.hashtags.map((h: Any) => h.name)).toEqual(["신제품"]);
    expect((await suggestions("ㄱㅂㅈ", cookie)).json.groups.map((g: Any) => g.slug)).toEqual(["developers"]);
    for (const q of ["회ㅇ", "회으", "횡"]) {
      const posts = (await suggestions(q, cookie)).json.posts;
      expect(
        posts.map((p: Any) => p.snippet),
        q,
      ).toEqual(["다음 주 <mark>회의</mark> 일정 공유 #신제품"]);
    }
    const deploy = (await suggestions("배ㅍ", cookie)).json.posts;
    expect(deploy.map((p: Any) => p.snippet)).toEqual(["<mark>배포</mark> 완료했습니다"]);
  });

  it("finds people by 초성 in the directory and in @-mention suggestions", async () => {
    const { cookie } = await world();
    const directory = async (q: string) =>
      (
        await peoplePage.loader({
          request: makeRequest(`/people?q=${encodeURIComponent(q)}`, { cookie }),
          params: {},
          ...ctx,
        })
      ).people.map((p: Any) => p.handle);
    expect(await directory("ㄱㅁㅅ")).toEqual(["minseo.kang", "minsu.kim"]);
    expect(await directory("김ㅁㅅ")).toEqual(["minsu.kim"]);
    expect(await directory("ㅇㅈㅇ")).toEqual(["jieun.lee"]);
    expect(await directory("ㅎㄱㄷ")).toEqual([]);
    // As before: part of a name, a handle.
    expect(await directory("민수")).toEqual(["minsu.kim"]);
    expect(await directory("jieun")).toEqual(["jieun.lee"]);
    expect(await directory("ㄱ".repeat(100))).toEqual([]);

    const mention = async (q: string) => {
      const res = await peopleSuggest.loader({
        request: makeRequest(`/people/suggest?q=${encodeURIComponent(q)}`, { cookie }),
        params: {},
        ...ctx,
      });
      return (await res.json()).people.map((p: Any) => p.handle);
    };
    expect(await mention("ㄱㅁㅅ")).toEqual(["minseo.kang", "minsu.kim"]);
    expect(await mention("ㅇㅈ")).toEqual(["jieun.lee"]);
  });

  it("answers GET /api/v1/search by 초성 for people, hashtags and groups", async () => {
    const { token } = await world();
    const people = await api(`/api/v1/search?type=people&q=${encodeURIComponent("ㄱㅁㅅ")}`, token);
    expect(people.status).toBe(200);
    expect(people.json.data.map((p: Any) => p.handle).sort()).toEqual(["minseo.kang", "minsu.kim"]);
    expect(people.json.data[0].snippet).toMatch(/^<mark>.+<\/mark>$/);
    const tags = await api(`/api/v1/search?type=hashtags&q=${encodeURIComponent("ㅅㅍ")}`, token);
    expect(tags.json.data.map((t: Any) => t.name)).toEqual(["신제품"]);
    const groups = await api(`/api/v1/search?type=groups&q=${encodeURIComponent("ㄱㅂㅈ")}`, token);
    expect(groups.json.data.map((g: Any) => g.slug)).toEqual(["developers"]);
    const posts = await api(`/api/v1/search?q=${encodeURIComponent("회으")}`, token);
    expect(posts.json.data.map((p: Any) => p.body)).toEqual(["다음 주 회의 일정 공유 #신제품"]);
  });

  it("answers 500 lone consonants fast and sanely, and 501 characters with a 400", async () => {
    const { cookie, token } = await world();
    const q = "ㄱ".repeat(500);
    const started = performance.now();
    const s = await suggestions(q, cookie);
    expect(s.status).toBe(200);
    expect(s.json).toEqual({ people: [], hashtags: [], groups: [], posts: [] });
    for (const type of ["posts", "people", "hashtags", "groups"]) {
      const r = await api(`/api/v1/search?type=${type}&q=${encodeURIComponent(q)}`, token);
      expect(r.status, type).toBe(200);
      expect(r.json.data).toEqual([]);
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await suggestions(q + "ㄱ", cookie)).status).toBe(400);
    expect((await api(`/api/v1/search?type=people&q=${encodeURIComponent(q + "ㄱ")}`, token)).status).toBe(400);
  });
});
