// The live bell (issue #11 §1; docs/decisions/0005-realtime.md): a notification.changed event of the log becomes a
// `notification` frame on the general stream (GET /api/v1/stream), addressed to its person alone (audience
// "user:<id>", which only that person's streams hold). It carries the unread count and the notification as it is
// when the frame is encoded — read through the access rule like every read — so a page updates its bell and a
// client can show the grouped row without another request.
import { getViewerById } from "#app/access/viewer.server";
import type { StoredEvent } from "#app/events/domain-events.server";
import { countUnread, getNotification, notificationToJson, type NotificationJson } from "./notifications.server";

export type NotificationStreamData = { unread_count: number; notification: NotificationJson | null };

/** The frame's data for a notification.changed event, or null when its person is gone or deactivated. */
export function notificationStreamData(stored: Pick<StoredEvent, "data">): NotificationStreamData | null {
  const { userId, notificationId } = stored.data as { userId: number; notificationId: number | null };
  const viewer = getViewerById(userId);
  if (!viewer) return null;
  const notification = notificationId != null ? getNotification(viewer, notificationId) : null;
  return { unread_count: countUnread(viewer), notification: notification ? notificationToJson(notification) : null };
}
