// Small resource routes answer hostile input with 4xx and never render user HTML unsanitised.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { getDb } from "#app/infra/db.server";
import * as language from "#app/routes/language";
import * as preview from "#app/routes/posts.preview";
import * as suggestPeople from "#app/routes/people.suggest";
import * as searchSuggest from "#app/routes/search.suggest";
import * as hashtagPage from "#app/routes/hashtags.$tag";
import * as photo from "#app/routes/photos.$userId";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as any;
const statusOf = async (p: Promise<unknown>) => {
  try {
    const r = await p;
    return r instanceof Response ? r.status : ((r as { init?: { status?: number } })?.init?.status ?? 200);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
};

describe("resource routes", () => {
  it("previews Markdown with the publishing sanitiser and refuses an over-long body", async () => {
    const user = await createTestUser({ handle: "ana" });
    const cookie = await sessionCookie(user.id);
    const ok = (await preview.action(
      args(
        makeRequest("/posts/preview", {
          method: "POST",
          cookie,
          form: { body: "**hi** @ana <img src=x onerror=alert(1)>" },
        }),
      ),
    )) as { html: string };
    expect(ok.html).toContain("<strong>hi</strong>");
    expect(ok.html).toContain('href="/people/ana"');
    expect(ok.html).not.toContain("<img");
    const long = await preview.action(
      args(makeRequest("/posts/preview", { method: "POST", cookie, form: { body: "x".repeat(10_001) } })),
    );
    expect(await statusOf(Promise.resolve(long))).toBe(400);
  });

  it("refuses signed-out visitors", async () => {
    expect(
      await statusOf(preview.action(args(makeRequest("/posts/preview", { method: "POST", form: { body: "x" } })))),
    ).toBe(302);
    expect(await statusOf(suggestPeople.loader(args(makeRequest("/people/suggest?q=a"))))).toBe(302);
    expect(await statusOf(searchSuggest.loader(args(makeRequest("/search/suggest?q=a"))))).toBe(302);
    expect(await statusOf(photo.loader(args(makeRequest("/photos/1"), { userId: "1" })))).toBe(302);
  });

  it("answers a language that is not offered, a hostile hashtag and a non-numeric photo id with 4xx", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    expect(
      await statusOf(
        language.action(args(makeRequest("/language", { method: "POST", cookie, form: { locale: "xx" } }))),
      ),
    ).toBe(400);
    expect(await statusOf(hashtagPage.loader(args(makeRequest("/hashtags/x", { cookie }), { tag: "<script>" })))).toBe(
      404,
    );
    expect(await statusOf(photo.loader(args(makeRequest("/photos/abc", { cookie }), { userId: "abc" })))).toBe(404);
  });

  it("suggests only active people and answers a huge search query with 400", async () => {
    const user = await createTestUser({ handle: "jiwoo.han", name: "한지우" });
    await createTestUser({ handle: "jiwoo.kim", name: "김지우" });
    const leaver = await createTestUser({ handle: "jiwoo.park", name: "박지우" });
    getDb().update(users).set({ status: "deactivated" }).where(eq(users.id, leaver.id)).run();
    const cookie = await sessionCookie(user.id);
    const suggested = async (q: string) => {
      const res = await suggestPeople.loader(
        args(makeRequest(`/people/suggest?q=${encodeURIComponent(q)}`, { cookie })),
      );
      // Personal data: never stored by a shared cache.
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      return (await res.json()) as { people: { handle: string }[] };
    };
    const people = await suggested("jiwoo");
    expect(people.people.map((p) => p.handle)).toEqual(["jiwoo.han", "jiwoo.kim"]);
    const byName = await suggested("지우");
    expect(byName.people.map((p) => p.handle)).toEqual(["jiwoo.han", "jiwoo.kim"]);
    await createTestUser({ handle: "dev_kim", name: "Dev Kim" });
    await createTestUser({ handle: "devxkim", name: "Other" });
    const underscore = await suggested("dev_");
    expect(underscore.people.map((p) => p.handle)).toEqual(["dev_kim"]);
    const huge = await searchSuggest.loader(args(makeRequest(`/search/suggest?q=${"가".repeat(600)}`, { cookie })));
    expect(await statusOf(Promise.resolve(huge))).toBe(400);
  });
});

describe("follow actions and the edit page with other people's ids", () => {
  it("follows a hashtag, 404s an unknown one, and refuses following yourself", async () => {
    const { publishPost } = await import("#app/models/posts/post.server");
    const { getHashtag } = await import("#app/models/hashtags/hashtag.server");
    const people = await import("#app/routes/people.$handle");
    const user = await createTestUser({ handle: "me" });
    const other = await createTestUser({ handle: "other" });
    publishPost({ viewer: viewerOf(other), body: "#채용 공고" });
    const cookie = await sessionCookie(user.id);
    const follow = (tag: string) =>
      hashtagPage.action(
        args(
          makeRequest(`/hashtags/${encodeURIComponent(tag)}`, { method: "POST", cookie, form: { intent: "follow" } }),
          { tag },
        ),
      );
    expect(await statusOf(follow("채용"))).toBe(303);
    expect(getHashtag("채용", viewerOf(user))?.following).toBe(true);
    expect(await statusOf(follow("없는태그"))).toBe(404);
    const self = await people.action(
      args(makeRequest("/people/me", { method: "POST", cookie, form: { intent: "follow" } }), { handle: "me" }),
    );
    expect(await statusOf(Promise.resolve(self))).toBe(400);
    const ghost = await people.action(
      args(makeRequest("/people/ghost", { method: "POST", cookie, form: { intent: "follow" } }), { handle: "ghost" }),
    );
    expect(await statusOf(Promise.resolve(ghost))).toBe(404);
  });

  it("answers the edit page for another person's post with 403", async () => {
    const { publishPost } = await import("#app/models/posts/post.server");
    const edit = await import("#app/routes/posts.$postId_.edit");
    const author = await createTestUser();
    const intruder = await createTestUser();
    const { id } = publishPost({ viewer: viewerOf(author), body: "mine" });
    const cookie = await sessionCookie(intruder.id);
    expect(
      await statusOf(edit.loader(args(makeRequest(`/posts/${id}/edit`, { cookie }), { postId: String(id) }))),
    ).toBe(403);
  });
});
