import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestPeople } from "#app/models/people/user.server";
import { offWorkUntilByHandle } from "#app/models/people/working-hours.server";
import { getLocale, requireViewer } from "#app/web/auth.server";
import { offWorkLabel } from "#app/utils/off-work";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, viewer } = await requireViewer(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 40);
  const people = suggestPeople({ viewer, query: q });
  // Who is off work now (issue #11 §2): "퇴근 · 09:00에 알림", in the viewer's zone and language.
  const locale = await getLocale(request);
  const off = offWorkUntilByHandle(people.map((p) => p.handle));
  const withOff = people.map((p) => {
    const until = off.get(p.handle);
    return { ...p, offWork: until != null ? offWorkLabel(locale, until, user.timeZone) : null };
  });
  // Who someone may mention is personal: never cached by a shared cache (issue #8.16).
  return Response.json({ people: withOff }, { headers: { "Cache-Control": "no-store" } });
}
