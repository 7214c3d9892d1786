// A hashtag's questions (issue #9 item 5): the /questions tabs and sorts, for one hashtag. A hashtag the viewer
// may not know of (used only where they cannot read) is an empty list, as its feed is.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import { listQuestions } from "#app/models/questions/question-lists.server";
import { normaliseTag } from "#app/utils/hashtags";
import { parseQuestionListParams } from "#app/utils/question-lists";
import { useT } from "#app/utils/use-t";
import { pageLoader } from "#app/web/page.server";
import { CARD_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { QuestionList } from "#app/components/question-list";
import { contentTitle, localeOfMatches } from "#app/utils/page-title";
import { translate } from "#app/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(
    matches,
    data && `${translate(localeOfMatches(matches), "questions.title")} · #${data.name}`,
    "questions.title",
  );

export const loader = pageLoader(({ viewer, params, url }) => {
  const name = normaliseTag(params.tag ?? "");
  if (!name) throw new Response("Not found", { status: 404 });
  const tag = getHashtag(name, viewer);
  const list = parseQuestionListParams(url.searchParams);
  const page = tag
    ? listQuestions({
        viewer,
        hashtagId: tag.id,
        status: list.status,
        sort: list.sort,
        cursor: url.searchParams.get("cursor"),
      })
    : null;
  return { name, params: list, questions: page?.posts ?? [], nextCursor: page?.nextCursor ?? null };
});

export const action = ({ request }: ActionFunctionArgs) => handlePostAction(request, { intents: CARD_INTENTS });

export default function HashtagQuestions() {
  const t = useT();
  const { name, params, questions, nextCursor } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="card profile-head">
        <h1>{t("questions.ofHashtag", { tag: name })}</h1>
        <Link to={`/hashtags/${encodeURIComponent(name)}`} style={{ marginLeft: "auto" }}>
          {t("questions.allPosts", { tag: name })}
        </Link>
      </div>
      <QuestionList params={params} posts={questions} nextCursor={nextCursor} />
    </div>
  );
}
