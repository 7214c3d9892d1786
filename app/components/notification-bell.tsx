// The header's bell (issue #11 §1): a link to /notifications with the unread count, rendered by the server (it
// works without JavaScript) and, once hydrated, kept current by the `notification` frames of the page's live
// stream (app/utils/live-stream.ts) — counts from any tab, process or the CLI reach it within a moment.
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { listenLive } from "#app/utils/live-stream";
import { useT } from "#app/utils/use-t";

export function NotificationBell({ count }: { count: number }) {
  const t = useT();
  const [live, setLive] = useState<number | null>(null);
  // A new server count (a navigation, an action) is newer than any frame seen before it.
  useEffect(() => setLive(null), [count]);
  useEffect(
    () =>
      listenLive("notification", (event) => {
        const data = JSON.parse(event.data) as { unread_count?: unknown };
        if (typeof data.unread_count === "number") setLive(data.unread_count);
      }),
    [],
  );
  const shown = live ?? count;
  return (
    <Link
      to="/notifications"
      className="bell"
      aria-label={shown > 0 ? t("notifications.bellUnread", { count: shown }) : t("notifications.bell")}
      data-unread={shown}
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {shown > 0 ? <span className="bell-count">{shown > 99 ? "99+" : shown}</span> : null}
    </Link>
  );
}
