// The feed calls that feeds-models.ts times and explain-worker.ts explains, defined once. Each call does what
// the API route does once the token is checked: build the Viewer (memberships and the list of public groups,
// read fresh on every request), look up the hashtag or the group, and list one page.
import { getViewerById } from "#app/access/viewer.server";
import {
  listCompanyFeed,
  listGroupFeed,
  listHashtagFeed,
  listHomeFeed,
  type FeedPage,
} from "#app/models/feeds/feed.server";
import { requireGroup } from "#app/models/groups/group.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import type { FeedName } from "./lib";

export type FeedSubjects = {
  homeUser: number;
  quietUser: number;
  tag: string;
  privateGroup: string;
  publicGroup: string;
};

export type FeedCall = (cursor: string | null) => FeedPage;

export function feedCalls(s: FeedSubjects): Record<FeedName, FeedCall> {
  // Fail early, with a clear message, when the dataset lacks what the benchmark needs.
  const probe = viewer(s.homeUser);
  if (!getHashtag(s.tag, probe)) throw new Error(`hashtag ${s.tag} not found`);
  for (const slug of [s.privateGroup, s.publicGroup]) requireGroup(probe, slug);
  viewer(s.quietUser);
  return {
    home: (cursor) => listHomeFeed({ viewer: viewer(s.homeUser), cursor }),
    "home-quiet": (cursor) => listHomeFeed({ viewer: viewer(s.quietUser), cursor }),
    company: (cursor) => listCompanyFeed({ viewer: viewer(s.homeUser), cursor }),
    "group-private": (cursor) => groupFeed(s.homeUser, s.privateGroup, cursor),
    "group-public": (cursor) => groupFeed(s.homeUser, s.publicGroup, cursor),
    hashtag: (cursor) => {
      const v = viewer(s.homeUser);
      return listHashtagFeed({ viewer: v, hashtagId: getHashtag(s.tag, v)!.id, cursor });
    },
  };
}

function groupFeed(userId: number, slug: string, cursor: string | null) {
  const v = viewer(userId);
  return listGroupFeed({ viewer: v, groupId: requireGroup(v, slug).id, cursor });
}

function viewer(id: number) {
  const v = getViewerById(id);
  if (!v) throw new Error(`user ${id} not found or not active`);
  return v;
}
