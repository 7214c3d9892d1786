// Feeds as models (cf. Mastodon's home_feed): each returns one page of post views and the cursor of the next.
// Every feed is keyset-paginated on the post id (ids grow with time), never OFFSET.
import { and, asc, eq, sql } from "drizzle-orm";
import { hashtagFollows, hashtags, posts, reactions, users, type ReactionKind } from "#db/schema";
import { getDb, rawStatement } from "#app/infra/db.server";
import { AppError, notFound } from "#app/utils/errors";
import type { PublicUser } from "#app/models/people/user.server";

export const FEED_PAGE_SIZE = 20;

export type PostView = {
  id: number;
  author: PublicUser;
  kind: "update" | "question" | "announcement";
  body: string;
  html: string;
  hashtags: string[];
  mentions: string[];
  replyToId: number | null;
  threadId: number;
  replyCount: number;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  createdAt: number;
  editedAt: number | null;
};

export type FeedPage = { posts: PostView[]; nextCursor: string | null };

export function parseCursor(cursor: string | null | undefined): number {
  if (cursor == null || cursor === "") return Number.MAX_SAFE_INTEGER;
  if (!/^\d{1,15}$/.test(cursor)) throw new AppError(400, "bad_cursor", "error.badRequest");
  return Number(cursor);
}

type HydrateRow = {
  id: number;
  kind: PostView["kind"];
  body: string;
  html: string;
  replyToId: number | null;
  threadId: number | null;
  replyCount: number;
  createdAt: number;
  editedAt: number | null;
  authorId: number;
  handle: string;
  name: string;
  department: string;
  title: string;
  photoVersion: number;
  hashtags: string;
  mentions: string;
  reactions: string;
  mine: string;
};

// One prepared statement for a whole page: the hot path of every feed, thread and API response
// (bench: building five drizzle queries per page cost a quarter of the server's CPU).
const HYDRATE_SQL = `
  select p.id, p.kind, p.body, p.html, p.reply_to_id as replyToId, p.thread_id as threadId,
         p.reply_count as replyCount, p.created_at as createdAt, p.edited_at as editedAt,
         u.id as authorId, u.handle, u.name, u.department, u.title, u.photo_version as photoVersion,
         (select json_group_array(h.name) from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
           where ph.post_id = p.id) as hashtags,
         (select json_group_array(mu.handle) from mentions m join users mu on mu.id = m.user_id
           where m.post_id = p.id) as mentions,
         (select json_group_object(kind, n) from
           (select r.kind, count(*) as n from reactions r where r.post_id = p.id group by r.kind)) as reactions,
         (select json_group_array(r.kind) from reactions r where r.post_id = p.id and r.user_id = @viewer) as mine
    from json_each(@ids) j
    join posts p on p.id = j.value
    join users u on u.id = p.author_id`;

/** Loads full views for the given post ids, in the given order, in one query. */
export function hydratePosts(ids: number[], viewerId: number | null): PostView[] {
  if (ids.length === 0) return [];
  const rows = rawStatement(HYDRATE_SQL).all({ ids: JSON.stringify(ids), viewer: viewerId ?? 0 }) as HydrateRow[];
  const byId = new Map<number, PostView>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      kind: r.kind,
      body: r.body,
      html: r.html,
      replyToId: r.replyToId,
      threadId: r.threadId ?? r.id,
      replyCount: r.replyCount,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      author: {
        id: r.authorId,
        handle: r.handle,
        name: r.name,
        department: r.department,
        title: r.title,
        photoVersion: r.photoVersion,
      },
      hashtags: JSON.parse(r.hashtags),
      mentions: JSON.parse(r.mentions),
      reactions: JSON.parse(r.reactions),
      myReactions: JSON.parse(r.mine),
    });
  }
  return ids.map((id) => byId.get(id)).filter((p): p is PostView => !!p);
}

function page(ids: number[], viewerId: number | null, limit: number): FeedPage {
  const more = ids.length > limit;
  const pageIds = ids.slice(0, limit);
  return {
    posts: hydratePosts(pageIds, viewerId),
    nextCursor: more ? String(pageIds.at(-1)) : null,
  };
}

type FeedArgs = { viewerId: number | null; cursor?: string | null; limit?: number };

function ids(sqlText: string, params: Record<string, unknown>): number[] {
  return rawStatement(sqlText).pluck().all(params) as number[];
}

/** Everything visible to the viewer, newest thread first. */
export function listCompanyFeed({ viewerId, cursor, limit = FEED_PAGE_SIZE }: FeedArgs): FeedPage {
  const found = ids(`select id from posts where reply_to_id is null and id < @before order by id desc limit @n`, {
    before: parseCursor(cursor),
    n: limit + 1,
  });
  return page(found, viewerId, limit);
}

/** The viewer's own threads, those of people they follow, and posts with hashtags they follow. */
export function listHomeFeed({ viewerId, cursor, limit = FEED_PAGE_SIZE }: FeedArgs & { viewerId: number }): FeedPage {
  // Newest n roots of each followed person (and of me) and of each followed hashtag, merged: json_each over a
  // grouped subquery acts as a lateral join, so each source walks its own index and stops after n rows.
  // Cost grows with how many people/tags one follows, not with the number of posts (bench/README.md).
  const found = ids(
    `select value as id from (
         select followee_id as author_id from follows where follower_id = @me
         union all select @me) as a,
       json_each((select json_group_array(id) from (
         select id from posts where author_id = a.author_id and reply_to_id is null and id < @before
          order by id desc limit @n)))
     union
     select value from hashtag_follows hf,
       json_each((select json_group_array(post_id) from (
         select ph.post_id from post_hashtags ph cross join posts p on p.id = ph.post_id
          where ph.hashtag_id = hf.hashtag_id and ph.post_id < @before and p.reply_to_id is null
          order by ph.post_id desc limit @n)))
      where hf.user_id = @me
     order by 1 desc limit @n`,
    { before: parseCursor(cursor), n: limit + 1, me: viewerId },
  );
  return page(found, viewerId, limit);
}

export function listProfileFeed({
  viewerId,
  authorId,
  cursor,
  limit = FEED_PAGE_SIZE,
}: FeedArgs & { authorId: number }): FeedPage {
  const found = ids(`select id from posts where author_id = @author and id < @before order by id desc limit @n`, {
    author: authorId,
    before: parseCursor(cursor),
    n: limit + 1,
  });
  return page(found, viewerId, limit);
}

export function getHashtag(name: string, viewerId: number | null) {
  const tag = getDb()
    .select({ id: hashtags.id, name: hashtags.name, postCount: hashtags.postCount })
    .from(hashtags)
    .where(eq(hashtags.name, name))
    .get();
  if (!tag) return null;
  const following = viewerId
    ? !!getDb()
        .select({ one: sql`1` })
        .from(hashtagFollows)
        .where(and(eq(hashtagFollows.userId, viewerId), eq(hashtagFollows.hashtagId, tag.id)))
        .get()
    : false;
  return { ...tag, following };
}

export function listHashtagFeed({
  viewerId,
  hashtagId,
  cursor,
  limit = FEED_PAGE_SIZE,
}: FeedArgs & { hashtagId: number }): FeedPage {
  const found = ids(
    `select post_id from post_hashtags where hashtag_id = @tag and post_id < @before order by post_id desc limit @n`,
    { tag: hashtagId, before: parseCursor(cursor), n: limit + 1 },
  );
  return page(found, viewerId, limit);
}

/** A whole conversation: the root first, then its replies oldest first. */
export function getThread({ postId, viewerId }: { postId: number; viewerId: number | null }) {
  const db = getDb();
  const post = db.select({ threadId: posts.threadId }).from(posts).where(eq(posts.id, postId)).get();
  if (!post) throw notFound();
  const threadId = post.threadId ?? postId;
  const idsInThread = db
    .select({ id: posts.id })
    .from(posts)
    .where(eq(posts.threadId, threadId))
    .orderBy(asc(posts.id))
    .all()
    .map((r) => r.id);
  const views = hydratePosts(idsInThread, viewerId);
  const root = views.find((v) => v.id === threadId);
  if (!root) throw notFound();
  return { root, replies: views.filter((v) => v.id !== threadId), focusId: postId };
}

export function getPostView(postId: number, viewerId: number | null): PostView {
  const [view] = hydratePosts([postId], viewerId);
  if (!view) throw notFound();
  return view;
}

/** Who reacted, by kind (names for the "who reacted" list). */
export function listReactors(postId: number) {
  return getDb()
    .select({ kind: reactions.kind, handle: users.handle, name: users.name })
    .from(reactions)
    .innerJoin(users, eq(users.id, reactions.userId))
    .where(eq(reactions.postId, postId))
    .orderBy(asc(reactions.createdAt))
    .limit(200)
    .all();
}

const trendingCache = new WeakMap<object, { at: number; value: { name: string; count: number }[] }>();

/** The most used hashtags of the last 7 days; cached for a minute because it aggregates a week of posts. */
export function listTrendingHashtags(now = Date.now()): { name: string; count: number }[] {
  const client = getDb().$client;
  const cached = trendingCache.get(client);
  if (cached && now - cached.at < 60_000) return cached.value;
  const value = rawStatement(
    `select h.name as name, count(*) as count from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
      where ph.created_at >= @since group by ph.hashtag_id order by count desc, h.name limit 10`,
  ).all({ since: now - 7 * 24 * 3600 * 1000 }) as { name: string; count: number }[];
  trendingCache.set(client, { at: now, value });
  return value;
}

export function followHashtag({ viewerId, name, follow }: { viewerId: number; name: string; follow: boolean }) {
  const tag = getHashtag(name, null);
  if (!tag) throw notFound();
  const db = getDb();
  if (follow) {
    db.insert(hashtagFollows).values({ userId: viewerId, hashtagId: tag.id }).onConflictDoNothing().run();
  } else {
    db.delete(hashtagFollows)
      .where(and(eq(hashtagFollows.userId, viewerId), eq(hashtagFollows.hashtagId, tag.id)))
      .run();
  }
}
