// Issue #13's table, row by row, on the demo company as a new user meets it: what `npm run demo` seeds, searched by
// jieun.lee@sori.demo (a member, in 인사팀 and 경영진) through the API (GET /api/v1/search), the results page
// (/search), the header suggestions (/search/suggest) and, for people, the directory (/people?q=). The demo is seeded
// once into a template (about 10 s) that every test copies, so each still gets a database of its own.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemoCompany } from "#db/seed";
import { getDb, rawStatement } from "#app/infra/db.server";
import { resetRegistry } from "#app/infra/registry.server";
import { createApiToken } from "#app/models/people/api-token.server";
import * as searchPage from "#app/routes/search";
import * as searchSuggest from "#app/routes/search.suggest";
import * as peoplePage from "#app/routes/people._index";
import { makeRequest, sessionCookie } from "#tests/factories";
import { apiRequest } from "#tests/support/api";
import { drainSearch } from "#tests/support/search";
import { freshDatabase, removeDatabase } from "#tests/setup/db";
import { TMP_DIR } from "#tests/setup/paths";

let template: string;
let copy: string | null = null;

beforeAll(async () => {
  template = freshDatabase();
  await seedDemoCompany({ ifEmpty: false, log: () => {} });
  await drainSearch();
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  resetRegistry();
}, 180_000);
afterAll(() => removeDatabase(template));
beforeEach(() => {
  copy = path.join(TMP_DIR, `search-demo-${process.pid}-${crypto.randomUUID()}.db`);
  resetRegistry();
  fs.copyFileSync(template, copy);
  process.env.DATABASE_PATH = copy;
});
afterEach(() => {
  if (copy) removeDatabase(copy);
  copy = null;
});

const args = (request: Request) => ({ request, params: {}, context: {} }) as any;
const plain = (html: string) => html.replace(/<[^>]+>/g, "");

type ApiPost = { id: number; body: string; title?: string | null };
type ApiPerson = { handle: string; name: string; department: string; title: string };

/** The demo user's three ways in: a bearer token, a session cookie, and the loaders they reach. */
async function asDemoUser() {
  const id = rawStatement(`select id from users where handle = 'jieun.lee'`).pluck().get() as number;
  const cookie = await sessionCookie(id);
  const { token } = createApiToken({ userId: id, name: "search-demo" });
  return {
    async api<T>(params: Record<string, string>): Promise<{ data: T[]; total: number }> {
      const res = await apiRequest(
        new Request(`http://localhost:3000/api/v1/search?${new URLSearchParams(params)}`, {
          headers: { Authorization: `Bearer ${token}` },
        }),
      );
      expect(res.status, JSON.stringify(params)).toBe(200);
      return (await res.json()) as { data: T[]; total: number };
    },
    async page(params: Record<string, string>) {
      const result = (await searchPage.loader(
        args(makeRequest(`/search?${new URLSearchParams(params)}`, { cookie })),
      )) as Awaited<ReturnType<typeof searchPage.loader>>;
      if (result instanceof Response || !("page" in result) || !result.page) {
        throw new Error(`/search?${new URLSearchParams(params)} has no results page`);
      }
      return result.page;
    },
    async suggest(q: string) {
      const res = await searchSuggest.loader(
        args(makeRequest(`/search/suggest?${new URLSearchParams({ q })}`, { cookie })),
      );
      expect(res.status).toBe(200);
      return (await res.json()) as {
        people: { handle: string }[];
        hashtags: { name: string }[];
        groups: { slug: string }[];
        posts: { id: number; snippet: string }[];
      };
    },
    async directory(q: string) {
      const result = await peoplePage.loader(args(makeRequest(`/people?${new URLSearchParams({ q })}`, { cookie })));
      if (result instanceof Response) throw new Error(`/people?q=${q} answered ${result.status}`);
      return result.people.map((p: { handle: string }) => p.handle);
    },
  };
}

const textOf = (p: ApiPost) => `${p.title ?? ""}\n${p.body}`;

describe("issue #13 on the demo company", () => {
  it("ㄱㅁㅅ finds 김민수 by initial consonants: API, results page, suggestions and the directory", async () => {
    const me = await asDemoUser();
    for (const q of ["ㄱㅁㅅ", "김ㅁㅅ"]) {
      const api = await me.api<ApiPerson>({ q, type: "people" });
      expect(api.data[0]?.handle, q).toBe("minsu.kim");
      const page = await me.page({ q, type: "people" });
      expect(page.type === "people" && page.results[0]?.handle, q).toBe("minsu.kim");
      expect((await me.suggest(q)).people[0]?.handle, q).toBe("minsu.kim");
      expect(await me.directory(q), q).toContain("minsu.kim");
    }
  });

  it("회으 and 회ㅇ, typed on the way to 회의, suggest #회의 and posts about 회의, and search them", async () => {
    const me = await asDemoUser();
    for (const q of ["회으", "회ㅇ"]) {
      const s = await me.suggest(q);
      expect(s.hashtags[0]?.name, q).toBe("회의");
      expect(s.posts.length, q).toBeGreaterThan(0);
      for (const p of s.posts) expect(plain(p.snippet), q).toContain("회의");
      const api = await me.api<ApiPost>({ q });
      expect(api.data.length, q).toBeGreaterThan(0);
      for (const p of api.data) expect(textOf(p), q).toContain("회의");
      const page = await me.page({ q });
      expect(page.results.length, q).toBeGreaterThan(0);
    }
  });

  it("depoly and onbording find deploy and onboarding first despite the typo, on the API and the page", async () => {
    const me = await asDemoUser();
    const cases = [
      ["depoly", /deploy|배포/i],
      ["onbording", /onboard|온보딩/i],
    ] as const;
    for (const [q, word] of cases) {
      // The corrected word's own posts come first; its synonyms' (release, 릴리스…) may follow.
      const api = await me.api<ApiPost>({ q, limit: "5" });
      expect(api.data.length, q).toBe(5);
      for (const p of api.data) expect(textOf(p), q).toMatch(word);
      const page = await me.page({ q });
      expect(page.results.length, q).toBeGreaterThan(0);
    }
  });

  it("deployment finds the posts that say deploy (English stems)", async () => {
    const me = await asDemoUser();
    const api = await me.api<ApiPost>({ q: "deployment", limit: "50" });
    const texts = api.data.map(textOf);
    // Two posts of the rollback question (db/seed-questions.ts) that say "deploy" and no form of "deployment".
    expect(texts.some((t) => t.includes("rollback procedure for a bad deploy"))).toBe(true);
    expect(texts.some((t) => t.includes("from the deploy page"))).toBe(true);
    const page = await me.page({ q: "deployment" });
    expect(page.results.length).toBeGreaterThan(0);
  });

  it("배포 and deploy find the same posts, whichever language they were written in", async () => {
    const me = await asDemoUser();
    const ko = await me.api<ApiPost>({ q: "배포", limit: "50" });
    const en = await me.api<ApiPost>({ q: "deploy", limit: "50" });
    // Written in one language only: the answer in Korean, the question in English (db/seed-questions.ts).
    const koOnly = (p: ApiPost) => p.body.includes("'배포 롤백' 문서");
    const enOnly = (p: ApiPost) => textOf(p).includes("rollback procedure for a bad deploy");
    expect(en.data.some(koOnly)).toBe(true);
    expect(ko.data.some(enOnly)).toBe(true);
    expect(new Set(ko.data.map((p) => p.id))).toEqual(new Set(en.data.map((p) => p.id)));
    expect(ko.total).toBe(en.total);
  });

  it("deploy, searching people, finds engineers whose title or department says 배포 or DevOps", async () => {
    const me = await asDemoUser();
    const api = await me.api<ApiPerson>({ q: "deploy", type: "people" });
    expect(api.data.length).toBeGreaterThan(0);
    for (const p of api.data) expect(p.department).toMatch(/개발|Engineering/);
    expect(api.data.some((p) => /배포|devops|데브옵스|SRE/i.test(`${p.title} ${p.department}`))).toBe(true);
    const page = await me.page({ q: "deploy", type: "people" });
    expect(page.type === "people" && page.results.length).toBeGreaterThan(0);
  });
});
