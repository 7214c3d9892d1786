// The groups endpoints of API v1 (issue #6 §4) and what a guest's token may reach, against a real migrated
// SQLite database: the route modules' loader/action are called as Remix would.
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { createApiToken } from "#app/models/people/api-token.server";
import { getDb } from "#app/infra/db.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import { groupMembers, groups, posts } from "#db/schema";
import { callApi } from "#tests/support/api";
import { createTestUser, viewerOf } from "#tests/factories";

type CallOptions = { method?: string; token: string; json?: unknown; body?: string };

/** Sends a request through the API router (in English); the response is checked against the OpenAPI document. */
function call(path: string, opts: CallOptions) {
  const body = opts.json !== undefined ? JSON.stringify(opts.json) : opts.body;
  return callApi(path, {
    method: opts.method,
    token: opts.token,
    body,
    contentType: body !== undefined ? "application/json" : undefined,
    headers: { "Accept-Language": "en" },
  });
}

const count = (table: typeof posts | typeof groups | typeof groupMembers) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;

function expectError(res: { status: number; json: any }, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.json).toEqual({
    error: expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
  });
}

async function account(handle: string, extra: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser({ handle, name: handle, email: `${handle}@sori.test`, ...extra });
  // A site admin's token acts as an admin only with the admin scope.
  const scopes = extra.role === "admin" ? (["read", "write", "admin"] as const) : undefined;
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: scopes && [...scopes] }).token };
}

/** owner (admin of every group), member (in every group), outsider, a site admin and a guest of "partners". */
async function world() {
  const owner = await account("owner", { name: "김소유" });
  const member = await account("member");
  const outsider = await account("outsider");
  const admin = await account("site.admin", { role: "admin" });
  const guest = await account("partner", { role: "guest", organization: "Partner Co", email: "p@partner.test" });
  for (const [slug, visibility] of [
    ["open", "public"],
    ["closed", "private"],
    ["hidden", "secret"],
    ["partners", "private"],
  ] as const) {
    createGroup({ viewer: viewerOf(owner.user), input: { name: `Group ${slug}`, slug, visibility } });
    addMembers({ viewer: viewerOf(owner.user), slug, input: { handles: ["member"] } });
  }
  addMembers({ viewer: viewerOf(owner.user), slug: "partners", input: { handles: ["partner"] } });
  return { owner, member, outsider, admin, guest };
}

describe("POST /api/v1/groups", () => {
  test("creates a group (201, Location) with the caller as admin; the group object is snake_case", async () => {
    const { token } = await account("creator");
    const res = await call("/api/v1/groups", {
      method: "POST",
      token,
      json: { name: "  디자인 길드 ", slug: "Design-Guild", description: "UI 이야기", visibility: "private" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Location")).toBe("/api/v1/groups/design-guild");
    expect(res.json.group).toEqual({
      slug: "design-guild",
      name: "디자인 길드",
      description: "UI 이야기",
      visibility: "private",
      archived: false,
      member_count: 1,
      my_role: "admin",
      join_requested: false,
      can: { read: true, post: true, edit: true, manage: true, join: false, leave: true },
    });
    // Without a slug, one is made from the name.
    const auto = await call("/api/v1/groups", {
      method: "POST",
      token,
      json: { name: "Run Club", visibility: "public" },
    });
    expect(auto.json.group.slug).toBe("run-club");
  });

  test("bad input is 400 with field messages and writes nothing; a taken slug is 409", async () => {
    const { token } = await account("creator");
    const before = count(groups);
    const cases: unknown[] = [
      {},
      { name: "", visibility: "public" },
      { name: "x".repeat(81), visibility: "public" },
      { name: "ok", visibility: "everyone" },
      { name: 42, visibility: "public" },
      { name: "ok", visibility: "public", slug: "한글" },
      { name: "ok", visibility: "public", slug: "-bad" },
      { name: "ok", visibility: "public", slug: 7 },
      { name: "ok", visibility: "public", description: "d".repeat(501) },
      { name: "ok", visibility: "public", description: ["x"] },
      [],
      "group",
      null,
    ];
    for (const json of cases) {
      const res = await call("/api/v1/groups", { method: "POST", token, json });
      expect([JSON.stringify(json).slice(0, 40), res.status]).toEqual([JSON.stringify(json).slice(0, 40), 400]);
      expect(res.json.error.message.length).toBeGreaterThan(0);
    }
    const fields = await call("/api/v1/groups", {
      method: "POST",
      token,
      json: { name: "", visibility: "x" },
    });
    expect(Object.keys(fields.json.error.fields).sort()).toEqual(["name", "visibility"]);
    const huge = await call("/api/v1/groups", {
      method: "POST",
      token,
      json: { name: "가".repeat(70_000), visibility: "public" },
    });
    expectError(huge, 413, "too_large");
    const notJson = await call("/api/v1/groups", { method: "POST", token, body: "{name:" });
    expectError(notJson, 400, "invalid_json");
    expect(count(groups)).toBe(before);

    await call("/api/v1/groups", {
      method: "POST",
      token,
      json: { name: "A", slug: "taken", visibility: "public" },
    });
    const taken = await call("/api/v1/groups", {
      method: "POST",
      token,
      json: { name: "B", slug: "taken", visibility: "public" },
    });
    expectError(taken, 409, "slug_taken");
    expect(taken.json.error.fields.slug).toBeTruthy();
  });

  test("a guest cannot create groups (403)", async () => {
    const { guest } = await world();
    const res = await call("/api/v1/groups", {
      method: "POST",
      token: guest.token,
      json: { name: "G", visibility: "public" },
    });
    expectError(res, 403, "forbidden");
  });
});

describe("GET /api/v1/groups", () => {
  test("lists the groups the caller may find; ?mine=1, ?q= and cursors; bad params are 400", async () => {
    const { owner, outsider, guest, admin } = await world();
    const slugs = async (token: string, query = "") =>
      (await call(`/api/v1/groups${query}`, { token })).json.data.map((g: { slug: string }) => g.slug);
    expect(await slugs(outsider.token)).toEqual(["closed", "open", "partners"]);
    expect(await slugs(admin.token)).toEqual(["closed", "hidden", "open", "partners"]);
    expect(await slugs(owner.token, "?mine=1")).toEqual(["closed", "hidden", "open", "partners"]);
    expect(await slugs(outsider.token, "?mine=1")).toEqual([]);
    expect(await slugs(guest.token)).toEqual(["partners"]);
    expect(await slugs(outsider.token, "?q=hid")).toEqual([]);
    expect(await slugs(owner.token, "?q=HID")).toEqual(["hidden"]);
    expect(await slugs(owner.token, `?q=${encodeURIComponent("%_\\'\"")}`)).toEqual([]);

    const first = await call("/api/v1/groups?limit=2", { token: owner.token });
    expect(first.json.data).toHaveLength(2);
    const second = await call(`/api/v1/groups?limit=2&cursor=${first.json.next_cursor}`, {
      token: owner.token,
    });
    expect([...first.json.data, ...second.json.data].map((g: { slug: string }) => g.slug)).toEqual([
      "closed",
      "hidden",
      "open",
      "partners",
    ]);
    expect(second.json.next_cursor).toBeNull();

    expectError(await call("/api/v1/groups?limit=0", { token: owner.token }), 400);
    expectError(await call("/api/v1/groups?cursor=%%%", { token: owner.token }), 400);
    expectError(await call("/api/v1/groups?mine=maybe", { token: owner.token }), 400);
    expectError(await call(`/api/v1/groups?q=${"q".repeat(201)}`, { token: owner.token }), 400);
  });
});

describe("GET | PATCH | DELETE /api/v1/groups/:slug", () => {
  test("reads a group it may find; a secret or missing group is the same 404", async () => {
    const { outsider, member, guest } = await world();
    const closed = await call("/api/v1/groups/closed", { token: outsider.token });
    expect(closed.status).toBe(200);
    expect(closed.json.group).toMatchObject({ slug: "closed", my_role: null, can: { read: false, join: true } });
    const hidden = await call("/api/v1/groups/hidden", { token: outsider.token });
    const missing = await call("/api/v1/groups/nope", { token: outsider.token });
    expectError(hidden, 404, "not_found");
    expect(hidden.json).toEqual(missing.json);
    expect((await call("/api/v1/groups/HIDDEN", { token: member.token })).json.group.slug).toBe("hidden");
    expectError(await call("/api/v1/groups/open", { token: guest.token }), 404);
    expectError(await call("/api/v1/groups/..%2Fopen", { token: member.token }), 404);
  });

  test("a group admin edits and archives (204, read-only); members get 403, hidden groups 404, bad input 400", async () => {
    const { owner, member, outsider } = await world();
    const patched = await call("/api/v1/groups/open", {
      method: "PATCH",
      token: owner.token,
      json: { name: "새 이름", description: "" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.group).toMatchObject({ name: "새 이름", description: "", visibility: "public" });

    expectError(
      await call("/api/v1/groups/open", { method: "PATCH", token: member.token, json: { name: "Mine" } }),
      403,
      "forbidden",
    );
    expectError(
      await call("/api/v1/groups/hidden", { method: "PATCH", token: outsider.token, json: { name: "X" } }),
      404,
    );
    for (const json of [{}, { visibility: "open" }, { name: "" }, { name: null }, { archived: "yes" }, []]) {
      const res = await call("/api/v1/groups/open", { method: "PATCH", token: owner.token, json });
      expect([json, res.status]).toEqual([json, 400]);
    }
    expect((await call("/api/v1/groups/open", { token: owner.token })).json.group.name).toBe("새 이름");

    expectError(await call("/api/v1/groups/open", { method: "DELETE", token: member.token }), 403);
    expectError(await call("/api/v1/groups/hidden", { method: "DELETE", token: outsider.token }), 404);
    const archived = await call("/api/v1/groups/open", { method: "DELETE", token: owner.token });
    expect(archived.status).toBe(204);
    const after = await call("/api/v1/groups/open", { token: member.token });
    expect(after.json.group).toMatchObject({ archived: true, can: { post: false, read: true } });
    const post = await call("/api/v1/posts", {
      method: "POST",
      token: member.token,
      json: { body: "hi", group: "open" },
    });
    expectError(post, 403);
    // Unarchiving is a PATCH.
    const back = await call("/api/v1/groups/open", {
      method: "PATCH",
      token: owner.token,
      json: { archived: false },
    });
    expect(back.json.group.archived).toBe(false);
  });

  test("an unknown method is 405 with Allow", async () => {
    const { owner } = await world();
    const res = await call("/api/v1/groups/open", { method: "PUT", token: owner.token, json: {} });
    expectError(res, 405);
    expect(res.headers.get("Allow")).toBe("GET, PATCH, DELETE, HEAD");
  });
});

describe("GET /api/v1/groups/:slug/posts", () => {
  test("members read the feed with post.group; non-members of a private group and guests elsewhere get 404", async () => {
    const { owner, member, outsider, guest } = await world();
    const ids = [1, 2, 3].map(
      (i) => publishPost({ viewer: viewerOf(owner.user), body: `closed ${i}`, group: "closed" }).id,
    );
    publishPost({ viewer: viewerOf(owner.user), body: "open post", group: "open" });
    const page = await call("/api/v1/groups/closed/posts?limit=2", { token: member.token });
    expect(page.status).toBe(200);
    expect(page.json.data.map((p: { id: number }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(page.json.data[0].group).toEqual({ slug: "closed", name: "Group closed", visibility: "private" });
    const next = await call(`/api/v1/groups/closed/posts?limit=2&cursor=${page.json.next_cursor}`, {
      token: member.token,
    });
    expect(next.json).toMatchObject({ data: [{ id: ids[0] }], next_cursor: null });

    expectError(await call("/api/v1/groups/closed/posts", { token: outsider.token }), 404);
    expectError(await call("/api/v1/groups/hidden/posts", { token: outsider.token }), 404);
    expectError(await call("/api/v1/groups/open/posts", { token: guest.token }), 404);
    expect((await call("/api/v1/groups/open/posts", { token: outsider.token })).json.data).toHaveLength(1);
    expectError(await call("/api/v1/groups/closed/posts?cursor=abc", { token: member.token }), 400);
  });
});

describe("/api/v1/groups/:slug/members", () => {
  test("lists members (admins first, guests marked) for those who may read; 404 otherwise", async () => {
    const { owner, member, outsider, guest } = await world();
    const res = await call("/api/v1/groups/partners/members", { token: guest.token });
    expect(res.status).toBe(200);
    expect(res.json.data.map((m: { handle: string; role: string }) => [m.handle, m.role])).toEqual([
      ["owner", "admin"],
      ["member", "member"],
      ["partner", "member"],
    ]);
    expect(res.json.data[2]).toMatchObject({ guest: true, organization: "Partner Co" });
    expect(res.json.data[0]).not.toHaveProperty("email");
    expectError(await call("/api/v1/groups/closed/members", { token: outsider.token }), 404);
    expectError(await call("/api/v1/groups/hidden/members", { token: outsider.token }), 404);
    void owner;
    void member;
  });

  test("an admin adds by handle, email or lists and gets a report; others 403/404; bad input 400", async () => {
    const { owner, member, outsider } = await world();
    await account("new.one");
    const res = await call("/api/v1/groups/closed/members", {
      method: "POST",
      token: owner.token,
      json: { handles: ["new.one", "member", "no.such"], emails: ["OUTSIDER@sori.test", "ghost@sori.test"] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      added: ["new.one", "outsider"],
      already: ["member"],
      not_found: ["no.such", "ghost@sori.test"],
    });
    const single = await call("/api/v1/groups/closed/members", {
      method: "POST",
      token: owner.token,
      json: { handle: "member", role: "admin" },
    });
    expect(single.json.added).toEqual(["member"]);
    const byEmail = await call("/api/v1/groups/open/members", {
      method: "POST",
      token: owner.token,
      json: { email: "outsider@sori.test" },
    });
    expect(byEmail.json.added).toEqual(["outsider"]);

    expectError(
      await call("/api/v1/groups/open/members", {
        method: "POST",
        token: outsider.token,
        json: { handle: "outsider" },
      }),
      403,
    );
    const stranger = await account("stranger");
    expectError(
      await call("/api/v1/groups/hidden/members", {
        method: "POST",
        token: stranger.token,
        json: { handle: "stranger" },
      }),
      404,
    );

    const before = count(groupMembers);
    for (const json of [
      {},
      { handle: "" },
      { handle: "Bad Handle" },
      { handle: 5 },
      { email: "not-an-email" },
      { handles: "member" },
      { handles: ["ok", 1] },
      { handle: "member", role: "owner" },
      { handles: Array.from({ length: 501 }, (_, i) => `user${i}`) },
      { handle: "😀".repeat(30) },
    ]) {
      const r = await call("/api/v1/groups/open/members", { method: "POST", token: owner.token, json });
      expect([JSON.stringify(json).slice(0, 30), r.status]).toEqual([JSON.stringify(json).slice(0, 30), 400]);
    }
    expect(count(groupMembers)).toBe(before);
    void member;
  });

  test("a guest cannot be made an admin (409), and nothing of the batch is written", async () => {
    const { owner } = await world();
    const before = count(groupMembers);
    await account("newbie");
    const res = await call("/api/v1/groups/open/members", {
      method: "POST",
      token: owner.token,
      json: { handles: ["newbie", "partner"], role: "admin" },
    });
    expectError(res, 409, "guest_admin");
    expect(count(groupMembers)).toBe(before);
  });
});

describe("/api/v1/groups/:slug/members/:handle", () => {
  test("DELETE removes (204) or leaves; the last admin stays (409); PATCH changes the role", async () => {
    const { owner, member, outsider } = await world();
    expectError(await call("/api/v1/groups/closed/members/owner", { method: "DELETE", token: member.token }), 403);
    expectError(
      await call("/api/v1/groups/closed/members/owner", { method: "DELETE", token: owner.token }),
      409,
      "last_admin",
    );
    expectError(await call("/api/v1/groups/closed/members/outsider", { method: "DELETE", token: owner.token }), 404);
    expectError(await call("/api/v1/groups/hidden/members/member", { method: "DELETE", token: outsider.token }), 404);

    const removed = await call("/api/v1/groups/closed/members/member", {
      method: "DELETE",
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    // On the very next call the removed member reads nothing.
    expectError(await call("/api/v1/groups/closed/posts", { token: member.token }), 404);

    const left = await call("/api/v1/groups/open/members/member", {
      method: "DELETE",
      token: member.token,
    });
    expect(left.status).toBe(204);

    const promoted = await call("/api/v1/groups/hidden/members/member", {
      method: "PATCH",
      token: owner.token,
      json: { role: "admin" },
    });
    expect(promoted.json).toEqual({ handle: "member", role: "admin" });
    expectError(
      await call("/api/v1/groups/hidden/members/member", {
        method: "PATCH",
        token: owner.token,
        json: { role: "king" },
      }),
      400,
    );
    expectError(
      await call("/api/v1/groups/partners/members/partner", {
        method: "PATCH",
        token: owner.token,
        json: { role: "admin" },
      }),
      409,
      "guest_admin",
    );
  });
});

describe("POST /api/v1/groups/:slug/join", () => {
  test("public joins, private requests, secret is 404, members and guests are refused", async () => {
    const { member, outsider, guest } = await world();
    expect((await call("/api/v1/groups/open/join", { method: "POST", token: outsider.token })).json).toEqual({
      status: "joined",
    });
    expect((await call("/api/v1/groups/closed/join", { method: "POST", token: outsider.token })).json).toEqual({
      status: "requested",
    });
    const requested = await call("/api/v1/groups/closed", { token: outsider.token });
    expect(requested.json.group).toMatchObject({ join_requested: true, can: { join: false } });
    expectError(await call("/api/v1/groups/hidden/join", { method: "POST", token: outsider.token }), 404);
    expectError(await call("/api/v1/groups/open/join", { method: "POST", token: member.token }), 403);
    expectError(await call("/api/v1/groups/open/join", { method: "POST", token: guest.token }), 404);
    expectError(await call("/api/v1/groups/open/join", { method: "GET", token: outsider.token }), 405);
  });
});

describe("POST /api/v1/posts with group and kind", () => {
  test("posts into a group; hidden groups 404; non-members 403/404; announcements only by admins; bad kind 400", async () => {
    const { owner, member, outsider, guest, admin } = await world();
    const ok = await call("/api/v1/posts", {
      method: "POST",
      token: member.token,
      json: { body: "안녕 #팀", group: "closed", kind: "question", title: "팀 질문" },
    });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ kind: "question", group: { slug: "closed", visibility: "private" } });
    const before = count(posts);
    // A non-member posting into a private group: its posts are not visible, so 404.
    expectError(
      await call("/api/v1/posts", { method: "POST", token: outsider.token, json: { body: "x", group: "closed" } }),
      404,
    );
    expectError(
      await call("/api/v1/posts", { method: "POST", token: outsider.token, json: { body: "x", group: "hidden" } }),
      404,
    );
    // A public group's non-member may read but not post.
    expectError(
      await call("/api/v1/posts", { method: "POST", token: outsider.token, json: { body: "x", group: "open" } }),
      403,
    );
    // A guest posting company-wide, or anywhere outside their groups.
    expectError(await call("/api/v1/posts", { method: "POST", token: guest.token, json: { body: "x" } }), 403);
    expectError(
      await call("/api/v1/posts", { method: "POST", token: guest.token, json: { body: "x", group: "open" } }),
      404,
    );
    // Announcements: a site admin company-wide, a group admin in their group; nobody else.
    expectError(
      await call("/api/v1/posts", { method: "POST", token: member.token, json: { body: "x", kind: "announcement" } }),
      403,
    );
    expectError(
      await call("/api/v1/posts", {
        method: "POST",
        token: member.token,
        json: { body: "x", group: "closed", kind: "announcement" },
      }),
      403,
    );
    for (const json of [
      { body: "x", kind: "memo" },
      { body: "x", kind: 1 },
      { body: "x", group: "Not A Slug" },
      { body: "x", group: 12 },
      { body: "x", reply_to_id: ok.json.id, kind: "question" },
    ]) {
      const r = await call("/api/v1/posts", { method: "POST", token: member.token, json });
      expect([json, r.status]).toEqual([json, 400]);
    }
    expect(count(posts)).toBe(before);
    expect(
      (
        await call("/api/v1/posts", {
          method: "POST",
          token: admin.token,
          json: { body: "공지", kind: "announcement" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("/api/v1/posts", {
          method: "POST",
          token: owner.token,
          json: { body: "공지", group: "closed", kind: "announcement" },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call("/api/v1/posts", { method: "POST", token: guest.token, json: { body: "hi", group: "partners" } }))
        .status,
    ).toBe(201);

    // A reply inherits the thread's group; a post of another group is not reachable by id.
    const reply = await call("/api/v1/posts", {
      method: "POST",
      token: member.token,
      json: { body: "re", reply_to_id: ok.json.id },
    });
    expect(reply.json.group.slug).toBe("closed");
    expectError(await call(`/api/v1/posts/${String(ok.json.id)}`, { token: outsider.token }), 404);
    expectError(await call(`/api/v1/posts/${String(ok.json.id)}`, { token: guest.token }), 404);
    expectError(
      await call("/api/v1/posts", {
        method: "POST",
        token: guest.token,
        json: { body: "re", reply_to_id: ok.json.id },
      }),
      404,
    );
  });
});

describe("a guest's token", () => {
  test("reaches only the guest's groups: no company feed, no other groups, no people outside them", async () => {
    const { owner, guest } = await world();
    publishPost({ viewer: viewerOf(owner.user), body: "company only" });
    const inGroup = publishPost({ viewer: viewerOf(owner.user), body: "for partners", group: "partners" });
    publishPost({ viewer: viewerOf(owner.user), body: "open group", group: "open" });
    await account("stranger");

    expectError(await call("/api/v1/feeds/company", { token: guest.token }), 403, "forbidden");
    const home = await call("/api/v1/feeds/home", { token: guest.token });
    expect(home.json.data.map((p: { id: number }) => p.id)).toEqual([inGroup.id]);
    expect((await call("/api/v1/users/owner", { token: guest.token })).status).toBe(200);
    expectError(await call("/api/v1/users/stranger", { token: guest.token }), 404);
    expectError(await call("/api/v1/groups/closed", { token: guest.token }), 404);
    expectError(await call("/api/v1/groups/open/members", { token: guest.token }), 404);
    // And employees outside the guest's groups do not find the guest.
    const stranger = await account("stranger2");
    expectError(await call("/api/v1/users/partner", { token: stranger.token }), 404);
  });
});
