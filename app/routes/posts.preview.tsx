import type { ActionFunctionArgs } from "@remix-run/node";
import { previewPost } from "#app/models/posts/post.server";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToAction, readForm } from "#app/web/forms.server";
import { parseId } from "#app/utils/ids";
import { MAX_POST_LENGTH } from "#app/utils/validation";

/**
 * Composer preview: the same renderer and sanitiser as publishing, nothing stored. With `group` (a slug) or
 * `replyToId` it also names the mentioned people who could not see the post, so the composer can warn.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const form = await readForm(request, 64 * 1024);
  const body = form.get("body");
  const group = form.get("group");
  const replyToId = form.get("replyToId");
  if (typeof body !== "string" || body.length > MAX_POST_LENGTH) {
    return Response.json({ html: "", notReached: [] }, { status: 400 });
  }
  try {
    return previewPost({
      viewer,
      body: body.normalize("NFC"),
      group: typeof group === "string" && group ? group : null,
      replyToId: parseId(replyToId),
    });
  } catch (error) {
    return appErrorToAction(error);
  }
}
