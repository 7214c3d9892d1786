// What every page's frame needs — the person (for the header), their unread count, their language, the public env.
// The root loader returns it; the server entry computes it for the one page the root loader never runs for: a
// document request that matches no route (Remix answers that 404 with empty loader data), so that page too keeps
// the header and speaks the person's language (issue #12 item 12).
import { getLocale, getUser } from "#app/web/auth.server";
import { getPublicEnv } from "#app/infra/env.server";
import { buildViewer } from "#app/access/viewer.server";
import { countUnread } from "#app/models/notifications/notifications.server";
import type { RootView } from "#app/utils/root-data";

export async function loadRootView(request: Request): Promise<RootView> {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  return {
    user: user
      ? {
          id: user.id,
          handle: user.handle,
          name: user.name,
          role: user.role,
          photoVersion: user.photoVersion,
          // Times everywhere in the person's own zone (issue #12 item 19): the server and the browser then agree.
          timeZone: user.timeZone,
        }
      : null,
    // The bell's count, server-rendered so it shows without JavaScript (issue #11); live updates come by stream.
    unreadNotifications: user ? countUnread(buildViewer(user)) : 0,
    locale,
    env: getPublicEnv(),
  };
}
