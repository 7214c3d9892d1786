import type { ActionFunctionArgs } from "@remix-run/node";
import { previewPost } from "#app/models/posts/post.server";
import { requireUser } from "#app/web/auth.server";
import { readForm } from "#app/web/forms.server";
import { MAX_POST_LENGTH } from "#app/utils/validation";

/** Composer preview: the same renderer and sanitiser as publishing, nothing stored. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const body = (await readForm(request, 64 * 1024)).get("body");
  if (typeof body !== "string" || body.length > MAX_POST_LENGTH) {
    return Response.json({ html: "" }, { status: 400 });
  }
  return { html: previewPost(body.normalize("NFC")) };
}
