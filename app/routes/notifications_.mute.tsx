// POST /notifications/mute (issue #11 §1): mute or unmute a thread (any of its posts' ids) or a group (its slug)
// for the signed-in person, then back to the page the form was on. A thread or group they may not see is a 404,
// as everywhere. Only a form posts here; a GET goes to the notifications page.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { muteGroup, muteThread } from "#app/models/notifications/settings.server";
import { parseId } from "#app/utils/ids";
import { requireViewer, safeRedirect } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToResponse, formToObject, readForm } from "#app/web/forms.server";

export const loader = () => redirect("/notifications");

const MuteSchema = z.object({
  intent: z.enum(["mute", "unmute"]),
  postId: z.string().max(20).optional(),
  group: z.string().max(100).optional(),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const parsed = MuteSchema.safeParse(formToObject(await readForm(request)));
  if (!parsed.success || (parsed.data.postId == null) === (parsed.data.group == null)) {
    throw new Response("Bad request", { status: 400 });
  }
  const { intent, postId, group, redirectTo } = parsed.data;
  const muted = intent === "mute";
  try {
    if (postId != null) {
      const id = parseId(postId);
      if (id == null) throw new Response("Not found", { status: 404 });
      muteThread({ viewer, postId: id, muted });
      return redirectWithFlash(
        safeRedirect(redirectTo, `/posts/${id}`),
        muted ? "notifications.threadMuted" : "notifications.threadUnmuted",
      );
    }
    muteGroup({ viewer, slug: group ?? "", muted });
    return redirectWithFlash(
      safeRedirect(redirectTo, `/groups/${group}`),
      muted ? "notifications.groupMuted" : "notifications.groupUnmuted",
    );
  } catch (error) {
    if (error instanceof Response) throw error;
    return appErrorToResponse(error);
  }
}
