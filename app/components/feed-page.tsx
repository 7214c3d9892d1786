import type { FeedPageData } from "#app/web/feed-page.server";
import { Composer } from "./composer";
import { FeedList } from "./post-card";
import { Trending } from "./trending";

/** A feed page (home, company): the composer with its audience picker, the feed, trending hashtags. */
export function FeedPageView({ title, data }: { title: string; data: FeedPageData }) {
  const { feed, trending, companyWide, audiences } = data;
  return (
    <div className="layout">
      <div className="stack">
        <h1>{title}</h1>
        {companyWide || audiences.length > 0 ? (
          <div className="card">
            <Composer intent="publish" groups={audiences} companyWide={companyWide} />
          </div>
        ) : null}
        <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
      </div>
      <Trending tags={trending} />
    </div>
  );
}
