import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestPeople } from "#app/models/people/user.server";
import { requireUser } from "#app/web/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 40);
  return { people: suggestPeople(q) };
}
