import type { FeedPageData } from "#app/web/feed-page.server";
import { Composer } from "./composer";
import { NewPostsNotice } from "./new-posts-notice";
import { FeedList, PostCard } from "./post-card";
import { PinnedAnnouncements } from "./announcement";
import { Trending } from "./trending";

/** A feed page (home, company): the composer with its audience picker, the feed and its new-posts notice,
 * trending hashtags; `intro` above the feed (a newcomer's welcome on Home). */
export function FeedPageView({ title, data, intro }: { title: string; data: FeedPageData; intro?: React.ReactNode }) {
  const { feed, trending, companyWide, audiences, live, pinned, announce } = data;
  return (
    <div className="layout">
      <div className="stack">
        <h1>{title}</h1>
        {companyWide || audiences.length > 0 ? (
          // #compose: the phone's bottom bar's compose button lands here (issue #12 item 9).
          <div className="card" id="compose">
            <Composer intent="publish" groups={audiences} companyWide={companyWide} announce={announce} />
          </div>
        ) : null}
        {intro}
        <PinnedAnnouncements posts={pinned} Card={PostCard} />
        <NewPostsNotice scope={live} newestId={feed.posts[0]?.id ?? null} />
        <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
      </div>
      <Trending tags={trending} />
    </div>
  );
}
