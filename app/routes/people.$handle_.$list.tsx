import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FOLLOW_LISTS, listFollows, type FollowList } from "#app/models/people/directory.server";
import { getLocale } from "#app/web/auth.server";
import { pageLoader } from "#app/web/page.server";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { contentTitle, localeOfMatches } from "#app/utils/page-title";
import { translate } from "#app/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(
    matches,
    data && `${data.person.name} · ${translate(localeOfMatches(matches), `profile.${data.list}`)}`,
    "people.title",
  );

/**
 * /people/:handle/followers and /people/:handle/following: the lists a profile's counts open (issue #12 item 15).
 * Someone the viewer may not see answers 404; the list holds only people the viewer may see.
 */
export const loader = pageLoader(async ({ request, params, url, viewer }) => {
  const list = params.list as FollowList;
  if (!(FOLLOW_LISTS as readonly string[]).includes(list)) throw new Response("Not found", { status: 404 });
  return {
    list,
    ...listFollows({
      viewer,
      handle: params.handle ?? "",
      list,
      locale: await getLocale(request),
      cursor: url.searchParams.get("cursor"),
    }),
  };
});

export default function FollowListPage() {
  const { list, person, people, nextCursor } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>
        <Link to={`/people/${person.handle}`}>{person.name}</Link> · {t(`profile.${list}`)}
      </h1>
      {people.length === 0 ? <p className="card muted">{t("feed.empty")}</p> : null}
      <ul className="people-grid">
        {people.map((p) => (
          <li key={p.id} className="card person">
            <Avatar user={p} size={48} />
            <div>
              <Link to={`/people/${p.handle}`}>
                <strong>{p.name}</strong>
              </Link>
              <div className="muted">@{p.handle}</div>
              <div className="muted">{[p.title, p.department].filter(Boolean).join(" · ")}</div>
            </div>
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <Link className="button" to={`?cursor=${nextCursor}`} rel="next">
          {t("feed.more")}
        </Link>
      ) : null}
    </div>
  );
}
