// What the log's events become on the streams (docs/decisions/0005-realtime.md). A stored event turns into zero or
// more messages: a topic (which streams carry it), an audience (the scopes that may see it, judged at send time
// against each viewer's current scopes) and the frame, encoded once for every client.
//
//   topic "feed" ........ the general stream (GET /api/v1/stream): event `post`, a new root post
//   topic "event:<id>" .. a live event's stream (issue #10 §2–3; event-messages.server.ts): `question`, `vote`
//                         (coalesced), `state`; `attendees` comes from the hub itself; and (§4, §6;
//                         event-live-messages.server.ts) `comment`, `segment`, `poll` (results coalesced)
//   notifications ....... on "feed" too (issue #11, the bell): event `notification`, audience ["user:<id>"] alone, so
//                         the one stream a page holds carries them (app/models/notifications/live.server.ts)
//   announcements ....... on "feed" too (issue #11 §3): event `ack`, an announcement's "seen by" counts, to its
//                         author and admins alone (announcements.server.ts ackWatchers), coalesced per post
import { postScopes, type GroupVisibility } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";
import type { StoredEvent } from "#app/events/domain-events.server";
import type { PostStreamData } from "#app/utils/live-feed";
import { notificationStreamData } from "#app/models/notifications/live.server";
import { eventLiveMessagesOf } from "./event-live-messages.server";
import { eventMessagesOf } from "./event-messages.server";
import { ackCounts, ackWatchers } from "#app/models/posts/announcements.server";
import type { AckFrame } from "#app/utils/live-feed";
import { encodeFrame, encodeUnnumbered } from "./frames";

export type StreamMessage = {
  id: number;
  topic: string;
  audience: readonly string[];
  frame: Buffer;
  /** A fast counter's key (votes): sent through the hub's coalescer, its frame without an id (frames.ts). */
  coalesce?: string;
};

type PostRow = {
  id: number;
  kind: string;
  replyToId: number | null;
  groupId: number | null;
  createdAt: number;
  handle: string;
  slug: string | null;
  visibility: GroupVisibility | null;
  hashtags: string;
};

function postMessage(stored: StoredEvent): StreamMessage | null {
  const row = rawStatement(
    `select p.id, p.kind, p.reply_to_id as replyToId, p.group_id as groupId, p.created_at as createdAt,
            case when p.anonymous then '' else u.handle end as handle, g.slug, g.visibility,
            (select coalesce(json_group_array(json_object('id', h.id, 'name', h.name)), '[]')
               from post_hashtags ph join hashtags h on h.id = ph.hashtag_id where ph.post_id = p.id) as hashtags
       from posts p join users u on u.id = p.author_id left join groups g on g.id = p.group_id
      where p.id = @id`,
  ).get({ id: stored.data.postId }) as PostRow | undefined;
  // Deleted since, or a reply (feeds list roots; replies reach threads through their own streams later).
  if (!row || row.replyToId != null) return null;
  const group = row.groupId != null ? { id: row.groupId, visibility: row.visibility ?? "private" } : null;
  const data: PostStreamData = {
    id: row.id,
    kind: row.kind,
    author: { handle: row.handle },
    group: row.groupId != null ? { id: row.groupId, slug: row.slug ?? "" } : null,
    hashtags: (JSON.parse(row.hashtags) as { id: number; name: string }[]).sort((a, b) => a.id - b.id),
    created_at: new Date(row.createdAt).toISOString(),
  };
  // The audience of the post as its group is now (a group made private since the post loses its company scope).
  return { id: stored.id, topic: "feed", audience: postScopes(group), frame: encodeFrame(stored.id, "post", data) };
}

/** The stream messages of one stored event (none for most types: they are bookkeeping, not news). */
export function messagesOf(stored: StoredEvent): StreamMessage[] {
  switch (stored.type) {
    case "post.published": {
      const message = postMessage(stored);
      return message ? [message] : [];
    }
    case "announcement.acked": {
      // A burst of acknowledgements (everyone reading the morning's announcement) sends the newest counts only.
      const postId = Number(stored.data.postId);
      const counts = ackCounts(postId);
      if (!counts) return [];
      const data: AckFrame = { post_id: postId, ...counts };
      return [
        {
          id: stored.id,
          topic: "feed",
          audience: ackWatchers(postId).map((id) => `user:${id}`),
          frame: encodeUnnumbered("ack", data),
          coalesce: `ack:${postId}`,
        },
      ];
    }
    case "notification.changed": {
      const data = notificationStreamData(stored);
      const audience = [`user:${String(stored.data.userId)}`];
      return data
        ? [{ id: stored.id, topic: "feed", audience, frame: encodeFrame(stored.id, "notification", data) }]
        : [];
    }
    case "event_comment.changed":
    case "event_comment.reacted":
    case "event.segment":
    case "event_poll.changed":
    case "event_poll.voted":
      return eventLiveMessagesOf(stored);
    case "event.banned":
      return [...eventMessagesOf(stored), ...eventLiveMessagesOf(stored)];
    default:
      return eventMessagesOf(stored);
  }
}
