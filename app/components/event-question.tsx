// One question of an event's open Q&A (issue #10 §3), as the event page and the moderation queue show it. What to
// show is in the view the model built (author null for anonymous questions, `mine` only for the asker, `can`):
// this component decides nothing about who may see or do what.
import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import type { EventQuestionView } from "#app/models/events/event-questions.server";
import { useT } from "#app/utils/use-t";

export function EventQuestionCard({
  question: q,
  voting = true,
  children,
}: {
  question: EventQuestionView;
  /** Whether to offer the vote button (the event page; the moderation queue shows counts only). */
  voting?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const asker = q.author ? q.author.name : q.mine ? t("events.askedAnonymously") : t("events.anonymous");
  return (
    <article className={`card event-question status-${q.status}`} aria-labelledby={`q-${q.id}`}>
      <div className="event-question-votes">
        {voting && q.can.vote ? (
          <Form method="post" replace preventScrollReset>
            <input type="hidden" name="intent" value={q.votedByMe ? "unvote" : "vote"} />
            <input type="hidden" name="questionId" value={q.id} />
            <button
              type="submit"
              className={q.votedByMe ? "voted" : undefined}
              aria-pressed={q.votedByMe}
              aria-label={q.votedByMe ? t("events.unvote") : t("events.vote")}
            >
              ▲
            </button>
          </Form>
        ) : (
          <span aria-hidden="true">▲</span>
        )}
        <span className="count" aria-label={t("events.votes", { count: q.votes })}>
          {q.votes}
        </span>
      </div>
      <div className="stack event-question-main">
        <p className="meta">
          {q.status === "answering" ? <span className="badge event-live">{t("events.answering")}</span> : null}
          {q.status === "pending" ? <span className="badge">{t("events.inReview")}</span> : null}
          {q.status === "answered" ? <span className="badge answered">{t("events.answered")}</span> : null}
          {q.status === "dismissed" ? <span className="badge">{t("events.dismissed")}</span> : null}
          {q.mine && q.author ? <span className="badge">{t("events.yours")}</span> : null} {asker} · #{q.id}
          {q.edited ? ` · ${t("events.edited")}` : ""}
          {q.starred ? " · ★" : ""}
        </p>
        <p id={`q-${q.id}`} className="event-question-body">
          {q.body}
        </p>
        {q.dismissReason ? <p className="hint">{t("events.dismissedReason", { reason: q.dismissReason })}</p> : null}
        {q.answer ? (
          <blockquote className="event-answer">
            {q.answeredBy ? <p className="meta">{t("events.answeredBy", { name: q.answeredBy.name })}</p> : null}
            <p>{q.answer}</p>
          </blockquote>
        ) : null}
        {q.replyCount > 0 ? <p className="meta">{t("events.replies", { count: q.replyCount })}</p> : null}
        {children}
      </div>
    </article>
  );
}
