// Seminar live comments (issue #10 §4, docs/decisions/0008-event-live.md): the audience comments beside the talk
// while the event is live and its `comments` setting is on; ≤ 500 characters; each is stamped with the segment
// showing when it was written (event-segments.server.ts, with its grace window) and read later grouped by segment.
//
// Markdown-light: the post renderer (one grammar: mentions, hashtags, autolinks, emphasis, code) and then a second
// sanitiser pass that keeps only inline markup — no headings, lists, quotes, tables or images in a ticker line.
// Comments are always by name. A banned participant's comments are hidden from every list and stream; the author
// and the event's moderators and hosts may delete one (app/access/events.ts).
import sanitizeHtml from "sanitize-html";
import { z } from "zod";
import { canDeleteEventComment, canInEvent } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { findActiveHandles } from "#app/models/people/user.server";
import { renderPost } from "#app/models/posts/markdown.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { isVisible, typeErrors } from "#app/utils/validation";
import type { ReactionKind } from "#db/enums";
import { effectiveState, requireEvent, type LoadedEvent } from "./event.server";
import { listSegments, SegmentNumberSchema, stampSegment } from "./event-segments.server";

export const MAX_EVENT_COMMENT = 500;
export const EVENT_COMMENT_PAGE = 100;

export const NewEventCommentSchema = z.object({
  body: z
    .string(typeErrors("event.commentEmpty", "error.invalid"))
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .refine((s) => isVisible(s), "event.commentEmpty")
    .refine((s) => [...s].length <= MAX_EVENT_COMMENT, "event.commentTooLong"),
  /** The segment the writer's page showed (kept only within the grace window). */
  segment: SegmentNumberSchema.optional(),
});

const INLINE_ONLY: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "a", "strong", "em", "del", "code", "span"],
  allowedAttributes: { a: ["href", "class", "rel"], span: ["class"] },
  allowedSchemes: ["http", "https", "mailto"],
};

/** A comment's HTML: the post pipeline, then inline markup only (block elements keep their text). */
export function renderComment(body: string): string {
  let known = new Map<string, number>();
  const { html } = renderPost(body, {
    prepare: (candidates) => void (known = findActiveHandles(candidates)),
    isKnownHandle: (h) => known.has(h),
  });
  return sanitizeHtml(html, INLINE_ONLY).trim();
}

export type EventCommentRow = {
  id: number;
  eventId: number;
  authorId: number;
  body: string;
  html: string;
  segment: number | null;
  createdAt: number;
  authorHandle: string;
  authorName: string;
  banned: boolean;
};

const COMMENT_COLUMNS = `c.id, c.event_id as eventId, c.author_id as authorId, c.body, c.html, c.segment,
  c.created_at as createdAt, u.handle as authorHandle, u.name as authorName,
  exists (select 1 from event_bans b where b.event_id = c.event_id and b.user_id = c.author_id) as banned`;

export function getCommentRow(commentId: number): EventCommentRow | null {
  const row = rawStatement(
    `select ${COMMENT_COLUMNS} from event_comments c join users u on u.id = c.author_id where c.id = @id`,
  ).get({ id: commentId }) as (Omit<EventCommentRow, "banned"> & { banned: number }) | undefined;
  return row ? { ...row, banned: row.banned === 1 } : null;
}

export type EventCommentView = {
  id: number;
  body: string;
  html: string;
  author: { handle: string; name: string };
  segment: number | null;
  createdAt: number;
  mine: boolean;
  /** Reactions by kind (kinds nobody used are absent), and the viewer's own. */
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  can: { delete: boolean; react: boolean };
};

type ReactionFacts = { counts: Map<number, Partial<Record<ReactionKind, number>>>; mine: Map<number, ReactionKind[]> };

/** The reactions of these comments (banned people's not counted) and the viewer's own, in two queries. */
function reactionsOf(viewerId: number | null, eventId: number, ids: number[]): ReactionFacts {
  const counts = new Map<number, Partial<Record<ReactionKind, number>>>();
  const mine = new Map<number, ReactionKind[]>();
  if (ids.length === 0) return { counts, mine };
  const json = JSON.stringify(ids);
  for (const r of rawStatement(
    `select r.comment_id as id, r.kind, count(*) as n from event_comment_reactions r
      where r.comment_id in (select value from json_each(@ids))
        and not exists (select 1 from event_bans b where b.event_id = @e and b.user_id = r.user_id)
      group by r.comment_id, r.kind`,
  ).all({ ids: json, e: eventId }) as { id: number; kind: ReactionKind; n: number }[]) {
    const c = counts.get(r.id) ?? {};
    c[r.kind] = r.n;
    counts.set(r.id, c);
  }
  if (viewerId != null) {
    for (const r of rawStatement(
      `select comment_id as id, kind from event_comment_reactions
        where user_id = @u and comment_id in (select value from json_each(@ids)) order by kind`,
    ).all({ u: viewerId, ids: json }) as { id: number; kind: ReactionKind }[]) {
      mine.set(r.id, [...(mine.get(r.id) ?? []), r.kind]);
    }
  }
  return { counts, mine };
}

/** A comment's reaction counts (the stream's coalesced `comment` reactions frame). */
export const commentReactionCounts = (eventId: number, commentId: number) =>
  reactionsOf(null, eventId, [commentId]).counts.get(commentId) ?? {};

export function toCommentView(
  viewer: Viewer | null,
  event: LoadedEvent | null,
  c: EventCommentRow,
  reactions: ReactionFacts = reactionsOf(viewer?.id ?? null, c.eventId, [c.id]),
): EventCommentView {
  return {
    id: c.id,
    body: c.body,
    html: c.html,
    author: { handle: c.authorHandle, name: c.authorName },
    segment: c.segment,
    createdAt: c.createdAt,
    mine: viewer != null && c.authorId === viewer.id,
    reactions: reactions.counts.get(c.id) ?? {},
    myReactions: reactions.mine.get(c.id) ?? [],
    can: {
      delete: viewer != null && event != null && canDeleteEventComment(viewer, event.facts, c.authorId),
      react: viewer != null && event != null && canInEvent(viewer, "event.participate", event.facts),
    },
  };
}

/**
 * Writes a live comment. 404 for an event the viewer may not see; 403 banned (or a guest outside the group); 400
 * empty, over 500 characters or a bad segment; 409 when the event's comments are off or it is not live.
 */
export function postEventComment({
  viewer,
  eventId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  input: z.input<typeof NewEventCommentSchema>;
}): number {
  const values = NewEventCommentSchema.parse(input);
  const checked = () => {
    const event = requireEvent(viewer, eventId);
    if (!canInEvent(viewer, "event.participate", event.facts)) throw forbidden();
    if (!event.comments) throw new AppError(409, "comments_off", "event.commentsOff");
    if (effectiveState(event) !== "live") throw new AppError(409, "comments_closed", "event.commentsClosed");
    return event;
  };
  checked();
  const html = renderComment(values.body);
  return getDb().transaction(() => {
    const event = checked();
    const now = Date.now();
    const id = rawStatement(
      `insert into event_comments (event_id, author_id, body, html, segment, created_at)
       values (@e, @me, @body, @html, @segment, @now) returning id`,
    )
      .pluck()
      .get({
        e: event.id,
        me: viewer.id,
        body: values.body,
        html,
        segment: stampSegment(event.id, values.segment, now),
        now,
      }) as number;
    recordEvent({
      type: "event_comment.changed",
      eventId: event.id,
      groupId: event.groupId,
      commentId: id,
      change: "created",
    });
    return id;
  }, IMMEDIATE);
}

/** One comment as its viewer sees it: 404 when missing, of another event, or its author is banned. */
export function getEventComment({
  viewer,
  eventId,
  commentId,
}: {
  viewer: Viewer;
  eventId: number;
  commentId: number;
}): EventCommentView {
  const event = requireEvent(viewer, eventId);
  const c = getCommentRow(commentId);
  if (!c || c.eventId !== event.id || c.banned) throw notFound();
  return toCommentView(viewer, event, c);
}

export type EventCommentPage = {
  comments: EventCommentView[];
  /** Each segment shown, with its title and how many visible comments it holds (the after-the-event grouping). */
  segments: { index: number | null; title: string; startedAt: number | null; count: number }[];
  nextCursor: number | null;
};

/**
 * The event's comments, newest first (or, with `segment`, that segment's comments oldest first: the talk as it
 * happened; `segment: null` those written before the host set any segment), a page of EVENT_COMMENT_PAGE after the
 * comment id `cursor`. Banned participants' comments are left out. 404 for an event the viewer may not see.
 */
export function listEventComments({
  viewer,
  eventId,
  segment,
  cursor,
  limit = EVENT_COMMENT_PAGE,
}: {
  viewer: Viewer;
  eventId: number;
  segment?: number | null;
  cursor?: number;
  limit?: number;
}): EventCommentPage {
  const event = requireEvent(viewer, eventId);
  const bySegment = segment !== undefined;
  const rows = rawStatement(
    `select ${COMMENT_COLUMNS} from event_comments c join users u on u.id = c.author_id
      where c.event_id = @e
        and (@bySegment = 0 or c.segment is @segment)
        and (@cursor is null or ${bySegment ? "c.id > @cursor" : "c.id < @cursor"})
        and not exists (select 1 from event_bans b where b.event_id = c.event_id and b.user_id = c.author_id)
      order by c.id ${bySegment ? "asc" : "desc"} limit @limit`,
  ).all({
    e: event.id,
    bySegment: bySegment ? 1 : 0,
    segment: segment ?? null,
    cursor: cursor ?? null,
    limit: limit + 1,
  }) as (Omit<EventCommentRow, "banned"> & { banned: number })[];
  const kept = rows.slice(0, limit);
  const reactions = reactionsOf(
    viewer.id,
    event.id,
    kept.map((r) => r.id),
  );
  const page = kept.map((r) => toCommentView(viewer, event, { ...r, banned: false }, reactions));
  const counts = new Map(
    (
      rawStatement(
        `select c.segment, count(*) as n from event_comments c where c.event_id = @e
          and not exists (select 1 from event_bans b where b.event_id = c.event_id and b.user_id = c.author_id)
          group by c.segment`,
      ).all({ e: event.id }) as { segment: number | null; n: number }[]
    ).map((r) => [r.segment, r.n]),
  );
  const segments: EventCommentPage["segments"] = listSegments(event.id).map((s) => ({
    ...s,
    count: counts.get(s.index) ?? 0,
  }));
  // Comments written before the host set any segment.
  if (counts.has(null)) segments.unshift({ index: null, title: "", startedAt: null, count: counts.get(null)! });
  return {
    comments: page,
    segments,
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** Deletes a comment (its author, the event's moderators and hosts). 404 as for reading it; 403 for others. */
export function deleteEventComment({
  viewer,
  eventId,
  commentId,
}: {
  viewer: Viewer;
  eventId: number;
  commentId: number;
}): void {
  getDb().transaction(() => {
    const event = requireEvent(viewer, eventId);
    const c = getCommentRow(commentId);
    const moderator = canInEvent(viewer, "event.moderate", event.facts);
    if (!c || c.eventId !== event.id || (c.banned && !moderator)) throw notFound();
    if (!canDeleteEventComment(viewer, event.facts, c.authorId)) throw forbidden();
    rawStatement(`delete from event_comments where id = @id`).run({ id: c.id });
    recordEvent({
      type: "event_comment.changed",
      eventId: event.id,
      groupId: event.groupId,
      commentId: c.id,
      change: "deleted",
    });
  }, IMMEDIATE);
}

/**
 * Adds (`on`) or removes the viewer's reaction of `kind` to a comment; idempotent. 404 as for reading the comment;
 * 403 for a banned participant (or a guest outside the group).
 */
export function setEventCommentReaction({
  viewer,
  eventId,
  commentId,
  kind,
  on,
}: {
  viewer: Viewer;
  eventId: number;
  commentId: number;
  kind: ReactionKind;
  on: boolean;
}): void {
  getDb().transaction(() => {
    const event = requireEvent(viewer, eventId);
    const c = getCommentRow(commentId);
    if (!c || c.eventId !== event.id || c.banned) throw notFound();
    if (!canInEvent(viewer, "event.participate", event.facts)) throw forbidden();
    const changed = on
      ? rawStatement(
          `insert into event_comment_reactions (comment_id, user_id, kind) values (@c, @u, @k) on conflict do nothing`,
        ).run({ c: c.id, u: viewer.id, k: kind }).changes
      : rawStatement(`delete from event_comment_reactions where comment_id = @c and user_id = @u and kind = @k`).run({
          c: c.id,
          u: viewer.id,
          k: kind,
        }).changes;
    if (changed > 0) {
      recordEvent({ type: "event_comment.reacted", eventId: event.id, groupId: event.groupId, commentId: c.id });
    }
  }, IMMEDIATE);
}
