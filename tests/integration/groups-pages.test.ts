// The group pages (issue #6) through their loaders and actions, in-process, as a browser's requests would reach
// them: what each page shows to whom, and that bad input answers 4xx with a field message and writes nothing.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/infra/db.server";
import { groupMembers, groups, posts } from "#db/schema";
import { addMembers, createGroup, getGroup, joinGroup, listMembers, pinPost } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import { setSetting } from "#app/models/admin/settings.server";
import type { GroupVisibility } from "#app/access/rules";
import * as directoryRoute from "#app/routes/groups._index";
import * as newGroupRoute from "#app/routes/groups.new";
import * as groupRoute from "#app/routes/groups.$slug";
import * as membersRoute from "#app/routes/groups.$slug_.members";
import * as settingsRoute from "#app/routes/groups.$slug_.settings";
import * as homeRoute from "#app/routes/home";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

const count = (table: typeof groups | typeof groupMembers | typeof posts) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;

async function people() {
  const owner = await createTestUser({ handle: "owner", name: "김소유", email: "owner@sori.test" });
  const member = await createTestUser({ handle: "member", name: "이멤버", email: "member@sori.test" });
  const outsider = await createTestUser({ handle: "outsider", name: "박외부", email: "outsider@sori.test" });
  return { owner, member, outsider };
}

function group(owner: { id: number }, visibility: GroupVisibility, slug: string, handles: string[] = []) {
  const row = createGroup({ viewer: viewerOf(owner), input: { name: `Group ${slug}`, slug, visibility } });
  if (handles.length) addMembers({ viewer: viewerOf(owner), slug, input: { handles } });
  return row;
}

async function load(route: { loader: Any }, path: string, user: { id: number }, params: Record<string, string> = {}) {
  return route.loader({ request: makeRequest(path, { cookie: await sessionCookie(user.id) }), params, ...ctx });
}

async function post(
  route: { action: Any },
  path: string,
  user: { id: number },
  form: Record<string, string>,
  params: Record<string, string> = {},
) {
  return route.action({
    request: makeRequest(path, { method: "POST", form, cookie: await sessionCookie(user.id) }),
    params,
    ...ctx,
  });
}

/** The status of a loader that threw a Response (404, 403…). */
async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("expected the loader to throw a response");
}

/** The status of an action result: a redirect Response or a data() result. */
const statusOf = (result: Any): number => (result instanceof Response ? result.status : (result.init?.status ?? 200));

describe("groups directory", () => {
  it("lists my groups, discovers the others I may find (not secret ones), searches and offers join buttons", async () => {
    const { owner, member } = await people();
    group(owner, "public", "runners", ["member"]);
    group(owner, "public", "bakers");
    group(owner, "private", "leaders");
    group(owner, "secret", "hidden");

    const mine = await load(directoryRoute, "/groups", member);
    expect(mine.tab).toBe("mine");
    expect(mine.groups.map((g: Any) => g.slug)).toEqual(["runners"]);
    expect(mine.canCreate).toBe(true);

    const discover = await load(directoryRoute, "/groups?tab=discover", member);
    expect(discover.groups.map((g: Any) => [g.slug, g.visibility, g.memberCount, g.can.join])).toEqual([
      ["bakers", "public", 1, true],
      ["leaders", "private", 1, true],
    ]);

    const found = await load(directoryRoute, "/groups?tab=discover&q=LEAD", member);
    expect(found.groups.map((g: Any) => g.slug)).toEqual(["leaders"]);
    const secret = await load(directoryRoute, "/groups?tab=discover&q=hidden", member);
    expect(secret.groups).toEqual([]);
  });

  it("pages with a keyset cursor and answers a forged cursor with 400", async () => {
    const { owner } = await people();
    for (let i = 0; i < 32; i++) group(owner, "public", `g-${String(i).padStart(2, "0")}`);
    const first = await load(directoryRoute, "/groups", owner);
    expect(first.groups).toHaveLength(30);
    const second = await load(directoryRoute, `/groups?cursor=${first.nextCursor}`, owner);
    expect(second.groups.map((g: Any) => g.slug)).toEqual(["g-30", "g-31"]);
    expect(second.nextCursor).toBeNull();
    expect(await thrownStatus(load(directoryRoute, "/groups?cursor=%E2%9C%8C", owner))).toBe(400);
  });

  it("joins a public group and requests a private one from the directory, back to the same tab", async () => {
    const { owner, member } = await people();
    group(owner, "public", "runners");
    group(owner, "private", "leaders");
    const joined = await post(
      groupRoute,
      "/groups/runners",
      member,
      { intent: "join", redirectTo: "/groups?tab=discover" },
      { slug: "runners" },
    );
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe("/groups?tab=discover");
    expect(getGroup({ viewer: viewerOf(member), slug: "runners" }).myRole).toBe("member");

    const asked = await post(
      groupRoute,
      "/groups/leaders",
      member,
      { intent: "join", redirectTo: "//evil.example" },
      { slug: "leaders" },
    );
    expect(asked.headers.get("Location")).toBe("/groups/leaders");
    const view = getGroup({ viewer: viewerOf(member), slug: "leaders" });
    expect(view).toMatchObject({ myRole: null, requested: true, can: { join: false, read: false } });
  });
});

describe("new group page", () => {
  it("creates the group with its creator as admin and redirects to it with a flash", async () => {
    const { owner } = await people();
    const res = await post(newGroupRoute, "/groups/new", owner, {
      name: "러닝 크루",
      slug: "running-crew",
      description: "토요일 아침 한강",
      visibility: "private",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/groups/running-crew");
    expect(res.headers.get("Set-Cookie")).toContain("sori_flash");
    expect(getGroup({ viewer: viewerOf(owner), slug: "running-crew" })).toMatchObject({
      name: "러닝 크루",
      visibility: "private",
      myRole: "admin",
    });
  });

  it("answers bad input with 400 and field messages, and writes nothing", async () => {
    const { owner } = await people();
    const cases: [Record<string, string>, string, string][] = [
      [{ name: "", visibility: "public" }, "name", "error.required"],
      [{ name: "   ", visibility: "public" }, "name", "error.required"],
      [{ name: "가".repeat(10_000), visibility: "public" }, "name", "error.tooLong"],
      [{ name: "ok", visibility: "everyone" }, "visibility", "error.invalid"],
      [{ name: "ok", visibility: "public", slug: "Not A Slug!" }, "slug", "group.slugInvalid"],
      [{ name: "ok", visibility: "public", description: "x".repeat(501) }, "description", "error.tooLong"],
    ];
    for (const [form, field, key] of cases) {
      const res = await post(newGroupRoute, "/groups/new", owner, form);
      expect(statusOf(res), JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(res.data.errors[field].key).toBe(key);
      // The form comes back filled in.
      expect(res.data.values.visibility).toBe(form.visibility);
    }
    expect((await post(newGroupRoute, "/groups/new", owner, cases[2][0])).data.errors.name.vars).toEqual({ max: 80 });
    expect(count(groups)).toBe(0);
    expect(count(groupMembers)).toBe(0);
  });

  it("answers a taken or reserved address with 409 on the slug field", async () => {
    const { owner } = await people();
    group(owner, "public", "design");
    for (const slug of ["design", "new"]) {
      const res = await post(newGroupRoute, "/groups/new", owner, { name: "Design", slug, visibility: "public" });
      expect(statusOf(res)).toBe(409);
      expect(res.data.errors.slug).toBe("group.slugTaken");
    }
    expect(count(groups)).toBe(1);
    // A name that would make the reserved address gets another one.
    const res = await post(newGroupRoute, "/groups/new", owner, { name: "New", visibility: "public" });
    expect(res.headers.get("Location")).toBe("/groups/new-2");
  });

  it("is closed to guests and, when an admin restricted it, to members", async () => {
    const { owner } = await people();
    const guest = await createTestUser({ role: "guest", organization: "Partner Co" });
    expect(await thrownStatus(load(newGroupRoute, "/groups/new", guest))).toBe(403);
    expect(await thrownStatus(post(newGroupRoute, "/groups/new", guest, { name: "x", visibility: "public" }))).toBe(
      403,
    );
    expect((await load(directoryRoute, "/groups", guest)).canCreate).toBe(false);
    expect((await load(directoryRoute, "/groups", owner)).canCreate).toBe(true);
    setSetting("groups.membersMayCreate", "0");
    expect((await load(directoryRoute, "/groups", owner)).canCreate).toBe(false);
    expect(await thrownStatus(post(newGroupRoute, "/groups/new", owner, { name: "x", visibility: "public" }))).toBe(
      403,
    );
    expect(count(groups)).toBe(0);
  });
});

describe("group page", () => {
  it("shows members the feed with pinned posts above it, and posts into the group from its composer", async () => {
    const { owner, member } = await people();
    const g = group(owner, "private", "leaders", ["member"]);
    const older = publishPost({ viewer: viewerOf(owner), body: "agenda #leadership", group: "leaders" });
    pinPost({ viewer: viewerOf(owner), postId: older.id, pinned: true });

    const res = await post(
      groupRoute,
      "/groups/leaders",
      member,
      { intent: "publish", body: "hello leaders", group: "leaders" },
      { slug: "leaders" },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/groups/leaders");

    const page = await load(groupRoute, "/groups/leaders", member, { slug: "leaders" });
    expect(page.group).toMatchObject({ id: g.id, name: "Group leaders", visibility: "private", can: { post: true } });
    expect(page.pinned.map((p: Any) => [p.body, p.pinned])).toEqual([["agenda #leadership", true]]);
    expect(page.feed.posts.map((p: Any) => [p.body, p.group.slug])).toEqual([
      ["hello leaders", "leaders"],
      ["agenda #leadership", "leaders"],
    ]);
  });

  it("shows a non-member of a private group its name and description only, and no member list", async () => {
    const { owner, outsider } = await people();
    group(owner, "private", "leaders");
    publishPost({ viewer: viewerOf(owner), body: "secret plans", group: "leaders" });
    const page = await load(groupRoute, "/groups/leaders", outsider, { slug: "leaders" });
    expect(page.group).toMatchObject({ name: "Group leaders", can: { read: false, join: true, post: false } });
    expect(page.feed).toBeNull();
    expect(page.pinned).toEqual([]);
    expect(JSON.stringify(page)).not.toContain("secret plans");
    expect(await thrownStatus(load(membersRoute, "/groups/leaders/members", outsider, { slug: "leaders" }))).toBe(404);
    // Posting into it from its page is refused (it has no posts for them: 404) and writes nothing.
    const before = count(posts);
    const res = await post(
      groupRoute,
      "/groups/leaders",
      outsider,
      { intent: "publish", body: "let me in", group: "leaders" },
      { slug: "leaders" },
    );
    expect(statusOf(res)).toBe(404);
    expect(count(posts)).toBe(before);
  });

  it("answers 404 for a secret group the viewer cannot find and for an unknown slug", async () => {
    const { owner, outsider } = await people();
    group(owner, "secret", "hidden");
    for (const slug of ["hidden", "no-such-group", "%00"]) {
      expect(await thrownStatus(load(groupRoute, `/groups/${slug}`, outsider, { slug }))).toBe(404);
      expect(await thrownStatus(load(settingsRoute, `/groups/${slug}/settings`, outsider, { slug }))).toBe(404);
      const res = await post(groupRoute, `/groups/${slug}`, outsider, { intent: "join" }, { slug });
      expect(statusOf(res)).toBe(404);
    }
  });

  it("lets a member leave and refuses the last admin's leaving with 409", async () => {
    const { owner, member } = await people();
    group(owner, "public", "runners", ["member"]);
    const left = await post(groupRoute, "/groups/runners", member, { intent: "leave" }, { slug: "runners" });
    expect(left.headers.get("Location")).toBe("/groups/runners");
    expect(getGroup({ viewer: viewerOf(member), slug: "runners" }).myRole).toBeNull();
    const refused = await post(groupRoute, "/groups/runners", owner, { intent: "leave" }, { slug: "runners" });
    expect(statusOf(refused)).toBe(409);
    expect(refused.data.errors.form.key).toBe("group.lastAdmin");
  });
});

describe("members page", () => {
  it("lists admins first with guests marked, and offers join requests to group admins only", async () => {
    const { owner, member, outsider } = await people();
    await createTestUser({ handle: "partner", name: "Alex", role: "guest", organization: "Partner Co" });
    group(owner, "private", "leaders", ["member", "partner"]);
    joinGroup({ viewer: viewerOf(outsider), slug: "leaders" });

    const asAdmin = await load(membersRoute, "/groups/leaders/members", owner, { slug: "leaders" });
    expect(asAdmin.members.map((m: Any) => [m.handle, m.role, m.guest])).toEqual([
      ["owner", "admin", false],
      ["partner", "member", true],
      ["member", "member", false],
    ]);
    expect(asAdmin.members[1].organization).toBe("Partner Co");
    expect(asAdmin.requests.map((r: Any) => r.handle)).toEqual(["outsider"]);
    expect(JSON.stringify(asAdmin)).not.toContain("@sori.test");

    const asMember = await load(membersRoute, "/groups/leaders/members", member, { slug: "leaders" });
    expect(asMember.requests).toEqual([]);
    expect(asMember.group.can.manage).toBe(false);
  });

  it("adds people by handle and by a pasted list of emails, reporting who was added, already in and not found", async () => {
    const { owner, outsider } = await people();
    group(owner, "private", "leaders", ["member"]);
    const res = await post(
      membersRoute,
      "/groups/leaders/members",
      owner,
      {
        intent: "add",
        handles: "@member",
        emails: "박외부 <OUTSIDER@sori.test>; ghost@sori.test,\nmember@sori.test",
      },
      { slug: "leaders" },
    );
    expect(statusOf(res)).toBe(200);
    expect(res.data.report).toEqual({
      added: ["outsider"],
      already: ["member"],
      notFound: ["ghost@sori.test"],
    });
    expect(listMembers({ viewer: viewerOf(outsider), slug: "leaders" }).map((m) => m.handle)).toContain("outsider");
  });

  it("answers bad input with 4xx and a message, and writes nothing", async () => {
    const { owner, member } = await people();
    group(owner, "private", "leaders", ["member"]);
    group(owner, "public", "other", ["outsider"]);
    const before = count(groupMembers);
    const cases: [Record<string, string>, number, string, string][] = [
      [{ intent: "add", handles: "", emails: "  " }, 400, "handles", "groupMembers.addNothing"],
      [{ intent: "add", handles: "Bad Handle!" }, 400, "handles", "error.handle"],
      [{ intent: "add", emails: "not-an-email@" }, 400, "emails", "error.email"],
      [{ intent: "add", handles: "x".repeat(20_001) }, 400, "handles", "error.tooLong"],
      [{ intent: "add", handles: "member", role: "owner" }, 400, "role", "error.invalid"],
      [{ intent: "explode" }, 400, "intent", "error.invalid"],
      // Someone who is a member of another group, not of this one.
      [{ intent: "remove", handle: "outsider" }, 404, "form", "error.notFound"],
      [{ intent: "role", handle: "outsider", role: "admin" }, 404, "form", "error.notFound"],
      [{ intent: "approve", handle: "outsider" }, 404, "form", "error.notFound"],
      // The last admin stays.
      [{ intent: "role", handle: "owner", role: "member" }, 409, "form", "group.lastAdmin"],
      [{ intent: "remove", handle: "owner" }, 409, "form", "group.lastAdmin"],
    ];
    for (const [form, status, field, key] of cases) {
      const res = await post(membersRoute, "/groups/leaders/members", owner, form, { slug: "leaders" });
      expect(statusOf(res), JSON.stringify(form).slice(0, 80)).toBe(status);
      const error = res.data.errors[field];
      expect(typeof error === "string" ? error : error.key).toBe(key);
    }
    // A member who is not a group admin may not add, remove or promote.
    for (const form of <Record<string, string>[]>[
      { intent: "add", handles: "outsider" },
      { intent: "remove", handle: "owner" },
      { intent: "role", handle: "member", role: "admin" },
    ]) {
      const res = await post(membersRoute, "/groups/leaders/members", member, form, { slug: "leaders" });
      expect(statusOf(res)).toBe(403);
    }
    expect(count(groupMembers)).toBe(before);
    expect(listMembers({ viewer: viewerOf(owner), slug: "leaders" }).map((m) => [m.handle, m.role])).toEqual([
      ["owner", "admin"],
      ["member", "member"],
    ]);
  });

  it("promotes, demotes, removes and answers join requests with a flash", async () => {
    const { owner, member, outsider } = await people();
    group(owner, "private", "leaders", ["member"]);
    joinGroup({ viewer: viewerOf(outsider), slug: "leaders" });
    const path = "/groups/leaders/members";
    const params = { slug: "leaders" };
    for (const form of <Record<string, string>[]>[
      { intent: "approve", handle: "outsider" },
      { intent: "role", handle: "member", role: "admin" },
      { intent: "role", handle: "owner", role: "member" },
    ]) {
      const res = await post(membersRoute, path, owner, form, params);
      expect(res.status, form.intent).toBe(302);
      expect(res.headers.get("Location")).toBe(path);
    }
    // The owner is no longer an admin; the new admin removes them.
    expect(statusOf(await post(membersRoute, path, owner, { intent: "remove", handle: "outsider" }, params))).toBe(403);
    const removed = await post(membersRoute, path, member, { intent: "remove", handle: "owner" }, params);
    expect(removed.status).toBe(302);
    expect(listMembers({ viewer: viewerOf(member), slug: "leaders" }).map((m) => [m.handle, m.role])).toEqual([
      ["member", "admin"],
      ["outsider", "member"],
    ]);
  });
});

describe("settings page", () => {
  it("is for the group's admins: edits, archives and unarchives; others get 403", async () => {
    const { owner, member } = await people();
    group(owner, "public", "runners", ["member"]);
    const path = "/groups/runners/settings";
    const params = { slug: "runners" };
    expect(await thrownStatus(load(settingsRoute, path, member, params))).toBe(403);
    expect(statusOf(await post(settingsRoute, path, member, { intent: "archive" }, params))).toBe(403);

    const saved = await post(
      settingsRoute,
      path,
      owner,
      { intent: "update", name: "러닝 크루", description: "토요일", visibility: "private" },
      params,
    );
    expect(saved.status).toBe(302);
    expect((await load(settingsRoute, path, owner, params)).group).toMatchObject({
      name: "러닝 크루",
      description: "토요일",
      visibility: "private",
    });

    await post(settingsRoute, path, owner, { intent: "archive" }, params);
    expect(getGroup({ viewer: viewerOf(member), slug: "runners" })).toMatchObject({
      archived: true,
      can: { post: false },
    });
    await post(settingsRoute, path, owner, { intent: "unarchive" }, params);
    expect(getGroup({ viewer: viewerOf(member), slug: "runners" }).archived).toBe(false);
  });

  it("answers an empty or 10k-character name with 400 and keeps the group as it was", async () => {
    const { owner } = await people();
    group(owner, "public", "runners");
    for (const name of ["", "x".repeat(10_000)]) {
      const res = await post(
        settingsRoute,
        "/groups/runners/settings",
        owner,
        { intent: "update", name, visibility: "secret" },
        { slug: "runners" },
      );
      expect(statusOf(res)).toBe(400);
      expect(res.data.errors.name.key).toBe(name ? "error.tooLong" : "error.required");
    }
    expect(getGroup({ viewer: viewerOf(owner), slug: "runners" })).toMatchObject({
      name: "Group runners",
      visibility: "public",
    });
  });
});

describe("composer group picker", () => {
  it("offers company-wide and the viewer's open groups; a guest gets only their groups", async () => {
    const { owner } = await people();
    const guest = await createTestUser({ handle: "partner", role: "guest", organization: "Partner Co" });
    group(owner, "private", "leaders", ["partner"]);
    group(owner, "public", "runners");
    group(owner, "public", "old");
    await post(settingsRoute, "/groups/old/settings", owner, { intent: "archive" }, { slug: "old" });

    const mine = await load(homeRoute, "/home", owner);
    expect(mine.companyWide).toBe(true);
    expect(mine.audiences).toEqual([
      { slug: "leaders", name: "Group leaders", visibility: "private" },
      { slug: "runners", name: "Group runners", visibility: "public" },
    ]);
    const theirs = await load(homeRoute, "/home", guest);
    expect(theirs.companyWide).toBe(false);
    expect(theirs.audiences.map((a: Any) => a.slug)).toEqual(["leaders"]);

    // Publishing from home into a group the viewer picked.
    const res = await post(homeRoute, "/home", owner, { intent: "publish", body: "into runners", group: "runners" });
    expect(res.status).toBe(302);
    expect((await load(groupRoute, "/groups/runners", owner, { slug: "runners" })).feed.posts[0].body).toBe(
      "into runners",
    );
  });
});
