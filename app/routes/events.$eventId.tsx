// An event's page (issue #10 §2–3): details, the join code and its QR code, the ask box (anonymous where the event
// allows), the questions by votes or newest with vote buttons that are plain forms (no script needed), the
// Answered tab, and the host's start/end; beside the questions the live comments with the part showing now, and the
// polls (§4, §6: app/web/event-page.server.ts). Once the event has ended the page is its archive (§7): the answered
// questions with their written answers, the rest, the comments grouped by part and the polls' final results. With
// JavaScript the page follows the event's stream (EventLive). Who sees what is the model's: a pending question
// appears only to its asker, as "in review".
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { z } from "zod";
import {
  askEventQuestion,
  listEventQuestions,
  replyToEventQuestion,
  setEventVote,
  type EventQuestionView,
} from "#app/models/events/event-questions.server";
import { getEvent, setEventState } from "#app/models/events/event.server";
import { requireViewer } from "#app/web/auth.server";
import { eventActionError, eventTime, joinUrl, qrSvg } from "#app/web/event-pages.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { formToObject, invalid, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { getLocale } from "#app/web/auth.server";
import { parseId } from "#app/utils/ids";
import { notFound } from "#app/utils/errors";
import type { FieldErrors } from "#app/utils/errors";
import eventStyles from "#app/styles/events.css?url";
import { useFieldError, useT } from "#app/utils/use-t";
import { useResetOnSuccess } from "#app/utils/use-reset-on-success";
import { EventLive } from "#app/components/event-live";
import { EventQuestionCard } from "#app/components/event-question";
import { EventCommentsArchive, EventCommentsLive, usePartLabel } from "#app/components/event-comments";
import { EventPollCard, NewPollForm } from "#app/components/event-poll";
import { eventArchiveParts, eventLiveData, handleLiveIntent, isLiveIntent } from "#app/web/event-page.server";
import { contentTitle } from "#app/utils/page-title";
import { lastEventId } from "#app/events/domain-events.server";
import { LIVE_COMMENTS, addFrame, emptyOverlay, foldOverlay } from "#app/utils/event-overlay";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(matches, data?.event.title, "events.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

function eventIdOf(params: { eventId?: string }): number {
  const id = parseId(params.eventId);
  if (id == null) throw notFound();
  return id;
}

export const loader = pageLoader(async ({ request, params, url, user, viewer }) => {
  const eventId = eventIdOf(params);
  // Read first: the page's stream starts after it, so what is written while the page loads reaches it.
  const from = lastEventId();
  const event = getEvent({ viewer, eventId });
  const tab = url.searchParams.get("tab") === "answered" ? "answered" : "questions";
  const sort = url.searchParams.get("sort") === "recent" ? "recent" : "top";
  const all = listEventQuestions({ viewer, eventId, filter: "all", sort });
  // The page shows the audience's questions; a pending or dismissed one only to its asker (the moderators have
  // their queue), and answered ones in their own tab.
  const open = all.filter(
    (q) => q.status === "approved" || q.status === "answering" || (q.mine && q.status !== "answered"),
  );
  const answering = open.filter((q) => q.status === "answering");
  const questions =
    tab === "answered"
      ? all.filter((q) => q.status === "answered")
      : [...answering, ...open.filter((q) => q.status !== "answering")];
  const locale = await getLocale(request);
  const join = joinUrl(request, event.code);
  const ended = event.state === "ended";
  return {
    event,
    from,
    me: user.handle,
    questions,
    live: eventLiveData(viewer, event),
    // The archive (§7): answered questions with their answers, then the ones left open, and comments by part.
    archive: ended
      ? {
          answered: all.filter((q) => q.status === "answered"),
          unanswered: all.filter((q) => q.status === "approved" || q.status === "answering"),
          parts: event.settings.comments ? eventArchiveParts(viewer, eventId) : [],
        }
      : null,
    tab,
    sort,
    join,
    qr: await qrSvg(join),
    when: `${eventTime(locale, event.startsAt, user.timeZone)} – ${eventTime(locale, event.endsAt, user.timeZone)}`,
  };
});

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("ask"), body: z.string(), anonymous: z.string().optional() }),
  z.object({ intent: z.enum(["vote", "unvote"]), questionId: z.string() }),
  z.object({ intent: z.literal("reply"), questionId: z.string(), body: z.string() }),
  z.object({ intent: z.enum(["start", "end"]) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const eventId = eventIdOf(params);
  const form = await readForm(request);
  const back = new URL(request.url);
  const intent = form.get("intent");
  if (isLiveIntent(intent)) {
    // Comments, reactions and polls: a refused form answers with its messages, a written one goes back (PRG).
    return handleLiveIntent(viewer, eventId, intent, form) ?? redirect(back.pathname + back.search, 303);
  }
  const values = formToObject(form);
  const parsed = ActionSchema.safeParse(values);
  if (!parsed.success) return invalid({ form: "error.badRequest" }, 400);
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "ask": {
        askEventQuestion({ viewer, eventId, input: { body: input.body, anonymous: input.anonymous === "on" } });
        const { settings } = getEvent({ viewer, eventId });
        return redirectWithFlash(
          back.pathname + back.search,
          settings.preModeration ? "events.askedInReview" : "events.asked",
        );
      }
      case "vote":
      case "unvote": {
        const questionId = parseId(input.questionId);
        if (questionId == null) throw notFound();
        setEventVote({ viewer, eventId, questionId, on: input.intent === "vote" });
        break;
      }
      case "reply": {
        const questionId = parseId(input.questionId);
        if (questionId == null) throw notFound();
        replyToEventQuestion({ viewer, eventId, questionId, input: { body: input.body } });
        break;
      }
      case "start":
      case "end":
        setEventState({ viewer, eventId, to: input.intent === "start" ? "live" : "ended" });
        break;
    }
  } catch (error) {
    return eventActionError(error, input.intent === "ask" ? { body: input.body } : undefined);
  }
  // The button's new state is the feedback (post/redirect/get).
  return redirect(back.pathname + back.search, 303);
}

const LIVE_TYPES = ["question", "vote", "state", "comment", "segment", "poll"] as const;

/**
 * The page's questions, comments and polls: as loaded, with the stream's comments, vote counts, reactions and poll
 * results applied on top (app/utils/event-overlay.ts) — one loader request per page for a comment would be 10,000
 * for a hall of 10,000.
 */
function useLiveLists(data: ReturnType<typeof useLoaderData<typeof loader>>) {
  const overlay = useRef(emptyOverlay());
  const [version, setVersion] = useState(0);
  const { from, me, event, questions, live, sort } = data;
  const onFrame = useCallback((type: string, frame: unknown, id: number | null) => {
    const next = addFrame(overlay.current, type, frame, id);
    if (!next) return false;
    overlay.current = next;
    setVersion((v) => v + 1);
    return true;
  }, []);
  const lists = useMemo(
    () =>
      foldOverlay(
        { from, comments: live.comments, questions, polls: live.polls, sort: sort === "recent" ? "recent" : "top" },
        overlay.current,
        { handle: me, canComment: event.can.participate, canModerate: event.can.moderate },
        LIVE_COMMENTS,
      ),
    // `version` stands for the overlay (a ref, so that onFrame can answer at once).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [from, me, event, questions, live, sort, version],
  );
  return { ...lists, onFrame };
}

export default function EventPage() {
  const data = useLoaderData<typeof loader>();
  const { event, from, live, archive, tab, sort, join, qr, when } = data;
  const { questions, comments, polls: livePolls, onFrame } = useLiveLists(data);
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const t = useT();
  const fieldError = useFieldError();
  const label = usePartLabel();
  const errors = actionData?.errors;
  // The ask box's own refusal (the live forms' messages are scoped to them and carry their intent).
  const askValues = actionData?.values?.intent ? undefined : actionData?.values;
  const ask = useResetOnSuccess("ask", errors != null);
  const link = (next: { tab?: string; sort?: string }) => {
    const p = new URLSearchParams();
    const nextTab = next.tab ?? tab;
    const nextSort = next.sort ?? sort;
    if (nextTab !== "questions") p.set("tab", nextTab);
    if (nextSort !== "top") p.set("sort", nextSort);
    const q = p.toString();
    return q ? `?${q}` : ".";
  };
  const polls =
    livePolls.length > 0 || (event.can.host && !archive) ? (
      <section className="stack event-polls" aria-labelledby="event-polls-h">
        <h2 id="event-polls-h">{t("eventPage.polls")}</h2>
        {livePolls.map((p) => (
          <EventPollCard key={p.id} poll={p} readOnly={archive != null} errors={errors} values={actionData?.values} />
        ))}
        {event.can.host && !archive ? (
          <NewPollForm count={live.polls.length} errors={errors} values={actionData?.values} />
        ) : null}
      </section>
    ) : null;
  return (
    <div className="stack event-page">
      <header className="card stack">
        <p className="meta">
          <span className={`badge event-${event.state}`}>{t(`events.state.${event.state}`)}</span>{" "}
          {t(`events.kind.${event.kind}`)} · {event.group ? event.group.name : t("events.company")} · {when}
        </p>
        <h1>{event.title}</h1>
        {event.html ? <div className="post-body" dangerouslySetInnerHTML={{ __html: event.html }} /> : null}
        <p className="meta">
          {t("events.hosts")}: {event.hosts.map((h) => h.name).join(", ")} ·{" "}
          <EventLive
            eventId={event.id}
            initialCount={null}
            label={(n) => t("events.attendees", { count: n })}
            types={LIVE_TYPES}
            from={from}
            onFrame={onFrame}
          />
        </p>
        {live.segment && event.state === "live" ? (
          <p className="event-now-showing" aria-live="polite">
            <span className="meta">{t("eventPage.nowShowing")}</span> <strong>{label(live.segment)}</strong>
          </p>
        ) : null}
        {archive ? null : (
          <div className="event-join">
            <div
              className="event-qr"
              role="img"
              aria-label={t("events.qrAlt", { url: join })}
              dangerouslySetInnerHTML={{ __html: qr }}
            />
            <p>
              {t("events.joinCode")}: <strong className="event-code">{event.code}</strong>
              <br />
              {t("events.joinAt", { url: join })}
            </p>
          </div>
        )}
        {event.can.host || event.can.moderate ? (
          <div className="event-row">
            {event.can.host && event.state !== "ended" ? (
              <Form method="post">
                <input type="hidden" name="intent" value={event.state === "live" ? "end" : "start"} />
                <button type="submit">{event.state === "live" ? t("events.end") : t("events.start")}</button>
              </Form>
            ) : null}
            {event.can.moderate ? <Link to={`/events/${event.id}/moderate`}>{t("events.moderate")}</Link> : null}
            {event.state !== "ended" ? <Link to={`/events/${event.id}/present`}>{t("present.title")}</Link> : null}
            {event.can.moderate ? (
              <a href={`/events/${event.id}/export`} download>
                {t("events.export")}
              </a>
            ) : null}
          </div>
        ) : null}
        {errors?.form ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        {archive ? <p className="hint">{t("eventPage.archive")}</p> : null}
      </header>

      {archive ? (
        <div className="stack event-archive">
          <section className="stack" aria-labelledby="archive-answered-h">
            <h2 id="archive-answered-h">{t("eventPage.archiveAnswered")}</h2>
            {archive.answered.length === 0 ? <p className="hint">{t("eventPage.archiveNoAnswered")}</p> : null}
            <ol className="stack event-questions">
              {archive.answered.map((q: EventQuestionView) => (
                <li key={q.id}>
                  <EventQuestionCard question={q} voting={false} />
                </li>
              ))}
            </ol>
          </section>
          {archive.unanswered.length > 0 ? (
            <section className="stack" aria-labelledby="archive-open-h">
              <h2 id="archive-open-h">{t("eventPage.archiveOpen")}</h2>
              <ol className="stack event-questions">
                {archive.unanswered.map((q: EventQuestionView) => (
                  <li key={q.id}>
                    <EventQuestionCard question={q} voting={false} />
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          {event.settings.comments ? <EventCommentsArchive parts={archive.parts} /> : null}
          {polls}
        </div>
      ) : (
        <div className={`event-columns${comments || polls ? " with-side" : ""}`}>
          <div className="stack event-main">
            {event.can.participate && event.questionsOpen ? (
              <Form method="post" className="card stack" aria-label={t("events.ask")} ref={ask.form}>
                <input type="hidden" name="intent" value="ask" />
                <label htmlFor="ask-body">{t("events.ask")}</label>
                <textarea
                  id="ask-body"
                  name="body"
                  maxLength={300}
                  rows={3}
                  placeholder={t("events.askPlaceholder")}
                  defaultValue={askValues?.body}
                  aria-invalid={errors?.body ? true : undefined}
                />
                {errors?.body ? (
                  <p className="error" role="alert">
                    {fieldError(errors, "body")}
                  </p>
                ) : null}
                <div className="event-row">
                  {event.settings.anonymousQuestions ? (
                    <label>
                      <input type="checkbox" name="anonymous" /> {t("events.askAnonymously")}
                    </label>
                  ) : null}
                  <button type="submit" className="primary" disabled={ask.sending}>
                    {t("events.askSubmit")}
                  </button>
                </div>
              </Form>
            ) : (
              <p className="card hint">{t("events.questionsClosed")}</p>
            )}

            <nav className="tabs" aria-label={t("events.tab.questions")}>
              <Link to={link({ tab: "questions" })} aria-current={tab === "questions" ? "page" : undefined}>
                {t("events.tab.questions")}
              </Link>
              <Link to={link({ tab: "answered" })} aria-current={tab === "answered" ? "page" : undefined}>
                {t("events.tab.answered")}
              </Link>
              <span className="spacer" />
              <Link to={link({ sort: "top" })} aria-current={sort === "top" ? "page" : undefined}>
                {t("events.sort.top")}
              </Link>
              <Link to={link({ sort: "recent" })} aria-current={sort === "recent" ? "page" : undefined}>
                {t("events.sort.recent")}
              </Link>
            </nav>
            {questions.length === 0 ? <p className="hint">{t("events.noQuestions")}</p> : null}
            <ol className="stack event-questions">
              {questions.map((q: EventQuestionView) => (
                <li key={q.id}>
                  <EventQuestionCard question={q} />
                </li>
              ))}
            </ol>
          </div>
          {comments || polls ? (
            <aside className="stack event-side">
              {polls}
              {comments ? (
                <EventCommentsLive
                  comments={comments}
                  segment={live.segment}
                  parts={new Map(live.parts.map((p) => [p.index, p.title]))}
                  canComment={event.can.participate}
                  live={event.state === "live"}
                  errors={errors}
                  values={actionData?.values}
                />
              ) : null}
            </aside>
          ) : null}
        </div>
      )}
    </div>
  );
}
