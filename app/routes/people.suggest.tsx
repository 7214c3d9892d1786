import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestPeople } from "#app/models/people/user.server";
import { requireViewer } from "#app/web/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 40);
  return { people: suggestPeople({ viewer, query: q }) };
}
