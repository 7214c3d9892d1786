import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLiveAckCounts } from "#app/components/announcement";
import { getAckSummary } from "#app/models/posts/announcements.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { parseId } from "#app/utils/ids";
import { pageTitle } from "#app/utils/page-title";
import { useT } from "#app/utils/use-t";
import { pageLoader } from "#app/web/page.server";
import { htmlToPlainText } from "#search/text";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "announcement.seenByTitleShort");

/**
 * "Seen by" of an announcement (issue #11 §3): for its author, admins and its group's admins (app/access
 * announcement.acks; 404 for a post the viewer may not see, 403 for the rest). Counts overall and by department,
 * updated live by the page's stream (`ack` frames, coalesced), and those who have not acknowledged, by name.
 */
export const loader = pageLoader(({ params, url, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  const summary = getAckSummary({ viewer, postId, cursor: url.searchParams.get("cursor") });
  const post = requirePostView(postId, viewer);
  const text = htmlToPlainText(post.html);
  return { summary, title: text.length > 60 ? `${text.slice(0, 60)}…` : text, threadId: post.threadId };
});

export default function SeenBy() {
  const { summary, title, threadId } = useLoaderData<typeof loader>();
  const t = useT();
  const counts = useLiveAckCounts(summary.postId, { acknowledged: summary.acknowledged, total: summary.total });
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>{t("announcement.seenByTitle", { title })}</h1>
      <p>
        <Link to={`/posts/${threadId}`}>{t("announcement.backToPost")}</Link>
      </p>
      {summary.requiresAck ? null : <p className="muted">{t("announcement.noAck")}</p>}
      <p className="card seen-by-count" aria-live="polite" data-testid="seen-by-count">
        {t("announcement.seenBy", {
          acked: (counts ?? summary).acknowledged,
          total: (counts ?? summary).total,
        })}
      </p>
      <section className="card" aria-labelledby="seen-by-departments">
        <h2 id="seen-by-departments">{t("announcement.byDepartment")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("announcement.department")}</th>
              <th scope="col">{t("announcement.acknowledged")}</th>
              <th scope="col">{t("announcement.notYet")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.departments.map((d) => (
              <tr key={d.department}>
                <th scope="row">{d.department || t("announcement.noDepartment")}</th>
                <td>{d.acknowledged}</td>
                <td>{d.total - d.acknowledged}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href={`/posts/${summary.postId}/acks.csv`} download>
            {t("announcement.exportCsv")}
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="seen-by-not-yet">
        <h2 id="seen-by-not-yet">{t("announcement.whoHasNot")}</h2>
        {summary.notYet.length === 0 ? <p className="muted">{t("announcement.everyoneHas")}</p> : null}
        <ul>
          {summary.notYet.map((p) => (
            <li key={p.handle}>
              <Link to={`/people/${p.handle}`}>{p.name}</Link> <span className="muted">{p.department}</span>
            </li>
          ))}
        </ul>
        {summary.nextCursor ? (
          <Link to={`?cursor=${summary.nextCursor}`} rel="next">
            {t("announcement.more")}
          </Link>
        ) : null}
      </section>
    </div>
  );
}
