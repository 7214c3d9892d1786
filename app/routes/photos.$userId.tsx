import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUserPhoto } from "#app/models/people/photo.server";
import { requireViewer } from "#app/web/auth.server";
import { parseId } from "#app/utils/ids";
import { canSeePersonId } from "#app/models/people/user.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const id = parseId(params.userId);
  // Someone the viewer may not see has no photo for them either (canSeePerson).
  const photo = id != null && canSeePersonId(viewer, id) ? getUserPhoto(id) : null;
  if (!photo) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(photo.webp), {
    headers: {
      "Content-Type": "image/webp",
      // URLs carry ?v=<photoVersion>, so a new photo is a new URL.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}
