// Mute a thread or a group (issue #11 §1): a plain form to /notifications/mute that comes back to this page with a
// flash; the activity of what is muted notifies nobody who muted it (mentions and requests to answer still do).
import { Form, useLocation } from "@remix-run/react";
import { useT } from "#app/utils/use-t";

export function MuteButton(props: { muted: boolean } & ({ postId: number } | { slug: string })) {
  const t = useT();
  const { pathname, search } = useLocation();
  const thread = "postId" in props;
  const label = thread
    ? props.muted
      ? t("notifications.unmuteThread")
      : t("notifications.muteThread")
    : props.muted
      ? t("notifications.unmuteGroup")
      : t("notifications.muteGroup");
  return (
    <Form method="post" action="/notifications/mute" className="inline mute-form">
      <input type="hidden" name="intent" value={props.muted ? "unmute" : "mute"} />
      {"postId" in props ? (
        <input type="hidden" name="postId" value={props.postId} />
      ) : (
        <input type="hidden" name="group" value={props.slug} />
      )}
      <input type="hidden" name="redirectTo" value={pathname + search} />
      <button type="submit" className="secondary" aria-pressed={props.muted}>
        {label}
      </button>
    </Form>
  );
}
