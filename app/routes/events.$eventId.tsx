// An event's page (issue #10 §2–3): details, the join code and its QR code, the ask box (anonymous where the event
// allows), the questions by votes or newest with vote buttons that are plain forms (no script needed), the
// Answered tab, and the host's start/end. With JavaScript the page follows the event's stream (EventLive).
// Who sees what is the model's: a pending question appears only to its asker, as "in review".
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
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
import { EventLive } from "#app/components/event-live";
import { EventQuestionCard } from "#app/components/event-question";
import { contentTitle } from "#app/utils/page-title";

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
  return {
    event,
    questions,
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
  const values = formToObject(await readForm(request));
  const parsed = ActionSchema.safeParse(values);
  if (!parsed.success) return invalid({ form: "error.badRequest" }, 400);
  const input = parsed.data;
  const back = new URL(request.url);
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

export default function EventPage() {
  const { event, questions, tab, sort, join, qr, when } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const navigation = useNavigation();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  const link = (next: { tab?: string; sort?: string }) => {
    const p = new URLSearchParams();
    const nextTab = next.tab ?? tab;
    const nextSort = next.sort ?? sort;
    if (nextTab !== "questions") p.set("tab", nextTab);
    if (nextSort !== "top") p.set("sort", nextSort);
    const q = p.toString();
    return q ? `?${q}` : ".";
  };
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
          <EventLive eventId={event.id} initialCount={null} label={(n) => t("events.attendees", { count: n })} />
        </p>
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
        {event.can.host || event.can.moderate ? (
          <div className="event-row">
            {event.can.host && event.state !== "ended" ? (
              <Form method="post">
                <input type="hidden" name="intent" value={event.state === "live" ? "end" : "start"} />
                <button type="submit">{event.state === "live" ? t("events.end") : t("events.start")}</button>
              </Form>
            ) : null}
            {event.can.moderate ? <Link to={`/events/${event.id}/moderate`}>{t("events.moderate")}</Link> : null}
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
      </header>

      {event.can.participate && event.questionsOpen ? (
        <Form method="post" className="card stack" aria-label={t("events.ask")}>
          <input type="hidden" name="intent" value="ask" />
          <label htmlFor="ask-body">{t("events.ask")}</label>
          <textarea
            id="ask-body"
            name="body"
            maxLength={300}
            rows={3}
            placeholder={t("events.askPlaceholder")}
            defaultValue={actionData?.values?.body}
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
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
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
  );
}
