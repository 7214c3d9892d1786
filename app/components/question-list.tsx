import { Form, Link } from "@remix-run/react";
import type { PostView } from "#app/models/posts/read-model.server";
import {
  QUESTION_MINE,
  QUESTION_SORTS,
  QUESTION_STATUSES,
  questionListSearch,
  type QuestionListParams,
} from "#app/utils/question-lists";
import { useT } from "#app/utils/use-t";
import { PostCard } from "./post-card";

/**
 * A question list (issue #9): tabs by status, a GET form for the sort (and, where `showMine`, "asked by me" /
 * "I can answer"), the question cards and a keyset "more" link. Every control is a link or a GET form, so the
 * list works without JavaScript; the tabs keep the sort and the filter, the form keeps the tab.
 */
export function QuestionList({
  params,
  posts,
  nextCursor,
  showMine = false,
}: {
  params: QuestionListParams;
  posts: PostView[];
  nextCursor: string | null;
  showMine?: boolean;
}) {
  const t = useT();
  return (
    <div className="stack question-list">
      <nav className="tabs" aria-label={t("questions.tabs")}>
        {QUESTION_STATUSES.map((status) => (
          <Link
            key={status}
            to={questionListSearch({ ...params, status }) || "?"}
            aria-current={status === params.status ? "page" : undefined}
          >
            {t(`questions.status.${status}`)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="card question-filters">
        {params.status !== "all" ? <input type="hidden" name="status" value={params.status} /> : null}
        <label>
          {t("questions.sortLabel")}{" "}
          <select name="sort" defaultValue={params.sort}>
            {QUESTION_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`questions.sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        {showMine ? (
          <fieldset>
            <legend>{t("questions.mineLabel")}</legend>
            {(["", ...QUESTION_MINE] as const).map((mine) => (
              <label key={mine || "everyone"} className="radio">
                <input type="radio" name="mine" value={mine} defaultChecked={(params.mine ?? "") === mine} />{" "}
                {t(`questions.mine.${mine || "everyone"}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button">
          {t("questions.apply")}
        </button>
      </Form>
      <section className="stack" aria-label={t("questions.list")}>
        {posts.length === 0 ? <p className="card muted">{t("questions.empty")}</p> : null}
        {posts.map((post) => (
          <PostCard key={post.id} post={post} />
        ))}
        {nextCursor ? (
          <p>
            <Link to={questionListSearch({ ...params, cursor: nextCursor })} className="button" rel="next">
              {t("questions.more")}
            </Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
