// GET /api/v1/hashtags/:tag/posts — posts with a hashtag (any case, with or without '#'), newest first.
import { listHashtagFeed } from "#app/models/feeds/feed.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/web/api.server";
import { notFound } from "#app/utils/errors";
import { normaliseTag } from "#app/models/posts/markdown.server";

const handle = apiRoute({
  GET: ({ params, url, viewer }) => {
    const name = normaliseTag(params.tag ?? "");
    if (!name) throw notFound();
    const page = parsePageParams(url);
    const tag = getHashtag(name, viewer);
    // A well-formed tag nobody has used yet is an empty list, as on the web page.
    if (!tag) return apiJson({ data: [], next_cursor: null });
    return apiJson(feedToJson(listHashtagFeed({ viewer, hashtagId: tag.id, ...page })));
  },
});

export const loader = handle;
export const action = handle;
