// What a feed page tells its "N new posts" notice about itself (app/utils/live-feed.ts): for the home feed, the
// sources listHomeFeed reads — the viewer, the people and hashtags they follow, their groups.
import type { Viewer } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";
import type { LiveFeedScope } from "#app/utils/live-feed";

export function homeFeedScope(viewer: Viewer): LiveFeedScope {
  const handles = rawStatement(
    `select handle from users where id = @me
     union all select u.handle from follows f join users u on u.id = f.followee_id where f.follower_id = @me`,
  )
    .pluck()
    .all({ me: viewer.id }) as string[];
  const hashtagIds = rawStatement(`select hashtag_id from hashtag_follows where user_id = @me`)
    .pluck()
    .all({ me: viewer.id }) as number[];
  return { kind: "home", handles, hashtagIds, groupIds: [...viewer.memberOf] };
}
