// GET /api/v1/users/:handle/posts — a person's posts and replies, newest first.
// (Nested under api.v1.users.$handle by the file name; resource requests only run the leaf route.)
import { listProfileFeed } from "#app/models/feeds/feed.server";
import { requireVisiblePersonId } from "#app/models/people/user.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/web/api.server";

const handle = apiRoute({
  GET: ({ params, url, viewer }) => {
    const authorId = requireVisiblePersonId(viewer, params.handle ?? "");
    return apiJson(feedToJson(listProfileFeed({ viewer, authorId, ...parsePageParams(url) })));
  },
});

export const loader = handle;
export const action = handle;
