// API v1 against a real migrated SQLite database: the route modules' loader/action are called as Remix would.
import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createApiToken, revokeApiToken } from "#app/models/people/api-token.server";
import { followUser } from "#app/models/people/user.server";
import { getDb } from "#app/infra/db.server";
import { apiTokens, posts, REACTION_KINDS, users } from "#db/schema";
import { createTestUser, viewerOf } from "#tests/factories/index";
import { callApi, openApiDocument } from "#tests/support/api";

/** Sends a request through the API router; the response is checked against the OpenAPI document. */
const call = callApi;

async function userWithToken(overrides: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser(overrides);
  const { token, id: tokenId } = createApiToken({ userId: user.id, name: "test" });
  return { user, token, tokenId };
}

function publish(token: string, json: unknown) {
  return call("/api/v1/posts", { method: "POST", token, json });
}

function countPosts(): number {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(posts)
    .get()!.n;
}

function expectErrorShape(json: any, code: string) {
  expect(json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(json.error.message.length).toBeGreaterThan(0);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("authentication", () => {
  test("no token, a malformed header and an unknown token are 401 with WWW-Authenticate", async () => {
    const missing = await call("/api/v1/me");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer /);
    expectErrorShape(missing.json, "unauthorized");

    const basic = await call("/api/v1/me", { headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');

    const unknown = await call("/api/v1/me", { token: "sori_" + "x".repeat(43) });
    expect(unknown.status).toBe(401);
    expectErrorShape(unknown.json, "invalid_token");
    expect(unknown.headers.get("WWW-Authenticate")).toContain("Bearer");
  });

  test("a revoked token is 401", async () => {
    const { user, token, tokenId } = await userWithToken();
    expect((await call("/api/v1/me", { token })).status).toBe(200);
    revokeApiToken({ userId: user.id, tokenId });
    const res = await call("/api/v1/me", { token });
    expect(res.status).toBe(401);
    expectErrorShape(res.json, "invalid_token");
    expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
  });

  test("a deactivated user's token is 401, also for writes, and nothing is written", async () => {
    const { user, token } = await userWithToken();
    getDb().update(users).set({ status: "deactivated", deactivatedAt: new Date() }).where(eq(users.id, user.id)).run();
    expect((await call("/api/v1/me", { token })).status).toBe(401);
    const res = await publish(token, { body: "still here?" });
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect(countPosts()).toBe(0);
  });

  test("a successful request records when the token was last used", async () => {
    const { token, tokenId } = await userWithToken();
    await call("/api/v1/me", { token });
    const row = getDb()
      .select({ lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, tokenId))
      .get();
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  test("error messages follow the owner's locale, else Accept-Language", async () => {
    const { token } = await userWithToken({ locale: "ko" });
    const res = await publish(token, { body: "   " });
    expect(res.status).toBe(400);
    expect(res.json.error.fields.body).toBe("게시하기 전에 내용을 입력하세요.");

    const { token: enToken } = await userWithToken({ locale: "en" });
    const en = await call("/api/v1/posts", {
      method: "POST",
      token: enToken,
      json: { body: "" },
      headers: { "Accept-Language": "ko" },
    });
    expect(en.json.error.fields.body).toBe("Write something before posting.");

    const anonymousKo = await call("/api/v1/me", { headers: { "Accept-Language": "ko-KR,ko;q=0.9" } });
    const anonymousEn = await call("/api/v1/me", { headers: { "Accept-Language": "en-US" } });
    expect(anonymousKo.status).toBe(401);
    expect(anonymousKo.json.error.message).not.toBe(anonymousEn.json.error.message);
    expect(anonymousKo.json.error.message).toMatch(/[가-힣]/);
  });
});

describe("GET /api/v1/me and /api/v1/users/:handle", () => {
  test("me includes the email address and counts", async () => {
    const { user, token } = await userWithToken({ name: "김민수", department: "플랫폼", title: "Engineer" });
    const other = await createTestUser();
    followUser({ viewer: viewerOf(other), handle: user.handle, follow: true });
    await publish(token, { body: "hello" });
    const res = await call("/api/v1/me", { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.json).toEqual({
      handle: user.handle,
      name: "김민수",
      department: "플랫폼",
      title: "Engineer",
      bio: "",
      followers: 1,
      following: 0,
      posts: 1,
      email: expect.stringMatching(/@sori\.test$/),
      role: "member",
      locale: null,
      time_zone: "Asia/Seoul",
      scopes: ["read", "write"],
    });
  });

  test("another user's profile has no email address; unknown handles are 404", async () => {
    const { token } = await userWithToken();
    const other = await createTestUser({ handle: "jiwoo.park", name: "박지우" });
    const res = await call("/api/v1/users/Jiwoo.Park", { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      handle: other.handle,
      name: "박지우",
      department: "Engineering",
      title: "Engineer",
      bio: "",
      followers: 0,
      following: 0,
      posts: 0,
    });
    expect(JSON.stringify(res.json)).not.toContain("@sori.test");

    const missing = await call("/api/v1/users/nobody", { token });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.json, "not_found");
  });
});

describe("posts", () => {
  test("POST /api/v1/posts answers 201 with the post object", async () => {
    const { user, token } = await userWithToken();
    const res = await publish(token, { body: "Hello **team**" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Location")).toBe(`/api/v1/posts/${res.json.id}`);
    expect(res.json).toEqual({
      id: expect.any(Number),
      author: { handle: user.handle, name: user.name, department: "Engineering", title: "Engineer", guest: false },
      anonymous: false,
      kind: "update",
      group: null,
      body: "Hello **team**",
      html: "<p>Hello <strong>team</strong></p>",
      hashtags: [],
      mentions: [],
      reply_to_id: null,
      thread_id: res.json.id,
      reply_count: 0,
      reactions: Object.fromEntries(REACTION_KINDS.map((k) => [k, 0])),
      my_reactions: [],
      created_at: expect.stringMatching(ISO),
      edited_at: null,
      title: null,
      votes: 0,
      voted_by_me: false,
    });
    expect(countPosts()).toBe(1);
  });

  test("replies attach to the thread; an unknown reply target is 404 and writes nothing", async () => {
    const { token } = await userWithToken();
    const root = (await publish(token, { body: "root" })).json;
    const reply = await publish(token, { body: "reply", reply_to_id: root.id });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ reply_to_id: root.id, thread_id: root.id });
    const replyToReply = await publish(token, { body: "reply 2", reply_to_id: reply.json.id });
    expect(replyToReply.json).toMatchObject({ reply_to_id: root.id, thread_id: root.id });
    const rootAgain = await call(`/api/v1/posts/${root.id}`, { token });
    expect(rootAgain.json.reply_count).toBe(2);

    const before = countPosts();
    const missing = await publish(token, { body: "into the void", reply_to_id: 999_999 });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.json, "reply_target_not_found");
    const badId = await publish(token, { body: "x", reply_to_id: "abc" });
    expect(badId.status).toBe(400);
    expect(badId.json.error.fields).toHaveProperty("reply_to_id");
    expect(countPosts()).toBe(before);
  });

  test("mentions of existing people and Korean hashtags come back lower-cased", async () => {
    const { token } = await userWithToken();
    await createTestUser({ handle: "minsu.kim" });
    const res = await publish(token, { body: "#신제품 출시! #Launch #LAUNCH @Minsu.Kim @ghost" });
    expect(res.status).toBe(201);
    expect(res.json.hashtags).toEqual(["신제품", "launch"]);
    expect(res.json.mentions).toEqual(["minsu.kim"]);
    expect(res.json.html).toContain('href="/hashtags/%EC%8B%A0%EC%A0%9C%ED%92%88"');
  });

  test("hostile Markdown is stored as given and rendered safely", async () => {
    const { token } = await userWithToken();
    const body = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click](javascript:alert(1))",
      "[data](data:text/html;base64,PHNjcmlwdD4=)",
      '<a href="https://evil.example" onclick="steal()">x</a>',
      "![pic](https://evil.example/t.png)",
    ].join("\n\n");
    const res = await publish(token, { body });
    expect(res.status).toBe(201);
    expect(res.json.body).toBe(body);
    const html: string = res.json.html;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a[^>]*onclick/i);
    expect(html).not.toMatch(/<[^>]+\son\w+=/i);
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain("&lt;script&gt;");
  });

  test("GET /api/v1/posts/:id; unknown and non-numeric ids are 404", async () => {
    const { token } = await userWithToken();
    const created = (await publish(token, { body: "find me" })).json;
    const res = await call(`/api/v1/posts/${created.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(created);

    for (const id of ["999999", "abc", "1.5", "-1", "0", "1e3"]) {
      const missing = await call(`/api/v1/posts/${id}`, { token });
      expect(missing.status, id).toBe(404);
      expectErrorShape(missing.json, "not_found");
    }
  });

  test("PATCH by the author edits; by another user is 403 and changes nothing", async () => {
    const { token } = await userWithToken();
    const { token: otherToken } = await userWithToken();
    const created = (await publish(token, { body: "first #draft" })).json;
    const path = `/api/v1/posts/${created.id}`;

    const forbidden = await call(path, {
      method: "PATCH",
      token: otherToken,
      json: { body: "hijacked" },
    });
    expect(forbidden.status).toBe(403);
    expectErrorShape(forbidden.json, "forbidden");

    const edited = await call(path, { method: "PATCH", token, json: { body: "second #Final" } });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ id: created.id, body: "second #Final", hashtags: ["final"] });
    expect(edited.json.edited_at).toMatch(ISO);

    const again = await call(path, { token });
    expect(again.json.body).toBe("second #Final");

    const missing = await call("/api/v1/posts/999999", {
      method: "PATCH",
      token,
      json: { body: "x" },
    });
    expect(missing.status).toBe(404);
  });

  test("PATCH validates the body: empty, too long, wrong type, missing", async () => {
    const { token } = await userWithToken();
    const created = (await publish(token, { body: "keep me" })).json;
    const path = `/api/v1/posts/${created.id}`;
    for (const json of [{ body: "  \n " }, { body: "x".repeat(10_001) }, { body: 42 }, {}, [], "text", null]) {
      const res = await call(path, { method: "PATCH", token, json });
      expect(res.status, JSON.stringify(json).slice(0, 30)).toBe(400);
      expectErrorShape(res.json, "validation_failed");
    }
    const tooLong = await call(path, { method: "PATCH", token, json: { body: "x".repeat(10_001) } });
    expect(tooLong.json.error.fields.body).toContain("10000");
    const after = await call(path, { token });
    expect(after.json.body).toBe("keep me");
    expect(after.json.edited_at).toBeNull();
  });

  test("DELETE by the author or an admin is 204; by someone else 403", async () => {
    const { token } = await userWithToken();
    const { token: otherToken } = await userWithToken();
    const admin = await createTestUser({ role: "admin" });
    const { token: adminToken } = createApiToken({ userId: admin.id, name: "t", scopes: ["read", "write", "admin"] });
    const a = (await publish(token, { body: "a" })).json;
    const b = (await publish(token, { body: "b" })).json;

    const forbidden = await call(`/api/v1/posts/${a.id}`, {
      method: "DELETE",
      token: otherToken,
    });
    expect(forbidden.status).toBe(403);
    expect(countPosts()).toBe(2);

    const own = await call(`/api/v1/posts/${a.id}`, {
      method: "DELETE",
      token,
    });
    expect(own.status).toBe(204);
    expect(own.json).toBeNull();
    const byAdmin = await call(`/api/v1/posts/${b.id}`, {
      method: "DELETE",
      token: adminToken,
    });
    expect(byAdmin.status).toBe(204);
    expect(countPosts()).toBe(0);

    const gone = await call(`/api/v1/posts/${a.id}`, {
      method: "DELETE",
      token,
    });
    expect(gone.status).toBe(404);
    const read = await call(`/api/v1/posts/${a.id}`, { token });
    expect(read.status).toBe(404);
  });
});

describe("request bodies", () => {
  test("empty, huge, wrongly typed, malformed and non-JSON bodies write nothing", async () => {
    const { token } = await userWithToken();
    await publish(token, { body: "existing" });
    const before = countPosts();

    const empty = await publish(token, { body: "" });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toMatchObject({
      code: "validation_failed",
      fields: { body: "Write something before posting." },
    });
    expect(empty.json.error.message).toBe("Write something before posting.");

    const whitespace = await publish(token, { body: " \n\t " });
    expect(whitespace.status).toBe(400);

    const tooLong = await publish(token, { body: "가".repeat(10_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.fields.body).toBe("A post can have at most 10000 characters.");

    const wrongType = await publish(token, { body: 123 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.fields.body).toBe("This value is not valid.");

    const missingField = await publish(token, { text: "hi" });
    expect(missingField.status).toBe(400);
    expect(missingField.json.error.fields).toHaveProperty("body");

    for (const json of [[], "hello", 42, null]) {
      const notObject = await publish(token, json);
      expect(notObject.status).toBe(400);
      expectErrorShape(notObject.json, "validation_failed");
      expect(notObject.json.error.fields).toBeUndefined();
    }

    for (const raw of ['{"body": "unterminated', "", "{body: 'x'}", "\u00ff"]) {
      const malformed = await call("/api/v1/posts", {
        method: "POST",
        token,
        body: raw,
        contentType: "application/json",
      });
      expect(malformed.status, raw).toBe(400);
      expectErrorShape(malformed.json, "invalid_json");
    }
    const invalidUtf8 = await call("/api/v1/posts", {
      method: "POST",
      token,
      body: new Uint8Array([0x7b, 0x22, 0x62, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      contentType: "application/json",
    });
    expect(invalidUtf8.status).toBe(400);
    expectErrorShape(invalidUtf8.json, "invalid_json");

    const form = await call("/api/v1/posts", {
      method: "POST",
      token,
      body: "body=hello",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expectErrorShape(form.json, "unsupported_media_type");
    const noType = await call("/api/v1/posts", { method: "POST", token, body: '{"body":"hi"}' });
    expect([400, 415]).toContain(noType.status);

    const huge = await publish(token, { body: "x".repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expectErrorShape(huge.json, "too_large");
    const declaredHuge = await call("/api/v1/posts", {
      method: "POST",
      token,
      body: '{"body":"hi"}',
      contentType: "application/json",
      headers: { "Content-Length": String(1024 * 1024) },
    });
    expect(declaredHuge.status).toBe(413);

    expect(countPosts()).toBe(before);
  });

  test("a JSON content type with a charset is accepted", async () => {
    const { token } = await userWithToken();
    const res = await call("/api/v1/posts", {
      method: "POST",
      token,
      body: JSON.stringify({ body: "안녕하세요" }),
      contentType: "application/json; charset=utf-8",
    });
    expect(res.status).toBe(201);
    expect(res.json.body).toBe("안녕하세요");
  });
});

describe("reactions", () => {
  test("POST and DELETE are idempotent and return the post with counts", async () => {
    const { token } = await userWithToken();
    const { token: otherToken } = await userWithToken();
    const post = (await publish(token, { body: "react to me" })).json;
    const path = (kind: string) => `/api/v1/posts/${post.id}/reactions/${kind}`;

    const first = await call(path("like"), { method: "POST", token });
    expect(first.status).toBe(200);
    expect(first.json.reactions.like).toBe(1);
    expect(first.json.my_reactions).toEqual(["like"]);
    const repeat = await call(path("like"), { method: "POST", token });
    expect(repeat.json.reactions.like).toBe(1);

    await call(path("like"), { method: "POST", token: otherToken });
    const celebrate = await call(path("celebrate"), {
      method: "POST",
      token: otherToken,
    });
    expect(celebrate.json.reactions).toMatchObject({ like: 2, celebrate: 1, thanks: 0 });
    expect(celebrate.json.my_reactions.sort()).toEqual(["celebrate", "like"]);

    const removed = await call(path("like"), { method: "DELETE", token });
    expect(removed.status).toBe(200);
    expect(removed.json.reactions.like).toBe(1);
    expect(removed.json.my_reactions).toEqual([]);
    const removedAgain = await call(path("like"), { method: "DELETE", token });
    expect(removedAgain.status).toBe(200);
    expect(removedAgain.json.reactions.like).toBe(1);
  });

  test("unknown kinds are 400, unknown posts 404, GET 405", async () => {
    const { token } = await userWithToken();
    const post = (await publish(token, { body: "x" })).json;
    const bad = await call(`/api/v1/posts/${post.id}/reactions/angry`, {
      method: "POST",
      token,
    });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.json, "invalid_reaction");
    expect(bad.json.error.fields).toHaveProperty("kind");

    const missing = await call("/api/v1/posts/999999/reactions/like", {
      method: "POST",
      token,
    });
    expect(missing.status).toBe(404);

    const get = await call(`/api/v1/posts/${post.id}/reactions/like`, {
      token,
    });
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST, DELETE");
    expectErrorShape(get.json, "method_not_allowed");
  });
});

describe("feeds and lists", () => {
  test("company feed pages with a keyset cursor until next_cursor is null", async () => {
    const { token } = await userWithToken();
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push((await publish(token, { body: `post ${i}` })).json.id);
    const root = ids[0];
    await publish(token, { body: "a reply stays out of the company feed", reply_to_id: root });

    const seen: number[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const qs: string = cursor ? `?limit=10&cursor=${cursor}` : "?limit=10";
      const res = await call(`/api/v1/feeds/company${qs}`, { token });
      expect(res.status).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual(["data", "next_cursor"]);
      sizes.push(res.json.data.length);
      seen.push(...res.json.data.map((p: { id: number }) => p.id));
      cursor = res.json.next_cursor;
      if (cursor) expect(cursor).toBe(String(res.json.data.at(-1).id));
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual([...ids].reverse());

    // A post published between pages does not shift the next page (keyset, not offset).
    const first = await call("/api/v1/feeds/company?limit=10", { token });
    await publish(token, { body: "newer" });
    const second = await call(`/api/v1/feeds/company?limit=10&cursor=${first.json.next_cursor}`, {
      token,
    });
    expect(second.json.data[0].id).toBe(first.json.data.at(-1).id - 1);

    const defaultPage = await call("/api/v1/feeds/company", { token });
    expect(defaultPage.json.data).toHaveLength(20);
  });

  test("bad limit and cursor are 400", async () => {
    const { token } = await userWithToken();
    for (const qs of ["limit=0", "limit=101", "limit=abc", "limit=2.5"]) {
      const res = await call(`/api/v1/feeds/company?${qs}`, { token });
      expect(res.status, qs).toBe(400);
      expect(res.json.error.fields).toHaveProperty("limit");
    }
    const cursor = await call("/api/v1/feeds/company?cursor=abc", { token });
    expect(cursor.status).toBe(400);
    expectErrorShape(cursor.json, "bad_cursor");
    const ok = await call("/api/v1/feeds/company?limit=100", { token });
    expect(ok.status).toBe(200);
  });

  test("home feed: own posts and followed people, not strangers", async () => {
    const { user, token } = await userWithToken();
    const { user: friend, token: friendToken } = await userWithToken();
    const { token: strangerToken } = await userWithToken();
    followUser({ viewer: viewerOf(user), handle: friend.handle, follow: true });
    const mine = (await publish(token, { body: "mine" })).json;
    const theirs = (await publish(friendToken, { body: "friend's" })).json;
    await publish(strangerToken, { body: "stranger's" });

    const res = await call("/api/v1/feeds/home", { token });
    expect(res.status).toBe(200);
    expect(res.json.data.map((p: { id: number }) => p.id)).toEqual([theirs.id, mine.id]);
    expect(res.json.next_cursor).toBeNull();

    const paged = await call("/api/v1/feeds/home?limit=1", { token });
    expect(paged.json.data.map((p: { id: number }) => p.id)).toEqual([theirs.id]);
    expect(paged.json.next_cursor).toBe(String(theirs.id));
    const next = await call(`/api/v1/feeds/home?limit=1&cursor=${paged.json.next_cursor}`, { token });
    expect(next.json.data.map((p: { id: number }) => p.id)).toEqual([mine.id]);
  });

  test("hashtag posts: Korean and mixed-case tags, unknown tag empty, invalid tag 404", async () => {
    const { token } = await userWithToken();
    const a = (await publish(token, { body: "#신제품 첫 번째" })).json;
    const b = (await publish(token, { body: "두 번째 #신제품 #Launch" })).json;
    await publish(token, { body: "#다른태그" });

    const korean = await call("/api/v1/hashtags/%EC%8B%A0%EC%A0%9C%ED%92%88/posts", {
      token,
    });
    expect(korean.status).toBe(200);
    expect(korean.json.data.map((p: { id: number }) => p.id)).toEqual([b.id, a.id]);
    expect(korean.json.data[0].hashtags).toEqual(["신제품", "launch"]);

    const upper = await call("/api/v1/hashtags/LAUNCH/posts?limit=1", {
      token,
    });
    expect(upper.json).toEqual({ data: [expect.objectContaining({ id: b.id })], next_cursor: null });

    const unknown = await call("/api/v1/hashtags/nothing/posts", { token });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ data: [], next_cursor: null });

    const invalid = await call("/api/v1/hashtags/123/posts", { token });
    expect(invalid.status).toBe(404);
  });

  test("a user's posts, paginated; unknown handle 404", async () => {
    const { token } = await userWithToken();
    const { user: author, token: authorToken } = await userWithToken();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await publish(authorToken, { body: `by author ${i}` })).json.id);
    await publish(token, { body: "not by the author" });
    const page1 = await call(`/api/v1/users/${author.handle}/posts?limit=2`, { token });
    expect(page1.status).toBe(200);
    expect(page1.json.data.map((p: { id: number }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(page1.json.data.every((p: any) => p.author.handle === author.handle)).toBe(true);
    const page2 = await call(`/api/v1/users/${author.handle}/posts?limit=2&cursor=${page1.json.next_cursor}`, {
      token,
    });
    expect(page2.json).toEqual({ data: [expect.objectContaining({ id: ids[0] })], next_cursor: null });

    const missing = await call("/api/v1/users/nobody/posts", { token });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.json, "not_found");
  });
});

describe("token scopes", () => {
  test("a read token reads but any change is 403 insufficient_scope and writes nothing", async () => {
    const user = await createTestUser();
    const { token } = createApiToken({ userId: user.id, name: "reader", scopes: ["read"] });
    expect((await call("/api/v1/feeds/company", { token })).status).toBe(200);
    const refused = await call("/api/v1/posts", { method: "POST", token, json: { body: "not allowed" } });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.json, "insufficient_scope");
    expect(refused.headers.get("WWW-Authenticate")).toContain('error="insufficient_scope"');
    expect(countPosts()).toBe(0);
  });

  test("a write-only token cannot read", async () => {
    const user = await createTestUser();
    const { token } = createApiToken({ userId: user.id, name: "writer", scopes: ["write"] });
    const created = await call("/api/v1/posts", { method: "POST", token, json: { body: "from a bot" } });
    expect(created.status).toBe(201);
    const read = await call(`/api/v1/posts/${created.json.id}`, { token });
    expect(read.status).toBe(403);
    expectErrorShape(read.json, "insufficient_scope");
  });

  test("an admin's token uses admin powers only with the admin scope", async () => {
    const { token } = await userWithToken();
    const post = (await publish(token, { body: "someone's post" })).json;
    const admin = await createTestUser({ role: "admin" });
    const plain = createApiToken({ userId: admin.id, name: "plain", scopes: ["read", "write"] }).token;
    const strong = createApiToken({ userId: admin.id, name: "admin", scopes: ["read", "write", "admin"] }).token;
    const refused = await call(`/api/v1/posts/${post.id}`, { method: "DELETE", token: plain });
    expect(refused.status).toBe(403);
    expect(countPosts()).toBe(1);
    expect((await call("/api/v1/me", { token: plain })).json).toMatchObject({
      role: "admin",
      scopes: ["read", "write"],
    });
    expect((await call(`/api/v1/posts/${post.id}`, { method: "DELETE", token: strong })).status).toBe(204);
    expect(countPosts()).toBe(0);
  });
});

describe("methods, unknown paths and rate limit", () => {
  test("wrong methods are 405 with Allow", async () => {
    const { token } = await userWithToken();
    const cases: [string, string, string][] = [
      ["/api/v1/me", "POST", "GET, HEAD"],
      ["/api/v1/posts", "GET", "POST"],
      ["/api/v1/posts/1", "PUT", "GET, PATCH, DELETE, HEAD"],
      ["/api/v1/feeds/company", "DELETE", "GET, HEAD"],
      ["/api/v1/feeds/home", "POST", "GET, HEAD"],
      ["/api/v1/users/x", "PATCH", "GET, HEAD"],
    ];
    for (const [path, method, allow] of cases) {
      const res = await call(path, { method, token });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("Allow")).toBe(allow);
      expectErrorShape(res.json, "method_not_allowed");
    }
  });

  test("unknown API paths are a JSON 404", async () => {
    const { token } = await userWithToken();
    const res = await call("/api/v1/nope", { token });
    expect(res.status).toBe(404);
    expectErrorShape(res.json, "not_found");
  });

  test("more than 300 requests a minute on one token are 429 with Retry-After", async () => {
    const { token } = await userWithToken();
    const { token: otherToken } = await userWithToken();
    for (let i = 0; i < 300; i++) {
      const res = await call("/api/v1/me", { token });
      expect(res.status).toBe(200);
    }
    const limited = await call("/api/v1/me", { token });
    expect(limited.status).toBe(429);
    expectErrorShape(limited.json, "rate_limited");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await call("/api/v1/me", { token: otherToken })).status).toBe(200);
  });
});

describe("routing", () => {
  test("the router serves every operation of the OpenAPI document, and only those", async () => {
    const { token } = await userWithToken();
    const { doc } = await openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /api/v1/me",
        "POST /api/v1/posts",
        "GET /api/v1/posts/{id}",
        "PATCH /api/v1/posts/{id}",
        "DELETE /api/v1/posts/{id}",
        "POST /api/v1/posts/{id}/reactions/{kind}",
        "DELETE /api/v1/posts/{id}/reactions/{kind}",
        "POST /api/v1/posts/{id}/vote",
        "DELETE /api/v1/posts/{id}/vote",
        "POST /api/v1/posts/{id}/accept",
        "POST /api/v1/posts/{id}/ask",
        // Announcements (issue #11 §3).
        "POST /api/v1/posts/{id}/ack",
        "GET /api/v1/posts/{id}/acks",
        "DELETE /api/v1/posts/{id}/accept",
        "GET /api/v1/posts/{id}/replies",
        "GET /api/v1/feeds/home",
        "GET /api/v1/feeds/company",
        "GET /api/v1/hashtags/{tag}/posts",
        "GET /api/v1/users/{handle}",
        "GET /api/v1/users/{handle}/posts",
        "GET /api/v1/search",
        "GET /api/v1/questions",
        "GET /api/v1/questions/similar",
        "GET /api/v1/questions/stats",
        "GET /api/v1/stream",
        "GET /api/v1/me/stream",
        "GET /api/v1/me/settings",
        "PATCH /api/v1/me/settings",
        "GET /api/v1/groups",
        "POST /api/v1/groups",
        "GET /api/v1/groups/{slug}",
        "PATCH /api/v1/groups/{slug}",
        "DELETE /api/v1/groups/{slug}",
        "GET /api/v1/groups/{slug}/posts",
        "GET /api/v1/groups/{slug}/members",
        "POST /api/v1/groups/{slug}/members",
        "PATCH /api/v1/groups/{slug}/members/{handle}",
        "DELETE /api/v1/groups/{slug}/members/{handle}",
        "POST /api/v1/groups/{slug}/join",
        // Notifications and mentions (issue #11 §5).
        "GET /api/v1/notifications",
        "POST /api/v1/notifications/read",
        "GET /api/v1/mentions",
        // Live events and their open Q&A (issue #10 §2–3).
        "GET /api/v1/events",
        "POST /api/v1/events",
        "GET /api/v1/events/{id}",
        "PATCH /api/v1/events/{id}",
        "POST /api/v1/events/{id}/start",
        "POST /api/v1/events/{id}/end",
        "GET /api/v1/events/{id}/stream",
        "GET /api/v1/events/{id}/export",
        "GET /api/v1/events/{id}/bans",
        "POST /api/v1/events/{id}/bans",
        "DELETE /api/v1/events/{id}/bans/{handle}",
        "GET /api/v1/events/{id}/questions",
        "POST /api/v1/events/{id}/questions",
        "GET /api/v1/events/{id}/questions/{qid}",
        "PATCH /api/v1/events/{id}/questions/{qid}",
        "POST /api/v1/events/{id}/questions/{qid}/vote",
        "DELETE /api/v1/events/{id}/questions/{qid}/vote",
        "POST /api/v1/events/{id}/questions/{qid}/star",
        "DELETE /api/v1/events/{id}/questions/{qid}/star",
        "POST /api/v1/events/{id}/questions/{qid}/approve",
        "POST /api/v1/events/{id}/questions/{qid}/dismiss",
        "POST /api/v1/events/{id}/questions/{qid}/answering",
        "POST /api/v1/events/{id}/questions/{qid}/answered",
        "POST /api/v1/events/{id}/questions/{qid}/restore",
        "POST /api/v1/events/{id}/questions/{qid}/merge",
        "POST /api/v1/events/{id}/questions/{qid}/reveal",
        "POST /api/v1/events/{id}/questions/{qid}/replies",
        // Live comments, segments and polls (issue #10 §4, §6).
        "GET /api/v1/events/{id}/comments",
        "POST /api/v1/events/{id}/comments",
        "DELETE /api/v1/events/{id}/comments/{cid}",
        "POST /api/v1/events/{id}/comments/{cid}/reactions/{kind}",
        "DELETE /api/v1/events/{id}/comments/{cid}/reactions/{kind}",
        "POST /api/v1/events/{id}/segment",
        "GET /api/v1/events/{id}/polls",
        "POST /api/v1/events/{id}/polls",
        "POST /api/v1/events/{id}/polls/{pid}/open",
        "POST /api/v1/events/{id}/polls/{pid}/close",
        "POST /api/v1/events/{id}/polls/{pid}/vote",
      ].sort(),
    );
    // A method no operation uses answers 405 naming exactly the documented ones: the router serves each path.
    for (const [path, item] of Object.entries(doc.paths)) {
      const concrete = path.replace(/\{[^}]+\}/g, "x1");
      const res = await call(concrete, { method: "PUT", token });
      const methods = Object.keys(item).map((m) => m.toUpperCase());
      if (methods.includes("GET")) methods.push("HEAD");
      expect(res.status, path).toBe(405);
      expect(res.headers.get("Allow")?.split(", ").sort(), path).toEqual(methods.sort());
    }
  });
});
