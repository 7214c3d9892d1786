import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { can } from "#app/access/rules";
import { listGroups, membersMayCreateGroups } from "#app/models/groups/group.server";
import { pageLoader } from "#app/web/page.server";
import { useT } from "#app/utils/use-t";
import { MembershipButton } from "#app/components/group-membership";
import { VisibilityBadge } from "#app/components/group-visibility";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "groups.title");

const DirectoryQuerySchema = z.object({
  tab: z.enum(["mine", "discover"]).catch("mine"),
  q: z
    .string()
    .catch("")
    .transform((s) => s.trim().slice(0, 100)),
  cursor: z.string().max(400).nullable().catch(null),
});

export const loader = pageLoader(({ viewer, url }) => {
  const params = url.searchParams;
  const { tab, q, cursor } = DirectoryQuerySchema.parse({
    tab: params.get("tab") ?? undefined,
    q: params.get("q") ?? undefined,
    cursor: params.get("cursor"),
  });
  const { groups, nextCursor } = listGroups({
    viewer,
    mine: tab === "mine",
    discover: tab === "discover",
    q,
    cursor,
  });
  return {
    tab,
    q,
    nextCursor,
    canCreate: can(viewer, "group.create", { membersMayCreateGroups: membersMayCreateGroups() }),
    groups: groups.map((g) => ({
      slug: g.slug,
      name: g.name,
      description: g.description,
      visibility: g.visibility,
      memberCount: g.memberCount,
      archived: g.archived,
      myRole: g.myRole,
      requested: g.requested,
      can: g.can,
    })),
  };
});

export default function Groups() {
  const { tab, q, groups, nextCursor, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const here = `/groups?${new URLSearchParams({ tab, ...(q ? { q } : {}) })}`;
  const tabLink = (to: "mine" | "discover") => `/groups?${new URLSearchParams({ tab: to, ...(q ? { q } : {}) })}`;
  return (
    <div className="stack group-directory">
      <div className="page-title">
        <h1>{t("groups.title")}</h1>
        {canCreate ? (
          <Link to="/groups/new" className="button primary">
            {t("groups.new")}
          </Link>
        ) : null}
      </div>
      <nav className="tabs" aria-label={t("groups.title")}>
        <Link to={tabLink("mine")} aria-current={tab === "mine" ? "page" : undefined}>
          {t("groups.mine")}
        </Link>
        <Link to={tabLink("discover")} aria-current={tab === "discover" ? "page" : undefined}>
          {t("groups.discover")}
        </Link>
      </nav>
      <Form method="get" role="search" className="group-search">
        <input type="hidden" name="tab" value={tab} />
        <label htmlFor="group-q" className="visually-hidden">
          {t("groups.search")}
        </label>
        <input id="group-q" type="search" name="q" defaultValue={q} placeholder={t("groups.search")} maxLength={100} />
        <button type="submit" className="secondary">
          {t("groups.searchSubmit")}
        </button>
      </Form>
      {groups.length === 0 ? (
        <p className="card muted">
          {q ? t("groups.none", { q }) : tab === "mine" ? t("groups.emptyMine") : t("groups.emptyDiscover")}
        </p>
      ) : (
        <ul className="group-list">
          {groups.map((g) => (
            <li key={g.slug} className="card group-row">
              <div>
                <h2>
                  <Link to={`/groups/${g.slug}`}>{g.name}</Link>
                </h2>
                <p className="group-facts">
                  <VisibilityBadge visibility={g.visibility} />
                  <span className="muted">{t("groups.members", { count: g.memberCount })}</span>
                  {g.myRole === "admin" ? <span className="badge">{t("groups.roleAdmin")}</span> : null}
                  {g.archived ? <span className="badge">{t("groups.archivedBadge")}</span> : null}
                </p>
                {g.description ? <p className="group-description">{g.description}</p> : null}
              </div>
              {g.can.join || g.requested ? <MembershipButton group={g} redirectTo={here} /> : null}
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link
            className="button"
            rel="next"
            to={`/groups?${new URLSearchParams({ tab, ...(q ? { q } : {}), cursor: nextCursor })}`}
          >
            {t("groups.more")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
