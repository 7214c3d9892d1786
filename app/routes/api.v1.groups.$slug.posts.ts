// GET /api/v1/groups/:slug/posts — a group's threads, newest first (404 unless the caller may read the group).
import { requireGroup } from "#app/models/groups/group.server";
import { listGroupFeed } from "#app/models/feeds/feed.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/web/api.server";

const handle = apiRoute({
  GET: ({ params, url, viewer }) => {
    const group = requireGroup(viewer, params.slug ?? "");
    return apiJson(feedToJson(listGroupFeed({ viewer, groupId: group.id, ...parsePageParams(url) })));
  },
});

export const loader = handle;
export const action = handle;
