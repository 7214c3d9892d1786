// Groups (issue #6): teams, projects and communities, public, private or secret. Every use case takes the
// acting Viewer and asks app/access whether it may; a group the viewer may not find answers 404 exactly like
// one that does not exist.
import { z } from "zod";
import { can, canFindGroup, canReadGroup, type GroupRef, type GroupVisibility, type Viewer } from "#app/access/rules";
import { FINDABLE_GROUP, visibilityParams } from "#app/access/visibility.server";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { cleanDisplayText, EmailSchema, HandleSchema, isVisible, typeErrors } from "#app/utils/validation";
import { getSetting } from "#app/models/admin/settings.server";
import { decodeNameCursor, encodeNameCursor } from "#app/models/pagination.server";
import type { PublicUser } from "#app/models/people/user.server";

export const MAX_PINS = 5;
export const GROUP_PAGE_SIZE = 30;
export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const GroupSlugSchema = z
  .string(typeErrors("error.required", "error.invalid"))
  .trim()
  .toLowerCase()
  .regex(SLUG_RE, "group.slugInvalid");

const GroupNameSchema = z
  .string(typeErrors("error.required", "error.invalid"))
  .trim()
  .min(1, "error.required")
  .max(80, "error.tooLong")
  .transform(cleanDisplayText)
  .refine((s) => isVisible(s), "error.required");
const GroupDescriptionSchema = z
  .string({ error: "error.invalid" })
  .trim()
  .max(500, "error.tooLong")
  .transform(cleanDisplayText);
const GroupVisibilitySchema = z.enum(["public", "private", "secret"], { error: "error.invalid" });

export const GroupFieldsSchema = z.object({
  name: GroupNameSchema,
  description: GroupDescriptionSchema.default(""),
  visibility: GroupVisibilitySchema,
});

export const NewGroupSchema = GroupFieldsSchema.extend({
  slug: z.union([z.literal(""), GroupSlugSchema]).optional(),
});

export type GroupRow = {
  id: number;
  slug: string;
  name: string;
  description: string;
  visibility: GroupVisibility;
  archivedAt: number | null;
  memberCount: number;
};

export type GroupView = Omit<GroupRow, "archivedAt"> & {
  archived: boolean;
  myRole: "admin" | "member" | null;
  requested: boolean;
  can: { read: boolean; post: boolean; edit: boolean; manage: boolean; join: boolean; leave: boolean };
};

const GROUP_COLUMNS = `g.id, g.slug, g.name, g.description, g.visibility, g.archived_at as archivedAt,
  (select count(*) from group_members m where m.group_id = g.id) as memberCount`;

export const groupRef = (g: Pick<GroupRow, "id" | "visibility" | "archivedAt">): GroupRef => ({
  id: g.id,
  visibility: g.visibility,
  archived: g.archivedAt != null,
});

/** The groups the viewer has asked to join: read once per list, not once per row. */
function pendingRequests(viewer: Viewer): ReadonlySet<number> {
  return new Set(
    rawStatement(`select group_id from group_join_requests where user_id = @u`)
      .pluck()
      .all({ u: viewer.id }) as number[],
  );
}

function toView(viewer: Viewer, row: GroupRow, pending = pendingRequests(viewer)): GroupView {
  const ref = groupRef(row);
  const requested = !viewer.memberOf.has(row.id) && pending.has(row.id);
  const { archivedAt, ...rest } = row;
  return {
    ...rest,
    archived: archivedAt != null,
    myRole: viewer.adminOf.has(row.id) ? "admin" : viewer.memberOf.has(row.id) ? "member" : null,
    requested,
    can: {
      read: canReadGroup(viewer, ref),
      post: can(viewer, "group.post", ref),
      edit: can(viewer, "group.edit", ref),
      manage: can(viewer, "group.manage", ref),
      join: can(viewer, "group.join", ref) && !requested,
      leave: can(viewer, "group.leave", ref),
    },
  };
}

function findRow(slug: string): GroupRow | undefined {
  return rawStatement(`select ${GROUP_COLUMNS} from groups g where g.slug = @slug`).get({
    slug: String(slug).toLowerCase(),
  }) as GroupRow | undefined;
}

/** The group, if the viewer may find it; 404 otherwise (a secret group and a missing one look the same). */
export function requireGroup(viewer: Viewer, slug: string): GroupRow {
  const row = findRow(slug);
  if (!row || !canFindGroup(viewer, row)) throw notFound();
  return row;
}

export function getGroup({ viewer, slug }: { viewer: Viewer; slug: string }): GroupView {
  return toView(viewer, requireGroup(viewer, slug));
}

function slugFrom(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/, "");
  return ascii.length >= 2 ? ascii : "group";
}

// Paths under /groups/ that are pages, not groups: a group with such a slug could never be reached.
const RESERVED_SLUGS = new Set(["new"]);
const slugTaken = (slug: string) => RESERVED_SLUGS.has(slug) || !!findRow(slug);

function uniqueSlug(base: string): string {
  if (!slugTaken(base)) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base}-${n}`;
    if (!slugTaken(candidate)) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

export function membersMayCreateGroups(): boolean {
  return getSetting("groups.membersMayCreate") !== "0";
}

/** Any employee creates a group (unless an admin restricted it); the creator is its first admin. */
export function createGroup({ viewer, input }: { viewer: Viewer; input: z.input<typeof NewGroupSchema> }): GroupRow {
  if (!can(viewer, "group.create", { membersMayCreateGroups: membersMayCreateGroups() })) throw forbidden();
  const values = NewGroupSchema.parse(input);
  return getDb().transaction(() => {
    let slug: string;
    if (values.slug) {
      if (slugTaken(values.slug)) {
        throw new AppError(409, "slug_taken", "group.slugTaken", { slug: "group.slugTaken" });
      }
      slug = values.slug;
    } else {
      slug = uniqueSlug(slugFrom(values.name));
    }
    const { id } = rawStatement(
      `insert into groups (slug, name, description, visibility, created_by_id)
       values (@slug, @name, @description, @visibility, @me) returning id`,
    ).get({
      slug,
      name: values.name,
      description: values.description,
      visibility: values.visibility,
      me: viewer.id,
    }) as {
      id: number;
    };
    rawStatement(`insert into group_members (group_id, user_id, role) values (@g, @u, 'admin')`).run({
      g: id,
      u: viewer.id,
    });
    recordEvent({ type: "group.created", groupId: id });
    recordEvent({ type: "membership.changed", groupId: id, userId: viewer.id, role: "admin" });
    return findRow(slug)!;
  }, IMMEDIATE);
}

// Only what is sent changes: no defaults here (zod 4 applies a default even inside .optional()).
export const GroupPatchSchema = z.object({
  name: GroupNameSchema.optional(),
  description: GroupDescriptionSchema.optional(),
  visibility: GroupVisibilitySchema.optional(),
});

/** A group admin edits the name, description or visibility. */
export function updateGroup({
  viewer,
  slug,
  patch,
}: {
  viewer: Viewer;
  slug: string;
  patch: z.input<typeof GroupPatchSchema>;
}): GroupRow {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.edit", groupRef(row))) throw forbidden();
  const values = GroupPatchSchema.parse(patch);
  return getDb().transaction(() => {
    rawStatement(
      `update groups set name = coalesce(@name, name), description = coalesce(@description, description),
         visibility = coalesce(@visibility, visibility) where id = @id`,
    ).run({
      id: row.id,
      name: values.name ?? null,
      description: patch.description === undefined ? null : values.description,
      visibility: values.visibility ?? null,
    });
    recordEvent({
      type: "group.updated",
      groupId: row.id,
      visibilityChanged: values.visibility != null && values.visibility !== row.visibility,
    });
    return findRow(row.slug)!;
  }, IMMEDIATE);
}

/** Archiving makes a group read-only; its content stays readable by whoever could read it. */
export function archiveGroup({ viewer, slug, archived = true }: { viewer: Viewer; slug: string; archived?: boolean }) {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.edit", { ...groupRef(row), archived: false })) throw forbidden();
  getDb().transaction(() => {
    rawStatement(`update groups set archived_at = @at where id = @id`).run({
      id: row.id,
      at: archived ? Date.now() : null,
    });
    recordEvent({ type: "group.updated", groupId: row.id, visibilityChanged: false });
  }, IMMEDIATE);
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, "\\$&");
}

/**
 * The directory: groups the viewer may find, by name; `mine` for their own, `discover` for those they are not
 * in; `q` matches name or slug.
 */
export function listGroups({
  viewer,
  mine = false,
  discover = false,
  q,
  cursor,
  limit = GROUP_PAGE_SIZE,
}: {
  viewer: Viewer;
  mine?: boolean;
  discover?: boolean;
  q?: string | null;
  cursor?: string | null;
  limit?: number;
}): { groups: GroupView[]; nextCursor: string | null } {
  const after = decodeNameCursor(cursor);
  const query = (q ?? "").normalize("NFC").trim().toLowerCase().slice(0, 100);
  const rows = rawStatement(
    `select ${GROUP_COLUMNS} from groups g
      where ${FINDABLE_GROUP("g")}
        and (@mine = 0 or g.id in (select value from json_each(@member)))
        and (@discover = 0 or g.id not in (select value from json_each(@member)))
        and (@q = '' or lower(g.name) like @like escape '\\' or g.slug like @like escape '\\')
        and (g.name, g.id) > (@afterName, @afterId)
      order by g.name, g.id limit @n`,
  ).all({
    ...visibilityParams(viewer),
    mine: mine ? 1 : 0,
    discover: discover ? 1 : 0,
    q: query,
    like: `%${escapeLike(query)}%`,
    afterName: after?.name ?? "",
    afterId: after?.id ?? 0,
    n: limit + 1,
  }) as GroupRow[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const pending = pendingRequests(viewer);
  return {
    groups: page.map((r) => toView(viewer, r, pending)),
    nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null,
  };
}

/** The groups the viewer may post to (the composer's picker). */
export function listPostableGroups(
  viewer: Viewer,
): { id: number; slug: string; name: string; visibility: GroupVisibility }[] {
  return rawStatement(
    `select g.id, g.slug, g.name, g.visibility from group_members m join groups g on g.id = m.group_id
      where m.user_id = @me and g.archived_at is null order by g.name`,
  ).all({ me: viewer.id }) as { id: number; slug: string; name: string; visibility: GroupVisibility }[];
}

// ---------------------------------------------------------------------------------------------------------
// Members
// ---------------------------------------------------------------------------------------------------------

export type MemberView = PublicUser & { guest: boolean; organization: string; role: "admin" | "member" };

/** Members, admins first, then by name. Only those who may read the group see who is in it. */
export function listMembers({ viewer, slug }: { viewer: Viewer; slug: string }): MemberView[] {
  const row = requireGroup(viewer, slug);
  if (!canReadGroup(viewer, row)) throw notFound();
  return (
    rawStatement(
      `select u.id, u.handle, u.name, u.department, u.title, u.photo_version as photoVersion,
              u.role = 'guest' as guest, u.organization, m.role
         from group_members m join users u on u.id = m.user_id
        where m.group_id = @g and u.status = 'active'
        order by m.role = 'admin' desc, u.name, u.id limit 1000`,
    ).all({ g: row.id }) as (Omit<MemberView, "guest"> & { guest: number })[]
  ).map((m) => ({ ...m, guest: !!m.guest }));
}

function adminCount(groupId: number): number {
  return rawStatement(`select count(*) from group_members where group_id = @g and role = 'admin'`)
    .pluck()
    .get({ g: groupId }) as number;
}

/**
 * Adds or re-roles a member inside the caller's transaction (also used when a guest accepts an invitation).
 * `addedBy`: the group admin who added someone new, recorded so that the person is told (issue #11).
 */
export function insertMember(groupId: number, userId: number, role: "member" | "admin", addedBy?: number) {
  const changed = rawStatement(
    `insert into group_members (group_id, user_id, role) values (@g, @u, @role)
     on conflict (group_id, user_id) do update set role = excluded.role where role <> excluded.role`,
  ).run({ g: groupId, u: userId, role }).changes;
  rawStatement(`delete from group_join_requests where group_id = @g and user_id = @u`).run({ g: groupId, u: userId });
  if (changed) {
    const actorId = addedBy != null && addedBy !== userId ? addedBy : undefined;
    recordEvent({ type: "membership.changed", groupId, userId, role, ...(actorId != null ? { actorId } : {}) });
  }
  return changed > 0;
}

export const AddMembersSchema = z.object({
  handles: z.array(HandleSchema).max(500, "error.tooLong").default([]),
  emails: z.array(EmailSchema).max(500, "error.tooLong").default([]),
  role: z.enum(["member", "admin"], { error: "error.invalid" }).default("member"),
});

/** Splits pasted text (commas, semicolons, spaces, new lines, "Name <a@b>") into email addresses. */
export function parseEmailList(text: string): string[] {
  const found = String(text)
    .slice(0, 50_000)
    .split(/[\s,;<>]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.includes("@"));
  return [...new Set(found)];
}

/**
 * A group admin adds people by handle or email. Returns who was added and what was not found (unknown or
 * deactivated accounts, and — for guests — nothing else changes: a guest joins only the groups they are added to).
 */
export function addMembers({
  viewer,
  slug,
  input,
}: {
  viewer: Viewer;
  slug: string;
  input: z.input<typeof AddMembersSchema>;
}): { added: string[]; already: string[]; notFound: string[] } {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.manage", groupRef(row))) throw forbidden();
  if (row.archivedAt != null) throw new AppError(409, "group_archived", "group.archived");
  const { handles, emails, role } = AddMembersSchema.parse(input);
  const wanted = [...handles.map((h) => ({ key: h, by: "handle" })), ...emails.map((e) => ({ key: e, by: "email" }))];
  return getDb().transaction(() => {
    const result = { added: [] as string[], already: [] as string[], notFound: [] as string[] };
    for (const w of wanted) {
      const user = rawStatement(
        `select id, handle, role = 'guest' as guest from users
          where ${w.by === "handle" ? "handle" : "email"} = @key and status = 'active'`,
      ).get({ key: w.key }) as { id: number; handle: string; guest: number } | undefined;
      if (!user) {
        result.notFound.push(w.key);
        continue;
      }
      // Same rule as setMemberRole: the whole batch is refused rather than a guest made admin.
      if (role === "admin" && user.guest) throw new AppError(409, "guest_admin", "group.guestAdmin");
      const current = memberRole(row.id, user.id);
      // Adding never demotes: an admin listed again stays admin (demoting is setMemberRole's, which keeps the
      // last admin).
      if (current === "admin" && role === "member") {
        result.already.push(user.handle);
        continue;
      }
      if (insertMember(row.id, user.id, role, current ? undefined : viewer.id) || !current) {
        result.added.push(user.handle);
      } else result.already.push(user.handle);
    }
    return result;
  }, IMMEDIATE);
}

function memberRole(groupId: number, userId: number): "admin" | "member" | null {
  return (
    (rawStatement(`select role from group_members where group_id = @g and user_id = @u`).pluck().get({
      g: groupId,
      u: userId,
    }) as "admin" | "member" | undefined) ?? null
  );
}

/** A member leaves, or a group admin removes someone. The last admin cannot go. */
export function removeMember({ viewer, slug, handle }: { viewer: Viewer; slug: string; handle: string }) {
  const row = requireGroup(viewer, slug);
  const target = rawStatement(
    `select u.id, m.role from users u join group_members m on m.user_id = u.id and m.group_id = @g where u.handle = @h`,
  ).get({ g: row.id, h: String(handle).toLowerCase() }) as { id: number; role: "admin" | "member" } | undefined;
  const self = target?.id === viewer.id;
  if (!self && !can(viewer, "group.manage", groupRef(row))) throw forbidden();
  if (!target) throw notFound();
  getDb().transaction(() => {
    if (target.role === "admin" && adminCount(row.id) <= 1) {
      throw new AppError(409, "last_admin", "group.lastAdmin");
    }
    rawStatement(`delete from group_members where group_id = @g and user_id = @u`).run({ g: row.id, u: target.id });
    recordEvent({ type: "membership.changed", groupId: row.id, userId: target.id, role: null });
  }, IMMEDIATE);
}

/** A group admin promotes a member to admin or back. The last admin stays. */
export function setMemberRole({
  viewer,
  slug,
  handle,
  role,
}: {
  viewer: Viewer;
  slug: string;
  handle: string;
  role: "admin" | "member";
}) {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.manage", groupRef(row))) throw forbidden();
  const target = rawStatement(
    `select u.id, m.role, u.role as accountRole from users u join group_members m on m.user_id = u.id and m.group_id = @g
      where u.handle = @h`,
  ).get({ g: row.id, h: String(handle).toLowerCase() }) as
    { id: number; role: "admin" | "member"; accountRole: string } | undefined;
  if (!target) throw notFound();
  if (role === "admin" && target.accountRole === "guest") throw new AppError(409, "guest_admin", "group.guestAdmin");
  getDb().transaction(() => {
    if (target.role === "admin" && role === "member" && adminCount(row.id) <= 1) {
      throw new AppError(409, "last_admin", "group.lastAdmin");
    }
    insertMember(row.id, target.id, role);
  }, IMMEDIATE);
}

/** Public groups: joins at once. Private groups: asks the group's admins. Secret groups cannot be asked. */
export function joinGroup({ viewer, slug }: { viewer: Viewer; slug: string }): "joined" | "requested" {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.join", groupRef(row))) throw forbidden();
  return getDb().transaction(() => {
    if (row.visibility === "public") {
      insertMember(row.id, viewer.id, "member");
      return "joined";
    }
    rawStatement(`insert into group_join_requests (group_id, user_id) values (@g, @u) on conflict do nothing`).run({
      g: row.id,
      u: viewer.id,
    });
    recordEvent({ type: "group.join_requested", groupId: row.id, userId: viewer.id });
    return "requested";
  }, IMMEDIATE);
}

export function listJoinRequests({ viewer, slug }: { viewer: Viewer; slug: string }) {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.manage", groupRef(row))) throw forbidden();
  return rawStatement(
    `select u.id, u.handle, u.name, u.department, u.title, u.photo_version as photoVersion, r.created_at as createdAt
       from group_join_requests r join users u on u.id = r.user_id
      where r.group_id = @g and u.status = 'active' order by r.created_at`,
  ).all({ g: row.id }) as (PublicUser & { createdAt: number })[];
}

/** A group admin approves (adds as member) or declines a join request. */
export function answerJoinRequest({
  viewer,
  slug,
  handle,
  approve,
}: {
  viewer: Viewer;
  slug: string;
  handle: string;
  approve: boolean;
}) {
  const row = requireGroup(viewer, slug);
  if (!can(viewer, "group.manage", groupRef(row))) throw forbidden();
  const request = rawStatement(
    `select u.id from group_join_requests r join users u on u.id = r.user_id where r.group_id = @g and u.handle = @h`,
  ).get({ g: row.id, h: String(handle).toLowerCase() }) as { id: number } | undefined;
  if (!request) throw notFound();
  getDb().transaction(() => {
    if (approve) insertMember(row.id, request.id, "member", viewer.id);
    else
      rawStatement(`delete from group_join_requests where group_id = @g and user_id = @u`).run({
        g: row.id,
        u: request.id,
      });
  }, IMMEDIATE);
}

// ---------------------------------------------------------------------------------------------------------
// Pins
// ---------------------------------------------------------------------------------------------------------

/** Pinned post ids of a group, newest pin first (hydrate them through the read model). */
export function listPinnedPostIds(groupId: number): number[] {
  return rawStatement(`select post_id from group_pins where group_id = @g order by created_at desc, post_id desc`)
    .pluck()
    .all({ g: groupId }) as number[];
}

/** A group admin pins a root post of the group (at most five) or unpins it. */
export function pinPost({ viewer, postId, pinned }: { viewer: Viewer; postId: number; pinned: boolean }) {
  const post = rawStatement(
    `select p.id, p.author_id as authorId, p.reply_to_id as replyToId, g.id as groupId, g.visibility,
            g.archived_at as archivedAt
       from posts p left join groups g on g.id = p.group_id where p.id = @id`,
  ).get({ id: postId }) as
    | {
        id: number;
        authorId: number;
        replyToId: number | null;
        groupId: number | null;
        visibility: GroupVisibility;
        archivedAt: number | null;
      }
    | undefined;
  if (!post) throw notFound();
  const group =
    post.groupId == null
      ? null
      : groupRef({ id: post.groupId, visibility: post.visibility, archivedAt: post.archivedAt });
  if (group ? !viewer.readable.has(group.id) : viewer.guest) throw notFound();
  if (!can(viewer, "post.pin", { authorId: post.authorId, group, isRoot: post.replyToId == null })) throw forbidden();
  getDb().transaction(() => {
    if (pinned) {
      const count = rawStatement(`select count(*) from group_pins where group_id = @g`)
        .pluck()
        .get({ g: group!.id }) as number;
      const already = rawStatement(`select 1 from group_pins where post_id = @p`).get({ p: postId });
      if (!already && count >= MAX_PINS) {
        throw new AppError(409, "pin_limit", "group.pinLimit", undefined, { max: MAX_PINS });
      }
      rawStatement(
        `insert into group_pins (group_id, post_id, pinned_by_id) values (@g, @p, @me) on conflict do nothing`,
      ).run({ g: group!.id, p: postId, me: viewer.id });
    } else {
      rawStatement(`delete from group_pins where post_id = @p`).run({ p: postId });
    }
  }, IMMEDIATE);
}
