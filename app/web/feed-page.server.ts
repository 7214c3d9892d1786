// The loader of a feed page (home, company): one page of the feed, trending hashtags, and the composer's
// audiences — company-wide (not for guests) or one of the viewer's groups.
import { can } from "#app/access/rules";
import type { Viewer } from "#app/access/rules";
import type { FeedPage } from "#app/models/feeds/feed.server";
import { listPostableGroups } from "#app/models/groups/group.server";
import { listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import type { LiveFeedScope } from "#app/utils/live-feed";
import { pageLoader } from "./page.server";

export function feedPageLoader(
  list: (args: { viewer: Viewer; cursor: string | null }) => FeedPage,
  /** Which new posts the page's "N new posts" notice counts (issue #10 §1). */
  live: (viewer: Viewer) => LiveFeedScope,
) {
  return pageLoader(({ url, viewer }) =>
    feedPageData(viewer, list({ viewer, cursor: url.searchParams.get("cursor") }), live(viewer)),
  );
}

/** A feed page's data around one page of a feed (Home picks its feed per viewer: app/routes/home.tsx). */
export function feedPageData(viewer: Viewer, feed: FeedPage, live: LiveFeedScope) {
  return {
    feed,
    live,
    trending: listTrendingHashtags(viewer),
    companyWide: can(viewer, "company.post", null),
    audiences: listPostableGroups(viewer).map(({ slug, name, visibility }) => ({ slug, name, visibility })),
  };
}

export type FeedPageData = Awaited<ReturnType<ReturnType<typeof feedPageLoader>>>;
