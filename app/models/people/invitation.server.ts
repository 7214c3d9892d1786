import { and, eq, gt, isNull } from "drizzle-orm";
import { invitations } from "#db/schema";
import type { SessionUser } from "#app/web/auth.server";
import { getDb } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { AppError, forbidden } from "#app/utils/errors";
import { hashSecret, newSecret } from "#app/infra/tokens.server";
import { createUser, getUserIdByEmail, type NewUser } from "#app/models/people/user.server";

const INVITATION_DAYS = 14;

export function createInvitation({ actor, email }: { actor: Pick<SessionUser, "id" | "role">; email: string }) {
  if (actor.role !== "admin") throw forbidden();
  const normalised = email.trim().toLowerCase();
  if (getUserIdByEmail(normalised)) {
    throw new AppError(409, "email_taken", "signup.emailTaken", { email: "signup.emailTaken" });
  }
  const token = newSecret("inv");
  getDb()
    .insert(invitations)
    .values({
      email: normalised,
      tokenHash: hashSecret(token),
      invitedById: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
    })
    .run();
  return { token };
}

function findOpenInvitation(token: string) {
  return (
    getDb()
      .select({ id: invitations.id, email: invitations.email })
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

export function isAllowedDomain(email: string) {
  const domain = email.split("@").at(-1)?.toLowerCase() ?? "";
  return getEnv().ALLOWED_EMAIL_DOMAINS.includes(domain);
}

/** Sign-up: with an open invitation for this email, or with an address in one of the company's domains. */
export async function signUp({ invitationToken, ...account }: NewUser & { invitationToken?: string | null }) {
  const invitation = invitationToken ? findOpenInvitation(invitationToken) : null;
  if (invitationToken && !invitation) throw new AppError(400, "bad_invitation", "signup.badInvite");
  const invited = invitation && invitation.email === account.email.trim().toLowerCase();
  if (!invited && !isAllowedDomain(account.email)) {
    throw new AppError(403, "signup_not_allowed", "signup.notAllowed", { email: "signup.notAllowed" });
  }
  const user = await createUser({ ...account, role: "member" });
  if (invitation && invited) {
    getDb().update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, invitation.id)).run();
  }
  return user;
}
