// Notifications are created by a consumer of the domain-event log; tests drain it explicitly before they look.
import { drainNotifications as drainOnce } from "#app/events/consumers/notifications.server";

export async function drainNotifications(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await drainOnce();
    if (r.failed) throw new Error(`notifications failed for ${r.failed} events`);
    if (!r.more && !r.busy) return;
  }
  throw new Error("notification events did not drain");
}
