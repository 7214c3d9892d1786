// An event's live comments (issue #10 §4) on its page: the box (a plain form; it sends the part the page showed, which
// the server keeps within its grace window), the newest comments with their part and reactions, and — after the
// event — the comments grouped by part. What each comment offers (delete, react) is in the view the model built;
// this component decides nothing about who may see or do what. The page reloads its data when the event's stream
// says something changed (EventLive), so a new comment appears without a reload.
import { Form } from "@remix-run/react";
import type { EventCommentView } from "#app/models/events/event-comments.server";
import type { EventPart } from "#app/web/event-page.server";
import type { FieldErrors } from "#app/utils/errors";
import { REACTION_KINDS, type ReactionKind } from "#app/utils/reactions";
import { useResetOnSuccess } from "#app/utils/use-reset-on-success";
import { useFieldError, useT } from "#app/utils/use-t";
import { REACTION_EMOJI } from "./post-card";

const MAX_COMMENT = 500;

export type PartLabel = { index: number | null; title: string };

export function usePartLabel() {
  const t = useT();
  return (part: PartLabel) =>
    part.index == null
      ? t("eventPage.beforeParts")
      : part.title
        ? t("eventPage.partTitled", { index: part.index, title: part.title })
        : t("eventPage.part", { index: part.index });
}

function ReactionButton({
  c,
  kind,
  on,
  count,
}: {
  c: EventCommentView;
  kind: ReactionKind;
  on: boolean;
  count?: number;
}) {
  const t = useT();
  return (
    <Form method="post" replace preventScrollReset className="inline">
      <input type="hidden" name="intent" value={on ? "unreact" : "react"} />
      <input type="hidden" name="commentId" value={c.id} />
      <input type="hidden" name="kind" value={kind} />
      <button
        type="submit"
        className={`event-reaction${on ? " on" : ""}`}
        aria-pressed={on}
        aria-label={count == null ? t(`reaction.${kind}`) : `${t(`reaction.${kind}`)} ${count}`}
        title={t(`reaction.${kind}`)}
      >
        <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
        {count == null ? null : ` ${count}`}
      </button>
    </Form>
  );
}

function Reactions({ c }: { c: EventCommentView }) {
  const t = useT();
  const used = REACTION_KINDS.filter((k) => (c.reactions[k] ?? 0) > 0);
  if (!c.can.react) {
    return used.length === 0 ? null : (
      <p className="event-reactions meta">
        {used.map((k) => (
          <span key={k} title={t(`reaction.${k}`)}>
            {REACTION_EMOJI[k]} {c.reactions[k]}{" "}
          </span>
        ))}
      </p>
    );
  }
  const unused = REACTION_KINDS.filter((k) => !used.includes(k));
  return (
    <div className="event-reactions" aria-label={t("reaction.label")} role="group">
      {used.map((k) => (
        <ReactionButton key={k} c={c} kind={k} on={c.myReactions.includes(k)} count={c.reactions[k]} />
      ))}
      {unused.length > 0 ? (
        <details className="event-reaction-more">
          <summary aria-label={t("reaction.label")}>☺+</summary>
          <div className="event-row">
            {unused.map((k) => (
              <ReactionButton key={k} c={c} kind={k} on={false} />
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}

export function EventComment({ comment: c, part }: { comment: EventCommentView; part?: PartLabel | null }) {
  const t = useT();
  const label = usePartLabel();
  return (
    <article className="event-comment" aria-label={c.author.name}>
      <p className="meta">
        <strong>{c.author.name}</strong>
        {part ? <span className="event-comment-part"> · {label(part)}</span> : null}
      </p>
      {/* Sanitised once at write time (Markdown-light: event-comments.server.ts). */}
      <div className="event-comment-body" dangerouslySetInnerHTML={{ __html: c.html }} />
      <div className="event-row">
        <Reactions c={c} />
        {c.can.delete ? (
          <Form method="post" replace preventScrollReset className="inline">
            <input type="hidden" name="intent" value="deleteComment" />
            <input type="hidden" name="commentId" value={c.id} />
            <button type="submit" className="link-button">
              {t("eventPage.deleteComment")}
            </button>
          </Form>
        ) : null}
      </div>
    </article>
  );
}

/** The live column: the box (stamped with the part showing now) and the newest comments. */
export function EventCommentsLive({
  comments,
  segment,
  parts,
  canComment,
  live,
  errors,
  values,
}: {
  comments: EventCommentView[];
  segment: PartLabel | null;
  /** Titles of the parts shown so far, to label each comment with its own. */
  parts: Map<number, string>;
  canComment: boolean;
  live: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const message = fieldError(errors, "comment.body") ?? fieldError(errors, "comment.form");
  // Empty the box once its comment was written (a refused one keeps its text and shows why).
  const { form, sending } = useResetOnSuccess("comment", errors != null);
  return (
    <section className="card stack event-comments" aria-labelledby="event-comments-h">
      <h2 id="event-comments-h">{t("eventPage.comments")}</h2>
      {canComment && live ? (
        <Form method="post" replace preventScrollReset className="stack" ref={form}>
          <input type="hidden" name="intent" value="comment" />
          {segment ? <input type="hidden" name="segment" value={segment.index ?? ""} /> : null}
          <label htmlFor="comment-body" className="visually-hidden">
            {t("eventPage.commentLabel")}
          </label>
          <textarea
            id="comment-body"
            name="body"
            rows={2}
            maxLength={MAX_COMMENT}
            placeholder={t("eventPage.commentPlaceholder")}
            defaultValue={values?.intent === "comment" ? values.body : undefined}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? "comment-error" : undefined}
          />
          {message ? (
            <p id="comment-error" className="error" role="alert">
              {message}
            </p>
          ) : null}
          <p>
            <button type="submit" className="primary" disabled={sending}>
              {t("eventPage.commentSubmit")}
            </button>
          </p>
        </Form>
      ) : !live ? (
        <p className="hint">{t("eventPage.commentsNotYet")}</p>
      ) : null}
      {comments.length === 0 ? <p className="hint">{t("eventPage.noComments")}</p> : null}
      <ol className="event-comment-list" aria-live="polite">
        {comments.map((c) => (
          <li key={c.id}>
            <EventComment
              comment={c}
              part={c.segment == null ? null : { index: c.segment, title: parts.get(c.segment) ?? "" }}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** After the event: every part that has comments, as a heading, with its comments in the order written. */
export function EventCommentsArchive({ parts }: { parts: EventPart[] }) {
  const t = useT();
  const label = usePartLabel();
  return (
    <section className="card stack event-comments" aria-labelledby="archive-comments-h">
      <h2 id="archive-comments-h">{t("eventPage.archiveComments")}</h2>
      {parts.length === 0 ? <p className="hint">{t("eventPage.archiveNoComments")}</p> : null}
      {parts.map((p) => (
        <section key={p.index ?? "none"} className="stack event-part" aria-labelledby={`part-${p.index ?? "none"}`}>
          <h3 id={`part-${p.index ?? "none"}`}>
            {label(p)} <span className="meta">({t("eventPage.commentCount", { count: p.count })})</span>
          </h3>
          <ol className="event-comment-list">
            {p.comments.map((c) => (
              <li key={c.id}>
                <EventComment comment={c} />
              </li>
            ))}
          </ol>
          {p.count > p.comments.length ? (
            <p className="hint">{t("eventPage.moreComments", { count: p.comments.length })}</p>
          ) : null}
        </section>
      ))}
    </section>
  );
}
