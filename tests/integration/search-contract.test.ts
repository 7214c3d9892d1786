// One contract for every search engine (issue #3): the embedded engine always, Meilisearch when
// MEILISEARCH_URL points at a running server (e.g. `docker run -p 7700:7700 getmeili/meilisearch:v1.16` and
// MEILISEARCH_URL=http://127.0.0.1:7700 npx vitest run tests/integration/search-contract.test.ts).
import crypto from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { groupScopes, personScopes, postScopes, type GroupVisibility } from "#app/access/rules";
import { getDb } from "#app/infra/db.server";
import { AppError } from "#app/utils/errors";
import { MeilisearchEngine } from "#search/meilisearch";
import { SqliteFtsEngine } from "#search/sqlite-fts";
import type {
  GroupDoc,
  HashtagDoc,
  PersonDoc,
  PostDoc,
  SearchEngine,
  SearchQuery,
  SearchResult,
  SearchViewer,
} from "#search/types";

const MEILI_PREFIX = `sori_test_${process.pid}_${crypto.randomBytes(3).toString("hex")}_`;

const ENGINES: { name: string; enabled: boolean; make: () => SearchEngine }[] = [
  { name: "sqlite-fts", enabled: true, make: () => new SqliteFtsEngine(getDb().$client) },
  {
    name: "meilisearch",
    enabled: !!process.env.MEILISEARCH_URL,
    make: () =>
      new MeilisearchEngine({
        url: process.env.MEILISEARCH_URL!,
        apiKey: process.env.MEILISEARCH_API_KEY,
        indexPrefix: MEILI_PREFIX,
      }),
  },
];

const T0 = Date.UTC(2025, 4, 1, 9, 0, 0);
const MIN = 60_000;
const member: SearchViewer = { id: 100, role: "member", scopes: ["company"] };
const admin: SearchViewer = { id: 101, role: "admin", scopes: ["company"] };

const minsu = { id: 1, handle: "minsu.kim", name: "김민수" };
const emily = { id: 2, handle: "emily.carter", name: "Emily Carter" };

function post(id: number, body: string, extra: Partial<PostDoc> = {}): PostDoc {
  return {
    type: "post",
    id,
    threadId: id,
    replyToId: null,
    kind: "update",
    author: minsu,
    body,
    hashtags: [],
    createdAt: T0 + id * MIN,
    visibility: ["company"],
    ...extra,
  };
}

function person(id: number, name: string, handle: string, extra: Partial<PersonDoc> = {}): PersonDoc {
  return {
    type: "person",
    id,
    name,
    handle,
    department: "Engineering",
    title: "Engineer",
    active: true,
    visibility: ["company"],
    ...extra,
  };
}

function hashtag(id: number, name: string, postCount: number, extra: Partial<HashtagDoc> = {}): HashtagDoc {
  return { type: "hashtag", id, name, postCount, visibility: ["company"], ...extra };
}

function group(
  id: number,
  name: string,
  slug: string,
  visibility: GroupVisibility,
  extra: Partial<GroupDoc> = {},
): GroupDoc {
  return {
    type: "group",
    id,
    slug,
    name,
    description: "",
    memberCount: 3,
    visibility: groupScopes({ id, visibility }),
    ...extra,
  };
}

/** A post in a group, visible as app/access/rules.ts says (the scopes the database loaders give it). */
function groupPost(
  id: number,
  body: string,
  g: { id: number; visibility: GroupVisibility },
  extra: Partial<PostDoc> = {},
) {
  return post(id, body, { groupId: g.id, visibility: postScopes(g), ...extra });
}

/** Resolves to the result, or to the AppError 400 it was refused with; any other failure fails the test. */
async function resultOr400(p: Promise<SearchResult>): Promise<SearchResult | AppError> {
  try {
    return await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    return e as AppError;
  }
}

async function rejects400(p: Promise<unknown>, code?: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).status).toBe(400);
  if (code) expect((e as AppError).code).toBe(code);
}

/** Only <mark> and </mark> may be markup in a snippet. */
function expectSafeHtml(html: string) {
  const withoutMarks = html.replace(/<\/?mark>/g, "");
  expect(withoutMarks).not.toMatch(/[<>]/);
  expect(withoutMarks).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
}

describe.each(ENGINES)("search engine contract: $name", ({ name, enabled, make }) => {
  describe.runIf(enabled)("", () => {
    let engine: SearchEngine;
    const search = (q: string, extra: Partial<SearchQuery> = {}) =>
      engine.search({ q, type: "posts", viewer: member, ...extra });
    const ids = async (q: string, extra: Partial<SearchQuery> = {}) => (await search(q, extra)).hits.map((h) => h.id);

    beforeEach(async () => {
      engine = make();
      await engine.setup();
      await engine.reset();
    });

    afterAll(async () => {
      if (engine instanceof MeilisearchEngine) {
        for (const type of ["post", "person", "hashtag"] as const)
          await engine.client.deleteIndex(engine.uid(type)).waitTask();
        await engine.client.deleteIndex(engine.uid("group")).waitTask();
      }
    });

    describe("Korean", () => {
      it("finds two-syllable words inside longer runs and with particles", async () => {
        await engine.index([
          post(1, "오늘 회의는 3시입니다"),
          post(2, "회의실 예약했어요"),
          post(3, "공지: 휴가 일정 안내"),
          post(4, "Meeting notes from the sync"),
        ]);
        expect((await ids("회의")).sort()).toEqual([1, 2]);
        expect(await ids("공지")).toEqual([3]);
      });

      it("finds one-syllable words anywhere in a run", async () => {
        await engine.index([
          post(1, "개발팀 소식"),
          post(2, "팀장 회의"),
          post(3, "우리 팀 점심"),
          post(4, "티타임 공지"),
        ]);
        expect((await ids("팀")).sort()).toEqual([1, 2, 3]);
      });

      it("matches across particles both ways", async () => {
        await engine.index([post(1, "서울은 오늘 맑음"), post(2, "서울에서 만나요"), post(3, "부산 날씨")]);
        expect((await ids("서울")).sort()).toEqual([1, 2]);
        const withParticle = await ids("서울은");
        expect(withParticle.sort()).toEqual([1, 2]);
      });

      it("ranks the exact form with its particle first", async () => {
        // Same length; the exact form is in the older post, so only the particle can rank it first.
        await engine.index([post(1, "서울은 맑아요"), post(2, "서울에서 봐요")]);
        expect(await ids("서울은")).toEqual([1, 2]);
        expect(await ids("서울")).toEqual([2, 1]);
      });

      it("handles mixed Korean and English", async () => {
        await engine.index([
          post(1, "API서버 배포 완료했습니다"),
          post(2, "배포 일정 공유"),
          post(3, "API docs updated"),
        ]);
        expect(await ids("api 배포")).toEqual([1]);
        expect(await ids("서버")).toEqual([1]);
      });

      it("matches longer words as substrings, not scattered syllables", async () => {
        await engine.index([post(1, "데이터베이스 마이그레이션 완료"), post(2, "데이터 분석 결과와 이스트 베이")]);
        expect(await ids("데이터베이스")).toEqual([1]);
        expect((await ids("데이터")).sort()).toEqual([1, 2]);
      });
    });

    describe("English and normalisation", () => {
      it("matches prefixes as you type, any case", async () => {
        await engine.index([
          post(1, "The deployment went smoothly"),
          post(2, "Deploying on Friday is brave"),
          post(3, "A depot visit"),
        ]);
        expect((await ids("deplo")).sort()).toEqual([1, 2]);
        // The word as typed first (the embedded engine also finds its other forms: issue #13's stems).
        expect((await ids("DEPLOYMENT"))[0]).toBe(1);
      });

      it("normalises width, case, diacritics and Unicode forms on both sides", async () => {
        await engine.index([
          post(1, "ＡＰＩ ｇａｔｅｗａｙ ready"),
          post(2, "Lunch at Café Müller"),
          post(3, "ｶﾀｶﾅ テスト"),
        ]);
        expect(await ids("api gateway")).toEqual([1]);
        expect(await ids("ＡＰＩ")).toEqual([1]);
        expect(await ids("cafe muller")).toEqual([2]);
        expect(await ids("CAFÉ")).toEqual([2]);
        expect(await ids("カタカナ")).toEqual([3]);
        await engine.index([post(4, "회의 준비".normalize("NFC"))]);
        expect(await ids("회의".normalize("NFD"))).toEqual([4]);
      });

      it("matches quoted phrases in order", async () => {
        await engine.index([post(1, "Release notes for Q3 are out"), post(2, "Notes about the release process")]);
        expect(await ids('"release notes"')).toEqual([1]);
        expect((await ids("release notes")).sort()).toEqual([1, 2]);
      });

      it("ranks documents that match more often and exactly first", async () => {
        await engine.index([
          post(1, "Budget planning for the offsite and other logistics we need to sort out soon"),
          post(2, "Budget review: the budget is final, the budget owner signed off"),
        ]);
        expect((await ids("budget"))[0]).toBe(2);
      });
    });

    describe("stems, typos and did you mean (issue #13)", () => {
      // Meilisearch does no stemming: its layer indexes a stems field and sends a word's stem before the word as
      // typed (search/meilisearch.ts), so finding other forms is shared; which other form is marked, and "did
      // you mean" (Meilisearch has no vocabulary to propose a corrected query from) are the embedded engine's.
      // Typo tolerance is Meilisearch's own, with the same thresholds (MEILISEARCH_SETTINGS).
      const embeddedOnly = name === "sqlite-fts";

      it("finds other forms of an English word, the form typed first", async () => {
        await engine.index([
          post(1, "The deployment is done"),
          post(2, "We deploy on Fridays"),
          post(3, "Deployed the API gateway"),
          post(4, "Deploying the new search now"),
          post(5, "A depot visit"),
          post(6, "Meetings moved to Tuesday"),
        ]);
        const found = await ids("deployment");
        expect(found[0]).toBe(1);
        expect(found.sort()).toEqual([1, 2, 3, 4]);
        expect((await ids("deployed"))[0]).toBe(3);
        expect(await ids("meeting")).toEqual([6]);
        if (embeddedOnly) {
          // A quoted word is that word only; the other form that matched is marked.
          expect(await ids('"deployment"')).toEqual([1]);
          const [, second] = (await search("deployment")).hits;
          expect(second.snippet).toMatch(/<mark>deploy[a-z]*<\/mark>/i);
        }
      });

      it("finds words typed with a typo, never on the first letter, and ranks the exact word first", async () => {
        await engine.index([
          post(1, "Deploy checklist for Friday"),
          post(2, "Onboarding guide for new hires"),
          post(3, "Our onbording guide (sic) is old"),
          post(4, "Demo day"),
        ]);
        expect(await ids("depoly")).toEqual([1]);
        expect(await ids("onbording")).toEqual([3, 2]);
        expect(await ids("onboarding")).toEqual([2, 3]);
        // Two typos from 9 letters, one from 5, none below 5 or on the first letter.
        expect((await ids("onbordnig")).sort()).toEqual([2, 3]);
        expect(await ids("dapoly")).toEqual([]);
        expect(await ids("dmeo")).toEqual([]);
        expect(await ids("seploy")).toEqual([]);
        // Why it matched: the corrected word is marked in the text.
        const [hit] = (await search("depoly")).hits;
        expect(hit.snippet).toContain("<mark>Deploy</mark>");
      });

      it("finds people, groups and hashtags typed with a typo", async () => {
        await engine.index([
          person(1, "Emily Carter", "emily.carter"),
          person(2, "김민수", "minsu.kim"),
          group(3, "Marketing Team", "marketing", "public"),
          hashtag(4, "onboarding", 5),
        ]);
        const find = async (q: string, type: SearchQuery["type"]) =>
          (await engine.search({ q, type, viewer: member })).hits.map((h) => h.id);
        expect(await find("Emilly", "people")).toEqual([1]);
        expect((await engine.search({ q: "Emilly", type: "people", viewer: member })).hits[0].snippet).toContain(
          "<mark>Emily</mark>",
        );
        expect(await find("Marketting", "groups")).toEqual([3]);
        expect(await find("onbording", "hashtags")).toEqual([4]);
        // Nothing close: nothing.
        expect(await find("Emxxy", "people")).toEqual([]);
      });

      it.runIf(embeddedOnly)("suggests a corrected query when nothing matches", async () => {
        await engine.index([post(1, "Demo day on Friday"), post(2, "Deploy checklist")]);
        const res = await search("dmeo");
        expect(res.hits).toEqual([]);
        expect(res.didYouMean).toBe("demo");
        expect(await ids(res.didYouMean!)).toEqual([1]);
        expect((await search("dmeo friday")).didYouMean).toBe("demo friday");
        // Something found, or nothing close: no suggestion.
        expect((await search("demo")).didYouMean).toBeUndefined();
        expect((await search("zzzzqqq")).didYouMean).toBeUndefined();
      });

      it.runIf(embeddedOnly)("never suggests a word only posts hidden from the viewer contain", async () => {
        const secret = { id: 9, visibility: "private" as const };
        await engine.index([groupPost(1, "Quarterly merger plan with Acme", secret), post(2, "Lunch menu")]);
        const insider = { viewer: { ...member, scopes: ["company", "group:9"] } };
        // The typo finds the hidden post only for those who may see it; the outsider gets no hint of it.
        const outsider = await search("mergr");
        expect(outsider.hits).toEqual([]);
        expect(outsider.didYouMean).toBeUndefined();
        expect((await search("mergr", insider)).hits).toHaveLength(1);
        expect((await search("acne", insider)).didYouMean).toBe("acme");
        expect((await search("acne")).didYouMean).toBeUndefined();
      });

      it("answers long and odd Latin queries quickly", async () => {
        await engine.index([post(1, "Deploy checklist"), post(2, "a".repeat(200))]);
        const started = performance.now();
        for (const q of [
          "a".repeat(500),
          Array.from({ length: 16 }, () => "abcdefghijk").join(" "),
          "depoly ".repeat(70),
          "ｄｅｐｏｌｙ",
          "dépoly",
        ]) {
          const res = await resultOr400(search(q));
          expect(res).not.toBeInstanceOf(AppError);
        }
        expect(await ids("ｄｅｐｏｌｙ")).toEqual([1]);
        expect(performance.now() - started).toBeLessThan(2_000);
      });
    });

    describe("hashtags and filters", () => {
      beforeEach(async () => {
        await engine.index([
          post(1, "#회의 오늘 메모", { hashtags: ["회의"], createdAt: T0 + 1 * MIN }),
          post(2, "회의 없는 날", { createdAt: T0 + 2 * MIN }),
          post(3, "#release_seoul 회의 tomorrow", {
            hashtags: ["release_seoul"],
            author: emily,
            createdAt: T0 + 3 * MIN,
            kind: "question",
          }),
          post(4, "#회의 #공지 정리", {
            hashtags: ["회의", "공지"],
            author: emily,
            createdAt: T0 + 60 * MIN,
            kind: "announcement",
          }),
        ]);
      });

      it("treats #tag as a hashtag requirement", async () => {
        expect((await ids("#회의")).sort()).toEqual([1, 4]);
        expect(await ids("#회의 #공지")).toEqual([4]);
        expect(await ids("#release_seoul")).toEqual([3]);
        expect((await ids("회의", { filters: { hashtag: "회의" } })).sort()).toEqual([1, 4]);
      });

      it("filters by author, date range and kind", async () => {
        expect((await ids("회의", { filters: { authorHandle: "emily.carter" } })).sort()).toEqual([3, 4]);
        expect((await ids("회의 from:emily.carter")).sort()).toEqual([3, 4]);
        expect((await ids("회의", { filters: { from: T0 + 2 * MIN, to: T0 + 3 * MIN } })).sort()).toEqual([2, 3]);
        expect(await ids("회의", { filters: { kind: "question" } })).toEqual([3]);
        expect(await ids("회의", { filters: { from: T0 + 10 * MIN, to: T0 } })).toEqual([]);
      });

      it("browses by filter alone, newest first", async () => {
        expect(await ids("", { filters: { authorHandle: "emily.carter" } })).toEqual([4, 3]);
        await rejects400(search("", { filters: { kind: "question" } }), "search_query_empty");
      });

      it("sorts by newest", async () => {
        expect(await ids("회의", { sort: "newest" })).toEqual([4, 3, 2, 1]);
      });
    });

    describe("pages", () => {
      it("walks every match once by cursor, in both sorts", async () => {
        await engine.index(
          Array.from({ length: 25 }, (_, i) => post(i + 1, `weekly sync number ${i + 1} ${"sync ".repeat(i % 4)}`)),
        );
        for (const sort of ["relevance", "newest"] as const) {
          const seen: number[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const res: SearchResult = await search("sync", { sort, limit: 10, cursor });
            expect(res.total).toBe(25);
            seen.push(...res.hits.map((h) => h.id));
            cursor = res.nextCursor;
            pages++;
          } while (cursor && pages < 10);
          expect(pages).toBe(3);
          expect(new Set(seen).size).toBe(25);
          if (sort === "newest") expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
        }
      });

      it("refuses a forged cursor", async () => {
        await engine.index([post(1, "hello world")]);
        await rejects400(search("hello", { cursor: "not a cursor!" }), "bad_cursor");
        await rejects400(
          search("hello", { cursor: Buffer.from('{"s":"x","o":-1}').toString("base64url") }),
          "bad_cursor",
        );
      });
    });

    describe("highlights", () => {
      it("escapes the text before marking matches", async () => {
        await engine.index([
          post(1, `<script>alert("회의")</script> 회의 & <b>notes</b> <img src=x onerror=alert(1)>`, {
            author: { id: 9, handle: "x", name: "<i>회의</i> Bot" },
          }),
        ]);
        const [hit] = (await search("회의 script")).hits;
        expectSafeHtml(hit.snippet);
        for (const v of Object.values(hit.highlights)) expectSafeHtml(v);
        expect(hit.snippet).toContain("<mark>회의</mark>");
        expect(hit.snippet).toContain("&lt;");
        expect(hit.snippet).not.toContain("<script");
      });

      it("marks prefix matches and Korean substrings", async () => {
        await engine.index([post(1, "The deployment of 회의실 booking")]);
        const [hit] = (await search("deplo 회의")).hits;
        expect(hit.snippet).toMatch(/<mark>deploy[a-z]*<\/mark>/i);
        expect(hit.snippet).toContain("<mark>회의</mark>");
      });
    });

    describe("permissions", () => {
      it("never returns or counts documents outside the viewer's scopes", async () => {
        await engine.index([
          post(1, "로드맵 공개 버전"),
          post(2, "로드맵 비공개 초안", { visibility: ["group:9"] }),
          post(3, "로드맵 그룹과 회사", { visibility: ["group:9", "company"] }),
          post(4, "roadmap secret", { visibility: ["group:9"] }),
        ]);
        const res = await search("로드맵");
        expect(res.hits.map((h) => h.id).sort()).toEqual([1, 3]);
        expect(res.total).toBe(2);
        const newest = await search("로드맵", { sort: "newest" });
        expect(newest.total).toBe(2);
        expect(await ids("roadmap secret")).toEqual([]);
        const insider = { ...member, scopes: ["company", "group:9"] };
        expect((await ids("로드맵", { viewer: insider })).sort()).toEqual([1, 2, 3]);
        expect((await search("로드맵", { viewer: { ...member, scopes: ["group:9"] } })).total).toBe(2);
        expect((await search("로드맵", { viewer: { ...member, scopes: [] } })).total).toBe(0);
        expect((await search("로드맵", { viewer: { ...member, scopes: ["group:10"] } })).total).toBe(0);
      });

      it("applies scopes to people and hashtags too", async () => {
        await engine.index([
          person(1, "김민수", "minsu.kim"),
          person(2, "김민지", "minji.kim", { visibility: ["guest:4"] }),
          hashtag(1, "프로젝트", 3),
          hashtag(2, "프로젝트x", 1, { visibility: ["group:9"] }),
        ]);
        const people = await engine.search({ q: "김민", type: "people", viewer: member });
        expect(people.hits.map((h) => h.id)).toEqual([1]);
        expect(people.total).toBe(1);
        const tags = await engine.search({ q: "프로젝트", type: "hashtags", viewer: member });
        expect(tags.hits.map((h) => h.id)).toEqual([1]);
        expect(tags.total).toBe(1);
      });

      it("hides deactivated people from members but not from admins", async () => {
        await engine.index([person(1, "박지훈", "jihun.park"), person(2, "박지훈", "jihun.park2", { active: false })]);
        const forMember = await engine.search({ q: "지훈", type: "people", viewer: member });
        expect(forMember.hits.map((h) => h.id)).toEqual([1]);
        expect(forMember.total).toBe(1);
        const forAdmin = await engine.search({ q: "지훈", type: "people", viewer: admin });
        expect(forAdmin.hits.map((h) => h.id).sort()).toEqual([1, 2]);
      });
    });

    // Groups (issue #6): the scopes of app/access/rules.ts, applied inside the engine to hits and totals alike.
    describe("groups and guests", () => {
      const open = { id: 1, visibility: "public" as const };
      const closed = { id: 2, visibility: "private" as const };
      const hidden = { id: 3, visibility: "secret" as const };
      const partner = { id: 4, visibility: "private" as const };
      const viewer = (id: number, scopes: string[], role: SearchViewer["role"] = "member"): SearchViewer => ({
        id,
        role,
        scopes,
      });
      // The scopes viewerScopes() gives: employees hold "company", everyone their groups, admins "admin".
      const employee = viewer(200, ["company"]);
      const closedMember = viewer(201, ["company", "group:2"]);
      const hiddenMember = viewer(202, ["company", "group:3"]);
      const siteAdmin = viewer(203, ["company", "admin"], "admin");
      const guest = viewer(204, ["group:4"], "guest");

      async function world() {
        await engine.index([
          post(1, "분기 회의 안내 company"),
          groupPost(2, "분기 회의 public group", open),
          groupPost(3, "분기 회의 private plans", closed),
          groupPost(4, "분기 회의 private reply", closed, { threadId: 3, replyToId: 3 }),
          groupPost(5, "분기 회의 secret plans", hidden),
          groupPost(6, "분기 회의 partner plans", partner),
          group(1, "개발 커뮤니티", "dev-community", "public", { description: "분기 회의와 스터디" }),
          group(2, "경영진 회의", "leadership", "private", { description: "분기 계획" }),
          group(3, "인수 합병 준비", "project-falcon", "secret", { description: "분기 회의 비밀 프로젝트" }),
          group(4, "파트너 협업", "partner-acme", "private", { description: "Acme 분기 회의" }),
          person(1, "김민수", "minsu.kim", { visibility: personScopes({ guest: false, groupIds: [1, 4] }) }),
          person(2, "Guest Kim", "guest.kim", { visibility: personScopes({ guest: true, groupIds: [4] }) }),
          hashtag(1, "분기회의", 4, { visibility: [...postScopes(null), ...postScopes(closed)] }),
          hashtag(2, "분기비밀", 1, { visibility: postScopes(hidden) }),
          hashtag(3, "분기파트너", 1, { visibility: postScopes(partner) }),
        ]);
      }

      const postIds = async (v: SearchViewer, extra: Partial<SearchQuery> = {}) => {
        const res = await engine.search({ q: "분기 회의", type: "posts", viewer: v, ...extra });
        return { ids: res.hits.map((h) => h.id).sort((a, b) => a - b), total: res.total };
      };
      const groupSearch = async (q: string, v: SearchViewer) => {
        const res = await engine.search({ q, type: "groups", viewer: v });
        return { ids: res.hits.map((h) => h.id).sort((a, b) => a - b), total: res.total };
      };

      it("hides private-group posts from non-members, in hits and totals, in both sorts", async () => {
        await world();
        expect(await postIds(employee)).toEqual({ ids: [1, 2], total: 2 });
        expect(await postIds(employee, { sort: "newest" })).toEqual({ ids: [1, 2], total: 2 });
        expect(await postIds(closedMember)).toEqual({ ids: [1, 2, 3, 4], total: 4 });
        // A site admin moderates what they can see; they do not read private groups they are not in.
        expect(await postIds(siteAdmin)).toEqual({ ids: [1, 2], total: 2 });
        expect(await ids("private plans", { viewer: employee })).toEqual([]);
        expect((await search("private plans", { viewer: employee })).total).toBe(0);
      });

      it("shows public-group posts to every employee, not to guests of other groups", async () => {
        await world();
        expect((await postIds(employee)).ids).toContain(2);
        expect((await postIds(hiddenMember)).ids).toEqual([1, 2, 5]);
        expect((await postIds(guest)).ids).not.toContain(2);
      });

      it("lets guests find only their own groups' posts, people, hashtags and groups", async () => {
        await world();
        expect(await postIds(guest)).toEqual({ ids: [6], total: 1 });
        expect(await postIds(guest, { sort: "newest" })).toEqual({ ids: [6], total: 1 });
        const people = await engine.search({ q: "kim", type: "people", viewer: guest });
        expect(people.hits.map((h) => h.id).sort()).toEqual([1, 2]);
        const peopleForEmployee = await engine.search({ q: "kim", type: "people", viewer: employee });
        expect(peopleForEmployee.hits.map((h) => h.id)).toEqual([1]);
        expect(peopleForEmployee.total).toBe(1);
        const tags = await engine.search({ q: "분기", type: "hashtags", viewer: guest });
        expect(tags.hits.map((h) => h.id)).toEqual([3]);
        expect(tags.total).toBe(1);
        expect(await groupSearch("분기", guest)).toEqual({ ids: [4], total: 1 });
        expect(await groupSearch("개발", guest)).toEqual({ ids: [], total: 0 });
      });

      it("finds secret groups only for their members and admins", async () => {
        await world();
        expect(await groupSearch("분기", employee)).toEqual({ ids: [1, 2, 4], total: 3 });
        expect(await groupSearch("falcon", employee)).toEqual({ ids: [], total: 0 });
        expect(await groupSearch("인수", closedMember)).toEqual({ ids: [], total: 0 });
        expect(await groupSearch("분기", hiddenMember)).toEqual({ ids: [1, 2, 3, 4], total: 4 });
        expect(await groupSearch("falcon", siteAdmin)).toEqual({ ids: [3], total: 1 });
      });

      it("finds groups by Korean name, slug prefix and description, with safe highlights", async () => {
        await world();
        await engine.index([
          group(5, "<b>러닝</b> 크루", "running-crew", "public", { description: "매주 한강 러닝 & 회식" }),
        ]);
        expect((await groupSearch("커뮤니티", employee)).ids).toEqual([1]);
        expect((await groupSearch("dev", employee)).ids).toEqual([1]);
        expect((await groupSearch("스터디", employee)).ids).toEqual([1]);
        expect((await groupSearch("경영", employee)).ids).toEqual([2]);
        const [hit] = (await engine.search({ q: "러닝", type: "groups", viewer: employee })).hits;
        expect(hit.id).toBe(5);
        expectSafeHtml(hit.snippet);
        expect(hit.snippet).toContain("<mark>러닝</mark>");
        expectSafeHtml(hit.highlights.description);
        expect(await engine.get({ type: "group", id: 5 })).toEqual(
          group(5, "<b>러닝</b> 크루", "running-crew", "public", { description: "매주 한강 러닝 & 회식" }),
        );
        expect(await engine.scanIds("group", 2, 10)).toEqual([3, 4, 5]);
        await engine.remove([{ type: "group", id: 5 }]);
        expect(await engine.get({ type: "group", id: 5 })).toBeNull();
      });

      it("filters posts by group, never widening what the viewer may see", async () => {
        await world();
        expect(await postIds(closedMember, { filters: { groupId: 2 } })).toEqual({ ids: [3, 4], total: 2 });
        expect(await postIds(closedMember, { filters: { groupId: 2 }, sort: "newest" })).toEqual({
          ids: [3, 4],
          total: 2,
        });
        expect(await postIds(employee, { filters: { groupId: 1 } })).toEqual({ ids: [2], total: 1 });
        expect(await postIds(employee, { filters: { groupId: 2 } })).toEqual({ ids: [], total: 0 });
        expect(await postIds(guest, { filters: { groupId: 1 } })).toEqual({ ids: [], total: 0 });
        expect(await postIds(employee, { filters: { groupId: 99 } })).toEqual({ ids: [], total: 0 });
        expect(await engine.get({ type: "post", id: 3 })).toEqual(groupPost(3, "분기 회의 private plans", closed));
        await rejects400(search("회의", { filters: { groupId: 0 } }), "bad_filter");
        await rejects400(search("회의", { filters: { groupId: -1 } }), "bad_filter");
      });
    });

    describe("people and hashtags", () => {
      it("finds people by part of a Korean name, handle prefix, department and title", async () => {
        await engine.index([
          person(1, "김민수", "minsu.kim", { department: "개발 · Engineering", title: "팀장" }),
          person(2, "Emily Carter", "emily.carter", { department: "디자인 · Design", title: "Product Designer" }),
          person(3, "이지은", "jieun.lee", { department: "인사 · People", title: "Head of People" }),
        ]);
        const people = (q: string) =>
          engine.search({ q, type: "people", viewer: member }).then((r) => r.hits.map((h) => h.id));
        expect(await people("민수")).toEqual([1]);
        expect(await people("emi")).toEqual([2]);
        expect(await people("jieun")).toEqual([3]);
        expect(await people("디자인")).toEqual([2]);
        expect(await people("designer")).toEqual([2]);
        // Autocomplete from the first letter.
        expect((await people("e"))[0]).toBe(2);
        const [hit] = (await engine.search({ q: "민수", type: "people", viewer: member })).hits;
        expect(hit.snippet).toBe("김<mark>민수</mark>");
      });

      it("ranks the hashtag typed first, then busier ones", async () => {
        await engine.index([
          hashtag(1, "회의록", 50),
          hashtag(2, "회의", 10),
          hashtag(3, "회고", 80),
          hashtag(4, "공지", 100),
        ]);
        const res = await engine.search({ q: "회의", type: "hashtags", viewer: member });
        expect(res.hits.map((h) => h.id)).toEqual([2, 1]);
        const prefix = await engine.search({ q: "회", type: "hashtags", viewer: member });
        expect(prefix.hits.map((h) => h.id).sort()).toEqual([1, 2, 3]);
      });
    });

    describe("Korean as people type it (issue #13)", () => {
      // Both engines: 초성 of a person's, hashtag's or group's name — whole, from its start or from a later
      // syllable — since Meilisearch indexes an initials field (search/meilisearch.ts). The embedded engine's own:
      // the abbreviation (ㅅㅍ → 신제품), a syllable mixed with initials checked syllable by syllable, completing
      // the syllable being typed from the vocabulary, and one-jamo typos — Meilisearch matches whole words or a
      // prefix of the last one and has no vocabulary to look a syllable's completions up in.
      const embeddedOnly = name === "sqlite-fts";
      const find = (q: string, type: SearchQuery["type"]) =>
        engine.search({ q, type, viewer: member }).then((r) => r.hits.map((h) => h.id));

      it("finds people, hashtags and groups by initial consonants, the whole name first", async () => {
        await engine.index([
          person(1, "김민수", "minsu.kim"),
          person(2, "강민서", "minseo.kang"),
          person(3, "김민수진", "sujin.kim"),
          person(4, "이지은", "jieun.lee"),
          person(5, "박민수", "minsu.park"),
          hashtag(11, "신제품", 30),
          hashtag(12, "제품", 80),
          group(21, "개발자 모임", "developers", "public"),
          group(22, "디자인", "design", "public"),
        ]);
        const initials = await find("ㄱㅁㅅ", "people");
        expect(initials.slice(0, 2).sort()).toEqual([1, 2]);
        expect(initials.slice(2)).toEqual([3]);
        // From a later syllable, and in the compatibility jamo keyboards type or the conjoining ones.
        expect((await find("ㅁㅅ", "people")).sort()).toEqual([1, 2, 3, 5]);
        expect((await find("\u1106\u1109", "people")).sort()).toEqual([1, 2, 3, 5]);
        expect(await find("ㅇㅈㅇ", "people")).toEqual([4]);
        expect(await find("ㅅㅈㅍ", "hashtags")).toEqual([11]);
        expect(await find("ㄱㅂㅈ", "groups")).toEqual([21]);
        expect(await find("ㅎㄱㄷ", "people")).toEqual([]);
      });

      it.runIf(embeddedOnly)("ranks by closeness, mixes syllables with initials and marks the match", async () => {
        await engine.index([
          person(1, "김민수", "minsu.kim"),
          person(2, "강민서", "minseo.kang"),
          person(3, "김민수진", "sujin.kim"),
          person(4, "박김민수", "gimminsu.park"),
          hashtag(11, "신제품", 30),
          hashtag(12, "신규", 50),
          hashtag(13, "사내공지", 90),
        ]);
        // Whole name, then the name's start, then inside it.
        expect(await find("ㄱㅁㅅ", "people")).toEqual([2, 1, 3, 4]);
        // A full syllable must be that syllable.
        expect(await find("김ㅁㅅ", "people")).toEqual([1, 3, 4]);
        expect(await find("김민ㅅ", "people")).toEqual([1, 3, 4]);
        // The exact name above everything found by initials.
        expect((await find("김민수", "people"))[0]).toBe(1);
        const [hit] = (await engine.search({ q: "ㄱㅁㅅ", type: "people", viewer: member })).hits;
        expect(hit.snippet).toBe("<mark>강민서</mark>");
        // An abbreviation: the first initial on a word's first syllable, the others in order later in it.
        expect(await find("ㅅㅍ", "hashtags")).toEqual([11]);
        expect(await find("ㅅ", "hashtags")).toEqual([13, 12, 11]);
        const [tag] = (await engine.search({ q: "ㅅㅍ", type: "hashtags", viewer: member })).hits;
        expect(tag.snippet).toBe("<mark>신</mark>제<mark>품</mark>");
      });

      it.runIf(embeddedOnly)("completes the syllable being typed, in posts and names", async () => {
        await engine.index([
          post(1, "오늘 회의는 3시입니다"),
          post(2, "회사 소식"),
          post(3, "회의실 예약했어요"),
          post(4, "배포 완료"),
          post(5, "배달 왔어요"),
          person(11, "김민수", "minsu.kim"),
          person(12, "김미영", "miyoung.kim"),
          person(13, "기민호", "minho.ki"),
        ]);
        // 회ㅇ, 회으 and 횡 are 회의 on its way through the input method; ㅍ after 배 starts 포.
        for (const q of ["회ㅇ", "회으", "횡"]) expect((await ids(q)).sort(), q).toEqual([1, 3]);
        expect(await ids("배ㅍ")).toEqual([4]);
        const [hit] = (await search("회으")).hits;
        expect(hit.snippet).toContain("<mark>회의</mark>");
        // What the person finished typing (a space after it) is matched as typed.
        expect(await ids("회으 ")).toEqual([]);
        expect(await ids('"회으"')).toEqual([]);
        // Names: 김미 is 김민 being typed; 김 may be 기 before 민.
        expect(await find("김미", "people")).toEqual([12, 11]);
        const gim = await find("김", "people");
        expect(gim.slice(0, 2).sort()).toEqual([11, 12]);
        expect(gim[2]).toBe(13);
      });

      it.runIf(embeddedOnly)("forgives one jamo in a longer Korean word that finds nothing as typed", async () => {
        await engine.index([
          post(1, "신규 입사자 온보딩 안내"),
          post(2, "온보딩 체크리스트 공유"),
          // Every bigram of 온보등 is known (보등 here), the word itself is not.
          post(3, "보등 이라는 말"),
          post(5, "회의 일정"),
          hashtag(11, "온보딩", 12),
        ]);
        expect((await ids("온보등")).sort()).toEqual([1, 2]);
        const [corrected] = (await search("온보등")).hits;
        expect(corrected.snippet).toContain("<mark>온보딩</mark>");
        expect(await find("온보등", "hashtags")).toEqual([11]);
        // Two syllables are too short to correct: 보딩 is not offered for 보등.
        expect(await ids("보등")).toEqual([3]);
        // Two jamo away is not one.
        expect(await ids("온버등")).toEqual([]);
        // The word as typed, once a post has it, is all that is found.
        await engine.index([post(4, "오타 그대로 온보등 이라고 적음")]);
        expect(await ids("온보등")).toEqual([4]);
      });

      it("answers a long run of lone consonants quickly and sanely", async () => {
        await engine.index([person(1, "김민수", "minsu.kim"), post(2, "회의"), hashtag(3, "신제품", 1)]);
        for (const q of ["ㄱ".repeat(500), "ㄱㅁ".repeat(250), "회".repeat(499) + "ㅇ", "김ㅁ".repeat(250)]) {
          for (const type of ["posts", "people", "hashtags", "groups"] as const) {
            const started = performance.now();
            const res = await engine.search({ q, type, viewer: member });
            expect(res.hits, `${type} ${q.slice(0, 4)}`).toEqual([]);
            expect(performance.now() - started).toBeLessThan(500);
          }
        }
      });
    });

    describe("hostile and invalid queries", () => {
      it("refuses empty and too long queries with a 400", async () => {
        await rejects400(search(""), "search_query_empty");
        await rejects400(search("   \n\t "), "search_query_empty");
        await rejects400(search("a".repeat(501)), "search_query_too_long");
        await rejects400(search("회의 ".repeat(2_000)), "search_query_too_long");
      });

      it("answers FTS and Meilisearch syntax as plain text, never with another error", async () => {
        await engine.index([
          post(1, "The deployment NEAR the office AND more"),
          post(2, "회의 (3시) - 준비물: 노트북"),
        ]);
        const hostile = [
          '"',
          '""',
          '"""',
          "*",
          "**",
          "^",
          ":",
          "-",
          "--",
          "+",
          "(",
          ")",
          "((((",
          "))",
          "{",
          "}",
          "[",
          "]",
          "NEAR",
          "NEAR(a b)",
          "NEAR/2",
          "AND",
          "OR",
          "NOT",
          "a AND",
          "OR b",
          "NOT NOT",
          "-deployment",
          "deplo*",
          '"deplo',
          'deplo"',
          'the "deployment',
          "^deploy",
          "body:deploy",
          "author:x",
          "{body}: deploy",
          "{body author}:x",
          "facets:kupdate",
          "rowid:1",
          "회의:",
          "회의 -준비",
          "회의*",
          "*회의",
          "'; drop table posts; --",
          "\\",
          '\\"',
          "\u0000",
          "\ud800",
          "\u202e회의",
          "😀",
          "👩‍💻 deploy",
          "a".repeat(500),
          "회".repeat(500),
          "from:",
          "from:@",
          "#",
          "##",
          "#!",
          "# 회의",
          "id > 0",
          "visibility = company",
          "_",
          "%",
          "_%",
          "'",
          "`",
          "$",
          "…",
        ];
        for (const q of hostile) {
          for (const type of ["posts", "people", "hashtags"] as const) {
            const res = await resultOr400(engine.search({ q, type, viewer: member }));
            if (!(res instanceof AppError)) {
              expect(Array.isArray(res.hits)).toBe(true);
              expect(res.total).toBeGreaterThanOrEqual(res.hits.length);
            }
          }
        }
        // Syntax-looking text still searches for its words.
        expect(await ids("NEAR(deployment office)")).toEqual([1]);
        expect(await ids('"deplo')).toEqual([]);
        expect(await ids("deplo*")).toEqual([1]);
        expect(await ids("-deployment")).toEqual([1]);
        expect(await ids("준비물: 노트북")).toEqual([2]);
      });

      it("refuses a bad filter value", async () => {
        await rejects400(search("x", { filters: { hashtag: "#!!" } }), "bad_filter");
        await rejects400(search("x", { filters: { authorHandle: 'a" OR visibility = "group:9' } }), "bad_filter");
        await rejects400(search("x", { filters: { kind: "poll" as never } }), "bad_filter");
      });
    });

    describe("questions (issue #9)", () => {
      const question = (id: number, title: string, body: string, answer: string | null, extra: Partial<PostDoc> = {}) =>
        post(id, body, { kind: "question", title, answer, answered: answer != null, ...extra });
      const questions = (q: string, extra: Partial<SearchQuery> = {}) => ids(q, { type: "questions", ...extra });

      it("finds questions by title and by their best answer's text, in Korean and English", async () => {
        await engine.index([
          question(
            1,
            "연차 휴가는 어떻게 신청하나요?",
            "처음이라 잘 모르겠어요",
            "인사 시스템에서 근태 메뉴로 신청하세요",
          ),
          question(2, "How do I reset my VPN password?", "It expired while I was travelling.", null),
          question(3, "Where is the staging database?", "Need it for a test", "Ask the platform team for credentials"),
          post(4, "휴가 다녀왔습니다", { kind: "update" }),
        ]);
        expect(await questions("휴가")).toEqual([1]);
        expect(await questions("휴가를")).toEqual([1]);
        expect(await questions("근태")).toEqual([1]);
        expect(await questions("vpn")).toEqual([2]);
        expect(await questions("credentials")).toEqual([3]);
        expect(await questions("platfo")).toEqual([3]);
        // Posts search still finds questions among every post.
        expect((await ids("휴가")).sort()).toEqual([1, 4]);
      });

      it("weighs the title above the body", async () => {
        // The body match is in the newer question, so only the title's weight can rank the older one first.
        await engine.index([
          question(1, "회의실 예약 방법", "알려 주세요", null),
          question(2, "모니터 요청", "회의실 모니터가 고장났어요", null),
          question(3, "Expense report deadline?", "When is it due", null),
          question(4, "Lunch options", "Is there an expense limit for lunch", null),
        ]);
        expect(await questions("회의실")).toEqual([1, 2]);
        expect(await questions("expense")).toEqual([3, 4]);
      });

      it("filters answered and unanswered questions", async () => {
        await engine.index([
          question(1, "배포 승인은 누가 하나요?", "", "팀장님이 승인합니다"),
          question(2, "배포 일정이 언제인가요?", "", null),
          question(3, "Deploy freeze dates?", "", "See the release calendar"),
          question(4, "Deploy on Fridays?", "", null),
          post(5, "배포 완료", { kind: "update" }),
        ]);
        expect(await questions("배포", { filters: { answered: true } })).toEqual([1]);
        expect(await questions("배포", { filters: { answered: false } })).toEqual([2]);
        expect(await questions("deploy", { filters: { answered: true } })).toEqual([3]);
        expect(await questions("deploy", { filters: { answered: false } })).toEqual([4]);
        // The filter implies questions, even in a posts search; newest first too.
        expect(await ids("배포", { filters: { answered: false } })).toEqual([2]);
        expect(await questions("배포", { sort: "newest" })).toEqual([2, 1]);
      });

      it("ranks a question with a best answer above an otherwise equal unanswered one", async () => {
        // The answered questions are the older ones, and their answers do not contain the term.
        await engine.index([
          question(1, "출장비 정산 기한", "언제까지인가요", "월말까지요"),
          question(2, "출장비 정산 기한", "언제까지인가요", null),
          question(3, "Travel expense deadline", "When is it due", "End of month"),
          question(4, "Travel expense deadline", "When is it due", null),
        ]);
        expect(await questions("출장비 정산")).toEqual([1, 2]);
        expect(await questions("travel expense")).toEqual([3, 4]);
      });

      it("finds similar questions by any of their words, keeping the audience", async () => {
        const secret = { id: 7, visibility: "private" as const };
        await engine.index([
          question(1, "휴가 신청 방법", "", "근태 메뉴에서"),
          question(2, "VPN password reset", "", null),
          question(3, "휴가 규정 문서", "", null, { groupId: 7, visibility: postScopes(secret) }),
        ]);
        const similar = (q: string) => questions(q, { match: "any" });
        expect(await similar("연차 휴가는 어떻게 쓰나요")).toEqual([1]);
        expect(await similar("How can I reset the VPN")).toEqual([2]);
        expect(await similar("전혀 다른 이야기")).toEqual([]);
        expect(
          (
            await ids("휴가", {
              type: "questions",
              match: "any",
              viewer: { ...member, scopes: ["company", "group:7"] },
            })
          ).sort(),
        ).toEqual([1, 3]);
      });

      it("reads a question back with its title, best answer and answered flag", async () => {
        const doc = question(1, "질문 제목", "본문", "가장 좋은 답");
        await engine.index([doc]);
        expect(await engine.get({ type: "post", id: 1 })).toEqual(doc);
        const hit = (await search("제목")).hits[0];
        expect(hit.highlights.title).toContain("<mark>");
        expectSafeHtml(hit.highlights.title);
        // Accepting another answer and clearing it replace the document.
        await engine.index([question(1, "질문 제목", "본문", null)]);
        expect(await questions("가장", { filters: { answered: true } })).toEqual([]);
        expect(await questions("제목", { filters: { answered: false } })).toEqual([1]);
      });
    });

    describe("synonyms (issue #13)", () => {
      const GROUPS = [
        ["배포", "deploy", "release"],
        ["devops", "데브옵스", "배포", "deploy"],
        ["코드 리뷰", "code review"],
        ["휴가", "vacation", "연차"],
      ];
      beforeEach(async () => {
        await engine.setSynonyms(GROUPS);
      });
      afterEach(async () => {
        await engine.setSynonyms([]);
      });

      it("finds the same posts whichever language was typed, the typed word first", async () => {
        await engine.index([
          post(1, "배포 완료했습니다, 오늘 오후"),
          post(2, "Deploy finished, no downtime"),
          post(3, "Release notes for 2.3 are out"),
          post(4, "점심 메뉴 추천 받습니다"),
        ]);
        expect((await ids("배포")).sort()).toEqual([1, 2, 3]);
        expect((await ids("deploy")).sort()).toEqual([1, 2, 3]);
        // Exact matches rank above synonym matches (the synonym posts are newer).
        expect((await ids("배포"))[0]).toBe(1);
        await engine.index([post(5, "배포 체크리스트 공유"), post(6, "deploy checklist for Friday")]);
        expect((await ids("deploy 체크리스트")).sort()).toEqual([5]);
        expect((await ids("checklist deploy")).sort()).toEqual([6]);
      });

      it("expands Korean words with a particle, and phrases of several words", async () => {
        await engine.index([
          post(1, "휴가 신청은 HR 포털에서"),
          post(2, "Vacation policy updated"),
          post(3, "내일 연차 씁니다"),
          post(4, "코드 리뷰 부탁드립니다"),
          post(5, "Please do a code review before merging"),
          post(6, "The code is great, review later"),
        ]);
        expect((await ids("휴가를")).sort()).toEqual([1, 2, 3]);
        expect((await ids("vacation")).sort()).toEqual([1, 2, 3]);
        expect((await ids("코드 리뷰")).sort()).toEqual([4, 5]);
        const review = await ids("code review");
        expect(review.slice(0, 1)).toEqual([5]);
        expect(review).toContain(4);
      });

      // Meilisearch applies its synonyms to the words as typed; finding them through a correction or a stem is the
      // embedded engine's (search/sqlite-fts.ts postMatch).
      it.runIf(name === "sqlite-fts")("takes the synonyms of a misspelt or other form of a word", async () => {
        await engine.index([post(1, "배포 완료했습니다"), post(2, "Deploy finished"), post(3, "점심 메뉴 추천")]);
        expect((await ids("depoly")).sort()).toEqual([1, 2]);
        expect((await ids("deployment")).sort()).toEqual([1, 2]);
        expect((await search("deployments")).hits.find((h) => h.id === 1)?.snippet).toContain("<mark>배포</mark>");
      });

      it("marks the synonym that matched in the highlight", async () => {
        await engine.index([post(1, "Release notes: 새 기능 배포 안내")]);
        const [hit] = (await search("deploy")).hits;
        expect(hit.snippet).toContain("<mark>Release</mark>");
        expect(hit.snippet).toContain("<mark>배포</mark>");
        expectSafeHtml(hit.snippet);
      });

      it("finds people whose title or department says the synonym", async () => {
        await engine.index([
          person(1, "최유진", "yujin.choi", { department: "개발 · Engineering", title: "SRE · DevOps" }),
          person(2, "박지훈", "jihoon.park", { department: "배포 자동화팀", title: "Backend Engineer" }),
          person(3, "송지아", "jia.song", { department: "디자인 · Design", title: "디자인 리드" }),
        ]);
        const res = await engine.search({ q: "deploy", type: "people", viewer: member });
        expect(res.hits.map((h) => h.id).sort()).toEqual([1, 2]);
        const yujin = res.hits.find((h) => h.id === 1)!;
        expect(yujin.highlights.title).toContain("<mark>DevOps</mark>");
      });

      it("applies new groups at once and forgets removed ones", async () => {
        await engine.index([post(1, "온보딩 자료 정리"), post(2, "Onboarding checklist")]);
        expect(await ids("onboarding")).toEqual([2]);
        await engine.setSynonyms([...GROUPS, ["온보딩", "onboarding"]]);
        expect((await ids("onboarding")).sort()).toEqual([1, 2]);
        await engine.setSynonyms([]);
        expect(await ids("onboarding")).toEqual([2]);
        expect(await ids("배포")).toEqual([]);
      });
    });

    describe("documents", () => {
      it("replaces, reads back and removes documents", async () => {
        await engine.index([post(1, "첫 번째 버전"), person(1, "김민수", "minsu.kim"), hashtag(1, "회의", 2)]);
        expect(await ids("버전")).toEqual([1]);
        await engine.index([post(1, "두 번째 수정본", { hashtags: ["회의"] })]);
        expect(await ids("버전")).toEqual([]);
        expect(await ids("수정본")).toEqual([1]);
        expect(await engine.get({ type: "post", id: 1 })).toEqual(post(1, "두 번째 수정본", { hashtags: ["회의"] }));
        expect(await engine.get({ type: "person", id: 1 })).toEqual(person(1, "김민수", "minsu.kim"));
        expect(await engine.get({ type: "hashtag", id: 1 })).toEqual(hashtag(1, "회의", 2));
        await engine.remove([
          { type: "post", id: 1 },
          { type: "post", id: 99 },
          { type: "person", id: 1 },
        ]);
        expect(await ids("수정본")).toEqual([]);
        expect(await engine.get({ type: "post", id: 1 })).toBeNull();
        expect((await engine.search({ q: "민수", type: "people", viewer: member })).total).toBe(0);
      });

      it("lists indexed ids in order", async () => {
        await engine.index([post(5, "e"), post(2, "b"), post(9, "i"), post(7, "g")]);
        expect(await engine.scanIds("post", 0, 10)).toEqual([2, 5, 7, 9]);
        expect(await engine.scanIds("post", 5, 2)).toEqual([7, 9]);
      });

      it("reports health", async () => {
        expect((await engine.health()).ok).toBe(true);
      });
    });
  });
});
