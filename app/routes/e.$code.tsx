// Joining by code (issue #10 §2): /e/K7QF2M, typed or scanned from the QR code, leads to the event — under the
// same access rule as every other path to it (a private group's event is 404 for anyone outside the group, like a
// code that does not exist). Any case; spaces ignored.
import { redirect } from "@remix-run/node";
import { requireEventByCode } from "#app/models/events/event.server";
import { pageLoader } from "#app/web/page.server";

export const loader = pageLoader(({ params, viewer }) => {
  const event = requireEventByCode(viewer, params.code ?? "");
  throw redirect(`/events/${event.id}`);
});
