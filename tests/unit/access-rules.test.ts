// The visibility rule exists three times: as a predicate (canSeePost, canFindGroup), as SQL (VISIBLE_POST,
// FINDABLE_GROUP, run here against the real migrated database) and as search scopes (postScopes / groupScopes
// against viewerScopes). If they disagree, a post hidden on a page could still be found in search, or the
// other way round. For a table of viewers × posts and viewers × groups, all three must give the expected answer.
import { describe, expect, it } from "vitest";
import {
  canFindGroup,
  canSeePost,
  groupScopes,
  postScopes,
  viewerScopes,
  type GroupRef,
  type Viewer,
} from "#app/access/rules";
import { buildViewer } from "#app/access/viewer.server";
import { FINDABLE_GROUP, VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, archiveGroup, createGroup, removeMember } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import { createTestUser } from "#tests/factories";

type Persona2 =
  | "employee"
  | "siteAdmin"
  | "publicMember"
  | "privateMember"
  | "privateAdmin"
  | "secretMember"
  | "exMember"
  | "guestOfPublic"
  | "guestOfPrivate"
  | "guestOfNothing";

const shares = (a: string[], b: string[]) => a.some((s) => b.includes(s));

async function world() {
  // No password: hashing is slow and these accounts never sign in.
  const make = (role: "member" | "admin" | "guest" = "member") => createTestUser({ password: undefined, role });
  const owner = await make();
  const ownerViewer = () => buildViewer({ id: owner.id, role: "member" });
  const ids = {
    employee: await make(),
    siteAdmin: await make("admin"),
    publicMember: await make(),
    privateMember: await make(),
    privateAdmin: await make(),
    secretMember: await make(),
    exMember: await make(),
    guestOfPublic: await make("guest"),
    guestOfPrivate: await make("guest"),
    guestOfNothing: await make("guest"),
  } satisfies Record<Persona2, { id: number; handle: string }>;

  const group = (slug: string, visibility: "public" | "private" | "secret") =>
    createGroup({ viewer: ownerViewer(), input: { name: slug, slug, visibility } });
  const pub = group("pub", "public");
  const priv = group("priv", "private");
  const secret = group("secret", "secret");
  const archived = group("archived", "private");
  const add = (slug: string, who: { handle: string }[], role: "member" | "admin" = "member") =>
    addMembers({ viewer: ownerViewer(), slug, input: { handles: who.map((u) => u.handle), role } });
  add("pub", [ids.publicMember, ids.guestOfPublic]);
  add("priv", [ids.privateMember, ids.guestOfPrivate, ids.exMember]);
  add("priv", [ids.privateAdmin], "admin");
  add("secret", [ids.secretMember]);
  add("archived", [ids.privateMember]);
  removeMember({ viewer: ownerViewer(), slug: "priv", handle: ids.exMember.handle });

  const post = (slug: string | null, body: string) => publishPost({ viewer: ownerViewer(), body, group: slug }).id;
  const posts = {
    company: post(null, "company"),
    public: post("pub", "public"),
    private: post("priv", "private"),
    secret: post("secret", "secret"),
    archived: post("archived", "archived"),
  };
  const replyInPrivate = publishPost({ viewer: ownerViewer(), body: "reply", replyToId: posts.private }).id;
  archiveGroup({ viewer: ownerViewer(), slug: "archived" });

  const ref = (row: { id: number; visibility: GroupRef["visibility"] }, archivedFlag = false): GroupRef => ({
    id: row.id,
    visibility: row.visibility,
    archived: archivedFlag,
  });
  const groups = {
    pub: ref(pub),
    priv: ref(priv),
    secret: ref(secret),
    archived: ref(archived, true),
  };
  const viewers = Object.fromEntries(
    Object.entries(ids).map(([k, u]) => {
      const role = k === "siteAdmin" ? "admin" : k.startsWith("guest") ? "guest" : "member";
      return [k, buildViewer({ id: u.id, role })];
    }),
  ) as Record<Persona2, Viewer>;
  return { posts, replyInPrivate, groups, viewers };
}

// Expected answers: who sees a post in each audience (docs/decisions/0002-groups-and-access.md).
const SEES_POST: Record<"company" | "public" | "private" | "secret" | "archived", Persona2[]> = {
  company: ["employee", "siteAdmin", "publicMember", "privateMember", "privateAdmin", "secretMember", "exMember"],
  public: [
    "employee",
    "siteAdmin",
    "publicMember",
    "privateMember",
    "privateAdmin",
    "secretMember",
    "exMember",
    "guestOfPublic",
  ],
  // Site admins do not read private groups they are not members of; removed members lose access at once.
  private: ["privateMember", "privateAdmin", "guestOfPrivate"],
  secret: ["secretMember"],
  // Archived: read-only, still readable by its members.
  archived: ["privateMember"],
};

// Who may find each group (its name and description).
const FINDS_GROUP: Record<"pub" | "priv" | "secret" | "archived", Persona2[]> = {
  pub: [
    "employee",
    "siteAdmin",
    "publicMember",
    "privateMember",
    "privateAdmin",
    "secretMember",
    "exMember",
    "guestOfPublic",
  ],
  priv: [
    "employee",
    "siteAdmin",
    "publicMember",
    "privateMember",
    "privateAdmin",
    "secretMember",
    "exMember",
    "guestOfPrivate",
  ],
  secret: ["siteAdmin", "secretMember"],
  archived: ["employee", "siteAdmin", "publicMember", "privateMember", "privateAdmin", "secretMember", "exMember"],
};

const ALL: Persona2[] = [
  "employee",
  "siteAdmin",
  "publicMember",
  "privateMember",
  "privateAdmin",
  "secretMember",
  "exMember",
  "guestOfPublic",
  "guestOfPrivate",
  "guestOfNothing",
];

describe("the access rule: predicate, SQL and search scopes agree", () => {
  it("on every viewer × post", async () => {
    const w = await world();
    const postGroup = {
      company: null,
      public: w.groups.pub,
      private: w.groups.priv,
      secret: w.groups.secret,
      archived: w.groups.archived,
    };
    const visibleSql = rawStatement(`select 1 from posts p where p.id = @id and ${VISIBLE_POST("p")}`);
    const rows: string[] = [];
    const mismatches: string[] = [];
    for (const persona of ALL) {
      const viewer = w.viewers[persona];
      for (const [kind, group] of Object.entries(postGroup) as [keyof typeof SEES_POST, GroupRef | null][]) {
        const ids = kind === "private" ? [w.posts.private, w.replyInPrivate] : [w.posts[kind]];
        for (const id of ids) {
          const expected = SEES_POST[kind].includes(persona);
          const predicate = canSeePost(viewer, { group });
          const sql = !!visibleSql.get({ ...visibilityParams(viewer), id });
          const scopes = shares(postScopes(group), viewerScopes(viewer));
          rows.push(`${persona} × ${kind} post ${id}`);
          if (predicate !== expected || sql !== expected || scopes !== expected) {
            mismatches.push(
              `${persona} × ${kind} post ${id}: expected ${expected}, canSeePost ${predicate}, VISIBLE_POST ${sql}, scopes ${scopes}`,
            );
          }
        }
      }
    }
    expect(rows).toHaveLength(ALL.length * 6);
    expect(mismatches).toEqual([]);
  });

  it("on every viewer × group", async () => {
    const w = await world();
    const findableSql = rawStatement(`select 1 from groups g where g.id = @id and ${FINDABLE_GROUP("g")}`);
    const mismatches: string[] = [];
    for (const persona of ALL) {
      const viewer = w.viewers[persona];
      for (const [name, group] of Object.entries(w.groups) as [keyof typeof FINDS_GROUP, GroupRef][]) {
        const expected = FINDS_GROUP[name].includes(persona);
        const predicate = canFindGroup(viewer, group);
        const sql = !!findableSql.get({ ...visibilityParams(viewer), id: group.id });
        const scopes = shares(groupScopes(group), viewerScopes(viewer));
        if (predicate !== expected || sql !== expected || scopes !== expected) {
          mismatches.push(
            `${persona} × ${name} group: expected ${expected}, canFindGroup ${predicate}, FINDABLE_GROUP ${sql}, scopes ${scopes}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("builds viewers whose groups are read fresh: a removed member has none of the group", async () => {
    const w = await world();
    expect([...w.viewers.exMember.memberOf]).toEqual([]);
    expect(w.viewers.exMember.readable.has(w.groups.priv.id)).toBe(false);
    expect(w.viewers.guestOfNothing.readable.size).toBe(0);
    expect(viewerScopes(w.viewers.guestOfNothing)).toEqual([]);
  });
});
