import { and, eq, inArray, sql } from "drizzle-orm";
import {
  hashtags,
  mentions,
  postHashtags,
  postRevisions,
  posts,
  REACTION_KINDS,
  reactions,
  type ReactionKind,
} from "#db/schema";
import type { SessionUser } from "#app/web/auth.server";
import { getDb, preparedFor, type Tx } from "#app/infra/db.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { extractMentionCandidates, renderPost } from "#app/models/posts/markdown.server";
import { enqueueSearchUpdate } from "#app/models/search/outbox.server";
import { findActiveHandles } from "#app/models/people/user.server";

type Actor = Pick<SessionUser, "id" | "role">;

/** Renders a body exactly as publishing would, without storing anything (composer preview). */
export function previewPost(body: string): string {
  return render(body).html;
}

function render(body: string) {
  const known = findActiveHandles(extractMentionCandidates(body));
  const rendered = renderPost(body, { isKnownHandle: (h) => known.has(h) });
  return { ...rendered, mentionIds: rendered.mentions.map((h) => known.get(h)!).filter(Boolean) };
}

// The statements of every publish, built once per connection.
const q = preparedFor((db) => ({
  parent: db
    .select({ id: posts.id, threadId: posts.threadId })
    .from(posts)
    .where(eq(posts.id, sql.placeholder("id")))
    .prepare(),
  insertPost: db
    .insert(posts)
    .values({
      authorId: sql.placeholder("authorId"),
      body: sql.placeholder("body"),
      html: sql.placeholder("html"),
      // A reply points at its thread's root in both columns; a root gets its thread id right after.
      replyToId: sql.placeholder("replyToId"),
      threadId: sql.placeholder("replyToId"),
    })
    .returning({ id: posts.id })
    .prepare(),
  setThread: db
    .update(posts)
    .set({ threadId: posts.id })
    .where(eq(posts.id, sql.placeholder("id")))
    .prepare(),
  countReply: db
    .update(posts)
    .set({ replyCount: sql`${posts.replyCount} + 1` })
    .where(eq(posts.id, sql.placeholder("id")))
    .prepare(),
  upsertTag: db
    .insert(hashtags)
    .values({ name: sql.placeholder("name"), postCount: 1 })
    .onConflictDoUpdate({ target: hashtags.name, set: { postCount: sql`${hashtags.postCount} + 1` } })
    .returning({ id: hashtags.id })
    .prepare(),
  tagPost: db
    .insert(postHashtags)
    .values({ postId: sql.placeholder("postId"), hashtagId: sql.placeholder("hashtagId") })
    .prepare(),
  mention: db
    .insert(mentions)
    .values({ postId: sql.placeholder("postId"), userId: sql.placeholder("userId") })
    .onConflictDoNothing()
    .prepare(),
}));

function attachHashtags(postId: number, names: string[]) {
  for (const name of names) {
    const tag = q().upsertTag.get({ name })!;
    q().tagPost.run({ postId, hashtagId: tag.id });
  }
}

function recordMentions(postId: number, userIds: number[]) {
  for (const userId of userIds) q().mention.run({ postId, userId });
}

function detachHashtags(tx: Tx, postIds: number[]) {
  if (postIds.length === 0) return [];
  const rows = tx
    .select({ hashtagId: postHashtags.hashtagId })
    .from(postHashtags)
    .where(inArray(postHashtags.postId, postIds))
    .all();
  for (const { hashtagId } of rows) {
    tx.update(hashtags)
      .set({ postCount: sql`max(${hashtags.postCount} - 1, 0)` })
      .where(eq(hashtags.id, hashtagId))
      .run();
  }
  tx.delete(postHashtags).where(inArray(postHashtags.postId, postIds)).run();
  return rows.map((r) => r.hashtagId);
}

/** Publishes an update, or a reply when replyToId is given (replies attach to the root of the thread). */
export function publishPost({ actor, body, replyToId }: { actor: Actor; body: string; replyToId?: number | null }): {
  id: number;
  threadId: number;
} {
  const rendered = render(body);
  // Statements prepared on the connection run inside its transaction (better-sqlite3 is synchronous).
  return getDb().transaction((tx) => {
    let threadId: number | null = null;
    if (replyToId != null) {
      const parent = q().parent.get({ id: replyToId });
      if (!parent) throw new AppError(404, "reply_target_not_found", "error.notFound");
      threadId = parent.threadId ?? parent.id;
    }
    const post = q().insertPost.get({ authorId: actor.id, body, html: rendered.html, replyToId: threadId })!;
    if (threadId == null) {
      threadId = post.id;
      q().setThread.run({ id: post.id });
    } else {
      q().countReply.run({ id: threadId });
    }
    attachHashtags(post.id, rendered.hashtags);
    recordMentions(post.id, rendered.mentionIds);
    enqueueSearchUpdate(tx, "post", [post.id]);
    return { id: post.id, threadId };
  });
}

function requireOwnPost(tx: Tx, actor: Actor, postId: number, { adminMay }: { adminMay: boolean }) {
  const post = tx
    .select({
      id: posts.id,
      authorId: posts.authorId,
      body: posts.body,
      replyToId: posts.replyToId,
      threadId: posts.threadId,
    })
    .from(posts)
    .where(eq(posts.id, postId))
    .get();
  if (!post) throw notFound();
  if (post.authorId !== actor.id && !(adminMay && actor.role === "admin")) throw forbidden();
  return post;
}

/** The author edits a post; the previous body is kept in the history and the post is marked edited. */
export function editPost({ actor, postId, body }: { actor: Actor; postId: number; body: string }) {
  const rendered = render(body);
  getDb().transaction((tx) => {
    const post = requireOwnPost(tx, actor, postId, { adminMay: false });
    if (post.body === body) return;
    tx.insert(postRevisions).values({ postId, body: post.body }).run();
    tx.update(posts).set({ body, html: rendered.html, editedAt: new Date() }).where(eq(posts.id, postId)).run();
    const oldTags = detachHashtags(tx, [postId]);
    attachHashtags(postId, rendered.hashtags);
    tx.delete(mentions).where(eq(mentions.postId, postId)).run();
    recordMentions(postId, rendered.mentionIds);
    enqueueSearchUpdate(tx, "post", [postId]);
    enqueueSearchUpdate(tx, "hashtag", oldTags);
  });
}

/** Deletes a post (by its author or an admin); deleting a thread's root deletes its replies. */
export function deletePost({ actor, postId }: { actor: Actor; postId: number }) {
  getDb().transaction((tx) => {
    const post = requireOwnPost(tx, actor, postId, { adminMay: true });
    const ids =
      post.replyToId == null
        ? tx
            .select({ id: posts.id })
            .from(posts)
            .where(eq(posts.threadId, postId))
            .all()
            .map((r) => r.id)
        : [postId];
    if (!ids.includes(postId)) ids.push(postId);
    const tagIds = detachHashtags(tx, ids);
    if (post.replyToId != null) {
      tx.update(posts)
        .set({ replyCount: sql`max(${posts.replyCount} - 1, 0)` })
        .where(eq(posts.id, post.replyToId))
        .run();
    }
    tx.delete(posts)
      .where(
        inArray(
          posts.id,
          ids.filter((id) => id !== postId),
        ),
      )
      .run();
    tx.delete(posts).where(eq(posts.id, postId)).run();
    enqueueSearchUpdate(tx, "post", ids);
    enqueueSearchUpdate(tx, "hashtag", [...new Set(tagIds)]);
  });
}

export function isReactionKind(kind: unknown): kind is ReactionKind {
  return typeof kind === "string" && (REACTION_KINDS as readonly string[]).includes(kind);
}

/** Adds or removes the actor's reaction of one kind; idempotent either way. */
export function setReaction({
  actor,
  postId,
  kind,
  on,
}: {
  actor: Actor;
  postId: number;
  kind: ReactionKind;
  on: boolean;
}) {
  const db = getDb();
  db.transaction((tx) => {
    const exists = tx.select({ id: posts.id }).from(posts).where(eq(posts.id, postId)).get();
    if (!exists) throw notFound();
    if (on) {
      tx.insert(reactions).values({ postId, userId: actor.id, kind }).onConflictDoNothing().run();
    } else {
      tx.delete(reactions)
        .where(and(eq(reactions.postId, postId), eq(reactions.userId, actor.id), eq(reactions.kind, kind)))
        .run();
    }
  });
}

export function toggleReaction({ actor, postId, kind }: { actor: Actor; postId: number; kind: ReactionKind }) {
  const mine = getDb()
    .select({ kind: reactions.kind })
    .from(reactions)
    .where(and(eq(reactions.postId, postId), eq(reactions.userId, actor.id), eq(reactions.kind, kind)))
    .get();
  setReaction({ actor, postId, kind, on: !mine });
}

export function listRevisions(postId: number) {
  return getDb()
    .select({ id: postRevisions.id, body: postRevisions.body, createdAt: postRevisions.createdAt })
    .from(postRevisions)
    .where(eq(postRevisions.postId, postId))
    .orderBy(postRevisions.id)
    .all();
}
