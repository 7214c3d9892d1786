// What notification emails say (issue #11 §4): one notification, or a digest grouped per thread, as text and HTML
// in the recipient's language, with the RFC 8058 one-click unsubscribe headers. Pure apart from the environment:
// the sender (email.server.ts) has already checked access and claimed the rows.
import { getEnv } from "#app/infra/env.server";
import type { Mail } from "#app/infra/mailer.server";
import { sign } from "#app/infra/signing.server";
import { translate, type Locale, type MessageKey } from "#app/utils/i18n";
import { notificationText } from "#app/utils/notification-text";
import { notificationUrl, type NotificationView } from "#app/models/notifications/notifications.server";
import type { DigestFrequency, NotificationKind } from "#db/enums";

/** What an unsubscribe link turns off: one kind's emails, or the digest. */
export type EmailStream = NotificationKind | "digest";

export type Recipient = { id: number; email: string; name: string; locale: Locale };

/** Links in emails point here: APP_ORIGIN (required in production), else the local server. */
export function emailOrigin(): string {
  const env = getEnv();
  return env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
}

const unsubscribeMessage = (userId: number, stream: EmailStream) => `unsubscribe:${userId}:${stream}`;

export function unsubscribeSignature(userId: number, stream: EmailStream): string {
  return sign(unsubscribeMessage(userId, stream));
}

export { unsubscribeMessage };

/** The signed one-click link (no session needed): GET shows a confirmation, POST unsubscribes. */
export function unsubscribeUrl(userId: number, stream: EmailStream): string {
  const query = new URLSearchParams({ u: String(userId), k: stream, s: unsubscribeSignature(userId, stream) });
  return `${emailOrigin()}/email/unsubscribe?${query}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

type Item = { sentence: string; url: string };
type Section = { heading: string; items: Item[] };

function itemOf(t: (k: MessageKey, v?: Record<string, string | number>) => string, n: NotificationView): Item {
  return { sentence: notificationText(t, n), url: emailOrigin() + notificationUrl(n) };
}

function envelope({
  to,
  lang,
  subject,
  intro,
  sections,
  outro,
  why,
  stream,
}: {
  to: Recipient;
  lang: Locale;
  subject: string;
  intro: string;
  sections: Section[];
  outro: string | null;
  why: string;
  stream: EmailStream;
}): Mail {
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const company = getEnv().COMPANY_NAME;
  const unsubscribe = unsubscribeUrl(to.id, stream);
  const settings = `${emailOrigin()}/settings`;
  const text = [
    intro,
    "",
    ...sections.flatMap((s) => [
      ...(s.heading ? [s.heading] : []),
      ...s.items.flatMap((i) => [`- ${i.sentence}`, `  ${i.url}`]),
      "",
    ]),
    ...(outro ? [outro, ""] : []),
    "--",
    why,
    `${t("email.unsubscribe")}: ${unsubscribe}`,
    `${t("email.settings")}: ${settings}`,
  ].join("\n");
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1f2328;">
<p>${escapeHtml(intro)}</p>
${sections
  .map(
    (s) =>
      `${s.heading ? `<h2 style="font-size: 1.05em;">${escapeHtml(s.heading)}</h2>\n` : ""}<ul>\n${s.items
        .map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.sentence)}</a></li>`)
        .join("\n")}\n</ul>`,
  )
  .join("\n")}
${outro ? `<p>${escapeHtml(outro)}</p>\n` : ""}<p><a href="${escapeHtml(emailOrigin())}/home">${escapeHtml(t("email.open", { company }))}</a></p>
<hr>
<p style="font-size: 0.85em; color: #57606a;">${escapeHtml(why)}<br>
<a href="${escapeHtml(unsubscribe)}">${escapeHtml(t("email.unsubscribe"))}</a> · <a href="${escapeHtml(settings)}">${escapeHtml(t("email.settings"))}</a></p>
</body>
</html>`;
  return {
    to: to.email,
    subject,
    text,
    html,
    headers: {
      "Content-Language": lang,
      // RFC 8058: mail providers POST "List-Unsubscribe=One-Click" to the https link, no session, no page.
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Auto-Submitted": "auto-generated",
    },
  };
}

/** One notification, emailed as soon as it may be (channel "email" for its kind). */
export function renderNotificationEmail(to: Recipient, n: NotificationView): Mail {
  const lang = to.locale;
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const company = getEnv().COMPANY_NAME;
  const item = itemOf(t, n);
  return envelope({
    to,
    lang,
    subject: item.sentence,
    intro: item.sentence,
    sections: [{ heading: "", items: [item] }],
    outro: null,
    why: t("email.why", { kind: t(`notifications.kind.${n.kind}`), company }),
    stream: n.kind,
  });
}

/** Notifications grouped per thread, newest activity first; a thread's heading is its title. */
export type DigestThread = { title: string | null; notifications: NotificationView[] };

export function renderDigestEmail({
  to,
  frequency,
  threads,
  more,
}: {
  to: Recipient;
  frequency: Exclude<DigestFrequency, "off">;
  threads: DigestThread[];
  /** Notifications left for the next digest (past the size of one email). */
  more: number;
}): Mail {
  const lang = to.locale;
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
  const company = getEnv().COMPANY_NAME;
  const count = threads.reduce((sum, th) => sum + th.notifications.length, 0);
  const sections = threads.map((th) => ({
    heading: th.title ?? t("email.digest.elsewhere"),
    items: th.notifications.map((n) => itemOf(t, n)),
  }));
  return envelope({
    to,
    lang,
    subject: t(`email.digest.subject_${frequency}`, { company, count }),
    intro: t("email.digest.intro", { name: to.name }),
    sections,
    outro: more > 0 ? t("email.digest.more", { count: more, company }) : null,
    why: t("email.digestWhy", { frequency: t(`digest.${frequency}`).toLowerCase(), company }),
    stream: "digest",
  });
}
