// The presenter view of a live event (issue #10 §5): full screen, large type, for the projector in the hall and a
// laptop on stage. Anyone who may see the event may open it read-only; hosts move through segments with → / ←,
// moderators and hosts highlight the top question with H and mark it answered with A (plain forms without
// JavaScript). Live through the event's stream. A private group's event is 404 for everyone else, as everywhere.
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EventPresenter } from "#app/components/event-presenter";
import presentStyles from "#app/styles/present.css?url";
import { notFound } from "#app/utils/errors";
import { parseId } from "#app/utils/ids";
import { requireViewer } from "#app/web/auth.server";
import { eventActionError } from "#app/web/event-pages.server";
import { PRESENT_KEYS, presenterData, pressPresenterKey, type PresentKey } from "#app/web/event-present.server";
import { invalid, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { contentTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(matches, data?.event.title, "present.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: presentStyles }];

function eventIdOf(params: { eventId?: string }): number {
  const id = parseId(params.eventId);
  if (id == null) throw notFound();
  return id;
}

export const loader = pageLoader(({ request, params, viewer }) => presenterData(request, viewer, eventIdOf(params)));

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const eventId = eventIdOf(params);
  const form = await readForm(request);
  const key = form.get("intent");
  const answer = form.get("answer");
  if (!PRESENT_KEYS.includes(key as PresentKey)) return invalid({ form: "error.badRequest" }, 400);
  try {
    pressPresenterKey(
      viewer,
      eventId,
      key as PresentKey,
      typeof answer === "string" && answer.trim() ? answer : undefined,
    );
  } catch (error) {
    return eventActionError(error);
  }
  return redirect(new URL(request.url).pathname, 303);
}

export default function PresentRoute() {
  return <EventPresenter data={useLoaderData<typeof loader>()} />;
}
