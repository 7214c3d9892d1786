// Search synonyms (issue #13 item 5) as admins and searchers meet them, against a real migrated database: the
// shipped dictionary is there on first use, /admin/synonyms lists, adds, edits and deletes groups (site admins
// only, audited, bad input a 400 that writes nothing), and a change reaches search — pages, the API and another
// worker's engine — without a restart.
import { describe, expect, it } from "vitest";
import { drainSearch } from "#app/events/consumers/search.server";
import { rawStatement } from "#app/infra/db.server";
import { publishPost } from "#app/models/posts/post.server";
import { searchContent } from "#app/models/search/search.server";
import { listSynonymGroups, syncSynonyms, synonymsVersion } from "#app/models/search/synonyms.server";
import * as page from "#app/routes/admin_.synonyms";
import { createApiToken } from "#app/models/people/api-token.server";
import { SqliteFtsEngine } from "#search/sqlite-fts";
import { getDb } from "#app/infra/db.server";
import { DEFAULT_SYNONYMS } from "#search/synonyms-default";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";
import { apiRequest } from "#tests/support/api";

const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

const post = (cookie: string, fields: Record<string, string>) =>
  new Request("http://localhost:3000/admin/synonyms", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
const get = (cookie: string, query = "") =>
  new Request(`http://localhost:3000/admin/synonyms${query}`, { headers: { Cookie: cookie } });

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    return r instanceof Response ? r.status : ((r as { init?: { status?: number } })?.init?.status ?? 200);
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

async function admin() {
  const user = await createTestUser();
  rawStatement(`update users set role = 'admin' where id = @id`).run({ id: user.id });
  return { user, cookie: await sessionCookie(user.id) };
}

const auditActions = () =>
  (
    rawStatement(`select action from audit_log where subject_type = 'synonym_group' order by id`).all() as {
      action: string;
    }[]
  ).map((r) => r.action);

describe("the admin page /admin/synonyms", () => {
  it("is the site admins' alone: members get 403 on reading and on changing", async () => {
    const member = await createTestUser();
    const cookie = await sessionCookie(member.id);
    expect(await statusOf(page.loader(args(get(cookie))))).toBe(403);
    expect(await statusOf(page.action(args(post(cookie, { intent: "add", terms: "a1, b1" }))))).toBe(403);
    expect(await statusOf(page.action(args(post(cookie, { intent: "delete", id: "1" }))))).toBe(403);
    expect(listSynonymGroups()).toHaveLength(DEFAULT_SYNONYMS.length);
    expect(auditActions()).toEqual([]);
  });

  it("lists the shipped dictionary, finds a term, and adds, edits and deletes groups, each audited", async () => {
    const { cookie } = await admin();
    const data = (await page.loader(args(get(cookie)))) as { total: number; groups: { id: number; terms: string[] }[] };
    expect(data.total).toBe(DEFAULT_SYNONYMS.length);
    const found = (await page.loader(args(get(cookie, "?q=Deploy")))) as typeof data;
    expect(found.groups.map((g) => g.terms[0])).toEqual(["배포", "devops"]);

    const added = (await page.action(
      args(post(cookie, { intent: "add", terms: "소리, Sori ,  소리 앱" })),
    )) as Response;
    expect(added.status).toBe(302);
    const mine = listSynonymGroups().at(-1)!;
    expect(mine.terms).toEqual(["소리", "sori", "소리 앱"]);

    const edited = (await page.action(
      args(post(cookie, { intent: "edit", id: String(mine.id), terms: "소리, sori" })),
    )) as Response;
    expect(edited.status).toBe(302);
    expect(listSynonymGroups().at(-1)!.terms).toEqual(["소리", "sori"]);

    const deleted = (await page.action(args(post(cookie, { intent: "delete", id: String(mine.id) })))) as Response;
    expect(deleted.status).toBe(302);
    expect(listSynonymGroups()).toHaveLength(DEFAULT_SYNONYMS.length);
    expect(auditActions()).toEqual(["synonyms.add", "synonyms.edit", "synonyms.delete"]);
  });

  it("answers bad input with 400 and the field's message, writing nothing", async () => {
    const { cookie } = await admin();
    listSynonymGroups(); // the shipped dictionary, written on first use
    const version = synonymsVersion();
    const cases: [Record<string, string>, string][] = [
      [{ intent: "add", terms: "혼자" }, "synonyms.tooFew"],
      [{ intent: "add", terms: "같은, 같은" }, "synonyms.tooFew"],
      [{ intent: "add", terms: "#태그, tag" }, "synonyms.termBadCharacter"],
      [{ intent: "add", terms: "ok, ---" }, "synonyms.termNoLetter"],
      [{ intent: "add", terms: `ok, ${"x".repeat(65)}` }, "synonyms.termTooLong"],
      [{ intent: "add", terms: "" }, "synonyms.termEmpty"],
    ];
    for (const [fields, key] of cases) {
      const r = (await page.action(args(post(cookie, fields)))) as any;
      expect(r.init.status, JSON.stringify(fields)).toBe(400);
      expect(r.data.errors.terms).toMatchObject({ key });
    }
    const badId = (await page.action(args(post(cookie, { intent: "edit", id: "x", terms: "a1, b1" })))) as any;
    expect(badId.init.status).toBe(400);
    const gone = (await page.action(args(post(cookie, { intent: "delete", id: "999999" })))) as any;
    expect(gone.init.status).toBe(404);
    const unknown = (await page.action(args(post(cookie, { intent: "rename" })))) as any;
    expect(unknown.init.status).toBe(400);
    expect(synonymsVersion()).toBe(version);
    expect(listSynonymGroups()).toHaveLength(DEFAULT_SYNONYMS.length);
    expect(auditActions()).toEqual([]);
  });
});

describe("synonyms in search", () => {
  async function world() {
    const ana = await createTestUser({ handle: "ana.park", name: "박아나", department: "영업" });
    const viewer = viewerOf(ana);
    const ko = publishPost({ viewer, body: "오늘 오후 배포 완료했습니다" }).id;
    const en = publishPost({ viewer, body: "Deploy finished, no downtime" }).id;
    const onboarding = publishPost({ viewer, body: "신규 입사자 온보딩 자료" }).id;
    publishPost({ viewer, body: "점심 메뉴 추천" });
    await drainSearch();
    return { ana, viewer, ko, en, onboarding };
  }
  const ids = async (viewer: ReturnType<typeof viewerOf>, q: string) =>
    ((await searchContent({ viewer, q })) as { results: { post: { id: number } }[] }).results
      .map((r) => r.post.id)
      .sort((a, b) => a - b);

  it("finds the same posts for 배포 and deploy, in the API too, with the synonym marked", async () => {
    const { ana, viewer, ko, en } = await world();
    expect(await ids(viewer, "배포")).toEqual([ko, en]);
    expect(await ids(viewer, "deploy")).toEqual([ko, en]);
    const { token } = createApiToken({ userId: ana.id, name: "t" });
    const res = await apiRequest(
      new Request("http://localhost:3000/api/v1/search?q=deploy", { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(res.status).toBe(200);
    const json = (await res.json()) as { data: { id: number; snippet: string }[] };
    expect(json.data.map((p) => p.id).sort((a, b) => a - b)).toEqual([ko, en]);
    expect(json.data.find((p) => p.id === ko)!.snippet).toContain("<mark>배포</mark>");
    // The typed word first.
    expect(json.data[0].id).toBe(en);
  });

  it("applies a change on the next search of every worker, without a restart", async () => {
    const { viewer, onboarding } = await world();
    const { cookie } = await admin();
    // Another worker's engine over the same database, which has applied the dictionary once.
    const other = new SqliteFtsEngine(getDb().$client);
    await syncSynonyms(other);
    const otherIds = async (q: string) =>
      (
        await other.search({ q, type: "posts", viewer: { id: viewer.id, role: "member", scopes: ["company"] } })
      ).hits.map((h) => h.id);
    expect(await otherIds("onboarding")).toEqual([onboarding]);

    const group = listSynonymGroups().find((g) => g.terms.includes("온보딩"))!;
    await page.action(args(post(cookie, { intent: "delete", id: String(group.id) })));
    expect(await ids(viewer, "onboarding")).toEqual([]);
    // The other worker checks the version before its next search.
    await syncSynonyms(other);
    expect(await otherIds("onboarding")).toEqual([]);

    await page.action(args(post(cookie, { intent: "add", terms: "온보딩, onboarding" })));
    expect(await ids(viewer, "onboarding")).toEqual([onboarding]);
    await syncSynonyms(other);
    expect(await otherIds("onboarding")).toEqual([onboarding]);
  });

  it("finds people whose title says DevOps when someone looks for deploy", async () => {
    const member = await createTestUser();
    const devops = await createTestUser({ handle: "yujin.choi", name: "최유진", title: "SRE · DevOps" });
    await createTestUser({ handle: "jia.song", name: "송지아", title: "디자인 리드", department: "디자인" });
    await drainSearch();
    const res = await searchContent({ viewer: viewerOf(member), q: "deploy", type: "people" });
    expect(res.type === "people" && res.results.map((p) => p.handle)).toEqual([devops.handle]);
    expect(res.type === "people" && res.results[0].highlights.title).toContain("<mark>DevOps</mark>");
  });
});
