// "Seen by" as CSV (issue #11 §3): the same access as the page (app/access announcement.acks), cells that a
// spreadsheet could take for formulas escaped (announcements.server.ts csvCell).
import { exportAcksCsv } from "#app/models/posts/announcements.server";
import { parseId } from "#app/utils/ids";
import { pageLoader } from "#app/web/page.server";

export const loader = pageLoader(({ params, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  return new Response(exportAcksCsv({ viewer, postId }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="announcement-${postId}-seen-by.csv"`,
    },
  });
});
