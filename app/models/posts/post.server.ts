// Writing posts: publish (an update, question or announcement, company-wide or in a group, or a reply), edit,
// delete, react. Each use case takes the acting Viewer, asks app/access whether it may (a post it may not see
// answers 404, one it may see but not change 403), and writes its change and its domain event in one transaction.
import { z } from "zod";
import { can, canReadGroup, canSeePost, type GroupRef, type PostAccessFacts, type Viewer } from "#app/access/rules";
import { whoMaySeeAudience } from "#app/access/visibility.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { recordEvent } from "#app/events/domain-events.server";
import { requireGroup, groupRef } from "#app/models/groups/group.server";
import { renderPost } from "#app/models/posts/markdown.server";
import { findActiveHandles } from "#app/models/people/user.server";
import {
  checkAnnouncement,
  recordAnnouncement,
  type AnnouncementOptions,
} from "#app/models/posts/announcement-publish.server";
import { askError, recordAnswerRequests, resolveAnswerRequests } from "#app/models/questions/answer-requests.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { QuestionTitleSchema, toFieldErrors } from "#app/utils/validation";
import { POST_KINDS, type PostKind } from "#db/enums";
import type { ReactionKind } from "#app/utils/reactions";

export const PostKindSchema = z.enum(POST_KINDS, { error: "error.invalid" });

export type StoredPost = PostAccessFacts & {
  id: number;
  kind: PostKind;
  body: string;
  replyToId: number | null;
  threadId: number;
  groupId: number | null;
  /** The kind of its thread's root (its own for a root): a reply in a question's thread is an answer. */
  rootKind: PostKind;
  acceptedAnswerId: number | null;
  /** A question's title; null for every other post. */
  title: string | null;
};

/** The post with what the access rule needs; 404 when it does not exist or the viewer may not see it. */
export function requireVisiblePost(viewer: Viewer, postId: number, missing: () => AppError = notFound): StoredPost {
  const row = rawStatement(
    `select p.id, p.author_id as authorId, p.kind, p.body, p.reply_to_id as replyToId, p.thread_id as threadId,
            p.group_id as groupId, g.visibility, g.archived_at as archivedAt,
            p.accepted_answer_id as acceptedAnswerId, p.title,
            coalesce((select r.kind from posts r where r.id = p.reply_to_id), p.kind) as rootKind
       from posts p left join groups g on g.id = p.group_id where p.id = @id`,
  ).get({ id: postId }) as
    | (Omit<StoredPost, "group" | "isRoot"> & { visibility: GroupRef["visibility"]; archivedAt: number | null })
    | undefined;
  if (!row) throw missing();
  const group =
    row.groupId == null ? null : groupRef({ id: row.groupId, visibility: row.visibility, archivedAt: row.archivedAt });
  const post: StoredPost = {
    id: row.id,
    authorId: row.authorId,
    kind: row.kind,
    body: row.body,
    replyToId: row.replyToId,
    threadId: row.threadId ?? row.id,
    groupId: row.groupId,
    group,
    isRoot: row.replyToId == null,
    rootKind: row.rootKind,
    acceptedAnswerId: row.acceptedAnswerId,
    title: row.title,
  };
  if (!canSeePost(viewer, post)) throw missing();
  return post;
}

function render(body: string, group: GroupRef | null) {
  let known = new Map<string, number>();
  let allowed = new Set<number>();
  // One lexing of the body: the candidates are looked up while it renders (the write path's largest cost after
  // the transaction, issue #7).
  const rendered = renderPost(body, {
    prepare: (candidates) => {
      known = findActiveHandles(candidates);
      allowed = whoMaySeeAudience([...known.values()], group);
    },
    isKnownHandle: (h) => known.has(h) && allowed.has(known.get(h)!),
  });
  const hidden = [...known].filter(([, id]) => !allowed.has(id)).map(([h]) => h);
  return { ...rendered, mentionIds: rendered.mentions.map((h) => known.get(h)!).filter(Boolean), hidden };
}

/**
 * Renders a body exactly as publishing it would, storing nothing (the composer's preview), and names the
 * mentioned people who could not see it (the composer warns: "이지은 is not a member of this private group").
 */
export function previewPost({
  viewer,
  body,
  group: slug,
  replyToId,
}: {
  viewer: Viewer;
  body: string;
  group?: string | null;
  replyToId?: number | null;
}): { html: string; notReached: { handle: string; name: string }[] } {
  let group: GroupRef | null = null;
  if (replyToId != null) group = requireVisiblePost(viewer, replyToId).group;
  else if (slug) {
    group = groupRef(requireGroup(viewer, slug));
    // Only where one may post: the "not reached" list names the mentioned non-members, so previewing in someone
    // else's private group would tell who its members are (access contract test).
    if (!canReadGroup(viewer, group)) throw notFound();
    if (!can(viewer, "group.post", group)) throw forbidden();
  }
  const rendered = render(body, group);
  const names = rendered.hidden.length
    ? (rawStatement(
        `select handle, name from users where handle in (select value from json_each(@h)) order by name`,
      ).all({
        h: JSON.stringify(rendered.hidden),
      }) as { handle: string; name: string }[])
    : [];
  return { html: rendered.html, notReached: names };
}

function attachHashtags(postId: number, names: string[], groupId: number | null) {
  for (const name of names) {
    const tagId = rawStatement(
      `insert into hashtags (name, post_count) values (@name, 1)
       on conflict (name) do update set post_count = post_count + 1 returning id`,
    )
      .pluck()
      .get({ name }) as number;
    rawStatement(`insert into post_hashtags (post_id, hashtag_id) values (@postId, @tagId)`).run({ postId, tagId });
    rawStatement(
      `insert into hashtag_counts (hashtag_id, group_id, post_count) values (@tagId, @g, 1)
       on conflict (hashtag_id, group_id) do update set post_count = post_count + 1`,
    ).run({ tagId, g: groupId ?? 0 });
  }
}

function detachHashtags(postIds: number[], groupId: number | null): number[] {
  if (postIds.length === 0) return [];
  const tagIds = rawStatement(
    `select hashtag_id from post_hashtags where post_id in (select value from json_each(@ids))`,
  )
    .pluck()
    .all({ ids: JSON.stringify(postIds) }) as number[];
  for (const tagId of tagIds) {
    rawStatement(`update hashtags set post_count = max(post_count - 1, 0) where id = @tagId`).run({ tagId });
    rawStatement(
      `update hashtag_counts set post_count = max(post_count - 1, 0) where hashtag_id = @tagId and group_id = @g`,
    ).run({ tagId, g: groupId ?? 0 });
  }
  rawStatement(`delete from post_hashtags where post_id in (select value from json_each(@ids))`).run({
    ids: JSON.stringify(postIds),
  });
  return [...new Set(tagIds)];
}

function recordMentions(postId: number, userIds: number[]) {
  for (const userId of userIds) {
    rawStatement(`insert into mentions (post_id, user_id) values (@postId, @userId) on conflict do nothing`).run({
      postId,
      userId,
    });
  }
}

const replyTargetNotFound = () => new AppError(404, "reply_target_not_found", "error.notFound");

/**
 * Publishes a root post (company-wide, or in `group`, a slug) or, with replyToId, a reply: replies attach to the
 * root of the thread and inherit its audience. Guests post only in their groups; announcements are for admins
 * (company-wide) and group admins (in their group).
 */
export function publishPost(input: PublishInput): { id: number; threadId: number } {
  return preparePost(input).commit();
}

type PublishInput = {
  viewer: Viewer;
  body: string;
  replyToId?: number | null;
  group?: string | null;
  kind?: PostKind;
  /** A question's title (issue #9): required for a question, refused for anything else. */
  title?: string | null;
  /** "Ask someone" (issue #9 item 4): handles of people asked to answer a new question (parseAskHandles). */
  ask?: string[];
  /** An announcement's options (issue #11 §3): acknowledgement asked, urgent with its reason. */
  announcement?: AnnouncementOptions;
};

/** The title as stored: a question's, checked (400 with a message for `title`); null for any other kind. */
function questionTitle(kind: PostKind, isRoot: boolean, title: string | null | undefined): string | null {
  if (kind !== "question" || !isRoot) {
    if (title == null) return null;
    throw new AppError(400, "validation_failed", "question.titleNotAllowed", { title: "question.titleNotAllowed" });
  }
  const parsed = QuestionTitleSchema.safeParse(title ?? undefined);
  if (parsed.success) return parsed.data;
  const field = Object.values(toFieldErrors(parsed.error))[0];
  const { key, vars } = typeof field === "string" ? { key: field, vars: undefined } : field;
  throw new AppError(400, "validation_failed", key, { title: field }, vars);
}

/**
 * publishPost in two steps: the checks and the rendering, which write nothing, then `commit()`, the write
 * transaction. A caller that must wait for the write lock (app/api, writeWithoutStalling) waits between them, so
 * the lock is held only for the transaction.
 */
export function preparePost({
  viewer,
  body,
  replyToId,
  group: slug,
  kind = "update",
  title,
  ask = [],
  announcement = {},
}: PublishInput): {
  commit: () => { id: number; threadId: number };
} {
  const storedTitle = questionTitle(kind, replyToId == null, title);
  // Where the post goes and whether the viewer may post there: checked before rendering, and again under the
  // write lock, since a caller may wait between the two (a reply to a post deleted meanwhile is then a 404).
  const place = (): { group: GroupRef | null; threadId: number | null; answers: number | null } => {
    if (replyToId != null) {
      // The API's documented code (docs/api.md); a post the viewer may not see answers the same as a missing one.
      const parent = requireVisiblePost(viewer, replyToId, replyTargetNotFound);
      if (!can(viewer, "post.reply", parent)) throw forbidden();
      if (kind !== "update") throw new AppError(400, "bad_kind", "error.invalid", { kind: "error.invalid" });
      // Every reply points at its thread's root: in a question's thread, that makes it an answer.
      return {
        group: parent.group,
        threadId: parent.threadId,
        answers: parent.rootKind === "question" ? parent.threadId : null,
      };
    }
    let group: GroupRef | null = null;
    if (slug) {
      group = groupRef(requireGroup(viewer, slug));
      // A private group's name is public, its posts are not: writing where one cannot read is "not found".
      if (!canReadGroup(viewer, group)) throw notFound();
      if (!can(viewer, "group.post", group)) throw forbidden();
    } else if (!can(viewer, "company.post", null)) {
      throw forbidden();
    }
    return { group, threadId: null, answers: null };
  };
  const asking = ask.length > 0;
  if (asking && (kind !== "question" || replyToId != null)) throw askError("askSomeone.notQuestion");
  const audience = place().group;
  // Who may announce (a 403 that says why) and the options' 400s, before anything is rendered or written; again
  // under the write lock, like place().
  const check = () =>
    checkAnnouncement({ viewer, kind, isRoot: replyToId == null, group: audience, options: announcement });
  const announced = check();
  const rendered = render(body, audience);
  if (asking) resolveAnswerRequests({ id: null, authorId: viewer.id, group: audience }, ask);
  const commit = () =>
    getDb().transaction(() => {
      const { group, threadId: parentThread, answers } = place();
      if (announced) check();
      const { id, threadId } = insertPost({
        authorId: viewer.id,
        kind,
        title: storedTitle,
        body,
        rendered,
        threadId: parentThread,
        answers,
        groupId: group?.id ?? null,
        urgent: announced?.urgent,
      });
      if (announced) recordAnnouncement({ postId: id, actorId: viewer.id, facts: announced });
      if (asking) {
        recordAnswerRequests({ id, group }, resolveAnswerRequests({ id, authorId: viewer.id, group }, ask), viewer.id);
      }
      return { id, threadId };
    }, IMMEDIATE);
  return { commit };
}

/** A body rendered for its audience (mentions only of people who may see it), as publishing renders it. */
export const renderForAudience = render;

/**
 * Writes a post already checked and rendered, inside the caller's write transaction: the row, its thread's
 * counters, hashtags, mentions, and post.published (plus question.answered for an answer, `answers` being its
 * question). publishPost's commit, and the event archive (app/models/events/event-archive.server.ts), which
 * publishes an ended event's answered questions on their askers' and hosts' behalf.
 */
export function insertPost({
  authorId,
  kind,
  title,
  body,
  rendered,
  threadId: parentThread,
  answers = null,
  groupId,
  anonymous = false,
  createdAt = null,
  urgent = false,
}: {
  authorId: number;
  kind: PostKind;
  title: string | null;
  body: string;
  rendered: { html: string; hashtags: string[]; mentionIds: number[] };
  threadId: number | null;
  answers?: number | null;
  groupId: number | null;
  anonymous?: boolean;
  /** When it was written, if not now (the archive keeps when a question was asked and answered). */
  createdAt?: number | null;
  /** An urgent announcement (issue #11 §2): post.published says so, and its notifications are not held. */
  urgent?: boolean;
}): { id: number; threadId: number } {
  const id = rawStatement(
    `insert into posts (author_id, kind, title, body, html, reply_to_id, thread_id, group_id, anonymous, created_at)
     values (@author, @kind, @title, @body, @html, @thread, @thread, @group, @anonymous,
             coalesce(@createdAt, cast(unixepoch('subsec') * 1000 as integer))) returning id`,
  )
    .pluck()
    .get({
      author: authorId,
      kind,
      title,
      body,
      html: rendered.html,
      thread: parentThread,
      group: groupId,
      anonymous: anonymous ? 1 : 0,
      createdAt,
    }) as number;
  const threadId = parentThread ?? id;
  if (parentThread == null) {
    rawStatement(`update posts set thread_id = id where id = @id`).run({ id });
  } else {
    // last_reply_at: a question list's "recent activity" (issue #9).
    rawStatement(
      `update posts set reply_count = reply_count + 1,
         last_reply_at = (select created_at from posts where id = @reply) where id = @id`,
    ).run({ id: threadId, reply: id });
  }
  attachHashtags(id, rendered.hashtags, groupId);
  recordMentions(id, rendered.mentionIds);
  recordEvent({ type: "post.published", postId: id, threadId, groupId, ...(urgent ? { urgent: true } : {}) });
  if (answers != null) {
    recordEvent({ type: "question.answered", questionId: answers, answerId: id, groupId, userId: authorId });
  }
  return { id, threadId };
}

/** The author edits a post; the previous body is kept in the history and the post is marked edited. */
export function editPost({
  viewer,
  postId,
  body,
  title,
}: {
  viewer: Viewer;
  postId: number;
  body: string;
  /** A question's new title (issue #9), checked as when asking; undefined leaves it as it is. */
  title?: string;
}) {
  const post = requireVisiblePost(viewer, postId);
  if (!can(viewer, "post.edit", post)) throw forbidden();
  const newTitle = title === undefined ? post.title : questionTitle(post.kind, post.isRoot, title);
  if (post.body === body && newTitle === post.title) return;
  const rendered = render(body, post.group);
  getDb().transaction(() => {
    if (post.body !== body) {
      rawStatement(`insert into post_revisions (post_id, body) values (@id, @body)`).run({
        id: postId,
        body: post.body,
      });
    }
    rawStatement(`update posts set body = @body, html = @html, title = @title, edited_at = @at where id = @id`).run({
      id: postId,
      body,
      html: rendered.html,
      title: newTitle,
      at: Date.now(),
    });
    const oldTags = detachHashtags([postId], post.groupId);
    attachHashtags(postId, rendered.hashtags, post.groupId);
    rawStatement(`delete from mentions where post_id = @id`).run({ id: postId });
    recordMentions(postId, rendered.mentionIds);
    recordEvent({ type: "post.edited", postId, groupId: post.groupId, hashtagIds: oldTags });
  }, IMMEDIATE);
}

/** Deletes a post (its author, an admin, or an admin of its group); deleting a thread's root deletes its replies. */
export function deletePost({ viewer, postId }: { viewer: Viewer; postId: number }) {
  const post = requireVisiblePost(viewer, postId);
  if (!can(viewer, "post.delete", post)) throw forbidden();
  getDb().transaction(() => {
    const ids = post.isRoot
      ? (rawStatement(`select id from posts where thread_id = @id`).pluck().all({ id: postId }) as number[])
      : [postId];
    if (!ids.includes(postId)) ids.push(postId);
    const tagIds = detachHashtags(ids, post.groupId);
    // A deleted best answer is no longer the question's (the column has no ON DELETE action: db/schema.ts).
    rawStatement(
      `update posts set accepted_answer_id = null where accepted_answer_id in (select value from json_each(@ids))`,
    ).run({ ids: JSON.stringify(ids) });
    if (!post.isRoot) {
      rawStatement(`update posts set reply_count = max(reply_count - 1, 0) where id = @id`).run({ id: post.threadId });
    }
    const json = JSON.stringify(ids.filter((id) => id !== postId));
    rawStatement(`delete from posts where id in (select value from json_each(@ids))`).run({ ids: json });
    rawStatement(`delete from posts where id = @id`).run({ id: postId });
    recordEvent({ type: "post.deleted", postIds: ids, groupId: post.groupId, hashtagIds: tagIds });
  }, IMMEDIATE);
}

/** Adds or removes the viewer's reaction of one kind; idempotent either way. */
export function setReaction({
  viewer,
  postId,
  kind,
  on,
}: {
  viewer: Viewer;
  postId: number;
  kind: ReactionKind;
  on: boolean;
}) {
  const post = requireVisiblePost(viewer, postId);
  if (!can(viewer, "post.react", post)) throw forbidden();
  getDb().transaction(() => {
    const changed = on
      ? rawStatement(
          `insert into reactions (post_id, user_id, kind) values (@postId, @userId, @kind) on conflict do nothing`,
        ).run({ postId, userId: viewer.id, kind }).changes
      : rawStatement(`delete from reactions where post_id = @postId and user_id = @userId and kind = @kind`).run({
          postId,
          userId: viewer.id,
          kind,
        }).changes;
    if (changed) recordEvent({ type: "reaction.changed", postId, groupId: post.groupId, userId: viewer.id, kind, on });
  }, IMMEDIATE);
}

export function toggleReaction({ viewer, postId, kind }: { viewer: Viewer; postId: number; kind: ReactionKind }) {
  const mine = rawStatement(
    `select 1 from reactions where post_id = @postId and user_id = @userId and kind = @kind`,
  ).get({
    postId,
    userId: viewer.id,
    kind,
  });
  setReaction({ viewer, postId, kind, on: !mine });
}
