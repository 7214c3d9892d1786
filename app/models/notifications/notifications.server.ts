// Reading and marking a person's notifications (issue #11 §1), and the Mentions view. Every read goes through the
// access rule as it is *now*: a row about a post the viewer can no longer see (a group they left, a group made
// private) is not listed, counted or sent, even before the consumer has removed it. Rows are written only by
// the consumer (record.server.ts); marking read records notification.changed so every open page's bell follows.
import type { Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { hydratePosts } from "#app/models/posts/read-model.server";
import type { FeedPage } from "#app/models/feeds/feed.server";
import { decodeKeyCursor, encodeKeyCursor } from "#app/models/pagination.server";
import { AppError } from "#app/utils/errors";
import { parseId } from "#app/utils/ids";
import type { NotificationKind } from "#db/enums";

export const NOTIFICATIONS_PAGE_SIZE = 20;
export const NOTIFICATION_FILTERS = ["all", "unread", "mentions"] as const;
export type NotificationFilter = (typeof NOTIFICATION_FILTERS)[number];
/** How many notifications one "mark read" may name (the API answers 400 beyond it). */
export const MAX_MARK_IDS = 100;
/** How many actors a row names ("김민수, 이지은 and 11 others"). */
const NAMED_ACTORS = 3;

export type NotificationTargetView =
  | {
      type: "post";
      id: number;
      threadId: number;
      /** A question's title, or the start of the post's text. */
      title: string;
      group: { slug: string; name: string } | null;
    }
  | { type: "group"; id: number; slug: string; name: string };

export type NotificationView = {
  id: number;
  kind: NotificationKind;
  target: NotificationTargetView;
  actors: { handle: string; name: string }[];
  actorCount: number;
  /** Replies or answers since the group started, or the vote milestone reached. */
  count: number;
  unread: boolean;
  updatedAt: number;
};

/**
 * The rows of `notifications n` the viewer may see now: a post's by the visibility rule; a group's join requests
 * while they administer it; being added to a group while they are in it. Held rows (quiet hours, issue #11 §2:
 * deliver_after in the future) are listed like any other — like a "do not disturb", what came in is there when
 * the person looks — but they are not counted (DELIVERED) and no frame announces them until then.
 * Needs visibilityParams and @admin_of.
 */
const VISIBLE_NOTIFICATION = `(n.user_id = @me and (
  case when n.post_id is not null then exists (select 1 from posts p where p.id = n.post_id and ${VISIBLE_POST("p")})
       when n.kind = 'join_request' then n.group_id in (select value from json_each(@admin_of))
       else n.group_id in (select value from json_each(@member)) end))`;

/** Not held back by quiet delivery any more (the bell's count). Needs @now. */
const DELIVERED = `(n.deliver_after is null or n.deliver_after <= @now)`;

function params(viewer: Viewer) {
  return { ...visibilityParams(viewer), admin_of: JSON.stringify([...viewer.adminOf]), now: Date.now() };
}

type Row = {
  id: number;
  kind: NotificationKind;
  postId: number | null;
  groupId: number | null;
  actorCount: number;
  count: number;
  unread: number;
  updatedAt: number;
};

const COLUMNS = `n.id, n.kind, n.post_id as postId, n.group_id as groupId, n.actor_count as actorCount, n.count,
  n.unread, n.updated_at as updatedAt`;

/** The viewer's notifications, newest activity first, by keyset pages over (updated_at, id). */
export function listNotifications({
  viewer,
  filter = "all",
  cursor,
  limit = NOTIFICATIONS_PAGE_SIZE,
}: {
  viewer: Viewer;
  filter?: NotificationFilter;
  cursor?: string | null;
  limit?: number;
}): { notifications: NotificationView[]; nextCursor: string | null } {
  const after = decodeKeyCursor(cursor, 2);
  const rows = rawStatement(
    `select ${COLUMNS} from notifications n indexed by ${filter === "unread" ? "notifications_unread_idx" : "notifications_recent_idx"}
      where n.user_id = @me ${filter === "unread" ? "and n.unread = 1" : ""} ${filter === "mentions" ? "and n.kind = 'mention'" : ""}
        and (@at is null or n.updated_at < @at or n.updated_at = @at and n.id < @id)
        and ${VISIBLE_NOTIFICATION}
      order by n.updated_at desc, n.id desc limit @n`,
  ).all({ ...params(viewer), at: after?.[0] ?? null, id: after?.[1] ?? null, n: limit + 1 }) as Row[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    notifications: hydrate(page),
    nextCursor: more && last ? encodeKeyCursor([last.updatedAt, last.id]) : null,
  };
}

/** One notification of the viewer's (null when it is not theirs or they may no longer see its target). */
export function getNotification(viewer: Viewer, id: number): NotificationView | null {
  const row = rawStatement(`select ${COLUMNS} from notifications n where n.id = @id and ${VISIBLE_NOTIFICATION}`).get({
    ...params(viewer),
    id,
  }) as Row | undefined;
  return row ? hydrate([row])[0] : null;
}

/** The bell's number: unread notifications the viewer may see, held ones not yet (quiet delivery). */
export function countUnread(viewer: Viewer): number {
  return rawStatement(
    `select count(*) from notifications n indexed by notifications_unread_idx
      where n.user_id = @me and n.unread = 1 and ${DELIVERED} and ${VISIBLE_NOTIFICATION}`,
  )
    .pluck()
    .get(params(viewer)) as number;
}

function hydrate(rows: Row[]): NotificationView[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const actors = new Map<number, { handle: string; name: string }[]>();
  const actorRows = rawStatement(
    `select a.notification_id as nid, u.handle, u.name from notification_actors a join users u on u.id = a.user_id
      where a.notification_id in (select value from json_each(@ids)) order by a.notification_id, a.event_id desc`,
  ).all({ ids }) as { nid: number; handle: string; name: string }[];
  for (const a of actorRows) {
    const list = actors.get(a.nid) ?? [];
    if (list.length < NAMED_ACTORS) list.push({ handle: a.handle, name: a.name });
    actors.set(a.nid, list);
  }
  const postIds = rows.filter((r) => r.postId != null).map((r) => r.postId);
  const posts = new Map(
    (
      rawStatement(
        `select p.id, p.thread_id as threadId, p.title, p.body, g.slug, g.name as groupName
           from posts p left join groups g on g.id = p.group_id where p.id in (select value from json_each(@ids))`,
      ).all({ ids: JSON.stringify(postIds) }) as {
        id: number;
        threadId: number;
        title: string | null;
        body: string;
        slug: string | null;
        groupName: string | null;
      }[]
    ).map((p) => [p.id, p]),
  );
  const groupIds = rows.filter((r) => r.postId == null).map((r) => r.groupId);
  const groups = new Map(
    (
      rawStatement(`select id, slug, name from groups where id in (select value from json_each(@ids))`).all({
        ids: JSON.stringify(groupIds),
      }) as { id: number; slug: string; name: string }[]
    ).map((g) => [g.id, g]),
  );
  const views: NotificationView[] = [];
  for (const r of rows) {
    let target: NotificationTargetView;
    if (r.postId != null) {
      const p = posts.get(r.postId);
      if (!p) continue;
      target = {
        type: "post",
        id: p.id,
        threadId: p.threadId,
        title: p.title ?? excerpt(p.body),
        group: p.slug != null ? { slug: p.slug, name: p.groupName ?? "" } : null,
      };
    } else {
      const g = r.groupId != null ? groups.get(r.groupId) : undefined;
      if (!g) continue;
      target = { type: "group", id: g.id, slug: g.slug, name: g.name };
    }
    views.push({
      id: r.id,
      kind: r.kind,
      target,
      actors: actors.get(r.id) ?? [],
      actorCount: r.actorCount,
      count: r.count,
      unread: r.unread === 1,
      updatedAt: r.updatedAt,
    });
  }
  return views;
}

const EXCERPT_CHARS = 60;

/** The start of a post's Markdown as plain words: enough to recognise it in a list. */
export function excerpt(body: string): string {
  const text = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Marking read
// ---------------------------------------------------------------------------------------------------------

export type MarkReadInput =
  | { ids: number[] }
  | { all: true }
  | { threadId: number }
  /** A group's own notifications (join requests, being added), when its page is opened. */
  | { groupId: number; kinds: NotificationKind[] };

/**
 * Marks the viewer's notifications read: some by id (others' ids change nothing), one thread's or one group's
 * (opening it), or all. Returns how many changed; each change is sent to the viewer's open pages.
 */
export function markNotificationsRead(viewer: Viewer, input: MarkReadInput): number {
  if ("ids" in input && input.ids.length > MAX_MARK_IDS) {
    throw new AppError(400, "validation_failed", "error.tooLong", { ids: "error.tooLong" });
  }
  const where =
    "all" in input
      ? ""
      : "ids" in input
        ? "and id in (select value from json_each(@ids))"
        : "groupId" in input
          ? "and post_id is null and group_id = @group and kind in (select value from json_each(@kinds))"
          : "and (thread_id = @thread or post_id = @thread)";
  const bind = {
    me: viewer.id,
    ids: "ids" in input ? JSON.stringify(input.ids) : null,
    thread: "threadId" in input ? input.threadId : null,
    group: "groupId" in input ? input.groupId : null,
    kinds: "groupId" in input ? JSON.stringify(input.kinds) : null,
  };
  // Most page views have nothing to mark: they take no write lock.
  const any = rawStatement(`select 1 from notifications where user_id = @me and unread = 1 ${where} limit 1`).get(bind);
  if (!any) return 0;
  return getDb().transaction(() => {
    const changed = rawStatement(`update notifications set unread = 0 where user_id = @me and unread = 1 ${where}`).run(
      bind,
    ).changes;
    if (changed > 0) recordEvent({ type: "notification.changed", userId: viewer.id, notificationId: null });
    return changed;
  }, IMMEDIATE);
}

/** Ids as a form or a query gives them ("3", "3,4"): whole positive numbers only, or a 400. */
export function parseNotificationIds(values: string[]): number[] {
  const ids: number[] = [];
  for (const v of values.flatMap((s) => s.split(","))) {
    const id = parseId(v.trim());
    if (id == null) throw new AppError(400, "validation_failed", "error.invalid", { ids: "error.invalid" });
    ids.push(id);
  }
  if (ids.length > MAX_MARK_IDS)
    throw new AppError(400, "validation_failed", "error.tooLong", { ids: "error.tooLong" });
  return ids;
}

// ---------------------------------------------------------------------------------------------------------
// Mentions: the posts that mention the viewer and that they may see, newest first
// ---------------------------------------------------------------------------------------------------------

export function listMentions({
  viewer,
  cursor,
  limit = NOTIFICATIONS_PAGE_SIZE,
}: {
  viewer: Viewer;
  cursor?: string | null;
  limit?: number;
}): FeedPage {
  const after = decodeKeyCursor(cursor, 1);
  const ids = rawStatement(
    `select m.post_id from mentions m indexed by mentions_user_idx join posts p on p.id = m.post_id
      where m.user_id = @me and (@before is null or m.post_id < @before) and ${VISIBLE_POST("p")}
      order by m.post_id desc limit @n`,
  )
    .pluck()
    .all({ ...visibilityParams(viewer), before: after?.[0] ?? null, n: limit + 1 }) as number[];
  const more = ids.length > limit;
  const pageIds = ids.slice(0, limit);
  return {
    posts: hydratePosts(pageIds, viewer),
    nextCursor: more && pageIds.length ? encodeKeyCursor([pageIds[pageIds.length - 1]]) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// As the API and the live stream send it (schema: NotificationSchema in app/api/schemas.ts)
// ---------------------------------------------------------------------------------------------------------

/** Where a notification leads: the thread (at the post, for a reply), or the group (its members, for a request). */
export function notificationUrl(n: Pick<NotificationView, "kind" | "target">): string {
  if (n.target.type === "group") {
    return n.kind === "join_request" ? `/groups/${n.target.slug}/members` : `/groups/${n.target.slug}`;
  }
  const { id, threadId } = n.target;
  return id === threadId ? `/posts/${threadId}` : `/posts/${threadId}#post-${id}`;
}

export function notificationToJson(n: NotificationView) {
  const url = notificationUrl(n);
  return {
    id: n.id,
    kind: n.kind,
    target:
      n.target.type === "post"
        ? {
            type: "post" as const,
            id: n.target.id,
            thread_id: n.target.threadId,
            title: n.target.title,
            group: n.target.group,
            url,
          }
        : { type: "group" as const, id: n.target.id, slug: n.target.slug, name: n.target.name, url },
    actors: n.actors,
    actor_count: n.actorCount,
    count: n.count,
    unread: n.unread,
    updated_at: new Date(n.updatedAt).toISOString(),
  };
}

export type NotificationJson = ReturnType<typeof notificationToJson>;
