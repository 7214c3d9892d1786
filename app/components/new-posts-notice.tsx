// "새 게시물 N개 / N new posts" (issue #10 §1): a pill fixed above the feed — nothing is inserted, so nothing moves —
// counting the new root posts of GET /api/v1/stream that belong to this feed; clicking it loads the newest page.
// Rendered only in the browser after hydration: without JavaScript nothing changes.
import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { concernsFeed, type LiveFeedScope, type PostStreamData } from "#app/utils/live-feed";
import { listenLive } from "#app/utils/live-stream";
import { useT } from "#app/utils/use-t";

export function NewPostsNotice({ scope, newestId }: { scope: LiveFeedScope; newestId: number | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [arrived, setArrived] = useState<number[]>([]);
  const key = JSON.stringify(scope);

  useEffect(() => {
    const feed = JSON.parse(key) as LiveFeedScope;
    // The page's one stream, shared with the header's bell (app/utils/live-stream.ts).
    return listenLive("post", (event) => {
      const post = JSON.parse(event.data) as PostStreamData;
      if (concernsFeed(feed, post)) setArrived((ids) => (ids.includes(post.id) ? ids : [...ids, post.id]));
    });
  }, [key]);

  // Posts already on the page (the viewer's own, after the feed reloaded) do not count.
  const count = arrived.filter((id) => newestId == null || id > newestId).length;
  if (count === 0) return null;
  return (
    <div className="new-posts" role="status">
      <button
        type="button"
        className="new-posts-pill"
        title={t("realtime.newPostsHint")}
        onClick={() => {
          setArrived([]);
          window.scrollTo({ top: 0 });
          navigate(pathname);
        }}
      >
        {count === 1 ? t("realtime.newPost") : t("realtime.newPosts", { count })}
      </button>
    </div>
  );
}
