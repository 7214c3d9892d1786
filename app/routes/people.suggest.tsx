import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestPeople } from "#app/models/people/user.server";
import { requireViewer } from "#app/web/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 40);
  // Who someone may mention is personal: never cached by a shared cache (issue #8.16).
  return Response.json({ people: suggestPeople({ viewer, query: q }) }, { headers: { "Cache-Control": "no-store" } });
}
