// Notification email (issue #11 §4, docs/decisions/0010-email-delivery.md): what is sent, to whom, when, and
// exactly once.
//
//   notifications row ──┬─ its kind's channel is "email" ──► one email as soon as it may interrupt  ┐ each claims
//                       └─ still unread, not emailed ─────► the person's digest at a working start ┘ emailed_at
//
// - Once: a row is claimed by one UPDATE … WHERE not emailed … RETURNING before its email is written, so two
//   workers (or a digest and an immediate email) never both send it; a send that fails gives the claim back.
//   For an immediate email "not emailed" means emailed_at is null or older than the row's current group
//   (first_event_id's time): one email per group — a read row that news restarts (record.server.ts) may be emailed
//   again, a row that only grows (more reactions) is not. The digest lists a row again only when it has activity
//   newer than its last email ("3 more replies"), so nothing already emailed is repeated as it was.
// - When: never a held row (deliver_after in the future, quiet delivery §2) and never outside the person's working
//   hours at send time, unless the row is an urgent announcement's. The digest is due at the start of a working
//   period (nextWorkingStart), daily or weekly.
// - What: read through the access rule at send time (getNotification): a row about something the person can no
//   longer see is claimed and dropped, never written into an email; nothing read in-app is sent.
import { getViewerById } from "#app/access/viewer.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { mailEnabled, sendMail } from "#app/infra/mailer.server";
import { verifySignature } from "#app/infra/signing.server";
import { getNotification, excerpt, type NotificationView } from "#app/models/notifications/notifications.server";
import {
  renderDigestEmail,
  renderNotificationEmail,
  unsubscribeMessage,
  type DigestThread,
  type EmailStream,
  type Recipient,
} from "#app/models/notifications/email-render.server";
import { workingHoursOf } from "#app/models/people/working-hours.server";
import { AppError } from "#app/utils/errors";
import { isLocale } from "#app/utils/i18n";
import { heldUntil, nextWorkingStart, type WorkingHours } from "#app/utils/working-hours";
import {
  DEFAULT_DIGEST_FREQUENCY,
  DIGEST_FREQUENCIES,
  NOTIFICATION_KINDS,
  type DigestFrequency,
  type NotificationKind,
} from "#db/enums";

/** A row's current group has not been emailed yet (see the header). Needs the alias n. */
const NOT_EMAILED = `(n.emailed_at is null or n.emailed_at < (select e.created_at from domain_events e where e.id = n.first_event_id))`;
/** For the digest: news since the row was last emailed (a grouped row that grew is listed again, with its count). */
const NEWS_SINCE_EMAILED = `(n.emailed_at is null or n.emailed_at < n.updated_at)`;
const RELEASED = `(n.deliver_after is null or n.deliver_after <= @now)`;

/** How many notifications one digest lists; the rest wait for the next. */
export const DIGEST_MAX_ITEMS = 40;
const IMMEDIATE_BATCH = 50;
const DIGEST_BATCH = 20;

function recipientOf(userId: number): Recipient | null {
  const row = rawStatement(`select id, email, name, locale from users where id = @id and status = 'active'`).get({
    id: userId,
  }) as { id: number; email: string; name: string; locale: string | null } | undefined;
  if (!row) return null;
  return { id: row.id, email: row.email, name: row.name, locale: isLocale(row.locale) ? row.locale : "ko" };
}

/** Claims rows for `now`'s send (those still `unsent`); returns the ids this caller owns. */
function claim(ids: number[], now: number, unsent = NOT_EMAILED): number[] {
  if (ids.length === 0) return [];
  return getDb().transaction(
    () =>
      rawStatement(
        `update notifications as n set emailed_at = @now
          where n.id in (select value from json_each(@ids)) and ${unsent} returning id`,
      )
        .pluck()
        .all({ ids: JSON.stringify(ids), now }) as number[],
    IMMEDIATE,
  );
}

/** Gives claims back after a failed send, so the next pass retries them. */
function unclaim(ids: number[], now: number) {
  if (ids.length === 0) return;
  getDb().transaction(() => {
    rawStatement(
      `update notifications set emailed_at = null where id in (select value from json_each(@ids)) and emailed_at = @now`,
    ).run({ ids: JSON.stringify(ids), now });
  }, IMMEDIATE);
}

// ---------------------------------------------------------------------------------------------------------
// Immediate email: the kinds a person set to "email"
// ---------------------------------------------------------------------------------------------------------

type Candidate = { id: number; userId: number; urgent: number };

/** Sends what may go now; returns how many emails were sent and whether more are waiting. */
export async function sendImmediateEmails(now = Date.now()): Promise<{ sent: number; more: boolean }> {
  // notification_settings holds only people's choices: "email" rows are few, and the join walks them first.
  const candidates = rawStatement(
    `select n.id, n.user_id as userId, coalesce(a.urgent, 0) as urgent
       from notification_settings s
       join notifications n on n.user_id = s.user_id and n.kind = s.kind
       left join announcements a on n.kind = 'announcement' and a.post_id = n.post_id
      where s.channel = 'email' and n.unread = 1 and ${RELEASED} and ${NOT_EMAILED}
      order by n.id limit @n`,
  ).all({ now, n: IMMEDIATE_BATCH + 1 }) as Candidate[];
  const more = candidates.length > IMMEDIATE_BATCH;
  const batch = candidates.slice(0, IMMEDIATE_BATCH);
  const hours = workingHoursOf(batch.map((c) => c.userId));
  let sent = 0;
  for (const c of batch) {
    // Quiet delivery already holds rows made off-hours; a row made at 17:59 and sent at 18:01 waits here too.
    const h = hours.get(c.userId);
    if (!c.urgent && h && heldUntil(h, now) != null) continue;
    const [owned] = claim([c.id], now);
    if (owned == null) continue;
    const to = recipientOf(c.userId);
    const viewer = to ? getViewerById(c.userId) : null;
    const view = viewer ? getNotification(viewer, c.id) : null;
    if (!to || !view) continue; // claimed and dropped: nothing they can no longer see is ever mailed
    try {
      await sendMail(renderNotificationEmail(to, view));
      sent++;
    } catch (e) {
      unclaim([c.id], now);
      throw e;
    }
  }
  return { sent, more };
}

// ---------------------------------------------------------------------------------------------------------
// The digest
// ---------------------------------------------------------------------------------------------------------

export function getDigestFrequency(userId: number): DigestFrequency {
  const value = rawStatement(`select frequency from email_digests where user_id = @id`).pluck().get({ id: userId });
  return (value as DigestFrequency | undefined) ?? DEFAULT_DIGEST_FREQUENCY;
}

/** Sets the person's digest frequency; the next digest is scheduled afresh. */
export function setDigestFrequency(userId: number, frequency: string) {
  if (!(DIGEST_FREQUENCIES as readonly string[]).includes(frequency)) {
    throw new AppError(400, "validation_failed", "error.invalid", { digest: "error.invalid" });
  }
  getDb().transaction(() => {
    rawStatement(
      `insert into email_digests (user_id, frequency, next_at) values (@id, @frequency, null)
       on conflict (user_id) do update set frequency = excluded.frequency, next_at = null`,
    ).run({ id: userId, frequency });
  }, IMMEDIATE);
}

/** When a digest after `from` is due: the next working start (a week on for weekly); a day or a week without hours. */
export function nextDigestAt(hours: WorkingHours | undefined, frequency: DigestFrequency, from: number): number {
  const skip = frequency === "weekly" ? 6.5 * 24 * 3600_000 : 1;
  const start = hours ? nextWorkingStart(hours, from + skip) : null;
  return start?.getTime() ?? from + (frequency === "weekly" ? 7 : 1) * 24 * 3600_000;
}

/**
 * Gives everyone without a row the default and schedules rows whose time is unknown (new, or just changed): the
 * first digest goes at their next working start.
 */
function scheduleDigests(now: number) {
  const unscheduled = rawStatement(
    `select 1 from users u where u.status = 'active' and not exists (select 1 from email_digests d where d.user_id = u.id)
     union all select 1 from email_digests where next_at is null and frequency != 'off' limit 1`,
  ).get();
  if (!unscheduled) return;
  getDb().transaction(() => {
    rawStatement(
      `insert into email_digests (user_id, frequency) select u.id, @frequency from users u
        where u.status = 'active' and not exists (select 1 from email_digests d where d.user_id = u.id)
       on conflict (user_id) do nothing`,
    ).run({ frequency: DEFAULT_DIGEST_FREQUENCY });
    const rows = rawStatement(
      `select user_id as userId, frequency from email_digests where next_at is null and frequency != 'off'`,
    ).all() as { userId: number; frequency: DigestFrequency }[];
    const hours = workingHoursOf(rows.map((r) => r.userId));
    for (const r of rows) {
      const h = hours.get(r.userId);
      const first = h ? nextWorkingStart(h, now)?.getTime() : undefined;
      rawStatement(`update email_digests set next_at = @at where user_id = @id and next_at is null`).run({
        id: r.userId,
        at: first ?? nextDigestAt(h, r.frequency, now),
      });
    }
  }, IMMEDIATE);
}

/** Sends the digests that are due; returns how many were sent and whether more are due. */
export async function sendDueDigests(now = Date.now()): Promise<{ sent: number; more: boolean }> {
  scheduleDigests(now);
  const due = rawStatement(
    `select user_id as userId, frequency, next_at as nextAt from email_digests
      where next_at <= @now and frequency != 'off' order by next_at limit @n`,
  ).all({ now, n: DIGEST_BATCH + 1 }) as { userId: number; frequency: "daily" | "weekly"; nextAt: number }[];
  const more = due.length > DIGEST_BATCH;
  const hours = workingHoursOf(due.map((d) => d.userId));
  let sent = 0;
  for (const d of due.slice(0, DIGEST_BATCH)) {
    const next = nextDigestAt(hours.get(d.userId), d.frequency, now);
    // Claims this digest: only the process whose update moves next_at on sends it.
    const mine = getDb().transaction(
      () =>
        rawStatement(
          `update email_digests set next_at = @next, last_sent_at = @now where user_id = @id and next_at = @was`,
        ).run({ id: d.userId, next, now, was: d.nextAt }).changes === 1,
      IMMEDIATE,
    );
    if (!mine) continue;
    if (await sendDigest(d.userId, d.frequency, now)) sent++;
  }
  return { sent, more };
}

async function sendDigest(userId: number, frequency: "daily" | "weekly", now: number): Promise<boolean> {
  const to = recipientOf(userId);
  const viewer = to ? getViewerById(userId) : null;
  if (!to || !viewer) return false;
  // What they missed: unread (not seen in-app), released, not emailed; newest activity first.
  const ids = rawStatement(
    `select n.id from notifications n indexed by notifications_unread_idx
      where n.user_id = @me and n.unread = 1 and ${RELEASED} and ${NEWS_SINCE_EMAILED}
      order by n.updated_at desc, n.id desc limit @n`,
  )
    .pluck()
    .all({ me: userId, now, n: DIGEST_MAX_ITEMS * 2 }) as number[];
  const views = ids.map((id) => getNotification(viewer, id)).filter((v): v is NotificationView => v != null);
  const listed = views.slice(0, DIGEST_MAX_ITEMS);
  const owned = new Set(
    claim(
      listed.map((v) => v.id),
      now,
      NEWS_SINCE_EMAILED,
    ),
  );
  const items = listed.filter((v) => owned.has(v.id));
  if (items.length === 0) return false;
  const more = views.length - listed.length;
  try {
    await sendMail(renderDigestEmail({ to, frequency, threads: groupPerThread(items), more }));
    return true;
  } catch (e) {
    unclaim([...owned], now);
    throw e;
  }
}

/** One section per thread (titled by its first post), in the order of their newest activity; groups' own last. */
function groupPerThread(items: NotificationView[]): DigestThread[] {
  const threads = new Map<number, NotificationView[]>();
  const other: NotificationView[] = [];
  for (const n of items) {
    if (n.target.type === "post") threads.set(n.target.threadId, [...(threads.get(n.target.threadId) ?? []), n]);
    else other.push(n);
  }
  const titles = new Map(
    (
      rawStatement(`select id, title, body from posts where id in (select value from json_each(@ids))`).all({
        ids: JSON.stringify([...threads.keys()]),
      }) as { id: number; title: string | null; body: string }[]
    ).map((p) => [p.id, p.title ?? excerpt(p.body)]),
  );
  const out: DigestThread[] = [...threads].map(([id, notifications]) => ({
    title: titles.get(id) ?? "",
    notifications,
  }));
  if (other.length) out.push({ title: null, notifications: other });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// One pass of the sender (the worker's drain), and unsubscribing
// ---------------------------------------------------------------------------------------------------------

let pausedUntil = 0;

/** Sends immediate emails, then due digests. Without SMTP_URL nothing happens (and nothing is claimed). */
export async function deliverEmails(now = Date.now()): Promise<{ sent: number; more: boolean; busy: boolean }> {
  if (!mailEnabled() || now < pausedUntil) return { sent: 0, more: false, busy: false };
  try {
    const immediate = await sendImmediateEmails(now);
    const digests = await sendDueDigests(now);
    return { sent: immediate.sent + digests.sent, more: immediate.more || digests.more, busy: false };
  } catch (e) {
    // The SMTP server refused or is away: what was claimed went back; try again in a minute, not every tick.
    pausedUntil = Date.now() + 60_000;
    console.warn("email: sending failed, retrying in a minute:", e instanceof Error ? e.message : e);
    return { sent: 0, more: false, busy: false };
  }
}

/** Whether the query's stream names something that can be unsubscribed from. */
export function isEmailStream(value: string | null): value is EmailStream {
  return value === "digest" || (NOTIFICATION_KINDS as readonly string[]).includes(value ?? "");
}

/** Checks a signed unsubscribe link; returns its person's email, or null when the signature or person is wrong. */
export function checkUnsubscribeLink(input: {
  userId: number | null;
  stream: string | null;
  signature: string | null;
}): { userId: number; stream: EmailStream; email: string } | null {
  const { userId, stream, signature } = input;
  if (userId == null || !isEmailStream(stream)) return null;
  if (!verifySignature(unsubscribeMessage(userId, stream), signature)) return null;
  const email = rawStatement(`select email from users where id = @id`).pluck().get({ id: userId }) as
    string | undefined;
  return email ? { userId, stream, email } : null;
}

/** Stops the emails of one kind (its channel goes back to in-app; "off" stays off) or the digest. Idempotent. */
export function unsubscribe(userId: number, stream: EmailStream) {
  if (stream === "digest") return setDigestFrequency(userId, "off");
  getDb().transaction(() => {
    rawStatement(`delete from notification_settings where user_id = @id and kind = @kind and channel = 'email'`).run({
      id: userId,
      kind: stream satisfies NotificationKind,
    });
  }, IMMEDIATE);
}
