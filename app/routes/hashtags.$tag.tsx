import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listHashtagFeed } from "#app/models/feeds/feed.server";
import { followHashtag, getHashtag, listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { followOrPostAction, pageLoader } from "#app/web/page.server";
import { FEED_INTENTS } from "#app/web/post-actions.server";
import { normaliseTag } from "#app/utils/hashtags";
import { useT } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";
import { FeedList } from "#app/components/post-card";
import { NewPostsNotice } from "#app/components/new-posts-notice";
import { Trending } from "#app/components/trending";
import { contentTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(matches, data && `#${data.tag.name}`, "hashtags.title");

function requireTagName(raw: string | undefined): string {
  const name = normaliseTag(raw ?? "");
  if (!name) throw new Response("Not found", { status: 404 });
  return name;
}

export const loader = pageLoader(({ params, url, viewer }) => {
  const name = requireTagName(params.tag);
  // A hashtag the viewer may not know of (used only where they cannot read) looks like an unused one.
  const tag = getHashtag(name, viewer);
  return {
    tag: tag ?? { id: 0, name, postCount: 0, following: false },
    feed: tag
      ? listHashtagFeed({ viewer, hashtagId: tag.id, cursor: url.searchParams.get("cursor") })
      : { posts: [], nextCursor: null },
    trending: listTrendingHashtags(viewer),
  };
});

export const action = followOrPostAction(FEED_INTENTS, ({ params, viewer, on }) =>
  followHashtag({ viewer, name: requireTagName(params.tag), follow: on }),
);

export default function HashtagPage() {
  const { tag, feed, trending } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="layout">
      <div className="stack">
        <div className="card profile-head">
          <div>
            <h1>#{tag.name}</h1>
            <p className="muted">{t("hashtag.posts", { count: tag.postCount })}</p>
            <p>
              <Link to={`/hashtags/${encodeURIComponent(tag.name)}/questions`}>
                {t("questions.hashtagLink", { tag: tag.name })}
              </Link>
            </p>
          </div>
          {tag.id ? (
            <Form method="post" style={{ marginLeft: "auto" }}>
              <button
                type="submit"
                name="intent"
                value={tag.following ? "unfollow" : "follow"}
                className={tag.following ? "secondary" : "primary"}
              >
                {tag.following ? t("hashtag.unfollow") : t("hashtag.follow")}
              </button>
            </Form>
          ) : null}
        </div>
        <div className="card">
          <Composer intent="publish" defaultValue={`#${tag.name} `} />
        </div>
        <NewPostsNotice scope={{ kind: "hashtag", name: tag.name }} newestId={feed.posts[0]?.id ?? null} />
        <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
      </div>
      <Trending tags={trending} />
    </div>
  );
}
