// A group's questions (issue #9 item 5): the /questions tabs and sorts, for one group. A group the viewer may
// find but not read (a private one) shows its header only, as its posts page does; a secret one is 404.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getGroup } from "#app/models/groups/group.server";
import { maySeeKnowledgeStats } from "#app/models/questions/knowledge-stats.server";
import { listQuestions } from "#app/models/questions/question-lists.server";
import { parseQuestionListParams } from "#app/utils/question-lists";
import { useT } from "#app/utils/use-t";
import { pageLoader } from "#app/web/page.server";
import { CARD_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { GroupHeader } from "#app/components/group-header";
import { QuestionList } from "#app/components/question-list";
import { contentTitle, localeOfMatches } from "#app/utils/page-title";
import { translate } from "#app/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(
    matches,
    data && `${translate(localeOfMatches(matches), "questions.title")} · ${data.group.name}`,
    "questions.title",
  );

export const loader = pageLoader(({ viewer, params, url }) => {
  const group = getGroup({ viewer, slug: params.slug ?? "" });
  const list = parseQuestionListParams(url.searchParams);
  const page = group.can.read
    ? listQuestions({
        viewer,
        groupId: group.id,
        status: list.status,
        sort: list.sort,
        cursor: url.searchParams.get("cursor"),
      })
    : null;
  return {
    group,
    params: list,
    questions: page?.posts ?? [],
    nextCursor: page?.nextCursor ?? null,
    // Knowledge stats (issue #9 item 7): linked only for the group's admins (and site admins who may read it).
    mayStats: maySeeKnowledgeStats(viewer, group),
  };
});

export const action = ({ request }: ActionFunctionArgs) => handlePostAction(request, { intents: CARD_INTENTS });

export default function GroupQuestions() {
  const { group, params, questions, nextCursor, mayStats } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack">
      <GroupHeader group={group} tab="questions" />
      {mayStats ? (
        <p>
          <Link to={`/groups/${group.slug}/questions/stats`}>{t("knowledgeStats.link")}</Link>
        </p>
      ) : null}
      {group.can.read ? <QuestionList params={params} posts={questions} nextCursor={nextCursor} /> : null}
    </div>
  );
}
