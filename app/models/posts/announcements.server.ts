// Announcements with acknowledgement (issue #11 §3, docs/decisions/0009-announcements.md).
//
//   publish (kind 'announcement') ──► announcements row (+ audit_log when urgent) ──► post.published {urgent}
//        audience: the company's employees (no group) or the group's members; the author is not in it
//   pinned on Home / the group ──► until the person acknowledges it (requires_ack)
//                                  or until pinned_until (7 days) or they dismiss it (no acknowledgement asked)
//   acknowledge (idempotent) ──► announcement_acks row ──► announcement.acked ──► "seen by" counts, live
//   reminders, every hour ──► announcements older than REMINDER_AFTER_DAYS, not reminded yet ──►
//        announcement.reminded {those who have not} ──► a notification each (held outside working hours)
//
// Who may post one, mark it urgent and read "seen by" is app/access's (post.announce, announcement.urgent,
// announcement.acks). The people listed are the audience as it is now: someone who joined the company or the
// group since is asked too, someone who left is no longer counted.
import { can, type Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { decodeNameCursor, encodeNameCursor } from "#app/models/pagination.server";
import { requireVisiblePost } from "#app/models/posts/post.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";

/** After how many days those who have not acknowledged an announcement are reminded (once). */
export const REMINDER_AFTER_DAYS = 3;
/** At most this many announcements are pinned at once, newest first. */
export const PINNED_LIMIT = 5;
export const NOT_YET_PAGE_SIZE = 50;
const DAY_MS = 24 * 3600 * 1000;

// ---------------------------------------------------------------------------------------------------------
// Audience
// ---------------------------------------------------------------------------------------------------------

/**
 * The audience of an announcement as SQL over `users u`: active employees for a company-wide one, active members
 * for a group's; never its author. Needs @group (null: company) and @author.
 */
const IN_AUDIENCE = `u.status = 'active' and u.id <> @author and (case when @group is null then u.role <> 'guest'
  else exists (select 1 from group_members am where am.group_id = @group and am.user_id = u.id) end)`;

type AnnouncementRow = {
  postId: number;
  authorId: number;
  groupId: number | null;
  requiresAck: number;
  urgent: number;
  title: string;
};

function announcementRow(postId: number): AnnouncementRow | null {
  return (
    (rawStatement(
      `select a.post_id as postId, p.author_id as authorId, p.group_id as groupId, a.requires_ack as requiresAck,
              a.urgent, substr(p.body, 1, 200) as title
         from announcements a join posts p on p.id = a.post_id where a.post_id = @postId`,
    ).get({ postId }) as AnnouncementRow | undefined) ?? null
  );
}

function inAudience(a: Pick<AnnouncementRow, "authorId" | "groupId">, userId: number): boolean {
  return !!rawStatement(`select 1 from users u where u.id = @me and ${IN_AUDIENCE}`).get({
    me: userId,
    author: a.authorId,
    group: a.groupId,
  });
}

/** Acknowledged and total, among the audience as it is now. */
export function ackCounts(postId: number): { acknowledged: number; total: number } | null {
  const a = announcementRow(postId);
  if (!a) return null;
  return rawStatement(
    `select count(k.user_id) as acknowledged, count(*) as total from users u
       left join announcement_acks k on k.post_id = @postId and k.user_id = u.id
      where ${IN_AUDIENCE}`,
  ).get({ postId, author: a.authorId, group: a.groupId }) as { acknowledged: number; total: number };
}

/**
 * Who may watch the counts live: the author, the site admins (for a company announcement or a public group's)
 * and the group's admins — announcement.acks of app/access, as the user ids the stream's audience names.
 */
export function ackWatchers(postId: number): number[] {
  const a = announcementRow(postId);
  if (!a) return [];
  const ids = rawStatement(
    `select id from users where status = 'active' and (id = @author or role = 'admin' and (@group is null or
       (select visibility from groups where id = @group) = 'public' or
       exists (select 1 from group_members m where m.group_id = @group and m.user_id = users.id)))
     union select user_id from group_members where group_id = @group and role = 'admin'`,
  )
    .pluck()
    .all({ author: a.authorId, group: a.groupId }) as number[];
  return ids;
}

// ---------------------------------------------------------------------------------------------------------
// Acknowledging, and the pinned announcements
// ---------------------------------------------------------------------------------------------------------

/**
 * "확인했습니다 / I've read this" (or, when no acknowledgement is asked, "dismiss"): idempotent. 404 for a post the
 * viewer may not see or that is not an announcement; 403 for one not addressed to them.
 */
export function acknowledgeAnnouncement({ viewer, postId }: { viewer: Viewer; postId: number }): {
  changed: boolean;
} {
  requireVisiblePost(viewer, postId);
  const a = announcementRow(postId);
  if (!a) throw notFound();
  if (!inAudience(a, viewer.id)) throw new AppError(403, "not_in_audience", "announcement.notAudience");
  return getDb().transaction(() => {
    const changed =
      rawStatement(
        `insert into announcement_acks (post_id, user_id) values (@postId, @userId) on conflict do nothing`,
      ).run({ postId, userId: viewer.id }).changes > 0;
    if (changed && a.requiresAck) {
      recordEvent({ type: "announcement.acked", postId, groupId: a.groupId, userId: viewer.id, authorId: a.authorId });
    }
    return { changed };
  }, IMMEDIATE);
}

/**
 * The announcements pinned for the viewer, newest first: on Home those of the company and of their groups; on a
 * group's page (groupId) that group's. Only what they may see, are addressed by and have not acknowledged or
 * dismissed; one that asks for no acknowledgement until its pinned_until.
 */
export function listPinnedAnnouncementIds({
  viewer,
  groupId,
  now = Date.now(),
}: {
  viewer: Viewer;
  groupId?: number | null;
  now?: number;
}): number[] {
  return rawStatement(
    `select a.post_id from announcements a join posts p on p.id = a.post_id
      where ${VISIBLE_POST("p")}
        and (@onlyGroup is null and (p.group_id is null and @employee = 1
               or p.group_id in (select value from json_each(@member)))
             or p.group_id = @onlyGroup and p.group_id in (select value from json_each(@member)))
        and p.author_id <> @me
        and (a.requires_ack = 1 or a.pinned_until > @now)
        and not exists (select 1 from announcement_acks k where k.post_id = a.post_id and k.user_id = @me)
      order by a.post_id desc limit @limit`,
  )
    .pluck()
    .all({ ...visibilityParams(viewer), onlyGroup: groupId ?? null, now, limit: PINNED_LIMIT }) as number[];
}

// ---------------------------------------------------------------------------------------------------------
// "Seen by"
// ---------------------------------------------------------------------------------------------------------

export type AckSummary = {
  postId: number;
  requiresAck: boolean;
  acknowledged: number;
  total: number;
  departments: { department: string; acknowledged: number; total: number }[];
  notYet: { handle: string; name: string; department: string }[];
  nextCursor: string | null;
};

function requireAckReader(viewer: Viewer, postId: number): AnnouncementRow {
  const post = requireVisiblePost(viewer, postId);
  const a = announcementRow(postId);
  if (!a || !post.isRoot) throw notFound();
  if (!can(viewer, "announcement.acks", post)) throw forbidden();
  return a;
}

/**
 * "Seen by" (the author, admins and the group's admins; 404 for what the viewer may not see, 403 for the rest):
 * counts overall and by department, and a page of those who have not acknowledged, by name (keyset).
 */
export function getAckSummary({
  viewer,
  postId,
  cursor,
  limit = NOT_YET_PAGE_SIZE,
}: {
  viewer: Viewer;
  postId: number;
  cursor?: string | null;
  limit?: number;
}): AckSummary {
  const a = requireAckReader(viewer, postId);
  const after = decodeNameCursor(cursor);
  const params = { postId, author: a.authorId, group: a.groupId };
  const departments = rawStatement(
    `select u.department, count(k.user_id) as acknowledged, count(*) as total from users u
       left join announcement_acks k on k.post_id = @postId and k.user_id = u.id
      where ${IN_AUDIENCE} group by u.department order by u.department`,
  ).all(params) as AckSummary["departments"];
  const rows = rawStatement(
    `select u.id, u.handle, u.name, u.department from users u
      where ${IN_AUDIENCE}
        and not exists (select 1 from announcement_acks k where k.post_id = @postId and k.user_id = u.id)
        and (@first = 1 or (u.name, u.id) > (@afterName, @afterId))
      order by u.name, u.id limit @n`,
  ).all({
    ...params,
    first: after ? 0 : 1,
    afterName: after?.name ?? "",
    afterId: after?.id ?? 0,
    n: limit + 1,
  }) as { id: number; handle: string; name: string; department: string }[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    postId,
    requiresAck: !!a.requiresAck,
    acknowledged: departments.reduce((n, d) => n + d.acknowledged, 0),
    total: departments.reduce((n, d) => n + d.total, 0),
    departments,
    notYet: page.map(({ handle, name, department }) => ({ handle, name, department })),
    nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null,
  };
}

/**
 * A cell as a spreadsheet reads it safely: one starting with = + - @ (or a tab or carriage return) would be taken
 * for a formula (CSV injection), so it gets a leading apostrophe; every cell is quoted.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Everyone in the audience with whether and when they acknowledged, as CSV (same access as getAckSummary). */
export function exportAcksCsv({ viewer, postId }: { viewer: Viewer; postId: number }): string {
  const a = requireAckReader(viewer, postId);
  const rows = rawStatement(
    `select u.name, u.handle, u.department, k.created_at as ackedAt from users u
       left join announcement_acks k on k.post_id = @postId and k.user_id = u.id
      where ${IN_AUDIENCE} order by u.department, u.name, u.id`,
  ).all({ postId, author: a.authorId, group: a.groupId }) as {
    name: string;
    handle: string;
    department: string;
    ackedAt: number | null;
  }[];
  const lines = [["name", "handle", "department", "acknowledged", "acknowledged_at"].map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [r.name, r.handle, r.department, r.ackedAt ? "yes" : "no", r.ackedAt ? new Date(r.ackedAt).toISOString() : ""]
        .map(csvCell)
        .join(","),
    );
  }
  // A byte-order mark: Excel then reads the Korean names as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------------------

/**
 * Reminds, once, those who have not acknowledged an announcement REMINDER_AFTER_DAYS after it was posted: one
 * announcement.reminded event each, which the notifications consumer turns into their notification (held until
 * their working hours like any other). Returns how many announcements were reminded of.
 */
export function sendAnnouncementReminders({
  now = Date.now(),
  afterDays = REMINDER_AFTER_DAYS,
}: { now?: number; afterDays?: number } = {}): number {
  const due = rawStatement(
    `select post_id from announcements where requires_ack = 1 and reminded_at is null and created_at <= @before
      order by created_at limit 100`,
  )
    .pluck()
    .all({ before: now - afterDays * DAY_MS }) as number[];
  let reminded = 0;
  for (const postId of due) {
    getDb().transaction(() => {
      const a = announcementRow(postId);
      const claimed = rawStatement(
        `update announcements set reminded_at = @now where post_id = @postId and reminded_at is null`,
      ).run({ postId, now }).changes;
      if (!a || !claimed) return;
      const userIds = rawStatement(
        `select u.id from users u where ${IN_AUDIENCE}
           and not exists (select 1 from announcement_acks k where k.post_id = @postId and k.user_id = u.id)`,
      )
        .pluck()
        .all({ postId, author: a.authorId, group: a.groupId }) as number[];
      if (userIds.length === 0) return;
      recordEvent({ type: "announcement.reminded", postId, groupId: a.groupId, userIds });
      reminded++;
    }, IMMEDIATE);
  }
  return reminded;
}

/** Sends reminders every hour in this process (app/entry.server.tsx); returns a stop function. */
export function startAnnouncementReminders({ intervalMs = 3600_000 } = {}): () => void {
  const tick = () => {
    try {
      sendAnnouncementReminders();
    } catch (e) {
      console.warn("announcements: reminders failed, retrying later:", e instanceof Error ? e.message : e);
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
