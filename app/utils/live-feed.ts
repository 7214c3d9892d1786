// Which feed a live `post` event concerns (issue #10 §1, the feed's "N new posts" notice). Pure: the feed pages'
// loaders describe their feed as a LiveFeedScope, the browser matches each event of GET /api/v1/stream against it.
// The stream has already dropped what the viewer may not see; this only decides whether the post belongs here.

/** The `post` event's data (app/realtime/messages.server.ts encodes it; the OpenAPI document describes it). */
export type PostStreamData = {
  id: number;
  kind: string;
  author: { handle: string };
  group: { id: number; slug: string } | null;
  hashtags: { id: number; name: string }[];
  created_at: string;
};

export type LiveFeedScope =
  | { kind: "company" }
  | { kind: "group"; groupId: number }
  /** By name (normalised, as stored): a tag nobody has used yet has no id until the first post makes it. */
  | { kind: "hashtag"; name: string }
  /** The home feed's sources, as listHomeFeed reads them: me, people and hashtags I follow, my groups. */
  | { kind: "home"; handles: string[]; hashtagIds: number[]; groupIds: number[] };

export function concernsFeed(scope: LiveFeedScope, post: PostStreamData): boolean {
  switch (scope.kind) {
    case "company":
      return true;
    case "group":
      return post.group?.id === scope.groupId;
    case "hashtag":
      return post.hashtags.some((h) => h.name === scope.name);
    case "home":
      return (
        scope.handles.includes(post.author.handle) ||
        post.hashtags.some((h) => scope.hashtagIds.includes(h.id)) ||
        (post.group != null && scope.groupIds.includes(post.group.id))
      );
  }
}

/** The `ack` frame (issue #11 §3): an announcement's "seen by" counts, to its author and admins, coalesced. */
export type AckFrame = { post_id: number; acknowledged: number; total: number };
