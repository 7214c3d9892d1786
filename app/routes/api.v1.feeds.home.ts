// GET /api/v1/feeds/home — the token owner's home feed, newest first.
import { listHomeFeed } from "#app/models/feed.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/utils/api.server";

const handle = apiRoute({
  GET: ({ url, user }) => apiJson(feedToJson(listHomeFeed({ viewerId: user.id, ...parsePageParams(url) }))),
});

export const loader = handle;
export const action = handle;
