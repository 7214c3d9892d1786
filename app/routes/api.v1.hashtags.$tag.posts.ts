// GET /api/v1/hashtags/:tag/posts — posts with a hashtag (any case, with or without '#'), newest first.
import { getHashtag, listHashtagFeed } from "#app/models/feeds/feed.server";
import { apiJson, apiRoute, feedToJson, parsePageParams } from "#app/web/api.server";
import { notFound } from "#app/utils/errors";
import { normaliseTag } from "#app/models/posts/markdown.server";

const handle = apiRoute({
  GET: ({ params, url, user }) => {
    const name = normaliseTag(params.tag ?? "");
    if (!name) throw notFound();
    const page = parsePageParams(url);
    const tag = getHashtag(name, null);
    // A well-formed tag nobody has used yet is an empty list, as on the web page.
    if (!tag) return apiJson({ data: [], next_cursor: null });
    return apiJson(feedToJson(listHashtagFeed({ viewerId: user.id, hashtagId: tag.id, ...page })));
  },
});

export const loader = handle;
export const action = handle;
