// Announcements on cards and pages (issue #11 §3, docs/decisions/0009-announcements.md): the badges, the
// "확인했습니다 / I've read this" (or "Dismiss") form of a pinned announcement, the author's and admins' live
// "seen by" count, and the pinned list at the top of Home and of a group.
import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { PostView } from "#app/models/posts/read-model.server";
import type { AckFrame } from "#app/utils/live-feed";
import { listenLive } from "#app/utils/live-stream";
import { useT } from "#app/utils/use-t";

/** The counts of one announcement as the stream updates them (from `initial`, the page's). */
export function useLiveAckCounts(postId: number, initial: { acknowledged: number; total: number } | null) {
  const [counts, setCounts] = useState(initial);
  // A new page of data (a navigation) starts from its counts; the object itself is new on every render.
  const acknowledged = initial?.acknowledged;
  const total = initial?.total;
  useEffect(() => {
    setCounts(acknowledged == null || total == null ? null : { acknowledged, total });
  }, [acknowledged, total]);
  useEffect(
    () =>
      listenLive("ack", (event) => {
        const data = JSON.parse(event.data) as AckFrame;
        if (data.post_id === postId) setCounts({ acknowledged: data.acknowledged, total: data.total });
      }),
    [postId],
  );
  return counts;
}

export function AnnouncementBadges({ post }: { post: Pick<PostView, "announcement"> }) {
  const t = useT();
  if (!post.announcement) return null;
  return (
    <>
      <span className="badge announcement">📢 {t("announcement.badge")}</span>
      {post.announcement.urgent ? <span className="badge urgent">{t("announcement.urgentBadge")}</span> : null}
    </>
  );
}

/** Under a pinned announcement: acknowledge it, or dismiss one that asks for no acknowledgement. */
export function AckForm({ post }: { post: Pick<PostView, "id" | "announcement"> }) {
  const t = useT();
  if (!post.announcement) return null;
  if (post.announcement.acknowledged) {
    return post.announcement.requiresAck ? <p className="muted">✓ {t("announcement.acked")}</p> : null;
  }
  return (
    <Form method="post" className="inline ack-form">
      <input type="hidden" name="intent" value="ack" />
      <input type="hidden" name="postId" value={post.id} />
      <button type="submit" className={post.announcement.requiresAck ? "primary" : "link-button"}>
        {post.announcement.requiresAck ? t("announcement.ack") : t("announcement.dismiss")}
      </button>
    </Form>
  );
}

/** The way to "seen by" for those who may watch it (post.can.acks): the counts and names are on its page, live. */
export function SeenByLink({ post }: { post: Pick<PostView, "id" | "announcement" | "can"> }) {
  const t = useT();
  if (!post.announcement?.requiresAck || !post.can.acks) return null;
  return (
    <Link to={`/posts/${post.id}/acks`} className="seen-by">
      {t("announcement.seenByTitleShort")}
    </Link>
  );
}

/** The announcements pinned for the viewer at the top of Home or a group, each with its acknowledgement. */
export function PinnedAnnouncements({
  posts,
  Card,
}: {
  posts: PostView[];
  Card: (props: { post: PostView }) => React.ReactNode;
}) {
  const t = useT();
  if (posts.length === 0) return null;
  return (
    <section className="stack pinned-announcements" aria-label={t("announcement.pinnedTitle")}>
      {posts.map((post) => (
        <div key={post.id} className="pinned-announcement">
          <Card post={post} />
          <AckForm post={post} />
        </div>
      ))}
    </section>
  );
}
