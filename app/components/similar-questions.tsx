import { Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useT } from "#app/utils/use-t";

type SimilarQuestion = { id: number; title: string; answered: boolean; answers: number };

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 300;

/**
 * Up to five existing questions like the title being typed (issue #9), from the /questions/similar resource route,
 * so that a person finds an answer before asking again. Needs JavaScript; without it nothing is shown.
 */
export function SimilarQuestions({ title, id }: { title: string; id: string }) {
  const t = useT();
  const fetcher = useFetcher<{ questions: SimilarQuestion[] }>();
  const q = title.trim();
  useEffect(() => {
    if (q === "") return;
    const timer = setTimeout(() => fetcher.load(`/questions/similar?q=${encodeURIComponent(q)}`), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetcher.load is not stable across renders
  }, [q]);
  const questions = q === "" ? [] : (fetcher.data?.questions ?? []);
  return (
    <div className="similar-questions" aria-live="polite">
      {questions.length ? (
        <>
          <p className="muted" id={`${id}-similar`}>
            {t("questionSearch.similarHeading")}
          </p>
          <ul aria-labelledby={`${id}-similar`}>
            {questions.map((question) => (
              <li key={question.id}>
                <Link to={`/posts/${question.id}`}>{question.title}</Link>{" "}
                {question.answered ? <span className="badge answered">✓ {t("question.answered")}</span> : null}{" "}
                <span className="muted">{t("question.answers", { count: question.answers })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
