// Feeds as models (cf. Mastodon's home_feed): each returns one page of post views and the cursor of the next.
// Every feed is keyset-paginated on the post id (ids grow with time), never OFFSET, and every feed filters by
// the visibility rule inside its query (so a page is never short because of hidden posts) before the read model
// applies it again.
import { canReadGroup, type Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { hydratePosts, type PostView } from "#app/models/posts/read-model.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { parseId } from "#app/utils/ids";

export type { PostView } from "#app/models/posts/read-model.server";

export const FEED_PAGE_SIZE = 20;

export type FeedPage = { posts: PostView[]; nextCursor: string | null };

export function parseCursor(cursor: string | null | undefined): number {
  if (cursor == null || cursor === "") return Number.MAX_SAFE_INTEGER;
  // A feed cursor is the last post id seen: the one id grammar of app/utils/ids.
  const id = parseId(cursor);
  if (id == null) throw new AppError(400, "bad_cursor", "error.badRequest");
  return id;
}

function page(ids: number[], viewer: Viewer, limit: number): FeedPage {
  const more = ids.length > limit;
  const pageIds = ids.slice(0, limit);
  return { posts: hydratePosts(pageIds, viewer), nextCursor: more ? String(pageIds.at(-1)) : null };
}

type FeedArgs = { viewer: Viewer; cursor?: string | null; limit?: number };

function ids(sqlText: string, viewer: Viewer, params: Record<string, unknown>): number[] {
  return rawStatement(sqlText)
    .pluck()
    .all({ ...visibilityParams(viewer), ...params }) as number[];
}

/** Every thread the viewer may see, company-wide and in groups, newest first. Not for guests. */
export function listCompanyFeed({ viewer, cursor, limit = FEED_PAGE_SIZE }: FeedArgs): FeedPage {
  if (viewer.guest) throw forbidden();
  const found = ids(
    `select id from posts p where reply_to_id is null and id < @before and ${VISIBLE_POST("p")}
      order by id desc limit @n`,
    viewer,
    { before: parseCursor(cursor), n: limit + 1 },
  );
  return page(found, viewer, limit);
}

/** The viewer's own threads, those of people and hashtags they follow, and their groups' threads. */
export function listHomeFeed({ viewer, cursor, limit = FEED_PAGE_SIZE }: FeedArgs): FeedPage {
  // Newest n visible roots of each source (followed person, me, followed hashtag, my group), merged: json_each
  // over a grouped subquery acts as a lateral join, so each source walks its own index and stops after n rows.
  // Cost grows with how many people/tags/groups one follows, not with the number of posts (bench/README.md).
  const found = ids(
    `select value as id from (
         select followee_id as author_id from follows where follower_id = @me
         union all select @me) as a,
       json_each((select json_group_array(id) from (
         select id from posts p where author_id = a.author_id and reply_to_id is null and id < @before
            and p.anonymous = 0 and ${VISIBLE_POST("p")}
          order by id desc limit @n)))
     union
     select value from hashtag_follows hf,
       json_each((select json_group_array(post_id) from (
         select ph.post_id from post_hashtags ph cross join posts p on p.id = ph.post_id
          where ph.hashtag_id = hf.hashtag_id and ph.post_id < @before and p.reply_to_id is null
            and ${VISIBLE_POST("p")}
          order by ph.post_id desc limit @n)))
      where hf.user_id = @me
     union
     select value from group_members gm,
       json_each((select json_group_array(id) from (
         select id from posts p where p.group_id = gm.group_id and p.reply_to_id is null and p.id < @before
          order by p.id desc limit @n)))
      where gm.user_id = @me
     order by 1 desc limit @n`,
    viewer,
    { before: parseCursor(cursor), n: limit + 1, me: viewer.id },
  );
  return page(found, viewer, limit);
}

/** A person's posts and replies that the viewer may see. */
export function listProfileFeed({ viewer, authorId, cursor, limit = FEED_PAGE_SIZE }: FeedArgs & { authorId: number }) {
  const found = ids(
    // An anonymous post's stored author is the host who published it (issue #10 §7): not theirs to show.
    `select id from posts p where author_id = @author and id < @before and p.anonymous = 0 and ${VISIBLE_POST("p")}
      order by id desc limit @n`,
    viewer,
    { author: authorId, before: parseCursor(cursor), n: limit + 1 },
  );
  return page(found, viewer, limit);
}

/** Posts (roots and replies) with a hashtag that the viewer may see. */
export function listHashtagFeed({
  viewer,
  hashtagId,
  cursor,
  limit = FEED_PAGE_SIZE,
}: FeedArgs & { hashtagId: number }) {
  const found = ids(
    `select ph.post_id from post_hashtags ph cross join posts p on p.id = ph.post_id
      where ph.hashtag_id = @tag and ph.post_id < @before and ${VISIBLE_POST("p")}
      order by ph.post_id desc limit @n`,
    viewer,
    { tag: hashtagId, before: parseCursor(cursor), n: limit + 1 },
  );
  return page(found, viewer, limit);
}

/** A group's threads, newest first; 404 for a group whose posts the viewer may not read. */
export function listGroupFeed({ viewer, groupId, cursor, limit = FEED_PAGE_SIZE }: FeedArgs & { groupId: number }) {
  if (!canReadGroup(viewer, { id: groupId })) throw notFound();
  const found = ids(
    `select id from posts p where p.group_id = @g and p.reply_to_id is null and p.id < @before
      order by p.id desc limit @n`,
    viewer,
    { g: groupId, before: parseCursor(cursor), n: limit + 1 },
  );
  return page(found, viewer, limit);
}
