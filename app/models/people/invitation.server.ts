// Invitations: an admin invites a colleague (member), and an admin or a group admin invites an outside partner
// as a guest of chosen groups (issue #6). Accepting creates the account; for a guest, with role "guest", their
// organization and memberships of exactly those groups, in the same step that marks the invitation accepted.
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { can, type Viewer } from "#app/access/rules";
import { invitations } from "#db/schema";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { AppError, forbidden } from "#app/utils/errors";
import { hashSecret, newSecret } from "#app/infra/tokens.server";
import { EmailSchema, typeErrors } from "#app/utils/validation";
import { groupRef, insertMember, type GroupRow } from "#app/models/groups/group.server";
import { createUser, getUserIdByEmail, type NewUser } from "#app/models/people/user.server";

const INVITATION_DAYS = 14;
export const MAX_GUEST_GROUPS = 20;

function insertInvitation(values: {
  email: string;
  invitedById: number;
  role: "member" | "guest";
  groupIds: number[];
  organization: string;
}) {
  if (getUserIdByEmail(values.email)) {
    throw new AppError(409, "email_taken", "signup.emailTaken", { email: "signup.emailTaken" });
  }
  const token = newSecret("inv");
  getDb()
    .insert(invitations)
    .values({
      ...values,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
    })
    .run();
  return { token };
}

/** A site admin invites a colleague. */
export function createInvitation({ actor, email }: { actor: Pick<Viewer, "id" | "role">; email: string }) {
  if (actor.role !== "admin") throw forbidden();
  return insertInvitation({
    email: email.trim().toLowerCase(),
    invitedById: actor.id,
    role: "member",
    groupIds: [],
    organization: "",
  });
}

export const GuestInvitationSchema = z.object({
  email: EmailSchema,
  organization: z
    .string(typeErrors("error.required", "error.invalid"))
    .trim()
    .min(1, "error.required")
    .max(100, "error.tooLong")
    .transform((s) => s.normalize("NFC")),
  groups: z
    .array(z.string({ error: "error.invalid" }).trim().toLowerCase().max(40, "error.invalid"), {
      error: "error.invalid",
    })
    .min(1, "guest.groupsRequired")
    .max(MAX_GUEST_GROUPS, "error.tooLong"),
});

type InvitableGroup = Pick<GroupRow, "id" | "slug" | "name" | "visibility">;

/** The groups the viewer may invite a guest to: open (not archived) groups they manage. */
export function listInvitableGroups(viewer: Viewer): InvitableGroup[] {
  if (viewer.guest) return [];
  const rows = rawStatement(
    `select g.id, g.slug, g.name, g.visibility, g.archived_at as archivedAt from groups g
      where g.archived_at is null and (@admin = 1 or g.id in (select value from json_each(@adminOf)))
      order by g.name, g.id`,
  ).all({ admin: viewer.role === "admin" ? 1 : 0, adminOf: JSON.stringify([...viewer.adminOf]) }) as (InvitableGroup & {
    archivedAt: number | null;
  })[];
  return rows.filter((g) => can(viewer, "group.manage", groupRef(g))).map(({ archivedAt: _, ...g }) => g);
}

/**
 * A site admin, or a group admin for groups they manage, invites a guest. Every chosen group must be one the
 * viewer may manage; a group they may not see is reported as not found (never "forbidden", which would tell
 * that it exists).
 */
export function createGuestInvitation({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.input<typeof GuestInvitationSchema>;
}): { token: string; groups: InvitableGroup[] } {
  if (viewer.guest) throw forbidden();
  const values = GuestInvitationSchema.parse(input);
  const invitable = new Map(listInvitableGroups(viewer).map((g) => [g.slug, g]));
  if (invitable.size === 0) throw forbidden();
  const chosen: InvitableGroup[] = [];
  for (const slug of new Set(values.groups)) {
    const group = invitable.get(slug);
    if (!group) throw new AppError(400, "bad_group", "guest.groupNotInvitable", { groups: "guest.groupNotInvitable" });
    chosen.push(group);
  }
  const { token } = insertInvitation({
    email: values.email,
    invitedById: viewer.id,
    role: "guest",
    groupIds: chosen.map((g) => g.id),
    organization: values.organization,
  });
  return { token, groups: chosen };
}

function findOpenInvitation(token: string) {
  return (
    getDb()
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        groupIds: invitations.groupIds,
        organization: invitations.organization,
      })
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, hashSecret(token)),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .get() ?? null
  );
}

export function getInvitationEmail(token: string | null): string | null {
  return token ? (findOpenInvitation(token)?.email ?? null) : null;
}

/** What the sign-up page tells the invitee: their email and, for a guest, the organization and group names. */
export function getInvitation(token: string | null) {
  const invitation = token ? findOpenInvitation(token) : null;
  if (!invitation) return null;
  const groups =
    invitation.role === "guest"
      ? (rawStatement(
          `select name from groups where id in (select value from json_each(@ids)) and archived_at is null order by name`,
        )
          .pluck()
          .all({ ids: JSON.stringify(invitation.groupIds) }) as string[])
      : [];
  return {
    email: invitation.email,
    guest: invitation.role === "guest",
    organization: invitation.organization,
    groups,
  };
}

export function isAllowedDomain(email: string) {
  const domain = email.split("@").at(-1)?.toLowerCase() ?? "";
  return getEnv().ALLOWED_EMAIL_DOMAINS.includes(domain);
}

/**
 * Accepting an invitation: the account is created at once, since the invitation's link went to that mailbox. There
 * is no other way in here: a company-domain address without an invitation confirms its mailbox first
 * (signup.server.ts, issue #8.1). An invitation counts only for its own email address: used with another address it
 * grants nothing.
 */
export async function signUp({
  invitationToken,
  ...account
}: Omit<NewUser, "role" | "organization"> & { invitationToken: string }) {
  const invitation = findOpenInvitation(invitationToken);
  if (!invitation) throw new AppError(400, "bad_invitation", "signup.badInvite");
  if (invitation.email !== account.email.trim().toLowerCase()) {
    throw new AppError(403, "signup_not_allowed", "signup.notAllowed", { email: "signup.notAllowed" });
  }
  const asGuest = invitation.role === "guest";
  const user = await createUser({
    ...account,
    role: asGuest ? "guest" : "member",
    organization: asGuest ? invitation.organization : "",
  });
  getDb().transaction((tx) => {
    tx.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id)).run();
    if (!asGuest) return;
    // Groups archived or deleted since the invitation are skipped; the guest joins the open ones.
    const open = rawStatement(
      `select id from groups where id in (select value from json_each(@ids)) and archived_at is null`,
    )
      .pluck()
      .all({ ids: JSON.stringify(invitation.groupIds) }) as number[];
    for (const groupId of open) insertMember(groupId, user.id, "member");
  }, IMMEDIATE);
  return { ...user, guest: asGuest };
}
