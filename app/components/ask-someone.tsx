import { Form, Link, useActionData } from "@remix-run/react";
import { useId } from "react";
import type { PostView } from "#app/models/posts/read-model.server";
import type { FieldErrors } from "#app/utils/errors";
import { MAX_ANSWER_REQUESTS } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";

/** "Asked to answer: 김지윤, 박민수" under a question (issue #9 item 4), each linking to the person. */
export function AskedOf({ post }: { post: Pick<PostView, "askedOf"> }) {
  const t = useT();
  if (post.askedOf.length === 0) return null;
  return (
    <p className="asked-of muted">
      {t("askSomeone.asked")}{" "}
      {post.askedOf.map((p, i) => (
        <span key={p.handle}>
          {i > 0 ? ", " : null}
          <Link to={`/people/${p.handle}`}>{p.name}</Link>
        </span>
      ))}
    </p>
  );
}

/**
 * The asker's "Ask someone to answer" on the question's page: a plain form (the `ask` intent), so it works
 * without JavaScript; its errors (an unknown handle, someone who cannot see a private group's question, more than
 * five) show under the field.
 */
export function AskSomeoneForm({ questionId }: { questionId: number }) {
  const t = useT();
  const id = useId();
  const fieldError = useFieldError();
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const mine = actionData?.values?.intent === "ask";
  const error = mine ? (fieldError(actionData?.errors, "ask") ?? fieldError(actionData?.errors, "form")) : undefined;
  return (
    <Form method="post" className="card ask-someone stack" noValidate>
      <input type="hidden" name="intent" value="ask" />
      <input type="hidden" name="postId" value={questionId} />
      <div className="field">
        <label htmlFor={`${id}-ask`}>{t("askSomeone.label")}</label>
        <div className="inline-field">
          <input
            id={`${id}-ask`}
            name="ask"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="@jiyoon @minsu"
            maxLength={300}
            defaultValue={mine ? actionData?.values?.ask : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          />
          <button type="submit">{t("askSomeone.submit")}</button>
        </div>
        <p className="muted hint" id={`${id}-hint`}>
          {t("askSomeone.hint", { max: MAX_ANSWER_REQUESTS })}
        </p>
        {error ? (
          <p className="error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Form>
  );
}
