// The big screen of a live event (issue #10 §5; data from app/web/event-present.server.ts): the question being
// answered, the top questions by votes, a ticker of recent comments, the join code and QR code, the attendee count
// and the current segment. After hydration it follows the event's stream (reloading the loader's data at most every
// half second, so a burst of votes costs one reload) and listens for the keys the viewer may use: → / ← (hosts),
// H and A (moderators and hosts; A with the written answer typed beside its button). Without JavaScript the same
// actions are buttons.
import { useEffect, useRef, useState } from "react";
import { Form, Link, useRevalidator, useSubmit } from "@remix-run/react";
import type { PresenterData } from "#app/web/event-present.server";
import { useResetOnSuccess } from "#app/utils/use-reset-on-success";
import { useT } from "#app/utils/use-t";

const RELOAD_AFTER_MS = 500;
const LIVE_TYPES = ["question", "vote", "state", "comment", "segment", "poll"];

function useLive(eventId: number, initialCount: number) {
  const [count, setCount] = useState(initialCount);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/v1/events/${eventId}/stream`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = () => {
      timer ??= setTimeout(() => {
        timer = null;
        // A reload that a navigation overtakes (a form sent, the page left) is aborted: nothing is lost, the
        // navigation loads the data itself; the rejection must not surface as an uncaught error.
        Promise.resolve(revalidate.current() as unknown).catch(() => undefined);
      }, RELOAD_AFTER_MS);
    };
    for (const type of LIVE_TYPES) source.addEventListener(type, reload);
    source.addEventListener("attendees", (e) => {
      try {
        setCount((JSON.parse((e as MessageEvent<string>).data) as { count: number }).count);
      } catch {
        // A malformed frame changes nothing.
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [eventId]);
  return count;
}

const KEYS: Record<string, { intent: string; needs: "drive" | "moderate" }> = {
  ArrowRight: { intent: "next", needs: "drive" },
  ArrowLeft: { intent: "prev", needs: "drive" },
  h: { intent: "highlight", needs: "moderate" },
  H: { intent: "highlight", needs: "moderate" },
  a: { intent: "answered", needs: "moderate" },
  A: { intent: "answered", needs: "moderate" },
};

function useKeys(can: PresenterData["can"]) {
  const submit = useSubmit();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      const key = KEYS[e.key];
      if (!key || !can[key.needs]) return;
      e.preventDefault();
      // A sends the written answer typed beside its button, if any.
      const answer = key.intent === "answered" ? document.querySelector<HTMLInputElement>("#present-answer") : null;
      submit(answer?.value.trim() ? { intent: key.intent, answer: answer.value } : { intent: key.intent }, {
        method: "post",
        navigate: false,
      });
      if (answer) answer.value = "";
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [can, submit]);
}

function KeyButton({ intent, label }: { intent: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit">{label}</button>
    </Form>
  );
}

export function EventPresenter({ data }: { data: PresenterData }) {
  const t = useT();
  const count = useLive(data.event.id, data.attendees);
  useKeys(data.can);
  // The written answer goes with the question it answered: the box is empty again for the next one.
  const answerForm = useResetOnSuccess("answered", false);
  const { answering, top, comments, poll, segment } = data;
  return (
    <div className="present">
      <header className="present-head">
        <div className="present-heading">
          <h1>{data.event.title}</h1>
          {segment ? (
            <p className="present-segment" aria-live="polite">
              <span className="present-segment-index">{t("present.segment", { index: segment.index })}</span>
              {segment.title ? <span> · {segment.title}</span> : null}
            </p>
          ) : null}
        </div>
        <div className="present-join">
          {/* Rendered on the server by the qrcode library from our own join URL: no user input reaches it. */}
          <div className="present-qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: data.qr }} />
          <div>
            <p className="present-join-label">{t("present.join")}</p>
            <p className="present-join-url">{data.join.replace(/^https?:\/\//, "")}</p>
            <p className="present-code">
              <span className="present-join-label">{t("present.code")} </span>
              {data.event.code}
            </p>
            <p className="present-attendees" aria-live="polite">
              {t("present.attendees", { count })}
            </p>
          </div>
        </div>
      </header>

      <section className="present-now" aria-labelledby="present-now-h">
        <h2 id="present-now-h">{t("present.nowAnswering")}</h2>
        {answering ? (
          <blockquote className="present-answering">
            <p>{answering.body}</p>
            <footer>
              {answering.author ?? t("present.anonymous")} · {t("present.votes", { count: answering.votes })}
            </footer>
          </blockquote>
        ) : (
          <p className="present-empty">{t("present.nothingAnswering")}</p>
        )}
        {poll ? (
          <div className="present-poll">
            <h2>
              {t("present.poll")}: {poll.question}
            </h2>
            <ol>
              {poll.options.map((option, i) => {
                const votes = poll.results?.votes[i] ?? 0;
                const share = poll.results && poll.results.voters > 0 ? votes / poll.results.voters : 0;
                return (
                  <li key={i}>
                    <span className="present-poll-option">{option}</span>
                    {poll.results ? (
                      <span className="present-poll-bar" style={{ inlineSize: `${Math.round(share * 100)}%` }}>
                        {votes}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            <p className="present-muted">
              {poll.results ? t("present.responses", { count: poll.results.voters }) : t("present.resultsHidden")}
            </p>
          </div>
        ) : null}
      </section>

      <section className="present-top" aria-labelledby="present-top-h">
        <h2 id="present-top-h">{t("present.topQuestions")}</h2>
        {top.length === 0 ? (
          <p className="present-empty">{t("present.noQuestions")}</p>
        ) : (
          <ol>
            {top.map((q) => (
              <li key={q.id}>
                <span className="present-votes">{q.votes}</span>
                <span className="present-question">{q.body}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="present-ticker" aria-labelledby="present-ticker-h">
        <h2 id="present-ticker-h">{t("present.comments")}</h2>
        {comments.length === 0 ? (
          <p className="present-empty">{t("present.noComments")}</p>
        ) : (
          <ul>
            {comments.map((c) => (
              <li key={c.id}>
                <strong>{c.author}</strong>{" "}
                {/* Sanitised once at write time (restricted Markdown: event-comments.server.ts). */}
                <span dangerouslySetInnerHTML={{ __html: c.html }} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {data.can.drive || data.can.moderate ? (
        <footer className="present-keys">
          <span>{t("present.keys")}</span>
          <div className="present-buttons">
            {data.can.drive ? <KeyButton intent="prev" label={`← ${t("present.prev")}`} /> : null}
            {data.can.drive ? <KeyButton intent="next" label={`${t("present.next")} →`} /> : null}
            {data.can.moderate ? <KeyButton intent="highlight" label={`H · ${t("present.highlight")}`} /> : null}
            {data.can.moderate ? (
              <Form method="post" className="present-answer-form" ref={answerForm.form}>
                <input type="hidden" name="intent" value="answered" />
                <input
                  id="present-answer"
                  name="answer"
                  maxLength={2000}
                  aria-label={t("present.answerText")}
                  placeholder={t("present.answerText")}
                />
                <button type="submit">{`A · ${t("present.answered")}`}</button>
              </Form>
            ) : null}
            <Link to={`/events/${data.event.id}`}>{t("present.back")}</Link>
          </div>
        </footer>
      ) : null}
    </div>
  );
}
