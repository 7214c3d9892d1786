// Company-domain sign-up with proof of the mailbox (issue #8.1) that never tells who already has an account
// (issue #8.6).
//
//   POST /signup ── rate limit (address, IP) ── domain allowed? ── handle free among accounts?
//        │
//        ├─ the address has an account → email "you already have an account, sign in"   ┐ the same answer:
//        └─ otherwise → pending_signups row (replaces this address's earlier one)        │ "check your email"
//                       + email with a single-use link valid for 24 hours                ┘
//   /signup/confirm?token=… ── claims the row (deleted in the same statement) ── creates the account ── session
//
// A pending sign-up holds no account and no handle: the first address to be confirmed gets the handle, so
// nobody can squat a colleague's handle (or the CEO's) without their mailbox. Invitations already prove the
// address and keep creating the account at once (invitation.server.ts).
import { and, eq, gt, lte } from "drizzle-orm";
import { RateLimiterRes } from "rate-limiter-flexible";
import { pendingSignups, users } from "#db/schema";
import { getDb, IMMEDIATE } from "#app/infra/db.server";
import { getEnv } from "#app/infra/env.server";
import { mailEnabled, mailMayGoToConsole, sendMail, type Mail } from "#app/infra/mailer.server";
import { hashPassword } from "#app/infra/passwords.server";
import { sharedLimiter } from "#app/infra/rate-limit.server";
import { hashSecret, newSecret } from "#app/infra/tokens.server";
import { AppError } from "#app/utils/errors";
import { translate, type Locale } from "#app/utils/i18n";
import { isAllowedDomain } from "#app/models/people/invitation.server";
import { createUser, type NewUser, type PublicUser } from "#app/models/people/user.server";

export const SIGNUP_LINK_HOURS = 24;

// Every attempt counts (not only refused ones): 10 per address and 30 per IP address an hour, so nobody can
// mail-bomb a colleague or sweep the directory. Counted across all workers (sharedLimiter).
const WINDOW_SECONDS = 60 * 60;
function limiters() {
  return {
    byEmail: sharedLimiter({ keyPrefix: "signup-email", points: 10, duration: WINDOW_SECONDS }),
    byIp: sharedLimiter({ keyPrefix: "signup-ip", points: 30, duration: WINDOW_SECONDS }),
  };
}

/** Counts one sign-up attempt; throws 429 (with the minutes to wait) once the address or the IP is over. */
export async function throttleSignUp({ email, ip }: { email: string; ip: string }) {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return;
  const { byEmail, byIp } = limiters();
  const results = await Promise.allSettled([byEmail.consume(email.trim().toLowerCase()), byIp.consume(ip)]);
  let waitMs = 0;
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
    waitMs = Math.max(waitMs, r.reason.msBeforeNext);
  }
  if (waitMs > 0) {
    throw new AppError(429, "rate_limited", "signup.rateLimited", undefined, {
      minutes: Math.max(1, Math.ceil(waitMs / 60_000)),
    });
  }
}

type Account = Pick<NewUser, "email" | "handle" | "name" | "department" | "title" | "password">;

/**
 * A company-domain sign-up: records it as pending and emails the link, or, when the address already has an
 * account, emails that person to sign in instead. Answers the same in both cases (the caller says "check your
 * email"); only the handle, which is public anyway, can be refused as taken.
 */
export async function requestSignUp({
  account,
  locale,
  origin,
}: {
  account: Account;
  /** The language of the page the person signed up on: their email is written in it. */
  locale: Locale;
  /** Where links point (APP_ORIGIN when set). */
  origin: string;
}): Promise<void> {
  const email = account.email.trim().toLowerCase();
  const handle = account.handle.trim().toLowerCase();
  if (!isAllowedDomain(email)) {
    throw new AppError(403, "signup_not_allowed", "signup.notAllowed", { email: "signup.notAllowed" });
  }
  if (!mailEnabled() && !mailMayGoToConsole()) {
    throw new AppError(503, "email_off", "signup.emailOff");
  }
  const db = getDb();
  if (db.select({ id: users.id }).from(users).where(eq(users.handle, handle)).get()) {
    throw new AppError(409, "handle_taken", "signup.handleTaken", { handle: "signup.handleTaken" });
  }
  // Hashed on both paths, so the time taken does not tell whether the address has an account either.
  const passwordHash = await hashPassword(account.password ?? "");
  const company = getEnv().COMPANY_NAME;
  const existing = db.select({ locale: users.locale }).from(users).where(eq(users.email, email)).get();
  if (existing) {
    const lang = existing.locale ?? locale;
    await deliver({
      to: email,
      subject: translate(lang, "email.existing.subject", { company }),
      text: translate(lang, "email.existing.body", { company, link: `${origin}/signin` }),
    });
    return;
  }
  const token = newSecret("signup");
  const now = new Date();
  db.transaction((tx) => {
    tx.delete(pendingSignups).where(lte(pendingSignups.expiresAt, now)).run();
    // One pending sign-up per address: signing up again replaces it (and its link stops working).
    tx.delete(pendingSignups).where(eq(pendingSignups.email, email)).run();
    tx.insert(pendingSignups)
      .values({
        email,
        handle,
        name: account.name.normalize("NFC"),
        department: account.department?.normalize("NFC") ?? "",
        title: account.title?.normalize("NFC") ?? "",
        locale,
        passwordHash,
        tokenHash: hashSecret(token),
        expiresAt: new Date(now.getTime() + SIGNUP_LINK_HOURS * 3600 * 1000),
      })
      .run();
  }, IMMEDIATE);
  await deliver({
    to: email,
    subject: translate(locale, "email.confirm.subject", { company }),
    text: translate(locale, "email.confirm.body", {
      company,
      name: account.name,
      link: `${origin}/signup/confirm?${new URLSearchParams({ token })}`,
    }),
  });
}

async function deliver(mail: Mail) {
  if (mailEnabled()) return sendMail(mail);
  // Email is off in development or the demo (requestSignUp refuses elsewhere): whoever runs it reads it here.
  console.info(`[mail] email is off (SMTP_URL unset); to ${mail.to}: ${mail.subject}\n${mail.text}`);
}

function openPendingSignUp(token: string) {
  return and(eq(pendingSignups.tokenHash, hashSecret(token)), gt(pendingSignups.expiresAt, new Date()));
}

/** What the confirmation page shows for an open link, or null for a missing, used or expired one. */
export function getPendingSignUp(token: string | null): { email: string; handle: string } | null {
  if (!token) return null;
  return (
    getDb()
      .select({ email: pendingSignups.email, handle: pendingSignups.handle })
      .from(pendingSignups)
      .where(openPendingSignUp(token))
      .get() ?? null
  );
}

/**
 * Confirms the address: the link is claimed (deleted) in one statement, so it works once even under parallel
 * clicks, and the account is created. If someone confirmed the same handle first, the person is told to sign up
 * again with another one.
 */
export async function confirmSignUp(token: string): Promise<PublicUser> {
  const claimed = getDb().delete(pendingSignups).where(openPendingSignUp(token)).returning().get();
  if (!claimed) throw new AppError(400, "bad_signup_link", "signup.linkInvalid");
  try {
    return await createUser({
      email: claimed.email,
      handle: claimed.handle,
      name: claimed.name,
      department: claimed.department,
      title: claimed.title,
      // The language of the sign-up page chose the email's language; the account follows the browser (as every
      // other new account does) until the person picks one in settings.
      passwordHash: claimed.passwordHash,
      role: "member",
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "handle_taken") {
      throw new AppError(409, "handle_taken", "signup.handleGone", undefined, { handle: claimed.handle });
    }
    throw error;
  }
}
