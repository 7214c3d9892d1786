import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUserPhoto } from "#app/models/people/photo.server";
import { requireUser } from "#app/web/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = Number(params.userId);
  const photo = Number.isSafeInteger(id) ? getUserPhoto(id) : null;
  if (!photo) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(photo.webp), {
    headers: {
      "Content-Type": "image/webp",
      // URLs carry ?v=<photoVersion>, so a new photo is a new URL.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}
