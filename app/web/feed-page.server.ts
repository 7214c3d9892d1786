// The loader of a feed page (home, company): one page of the feed, trending hashtags, and the composer's
// audiences — company-wide (not for guests) or one of the viewer's groups.
import { can } from "#app/access/rules";
import type { GroupVisibility, Viewer } from "#app/access/rules";
import { listPinnedAnnouncementIds } from "#app/models/posts/announcements.server";
import { hydratePosts } from "#app/models/posts/read-model.server";
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
  const groups = listPostableGroups(viewer);
  return {
    feed,
    live,
    trending: listTrendingHashtags(viewer),
    companyWide: can(viewer, "company.post", null),
    audiences: groups.map(({ slug, name, visibility }) => ({ slug, name, visibility })),
    // Announcements (issue #11 §3): those pinned for the viewer, and where the composer offers 공지 (app/access).
    pinned: hydratePosts(listPinnedAnnouncementIds({ viewer }), viewer),
    announce: announceOptions(viewer, groups),
  };
}

/** Where the viewer may post an announcement (company: "" ) and whether they may mark one urgent. */
export function announceOptions(viewer: Viewer, groups: { id: number; slug: string; visibility: GroupVisibility }[]) {
  const slugs = groups
    .filter((g) => can(viewer, "post.announce", { id: g.id, visibility: g.visibility, archived: false }))
    .map((g) => g.slug);
  return {
    audiences: [...(can(viewer, "post.announce", null) ? [""] : []), ...slugs],
    urgent: can(viewer, "announcement.urgent", null),
  };
}

export type FeedPageData = Awaited<ReturnType<ReturnType<typeof feedPageLoader>>>;
