import { Link } from "@remix-run/react";
import { useJson } from "#app/utils/use-json";
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
  const q = title.trim();
  const data = useJson<{ questions: SimilarQuestion[] }>(
    q === "" ? null : `/questions/similar?q=${encodeURIComponent(q)}`,
    DEBOUNCE_MS,
  );
  const questions = data?.questions ?? [];
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
