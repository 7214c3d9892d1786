// Outgoing email (issue #8.1): one nodemailer transport built from SMTP_URL. Without SMTP_URL email is off:
// `mailEnabled()` says so and callers decide (sign-up logs its link in development and the demo, refuses otherwise).
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "#app/infra/env.server";
import { singleton } from "#app/infra/registry.server";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of `text` (notification emails and the digest send both parts). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>;
};

function createTransport(): Transporter | null {
  const url = getEnv().SMTP_URL;
  return url ? nodemailer.createTransport(url) : null;
}

function transport() {
  return singleton("mailer", createTransport, (t) => t?.close());
}

export function mailEnabled() {
  return getEnv().SMTP_URL != null;
}

/**
 * Without SMTP_URL, may mail be written to the server console instead? Only in development, tests and the local
 * demo (`npm run demo` starts server.ts with --demo); a real production server refuses what needs email.
 */
export function mailMayGoToConsole() {
  return getEnv().NODE_ENV !== "production" || process.argv.includes("--demo");
}

/** The sender: no-reply at the company's first email domain. */
function sender() {
  const env = getEnv();
  const domain = env.ALLOWED_EMAIL_DOMAINS[0] ?? "localhost";
  return { name: env.COMPANY_NAME, address: `no-reply@${domain}` };
}

/** Sends one email (text, and HTML when given); throws when email is off or the SMTP server refuses it. */
export async function sendMail(mail: Mail): Promise<void> {
  const t = transport();
  if (!t) throw new Error("email is off: SMTP_URL is not set");
  await t.sendMail({ from: sender(), ...mail });
}
