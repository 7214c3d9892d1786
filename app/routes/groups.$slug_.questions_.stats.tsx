// A group's knowledge stats (issue #9 item 7), for its admins and for site admins who may read it, over 30, 90
// or 365 days. Anyone else gets 404, exactly as for a group that does not exist (a secret group stays unknown).
// `_` keeps it out of the group's questions page, which renders no outlet.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getGroup } from "#app/models/groups/group.server";
import { getKnowledgeStats, parseKnowledgeStatsQuery } from "#app/models/questions/knowledge-stats.server";
import { useT } from "#app/utils/use-t";
import { pageLoader } from "#app/web/page.server";
import { GroupHeader } from "#app/components/group-header";
import { KnowledgeStatsView } from "#app/components/knowledge-stats";
import { contentTitle, localeOfMatches } from "#app/utils/page-title";
import { translate } from "#app/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(
    matches,
    data && `${translate(localeOfMatches(matches), "knowledgeStats.title")} · ${data.group.name}`,
    "knowledgeStats.title",
  );

export const loader = pageLoader(({ viewer, params, url }) => {
  const { days } = parseKnowledgeStatsQuery(url.searchParams);
  // The stats first: they answer 404 for anyone who may not see them, before the group's header is shaped.
  const stats = getKnowledgeStats({ viewer, days, group: params.slug ?? "" });
  return { group: getGroup({ viewer, slug: params.slug ?? "" }), stats };
});

export default function GroupKnowledgeStats() {
  const t = useT();
  const { group, stats } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <GroupHeader group={group} tab="questions" />
      <h2>{t("knowledgeStats.title")}</h2>
      <KnowledgeStatsView stats={stats} />
    </div>
  );
}
