// The events the viewer may see (issue #10 §2): live now, upcoming (soonest first) and past (latest first), each
// listed only where the access rule lets the viewer see it; "New event" for those who may create one somewhere.
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listEventAudiences, listEvents } from "#app/models/events/event.server";
import { getLocale } from "#app/web/auth.server";
import { eventTime } from "#app/web/event-pages.server";
import { pageLoader } from "#app/web/page.server";
import eventStyles from "#app/styles/events.css?url";
import { useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export const loader = pageLoader(async ({ request, user, viewer }) => {
  const locale = await getLocale(request);
  const shape = (state: "live" | "upcoming" | "ended") =>
    listEvents({ viewer, state }).map((e) => ({
      id: e.id,
      title: e.title,
      kind: e.kind,
      state: e.state,
      group: e.group?.name ?? null,
      when: eventTime(locale, e.startsAt, user.timeZone),
      questions: e.questionCount,
    }));
  const audiences = listEventAudiences(viewer);
  return {
    live: shape("live"),
    upcoming: shape("upcoming"),
    past: shape("ended"),
    canCreate: audiences.company || audiences.groups.length > 0,
  };
});

export default function Events() {
  const t = useT();
  const { live, upcoming, past, canCreate } = useLoaderData<typeof loader>();
  const sections = [
    { key: "live", title: t("events.live"), list: live },
    { key: "upcoming", title: t("events.upcoming"), list: upcoming },
    { key: "past", title: t("events.past"), list: past },
  ];
  return (
    <div className="stack">
      <div className="event-row">
        <h1>{t("events.title")}</h1>
        {canCreate ? (
          <Link to="/events/new" className="button primary">
            {t("events.new")}
          </Link>
        ) : null}
      </div>
      {sections.map((section) => (
        <section key={section.key} className="stack" aria-labelledby={`events-${section.key}`}>
          <h2 id={`events-${section.key}`}>{section.title}</h2>
          {section.list.length === 0 ? <p className="hint">{t("events.none")}</p> : null}
          <ul className="stack event-list">
            {section.list.map((e) => (
              <li key={e.id} className="card">
                <p className="meta">
                  <span className={`badge event-${e.state}`}>{t(`events.state.${e.state}`)}</span>{" "}
                  {t(`events.kind.${e.kind}`)} · {e.group ?? t("events.company")} · {e.when}
                </p>
                <h3>
                  <Link to={`/events/${e.id}`}>{e.title}</Link>
                </h3>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
