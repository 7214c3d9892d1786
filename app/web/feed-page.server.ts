// The loader of a feed page (home, company): one page of the feed, trending hashtags, and the composer's
// audiences — company-wide (not for guests) or one of the viewer's groups.
import { can } from "#app/access/rules";
import type { Viewer } from "#app/access/rules";
import type { FeedPage } from "#app/models/feeds/feed.server";
import { listPostableGroups } from "#app/models/groups/group.server";
import { listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { pageLoader } from "./page.server";

export function feedPageLoader(list: (args: { viewer: Viewer; cursor: string | null }) => FeedPage) {
  return pageLoader(({ url, viewer }) => ({
    feed: list({ viewer, cursor: url.searchParams.get("cursor") }),
    trending: listTrendingHashtags(viewer),
    companyWide: can(viewer, "company.post", null),
    audiences: listPostableGroups(viewer).map(({ slug, name, visibility }) => ({ slug, name, visibility })),
  }));
}

export type FeedPageData = Awaited<ReturnType<ReturnType<typeof feedPageLoader>>>;
