// The company's knowledge stats (issue #9 item 7), for site admins: the whole company, a department or a group,
// over 30, 90 or 365 days. Anyone else gets 404, as for a page that does not exist. `_` keeps it out of the
// /questions page's layout (that page renders no outlet).
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  getKnowledgeStats,
  listStatsDepartments,
  listStatsGroups,
  parseKnowledgeStatsQuery,
} from "#app/models/questions/knowledge-stats.server";
import { useT } from "#app/utils/use-t";
import { pageLoader } from "#app/web/page.server";
import { KnowledgeStatsView } from "#app/components/knowledge-stats";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "knowledgeStats.title");

export const loader = pageLoader(({ viewer, url }) => {
  const query = parseKnowledgeStatsQuery(url.searchParams);
  const stats = getKnowledgeStats({ viewer, ...query });
  return { stats, departments: listStatsDepartments(viewer), groups: listStatsGroups(viewer) };
});

export default function CompanyKnowledgeStats() {
  const t = useT();
  const { stats, departments, groups } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>
        {stats.group
          ? t("knowledgeStats.titleOfGroup", { group: stats.group.name })
          : stats.department
            ? t("knowledgeStats.titleOfDepartment", { department: stats.department })
            : t("knowledgeStats.title")}
      </h1>
      <KnowledgeStatsView stats={stats} departments={departments} groups={groups} />
    </div>
  );
}
