// The event's questions as CSV for its moderators and hosts (issue #10 §3), from the event page with the session
// (the API's GET /api/v1/events/:id/export is the same export for tokens). The asker column is empty for anonymous
// questions unless the event lets hosts see askers and the viewer is a host: exportEventQuestionsCsv decides.
import { exportEventQuestionsCsv } from "#app/models/events/event-moderation.server";
import { parseId } from "#app/utils/ids";
import { notFound } from "#app/utils/errors";
import { pageLoader } from "#app/web/page.server";

export const loader = pageLoader(({ params, viewer }) => {
  const eventId = parseId(params.eventId);
  if (eventId == null) throw notFound();
  const csv = exportEventQuestionsCsv({ viewer, eventId });
  // The byte-order mark makes spreadsheet programs read Korean as UTF-8.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="event-${eventId}-questions.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
