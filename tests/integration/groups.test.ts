// Groups and guests (issue #6) through the use cases, against a real migrated SQLite database. Every check reads
// the Viewer fresh (viewerOf), as the next request would.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "#app/infra/db.server";
import { mentions, users } from "#db/schema";
import { AppError } from "#app/utils/errors";
import {
  addMembers,
  answerJoinRequest,
  archiveGroup,
  createGroup,
  getGroup,
  joinGroup,
  listGroups,
  listJoinRequests,
  listMembers,
  pinPost,
  removeMember,
  setMemberRole,
  updateGroup,
} from "#app/models/groups/group.server";
import { listCompanyFeed, listGroupFeed, listHomeFeed } from "#app/models/feeds/feed.server";
import { listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { publishPost, setReaction } from "#app/models/posts/post.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { getProfile } from "#app/models/people/user.server";
import { setSetting } from "#app/models/admin/settings.server";
import {
  createGuestInvitation,
  createInvitation,
  getInvitation,
  listInvitableGroups,
  signUp,
} from "#app/models/people/invitation.server";
import type { GroupVisibility } from "#app/access/rules";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import * as adminRoute from "#app/routes/admin";

/** Runs fn and returns the AppError status it threw (or "ok"). */
function statusOf(fn: () => unknown): number | "ok" {
  try {
    fn();
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

async function people() {
  const owner = await createTestUser({ handle: "owner", name: "김소유", email: "owner@sori.test" });
  const member = await createTestUser({ handle: "member", name: "이멤버", email: "member@sori.test" });
  const outsider = await createTestUser({ handle: "outsider", name: "박외부", email: "outsider@sori.test" });
  const admin = await createTestUser({ handle: "site.admin", name: "관리자", role: "admin", email: "admin@sori.test" });
  return { owner, member, outsider, admin };
}

function groupWith(owner: { id: number }, visibility: GroupVisibility, slug: string, members: string[] = []) {
  const group = createGroup({ viewer: viewerOf(owner), input: { name: `그룹 ${slug}`, slug, visibility } });
  if (members.length) addMembers({ viewer: viewerOf(owner), slug, input: { handles: members } });
  return group;
}

async function guestIn(slugs: string[], handle = "partner") {
  const guest = await createTestUser({
    handle,
    role: "guest",
    organization: "Partner Co",
    email: `${handle}@partner.test`,
  });
  for (const slug of slugs) {
    // Added by the operator-level site admin, as the CLI and invitations do.
    const admin = getDb().select({ id: users.id }).from(users).where(eq(users.role, "admin")).get()!;
    addMembers({ viewer: viewerOf(admin), slug, input: { handles: [guest.handle] } });
  }
  return guest;
}

describe("creating groups", () => {
  it("makes the creator the first admin, derives a unique slug from the name, and refuses a taken or bad slug", async () => {
    const { owner, member } = await people();
    const g = createGroup({ viewer: viewerOf(owner), input: { name: "Design Crew", visibility: "public" } });
    expect(g.slug).toBe("design-crew");
    const again = createGroup({ viewer: viewerOf(member), input: { name: "Design crew!", visibility: "public" } });
    expect(again.slug).toBe("design-crew-2");
    // A Korean-only name still gets an address.
    const korean = createGroup({ viewer: viewerOf(owner), input: { name: "러닝 크루", visibility: "public" } });
    expect(korean.slug).toMatch(/^[a-z0-9-]+$/);
    expect(korean.name).toBe("러닝 크루");

    expect(getGroup({ viewer: viewerOf(owner), slug: "design-crew" }).myRole).toBe("admin");
    expect(listMembers({ viewer: viewerOf(owner), slug: "design-crew" }).map((m) => [m.handle, m.role])).toEqual([
      ["owner", "admin"],
    ]);

    expect(() =>
      createGroup({ viewer: viewerOf(owner), input: { name: "X", slug: "design-crew", visibility: "public" } }),
    ).toThrow(expect.objectContaining({ status: 409, code: "slug_taken" }));
    expect(() =>
      createGroup({ viewer: viewerOf(owner), input: { name: "X", slug: "Bad Slug!", visibility: "public" } }),
    ).toThrow(ZodError);
    expect(() =>
      createGroup({ viewer: viewerOf(owner), input: { name: "X", visibility: "hidden" as "public" } }),
    ).toThrow(ZodError);
    expect(() => createGroup({ viewer: viewerOf(owner), input: { name: " ", visibility: "public" } })).toThrow(
      ZodError,
    );
  });

  it("an admin setting can restrict creation to admins; guests never create groups", async () => {
    const { owner, admin } = await people();
    groupWith(owner, "private", "partners");
    const guest = await guestIn(["partners"]);
    expect(statusOf(() => createGroup({ viewer: viewerOf(guest), input: { name: "G", visibility: "public" } }))).toBe(
      403,
    );
    setSetting("groups.membersMayCreate", "0");
    expect(statusOf(() => createGroup({ viewer: viewerOf(owner), input: { name: "M", visibility: "public" } }))).toBe(
      403,
    );
    expect(statusOf(() => createGroup({ viewer: viewerOf(admin), input: { name: "A", visibility: "public" } }))).toBe(
      "ok",
    );
  });
});

describe("visibility of public, private and secret groups", () => {
  it("finding, reading and listing follow the rule for non-members, members, site admins and guests", async () => {
    const { owner, member, outsider, admin } = await people();
    for (const v of ["public", "private", "secret"] as const) {
      groupWith(owner, v, v, ["member"]);
      publishPost({ viewer: viewerOf(owner), body: `a post in ${v}`, group: v });
    }
    groupWith(owner, "private", "partners");
    const guest = await guestIn(["partners"]);

    // [find (getGroup), read (feed)] per viewer and visibility.
    const expected: Record<string, Record<GroupVisibility, [number | "ok", number | "ok"]>> = {
      outsider: { public: ["ok", "ok"], private: ["ok", 404], secret: [404, 404] },
      member: { public: ["ok", "ok"], private: ["ok", "ok"], secret: ["ok", "ok"] },
      // A site admin finds every group but does not read private ones they are not in.
      admin: { public: ["ok", "ok"], private: ["ok", 404], secret: ["ok", 404] },
      guest: { public: [404, 404], private: [404, 404], secret: [404, 404] },
    };
    const viewers = { outsider, member, admin, guest };
    for (const [who, byVisibility] of Object.entries(expected)) {
      for (const [slug, [find, read]] of Object.entries(byVisibility)) {
        const viewer = viewerOf(viewers[who as keyof typeof viewers]);
        expect([who, slug, statusOf(() => getGroup({ viewer, slug }))]).toEqual([who, slug, find]);
        const groupId = getGroup({ viewer: viewerOf(owner), slug }).id;
        expect([who, slug, statusOf(() => listGroupFeed({ viewer, groupId }))]).toEqual([who, slug, read]);
      }
    }

    const names = (viewer: ReturnType<typeof viewerOf>, mine = false) =>
      listGroups({ viewer, mine }).groups.map((g) => g.slug);
    expect(names(viewerOf(outsider))).toEqual(["partners", "private", "public"].sort());
    expect(names(viewerOf(member))).toEqual(["partners", "private", "public", "secret"].sort());
    expect(names(viewerOf(member), true)).toEqual(["private", "public", "secret"]);
    expect(names(viewerOf(guest))).toEqual(["partners"]);
    // Searching the directory does not find a secret group either.
    expect(listGroups({ viewer: viewerOf(outsider), q: "secret" }).groups).toEqual([]);
    // The member list is for those who may read the group.
    expect(statusOf(() => listMembers({ viewer: viewerOf(outsider), slug: "private" }))).toBe(404);
  });

  it("a hidden group's posts stay hidden in the company and home feeds and by id", async () => {
    const { owner, member, outsider } = await people();
    groupWith(owner, "private", "leaders", ["member"]);
    const { id } = publishPost({ viewer: viewerOf(owner), body: "confidential #plan", group: "leaders" });
    expect(listCompanyFeed({ viewer: viewerOf(outsider) }).posts.map((p) => p.id)).not.toContain(id);
    expect(listHomeFeed({ viewer: viewerOf(member) }).posts.map((p) => p.id)).toContain(id);
    expect(statusOf(() => requirePostView(id, viewerOf(outsider)))).toBe(404);
    expect(listTrendingHashtags(viewerOf(outsider)).map((t) => t.name)).not.toContain("plan");
  });
});

describe("joining", () => {
  it("public groups join at once, private ones ask; admins approve or decline; secret ones cannot be found", async () => {
    const { owner, member, outsider } = await people();
    groupWith(owner, "public", "open");
    groupWith(owner, "private", "closed");
    groupWith(owner, "secret", "hidden");

    expect(joinGroup({ viewer: viewerOf(member), slug: "open" })).toBe("joined");
    expect(getGroup({ viewer: viewerOf(member), slug: "open" }).myRole).toBe("member");

    expect(joinGroup({ viewer: viewerOf(member), slug: "closed" })).toBe("requested");
    expect(joinGroup({ viewer: viewerOf(outsider), slug: "closed" })).toBe("requested");
    const pending = getGroup({ viewer: viewerOf(member), slug: "closed" });
    expect(pending).toMatchObject({ myRole: null, requested: true, can: { join: false, read: false } });
    expect(statusOf(() => listJoinRequests({ viewer: viewerOf(member), slug: "closed" }))).toBe(403);
    expect(
      listJoinRequests({ viewer: viewerOf(owner), slug: "closed" })
        .map((r) => r.handle)
        .sort(),
    ).toEqual(["member", "outsider"]);

    answerJoinRequest({ viewer: viewerOf(owner), slug: "closed", handle: "member", approve: true });
    answerJoinRequest({ viewer: viewerOf(owner), slug: "closed", handle: "outsider", approve: false });
    expect(getGroup({ viewer: viewerOf(member), slug: "closed" }).can.read).toBe(true);
    expect(getGroup({ viewer: viewerOf(outsider), slug: "closed" })).toMatchObject({ myRole: null, requested: false });
    expect(listJoinRequests({ viewer: viewerOf(owner), slug: "closed" })).toEqual([]);
    expect(
      statusOf(() => answerJoinRequest({ viewer: viewerOf(owner), slug: "closed", handle: "outsider", approve: true })),
    ).toBe(404);

    expect(statusOf(() => joinGroup({ viewer: viewerOf(outsider), slug: "hidden" }))).toBe(404);
    // Already a member: nothing to join.
    expect(statusOf(() => joinGroup({ viewer: viewerOf(member), slug: "open" }))).toBe(403);
  });
});

describe("admins", () => {
  it("the last admin can neither leave nor be demoted; adding an admin again does not demote them", async () => {
    const { owner, member } = await people();
    groupWith(owner, "public", "team", ["member"]);
    expect(statusOf(() => removeMember({ viewer: viewerOf(owner), slug: "team", handle: "owner" }))).toBe(409);
    expect(
      statusOf(() => setMemberRole({ viewer: viewerOf(owner), slug: "team", handle: "owner", role: "member" })),
    ).toBe(409);
    const again = addMembers({ viewer: viewerOf(owner), slug: "team", input: { handles: ["owner"] } });
    expect(again).toEqual({ added: [], already: ["owner"], notFound: [] });
    expect(getGroup({ viewer: viewerOf(owner), slug: "team" }).myRole).toBe("admin");

    // A member cannot manage; once promoted, the first admin may leave.
    expect(
      statusOf(() => setMemberRole({ viewer: viewerOf(member), slug: "team", handle: "member", role: "admin" })),
    ).toBe(403);
    setMemberRole({ viewer: viewerOf(owner), slug: "team", handle: "member", role: "admin" });
    removeMember({ viewer: viewerOf(owner), slug: "team", handle: "owner" });
    expect(listMembers({ viewer: viewerOf(member), slug: "team" }).map((m) => [m.handle, m.role])).toEqual([
      ["member", "admin"],
    ]);
  });

  it("adds by handle and pasted emails, reporting what was not found; a guest cannot become an admin", async () => {
    const { owner, member, outsider } = await people();
    groupWith(owner, "private", "proj");
    const r = addMembers({
      viewer: viewerOf(owner),
      slug: "proj",
      input: { handles: ["member", "nobody.here"], emails: ["Outsider@Sori.test", "ghost@sori.test"] },
    });
    expect(r.added.sort()).toEqual(["member", "outsider"]);
    expect(r.notFound).toContain("nobody.here");
    expect(r.notFound).toContain("ghost@sori.test");
    expect(member.handle).toBe("member");
    expect(outsider.handle).toBe("outsider");
    const guest = await guestIn(["proj"]);
    expect(
      statusOf(() => setMemberRole({ viewer: viewerOf(owner), slug: "proj", handle: guest.handle, role: "admin" })),
    ).toBe(409);
    expect(
      statusOf(() =>
        addMembers({ viewer: viewerOf(owner), slug: "proj", input: { handles: [guest.handle], role: "admin" } }),
      ),
    ).toBe(409);
    expect(listMembers({ viewer: viewerOf(owner), slug: "proj" }).find((m) => m.handle === guest.handle)).toMatchObject(
      {
        role: "member",
        guest: true,
        organization: "Partner Co",
      },
    );
  });

  it("pins at most five root posts of the group", async () => {
    const { owner, member } = await people();
    groupWith(owner, "public", "pins", ["member"]);
    const ids = Array.from(
      { length: 6 },
      (_, i) => publishPost({ viewer: viewerOf(member), body: `p${i}`, group: "pins" }).id,
    );
    for (const postId of ids.slice(0, 5)) pinPost({ viewer: viewerOf(owner), postId, pinned: true });
    expect(statusOf(() => pinPost({ viewer: viewerOf(owner), postId: ids[5], pinned: true }))).toBe(409);
    // Pinning an already pinned post is not a sixth pin.
    expect(statusOf(() => pinPost({ viewer: viewerOf(owner), postId: ids[0], pinned: true }))).toBe("ok");
    expect(statusOf(() => pinPost({ viewer: viewerOf(member), postId: ids[5], pinned: true }))).toBe(403);
    pinPost({ viewer: viewerOf(owner), postId: ids[0], pinned: false });
    expect(statusOf(() => pinPost({ viewer: viewerOf(owner), postId: ids[5], pinned: true }))).toBe("ok");
    const reply = publishPost({ viewer: viewerOf(member), body: "a reply", replyToId: ids[1] });
    expect(statusOf(() => pinPost({ viewer: viewerOf(owner), postId: reply.id, pinned: true }))).toBe(403);
  });

  it("an archived group is read-only: no posts, replies, reactions or new members; its content stays readable", async () => {
    const { owner, member } = await people();
    groupWith(owner, "public", "old", ["member"]);
    const { id } = publishPost({ viewer: viewerOf(member), body: "before", group: "old" });
    expect(statusOf(() => archiveGroup({ viewer: viewerOf(member), slug: "old" }))).toBe(403);
    archiveGroup({ viewer: viewerOf(owner), slug: "old" });
    const view = getGroup({ viewer: viewerOf(member), slug: "old" });
    expect(view).toMatchObject({ archived: true, can: { read: true, post: false } });
    expect(statusOf(() => publishPost({ viewer: viewerOf(member), body: "after", group: "old" }))).toBe(403);
    expect(statusOf(() => publishPost({ viewer: viewerOf(member), body: "re", replyToId: id }))).toBe(403);
    expect(statusOf(() => setReaction({ viewer: viewerOf(member), postId: id, kind: "like", on: true }))).toBe(403);
    expect(statusOf(() => addMembers({ viewer: viewerOf(owner), slug: "old", input: { handles: ["outsider"] } }))).toBe(
      409,
    );
    expect(requirePostView(id, viewerOf(member)).body).toBe("before");
    archiveGroup({ viewer: viewerOf(owner), slug: "old", archived: false });
    expect(statusOf(() => publishPost({ viewer: viewerOf(member), body: "again", group: "old" }))).toBe("ok");
  });

  it("a group admin edits the group; others may not", async () => {
    const { owner, member } = await people();
    groupWith(owner, "public", "edit-me", ["member"]);
    expect(statusOf(() => updateGroup({ viewer: viewerOf(member), slug: "edit-me", patch: { name: "Mine" } }))).toBe(
      403,
    );
    const row = updateGroup({
      viewer: viewerOf(owner),
      slug: "edit-me",
      patch: { description: "소개", visibility: "private" },
    });
    expect(row).toMatchObject({ name: "그룹 edit-me", description: "소개", visibility: "private" });
  });
});

describe("membership changes", () => {
  it("a removed member loses access on the very next call", async () => {
    const { owner, member } = await people();
    const group = groupWith(owner, "private", "inner", ["member"]);
    const { id } = publishPost({ viewer: viewerOf(owner), body: "for members", group: "inner" });
    expect(requirePostView(id, viewerOf(member)).id).toBe(id);
    removeMember({ viewer: viewerOf(owner), slug: "inner", handle: "member" });
    expect(statusOf(() => requirePostView(id, viewerOf(member)))).toBe(404);
    expect(statusOf(() => listGroupFeed({ viewer: viewerOf(member), groupId: group.id }))).toBe(404);
    expect(listHomeFeed({ viewer: viewerOf(member) }).posts).toEqual([]);
    expect(statusOf(() => publishPost({ viewer: viewerOf(member), body: "still?", group: "inner" }))).toBe(404);
  });

  it("a member leaves by removing themselves; a non-admin cannot remove anyone else", async () => {
    const { owner, member, outsider } = await people();
    groupWith(owner, "public", "club", ["member", "outsider"]);
    expect(statusOf(() => removeMember({ viewer: viewerOf(member), slug: "club", handle: "outsider" }))).toBe(403);
    removeMember({ viewer: viewerOf(member), slug: "club", handle: "member" });
    expect(getGroup({ viewer: viewerOf(member), slug: "club" }).myRole).toBeNull();
    void outsider;
  });
});

describe("mentions in a private group", () => {
  it("a non-member mentioned in a private group is neither linked nor recorded; a member is", async () => {
    const { owner, member, outsider } = await people();
    groupWith(owner, "private", "quiet", ["member"]);
    const { id } = publishPost({ viewer: viewerOf(owner), body: "hi @member and @outsider", group: "quiet" });
    const post = requirePostView(id, viewerOf(owner));
    expect(post.mentions).toEqual(["member"]);
    expect(post.html).toContain('href="/people/member"');
    expect(post.html).not.toContain("/people/outsider");
    const recorded = getDb().select().from(mentions).where(eq(mentions.postId, id)).all();
    expect(recorded.map((m) => m.userId)).toEqual([member.id]);
    void outsider;
  });
});

describe("guests", () => {
  it("see only their groups: no company feed, no other groups (public ones included), no directory, no trending", async () => {
    const { owner, member } = await people();
    groupWith(owner, "private", "partners", ["member"]);
    groupWith(owner, "public", "everyone");
    publishPost({ viewer: viewerOf(owner), body: "company news #news" });
    const inGroup = publishPost({ viewer: viewerOf(owner), body: "hello partners", group: "partners" });
    const publicPost = publishPost({ viewer: viewerOf(owner), body: "public group", group: "everyone" });
    const guest = await guestIn(["partners"]);
    const g = viewerOf(guest);

    expect(statusOf(() => listCompanyFeed({ viewer: g }))).toBe(403);
    expect(listHomeFeed({ viewer: g }).posts.map((p) => p.id)).toEqual([inGroup.id]);
    expect(statusOf(() => requirePostView(publicPost.id, g))).toBe(404);
    expect(statusOf(() => getGroup({ viewer: g, slug: "everyone" }))).toBe(404);
    expect(listGroups({ viewer: g }).groups.map((x) => x.slug)).toEqual(["partners"]);
    expect(listTrendingHashtags(g)).toEqual([]);
    // Members of their groups are visible to them, other employees are not; they are visible to their group.
    expect(getProfile({ handle: "member", viewer: g }).handle).toBe("member");
    expect(statusOf(() => getProfile({ handle: "site.admin", viewer: g }))).toBe(404);
    expect(getProfile({ handle: guest.handle, viewer: viewerOf(member) }).handle).toBe(guest.handle);
    const stranger = await createTestUser({ handle: "stranger" });
    expect(statusOf(() => getProfile({ handle: guest.handle, viewer: viewerOf(stranger) }))).toBe(404);

    // They post and reply inside their groups only; never company-wide, never an announcement.
    expect(statusOf(() => publishPost({ viewer: g, body: "from outside" }))).toBe(403);
    expect(statusOf(() => publishPost({ viewer: g, body: "ok", group: "partners" }))).toBe("ok");
    expect(statusOf(() => publishPost({ viewer: g, body: "a", group: "partners", kind: "announcement" }))).toBe(403);
    expect(statusOf(() => publishPost({ viewer: g, body: "x", group: "everyone" }))).toBe(404);
    expect(statusOf(() => joinGroup({ viewer: g, slug: "everyone" }))).toBe(404);
  });

  it("cannot be mentioned outside their groups", async () => {
    const { owner } = await people();
    groupWith(owner, "public", "partners");
    const guest = await guestIn(["partners"]);
    const company = publishPost({ viewer: viewerOf(owner), body: `hi @${guest.handle}` });
    expect(requirePostView(company.id, viewerOf(owner)).mentions).toEqual([]);
    const inGroup = publishPost({ viewer: viewerOf(owner), body: `hi @${guest.handle}`, group: "partners" });
    expect(requirePostView(inGroup.id, viewerOf(owner)).mentions).toEqual([guest.handle]);
  });
});

describe("guest invitations", () => {
  it("a group admin invites a guest to their own groups; accepting creates a guest account in exactly those groups", async () => {
    const { owner, member } = await people();
    groupWith(owner, "private", "alpha");
    groupWith(owner, "secret", "beta");
    groupWith(member, "public", "not-mine");
    expect(listInvitableGroups(viewerOf(owner)).map((g) => g.slug)).toEqual(["alpha", "beta"]);

    expect(() =>
      createGuestInvitation({
        viewer: viewerOf(owner),
        input: { email: "kim@partner.test", organization: "Partner Co", groups: ["alpha", "not-mine"] },
      }),
    ).toThrow(expect.objectContaining({ status: 400, code: "bad_group" }));
    expect(() =>
      createGuestInvitation({
        viewer: viewerOf(owner),
        input: { email: "kim@partner.test", organization: "P", groups: [] },
      }),
    ).toThrow(ZodError);
    expect(() =>
      createGuestInvitation({
        viewer: viewerOf(owner),
        input: { email: "kim@partner.test", organization: " ", groups: ["alpha"] },
      }),
    ).toThrow(ZodError);

    const { token } = createGuestInvitation({
      viewer: viewerOf(owner),
      input: { email: "Kim@Partner.test", organization: "  파트너 주식회사 ", groups: ["alpha", "beta", "alpha"] },
    });
    expect(getInvitation(token)).toEqual({
      email: "kim@partner.test",
      guest: true,
      organization: "파트너 주식회사",
      groups: ["그룹 alpha", "그룹 beta"],
    });

    // Another address cannot use it (and is outside the company's domains).
    await expect(
      signUp({
        invitationToken: token,
        email: "other@partner.test",
        handle: "other",
        name: "Other",
        password: "long enough pw",
      }),
    ).rejects.toMatchObject({ status: 403 });

    const user = await signUp({
      invitationToken: token,
      email: "kim@partner.test",
      handle: "kim.partner",
      name: "Kim Partner",
      password: "long enough pw",
    });
    expect(user.guest).toBe(true);
    const row = getDb().select().from(users).where(eq(users.id, user.id)).get()!;
    expect(row).toMatchObject({ role: "guest", organization: "파트너 주식회사" });
    const v = viewerOf(user);
    expect(v.guest).toBe(true);
    expect(listGroups({ viewer: v }).groups.map((g) => g.slug)).toEqual(["alpha", "beta"]);
    // Used once.
    expect(getInvitation(token)).toBeNull();
    await expect(
      signUp({
        invitationToken: token,
        email: "kim2@sori.test",
        handle: "kim2",
        name: "K",
        password: "long enough pw",
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("signing up in the model needs an invitation for that address, even in the company's domain (#8.1)", async () => {
    const { admin } = await people();
    const { token } = createInvitation({ actor: viewerOf(admin), email: "invited@sori.test" });
    const account = { handle: "not.invited", name: "Not Invited", password: "long enough pw" };
    // A company address is no way around the emailed confirmation (signup.server.ts) when the invitation is not its.
    await expect(signUp({ ...account, invitationToken: token, email: "not.invited@sori.test" })).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      signUp({ ...account, invitationToken: "inv_no_such_token", email: "not.invited@sori.test" }),
    ).rejects.toMatchObject({ status: 400 });
    expect(getDb().select().from(users).where(eq(users.email, "not.invited@sori.test")).get()).toBeUndefined();
    // The invitation was not spent by those attempts.
    expect(getInvitation(token)).toMatchObject({ email: "invited@sori.test", guest: false });
  });

  it("members without managed groups and guests cannot invite; only site admins invite colleagues", async () => {
    const { owner, member, admin } = await people();
    groupWith(owner, "private", "alpha");
    const input = { email: "x@partner.test", organization: "P", groups: ["alpha"] };
    expect(statusOf(() => createGuestInvitation({ viewer: viewerOf(member), input }))).toBe(403);
    const guest = await guestIn(["alpha"]);
    expect(statusOf(() => createGuestInvitation({ viewer: viewerOf(guest), input }))).toBe(403);
    // A site admin may invite to any open group.
    expect(statusOf(() => createGuestInvitation({ viewer: viewerOf(admin), input }))).toBe("ok");
    expect(statusOf(() => createInvitation({ actor: viewerOf(owner), email: "new@sori.test" }))).toBe(403);
    // An existing account cannot be invited again.
    expect(
      statusOf(() =>
        createGuestInvitation({ viewer: viewerOf(admin), input: { ...input, email: "partner@partner.test" } }),
      ),
    ).toBe(409);
  });

  it("the /admin page lets a group admin invite a guest, and refuses members", async () => {
    const { owner, member } = await people();
    groupWith(owner, "private", "alpha");
    const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} }, params: {} } as never;
    const form = new URLSearchParams({ intent: "inviteGuest", email: "lee@partner.test", organization: "Partner" });
    form.append("groups", "alpha");
    const ok = (await adminRoute.action({
      ...(ctx as object),
      request: makeRequest("/admin", {
        method: "POST",
        cookie: await sessionCookie(owner.id),
        form: Object.fromEntries(form),
      }),
    } as never)) as { link?: string };
    expect(ok.link).toMatch(/\/signup\?invite=inv_/);

    const refused = await adminRoute
      .loader({
        ...(ctx as object),
        request: makeRequest("/admin", { cookie: await sessionCookie(member.id) }),
      } as never)
      .then(
        () => 200,
        (r: Response) => r.status,
      );
    expect(refused).toBe(403);

    const bad = (await adminRoute.action({
      ...(ctx as object),
      request: makeRequest("/admin", {
        method: "POST",
        cookie: await sessionCookie(owner.id),
        form: { intent: "inviteGuest", email: "nope", organization: "" },
      }),
    } as never)) as { init: { status: number }; data: { errors: Record<string, unknown> } };
    expect(bad.init.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["email", "groups", "organization"]);
  });

  it("a site admin turns group creation by members off and on at /admin; a member cannot change it", async () => {
    const { member, admin } = await people();
    const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} }, params: {} } as never;
    const post = async (userId: number, form: Record<string, string>) =>
      adminRoute
        .action({
          ...(ctx as object),
          request: makeRequest("/admin", { method: "POST", cookie: await sessionCookie(userId), form }),
        } as never)
        .then(
          (r) => (r instanceof Response ? r.status : 200),
          (r: Response) => r.status,
        );
    const create = () =>
      statusOf(() =>
        createGroup({ viewer: viewerOf(member), input: { name: `팀 ${Math.random()}`, visibility: "public" } }),
      );

    // Unchecked box: members may no longer create groups (an admin still may).
    expect(await post(admin.id, { intent: "groupSettings" })).toBe(302);
    expect(create()).toBe(403);
    expect(
      statusOf(() => createGroup({ viewer: viewerOf(admin), input: { name: "운영", visibility: "public" } })),
    ).toBe("ok");
    // A member (not a group admin either) cannot reach the setting.
    expect(await post(member.id, { intent: "groupSettings", membersMayCreate: "on" })).toBe(403);
    expect(create()).toBe(403);
    expect(await post(admin.id, { intent: "groupSettings", membersMayCreate: "on" })).toBe(302);
    expect(create()).toBe("ok");
  });
});
