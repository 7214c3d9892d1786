// An event's polls on its page (issue #10 §6): each poll the viewer may see as a card — the choices as radio buttons
// or check boxes (a plain form; the response can be changed while the poll is open), the results as bars when the
// model gave them (null while "hide results until closed" hides them from this viewer), and the hosts' open and
// close buttons; below, the hosts' form for a new poll. What each card offers comes from the poll's view (`can`,
// `results`): this component decides nothing about who may see or do what.
import { Form } from "@remix-run/react";
import type { EventPollView } from "#app/models/events/event-polls.server";
import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";

function Results({ poll, final }: { poll: EventPollView; final: boolean }) {
  const t = useT();
  if (!poll.results) return <p className="hint">{t("eventPage.pollHidden")}</p>;
  const { votes, voters } = poll.results;
  return (
    <div className="stack event-poll-results">
      {final ? <h4 className="meta">{t("eventPage.finalResults")}</h4> : null}
      <ol className="event-poll-bars">
        {poll.options.map((option, i) => {
          const share = voters > 0 ? Math.round(((votes[i] ?? 0) / voters) * 100) : 0;
          return (
            <li key={i}>
              <span className="event-poll-option">
                {option}
                {poll.myVote.includes(i) ? <span className="badge">{t("eventPage.pollYourVote")}</span> : null}
              </span>
              <span className="event-poll-bar" aria-hidden="true">
                <span style={{ inlineSize: `${share}%` }} />
              </span>
              <span className="event-poll-count">
                {t("eventPage.pollVotes", { count: votes[i] ?? 0 })} · {share}%
              </span>
            </li>
          );
        })}
      </ol>
      <p className="meta">
        {t("eventPage.pollResponses", { count: voters })}
        {poll.hideResults && poll.status !== "closed" ? ` · ${t("eventPage.pollHiddenHosts")}` : ""}
      </p>
    </div>
  );
}

export function EventPollCard({
  poll,
  readOnly = false,
  errors,
  values,
}: {
  poll: EventPollView;
  /** The archive: results only, no voting or managing once the event has ended. */
  readOnly?: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const mine = values?.pollId === String(poll.id);
  const voteError = mine ? (fieldError(errors, "vote.options") ?? fieldError(errors, "vote.form")) : undefined;
  const heading = `poll-${poll.id}`;
  return (
    <article className={`card stack event-poll status-${poll.status}`} aria-labelledby={heading}>
      <p className="meta">
        <span className={`badge poll-${poll.status}`}>{t(`eventPage.pollStatus.${poll.status}`)}</span>
      </p>
      <h3 id={heading}>{poll.question}</h3>
      {poll.can.vote && !readOnly ? (
        <Form method="post" replace preventScrollReset className="stack">
          <input type="hidden" name="intent" value="pollVote" />
          <input type="hidden" name="pollId" value={poll.id} />
          <fieldset className="stack" aria-describedby={voteError ? `${heading}-error` : undefined}>
            <legend className="meta">
              {poll.multiple ? t("eventPage.pollChooseMany") : t("eventPage.pollChooseOne")}
            </legend>
            {poll.options.map((option, i) => (
              <label key={i} className="event-poll-choice">
                <input
                  type={poll.multiple ? "checkbox" : "radio"}
                  name="option"
                  value={i}
                  defaultChecked={poll.myVote.includes(i)}
                />{" "}
                {option}
              </label>
            ))}
          </fieldset>
          {voteError ? (
            <p id={`${heading}-error`} className="error" role="alert">
              {voteError}
            </p>
          ) : null}
          <p>
            <button type="submit" className={poll.myVote.length > 0 ? undefined : "primary"}>
              {poll.myVote.length > 0 ? t("eventPage.pollChangeVote") : t("eventPage.pollVote")}
            </button>
          </p>
        </Form>
      ) : null}
      {poll.status !== "draft" || poll.can.manage ? (
        <Results poll={poll} final={poll.status === "closed" || readOnly} />
      ) : null}
      {poll.can.manage && poll.status !== "closed" && !readOnly ? (
        <Form method="post" replace preventScrollReset>
          <input type="hidden" name="intent" value={poll.status === "draft" ? "pollOpen" : "pollClose"} />
          <input type="hidden" name="pollId" value={poll.id} />
          <button type="submit">{poll.status === "draft" ? t("eventPage.pollOpen") : t("eventPage.pollClose")}</button>
        </Form>
      ) : null}
    </article>
  );
}

/**
 * The hosts' new poll: a question, one option a line, and the two settings. Saved as a draft. `count` is the number
 * of polls: when it grows, the form starts empty again.
 */
export function NewPollForm({
  count,
  errors,
  values,
}: {
  count: number;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const mine = values?.intent === "pollCreate";
  const questionError = fieldError(errors, "poll.question");
  const optionsError = fieldError(errors, "poll.options");
  const formError = fieldError(errors, "poll.form");
  return (
    <details className="card event-poll-new" open={mine && !!errors}>
      <summary>{t("eventPage.pollNew")}</summary>
      <Form key={count} method="post" replace preventScrollReset className="stack">
        <input type="hidden" name="intent" value="pollCreate" />
        <label htmlFor="poll-question">{t("eventPage.pollQuestion")}</label>
        <input
          id="poll-question"
          name="question"
          maxLength={200}
          defaultValue={mine ? values?.question : undefined}
          aria-invalid={questionError ? true : undefined}
        />
        {questionError ? (
          <p className="error" role="alert">
            {questionError}
          </p>
        ) : null}
        <label htmlFor="poll-options">{t("eventPage.pollOptions")}</label>
        <textarea
          id="poll-options"
          name="options"
          rows={4}
          defaultValue={mine ? values?.options : undefined}
          aria-invalid={optionsError ? true : undefined}
        />
        {optionsError ? (
          <p className="error" role="alert">
            {optionsError}
          </p>
        ) : null}
        <label>
          <input type="checkbox" name="multiple" /> {t("eventPage.pollMultiple")}
        </label>
        <label>
          <input type="checkbox" name="hide_results" /> {t("eventPage.pollHideResults")}
        </label>
        {formError ? (
          <p className="error" role="alert">
            {formError}
          </p>
        ) : null}
        <p>
          <button type="submit">{t("eventPage.pollCreate")}</button>
        </p>
      </Form>
    </details>
  );
}
