// GET /api/v1/feeds/home — the token owner's home feed, newest first.
import { listHomeFeed } from "#app/models/feeds/feed.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/web/api.server";

const handle = apiRoute({
  GET: ({ url, viewer }) => apiJson(feedToJson(listHomeFeed({ viewer, ...parsePageParams(url) }))),
});

export const loader = handle;
export const action = handle;
