// Hashtags as the viewer may know them: a hashtag used only in a private group does not exist for anyone
// outside it, and every count is the sum over the audiences the viewer may read (hashtag_counts), so no count
// reveals that private posts exist.
import type { Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { singleton } from "#app/infra/registry.server";
import { notFound } from "#app/utils/errors";

/** The hashtag with the viewer's count and follow state; null when it is unknown or invisible to them. */
export function getHashtag(name: string, viewer: Viewer) {
  const tag = rawStatement(`select id, name from hashtags where name = @name`).get({ name }) as
    { id: number; name: string } | undefined;
  if (!tag) return null;
  const postCount = rawStatement(
    `select coalesce(sum(post_count), 0) from hashtag_counts
      where hashtag_id = @tag and (group_id = 0 and @employee = 1 or group_id in (select value from json_each(@readable)))`,
  )
    .pluck()
    .get({ tag: tag.id, ...visibilityParams(viewer) }) as number;
  const following = !!rawStatement(`select 1 from hashtag_follows where user_id = @me and hashtag_id = @tag`).get({
    me: viewer.id,
    tag: tag.id,
  });
  // Nothing visible uses it: the same answer as a hashtag that does not exist (unless the viewer follows it).
  if (postCount === 0 && !following) return null;
  return { ...tag, postCount, following };
}

type Trending = { name: string; count: number }[];
// Per process, per database (the registry is reset with the database in tests). Deliberately not shared between
// the workers of `npm start` (docs/decisions/0003-every-core.md): it caches an aggregate of a week of posts that is
// allowed to be a minute old, so each worker's copy is as correct as one shared copy would be — workers may
// briefly disagree about the order of the top ten, never about who may see what (the key is the audience). Sharing it
// would cost a write or an IPC round trip per read to save one query per worker and audience a minute.
const trendingCache = () => singleton("trending-hashtags", () => new Map<string, { at: number; value: Trending }>());

/**
 * The most used hashtags of the last 7 days among the posts the viewer may see; cached a minute per audience
 * (viewers with the same readable groups share it) because it aggregates a week of posts.
 */
export function listTrendingHashtags(viewer: Viewer, now = Date.now()): Trending {
  if (viewer.guest) return [];
  const params = visibilityParams(viewer);
  const key = params.readable;
  const cache = trendingCache();
  const cached = cache.get(key);
  if (cached && now - cached.at < 60_000) return cached.value;
  const value = rawStatement(
    `select h.name as name, count(*) as count
       from post_hashtags ph join posts p on p.id = ph.post_id join hashtags h on h.id = ph.hashtag_id
      where ph.created_at >= @since and ${VISIBLE_POST("p")}
      group by ph.hashtag_id order by count desc, h.name limit 10`,
  ).all({ since: now - 7 * 24 * 3600 * 1000, ...params }) as Trending;
  if (cache.size > 1000) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

export function followHashtag({ viewer, name, follow }: { viewer: Viewer; name: string; follow: boolean }) {
  const tag = getHashtag(name, viewer);
  if (!tag) throw notFound();
  if (follow) {
    rawStatement(`insert into hashtag_follows (user_id, hashtag_id) values (@me, @tag) on conflict do nothing`).run({
      me: viewer.id,
      tag: tag.id,
    });
  } else {
    rawStatement(`delete from hashtag_follows where user_id = @me and hashtag_id = @tag`).run({
      me: viewer.id,
      tag: tag.id,
    });
  }
}

/** The hashtags the viewer follows, by name, each with the viewer's count (issue #12 item 16: /hashtags). */
export function listFollowedHashtags(viewer: Viewer) {
  return rawStatement(
    `select h.name as name,
            (select coalesce(sum(c.post_count), 0) from hashtag_counts c
              where c.hashtag_id = h.id
                and (c.group_id = 0 and @employee = 1 or c.group_id in (select value from json_each(@readable))))
              as postCount
       from hashtag_follows f join hashtags h on h.id = f.hashtag_id
      where f.user_id = @me order by h.name limit 500`,
  ).all(visibilityParams(viewer)) as { name: string; postCount: number }[];
}
