// The question lists (issue #9 item 5): tabs by status, a sort, "asked by me" and "I can answer", keyset "more"
// links. Links and a GET form only, so it all works without JavaScript; the cards' votes post to this page.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { maySeeKnowledgeStats } from "#app/models/questions/knowledge-stats.server";
import { listQuestions } from "#app/models/questions/question-lists.server";
import { parseQuestionListParams } from "#app/utils/question-lists";
import { useT } from "#app/utils/use-t";
import { pageLoader } from "#app/web/page.server";
import { FEED_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { QuestionList } from "#app/components/question-list";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "questions.title");

export const loader = pageLoader(({ url, viewer }) => {
  const params = parseQuestionListParams(url.searchParams);
  const page = listQuestions({
    viewer,
    status: params.status,
    sort: params.sort,
    askedBy: params.mine === "asked" ? viewer.id : null,
    answerableBy: params.mine === "answerable" ? viewer.id : null,
    requestedOf: params.mine === "requested" ? viewer.id : null,
    cursor: url.searchParams.get("cursor"),
  });
  return {
    params,
    questions: page.posts,
    nextCursor: page.nextCursor,
    // Knowledge stats (issue #9 item 7): linked only for those who may see them.
    mayStats: maySeeKnowledgeStats(viewer, null),
  };
});

export const action = ({ request }: ActionFunctionArgs) => handlePostAction(request, { intents: FEED_INTENTS });

export default function Questions() {
  const t = useT();
  const { params, questions, nextCursor, mayStats } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("questions.title")}</h1>
      {mayStats ? (
        <p>
          <Link to="/questions/stats">{t("knowledgeStats.link")}</Link>
        </p>
      ) : null}
      <QuestionList params={params} posts={questions} nextCursor={nextCursor} showMine />
    </div>
  );
}
