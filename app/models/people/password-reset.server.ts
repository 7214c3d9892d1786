// Password reset by email (issue #11 §4), built like the sign-up link (signup.server.ts):
//
//   POST /password/forgot ── rate limit (address, IP) ── an active account with this address?
//        ├─ yes → password_resets row (replaces the person's earlier link) + email with a link valid 30 minutes
//        └─ no  → nothing                                                       } the same answer: "if … we sent"
//   /password/reset?token=… ── shows a form (opening the link uses nothing up: mail scanners fetch links)
//   POST ── password rules first (a weak password keeps the link) ── claims the row (deleted in the same statement:
//           single-use under parallel clicks) ── new argon2id hash ── ends every session ── signs in this browser
//
// The email is sent after the answer is decided and not awaited by it, so the time taken does not tell whether the
// address has an account either. Without SMTP_URL there is no reset by email: the sign-in page says to ask an
// administrator (issue #12 item 18).
import { and, eq, gt, lte } from "drizzle-orm";
import { RateLimiterRes } from "rate-limiter-flexible";
import { passwordResets, passwords, users } from "#db/schema";
import { getDb, IMMEDIATE } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { mailEnabled, sendMail } from "#app/infra/mailer.server";
import { assertAcceptablePassword, hashPassword } from "#app/infra/passwords.server";
import { sharedLimiter } from "#app/infra/rate-limit.server";
import { hashSecret, newSecret } from "#app/infra/tokens.server";
import { AppError } from "#app/utils/errors";
import { translate, type Locale } from "#app/utils/i18n";
import { endAllSessions } from "#app/web/auth.server";

export const RESET_LINK_MINUTES = 30;
export const RESET_TOKEN_PREFIX = "reset";

// Every request counts, known address or not (so the limit is no oracle either): 5 per address and 20 per IP an
// hour — enough for someone who lost the first email, too few to mail-bomb a colleague. Across all workers.
export const RESET_LIMITS = { email: 5, ip: 20, seconds: 60 * 60 } as const;
function limiters() {
  return {
    byEmail: sharedLimiter({ keyPrefix: "reset-email", points: RESET_LIMITS.email, duration: RESET_LIMITS.seconds }),
    byIp: sharedLimiter({ keyPrefix: "reset-ip", points: RESET_LIMITS.ip, duration: RESET_LIMITS.seconds }),
  };
}

async function throttle(email: string, ip: string) {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return;
  const { byEmail, byIp } = limiters();
  const results = await Promise.allSettled([byEmail.consume(email), byIp.consume(ip)]);
  let waitMs = 0;
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
    waitMs = Math.max(waitMs, r.reason.msBeforeNext);
  }
  if (waitMs > 0) {
    throw new AppError(429, "rate_limited", "reset.rateLimited", undefined, {
      minutes: Math.max(1, Math.ceil(waitMs / 60_000)),
    });
  }
}

/**
 * Asks for a reset link. Answers the same whether or not the address has an account (the caller says "if … we
 * sent"); throws 429 past the limits and 409 when email is off. Returns the delivery (for tests and the CLI to
 * await); the page does not wait for it.
 */
export async function requestPasswordReset({
  email: typed,
  ip,
  locale,
  origin,
  now = new Date(),
}: {
  email: string;
  ip: string;
  /** The page's language: the email's when the account has none of its own. */
  locale: Locale;
  origin: string;
  now?: Date;
}): Promise<{ delivery: Promise<void> }> {
  // 409, not 503: nothing is down; this server is set up without outgoing mail (the page says to ask an admin).
  if (!mailEnabled()) throw new AppError(409, "email_off", "signin.forgotAskAdmin");
  const email = typed.trim().toLowerCase();
  await throttle(email, ip);
  const db = getDb();
  const account = db
    .select({ id: users.id, name: users.name, locale: users.locale })
    .from(users)
    .where(and(eq(users.email, email), eq(users.status, "active")))
    .get();
  if (!account) return { delivery: Promise.resolve() };
  const token = newSecret(RESET_TOKEN_PREFIX);
  db.transaction((tx) => {
    tx.delete(passwordResets).where(lte(passwordResets.expiresAt, now)).run();
    tx.delete(passwordResets).where(eq(passwordResets.userId, account.id)).run();
    tx.insert(passwordResets)
      .values({
        userId: account.id,
        tokenHash: hashSecret(token),
        expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
      })
      .run();
  }, IMMEDIATE);
  const lang = account.locale ?? locale;
  const company = getEnv().COMPANY_NAME;
  const delivery = sendMail({
    to: email,
    subject: translate(lang, "email.reset.subject", { company }),
    text: translate(lang, "email.reset.body", {
      company,
      name: account.name,
      minutes: RESET_LINK_MINUTES,
      link: `${origin}/password/reset?${new URLSearchParams({ token })}`,
    }),
    headers: { "Content-Language": lang },
  }).catch((e: unknown) => {
    console.warn("password reset: the email was not sent:", e instanceof Error ? e.message : e);
  });
  return { delivery };
}

function openReset(token: string, now: Date) {
  return and(eq(passwordResets.tokenHash, hashSecret(token)), gt(passwordResets.expiresAt, now));
}

/** The address an open link resets (shown on the form), or null for a missing, used or expired link. */
export function getPasswordReset(token: string | null, now = new Date()): { email: string } | null {
  if (!token) return null;
  return (
    getDb()
      .select({ email: users.email })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(openReset(token, now), eq(users.status, "active")))
      .get() ?? null
  );
}

/**
 * Sets the new password through the link: checked against the password rules before the link is used, then the
 * link is claimed once, the hash replaced, every session of the person ended. Returns the person's id (the caller
 * signs this browser in). 400 for a used, expired or unknown link.
 */
export async function resetPassword({
  token,
  password,
  now = new Date(),
}: {
  token: string;
  password: string;
  now?: Date;
}): Promise<{ userId: number }> {
  if (!getPasswordReset(token, now)) throw new AppError(400, "bad_reset_link", "reset.linkInvalid");
  assertAcceptablePassword(password);
  const hash = await hashPassword(password);
  const userId = getDb().transaction((tx) => {
    const claimed = tx.delete(passwordResets).where(openReset(token, now)).returning().get();
    if (!claimed) return null;
    const active = tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, claimed.userId), eq(users.status, "active")))
      .get();
    if (!active) return null;
    tx.delete(passwordResets).where(eq(passwordResets.userId, claimed.userId)).run();
    tx.insert(passwords)
      .values({ userId: claimed.userId, hash })
      .onConflictDoUpdate({ target: passwords.userId, set: { hash } })
      .run();
    return claimed.userId;
  }, IMMEDIATE);
  if (userId == null) throw new AppError(400, "bad_reset_link", "reset.linkInvalid");
  // Whoever knew the old password (a lost laptop, a shoulder-surfer) is signed out now.
  await endAllSessions(userId);
  return { userId };
}
