// An event's moderation queue (issue #10 §3), for its moderators and hosts: questions waiting for review first,
// then every other one, each with the actions its status allows — approve, dismiss (with a reason the asker sees),
// star, answer now, mark answered (with a written answer), restore, fix typos, merge into another — and the bans.
// Plain forms (post/redirect/get); with JavaScript the queue follows the event's stream like the event page.
// Anonymous askers stay anonymous here (the views come from the model); anyone else gets 403, or 404 when the
// event is not theirs to see.
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listEventQuestions } from "#app/models/events/event-questions.server";
import {
  listEventBans,
  moderateEventQuestion,
  setEventBan,
  type ModerationAction,
} from "#app/models/events/event-moderation.server";
import { getEvent } from "#app/models/events/event.server";
import { requireViewer } from "#app/web/auth.server";
import { eventActionError } from "#app/web/event-pages.server";
import { formToObject, invalid, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { parseId } from "#app/utils/ids";
import { forbidden, notFound } from "#app/utils/errors";
import type { FieldErrors } from "#app/utils/errors";
import eventStyles from "#app/styles/events.css?url";
import { useFieldError, useT } from "#app/utils/use-t";
import { EventLive } from "#app/components/event-live";
import { EventQuestionCard } from "#app/components/event-question";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.moderate");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

function eventIdOf(params: { eventId?: string }): number {
  const id = parseId(params.eventId);
  if (id == null) throw notFound();
  return id;
}

export const loader = pageLoader(({ params, viewer }) => {
  const eventId = eventIdOf(params);
  const event = getEvent({ viewer, eventId });
  if (!event.can.moderate) throw forbidden();
  const all = listEventQuestions({ viewer, eventId, filter: "all", sort: "top" });
  return {
    event: { id: event.id, title: event.title, preModeration: event.settings.preModeration },
    pending: all.filter((q) => q.status === "pending"),
    others: all.filter((q) => q.status !== "pending"),
    bans: listEventBans({ viewer, eventId }),
  };
});

const Question = z.object({ questionId: z.string() });
const ActionSchema = z.discriminatedUnion("intent", [
  Question.extend({ intent: z.enum(["approve", "star", "unstar", "answering", "restore"]) }),
  Question.extend({ intent: z.literal("dismiss"), reason: z.string().optional() }),
  Question.extend({ intent: z.literal("answered"), answer: z.string().optional() }),
  Question.extend({ intent: z.literal("edit"), body: z.string() }),
  Question.extend({ intent: z.literal("merge"), into: z.string() }),
  z.object({ intent: z.literal("ban"), handle: z.string(), reason: z.string().optional() }),
  z.object({ intent: z.literal("unban"), handle: z.string() }),
]);

function changeOf(input: z.infer<typeof ActionSchema>): ModerationAction | null {
  switch (input.intent) {
    case "approve":
    case "answering":
    case "restore":
      return { action: input.intent };
    case "star":
    case "unstar":
      return { action: "star", on: input.intent === "star" };
    case "dismiss":
      return { action: "dismiss", reason: input.reason };
    case "answered":
      return { action: "answered", answer: input.answer };
    case "edit":
      return { action: "edit", body: input.body };
    case "merge": {
      const into = parseId(input.into.replace(/^#/, "").trim());
      // A number that names no question of this event is refused by the model like any other.
      return { action: "merge", into: into ?? 0 };
    }
    default:
      return null;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const eventId = eventIdOf(params);
  const values = formToObject(await readForm(request));
  const parsed = ActionSchema.safeParse(values);
  if (!parsed.success) return invalid({ form: "error.badRequest" }, 400);
  const input = parsed.data;
  try {
    if (input.intent === "ban" || input.intent === "unban") {
      setEventBan({
        viewer,
        eventId,
        handle: input.handle,
        reason: "reason" in input ? input.reason : "",
        on: input.intent === "ban",
      });
    } else {
      const questionId = parseId(input.questionId);
      if (questionId == null) throw notFound();
      moderateEventQuestion({ viewer, eventId, questionId, change: changeOf(input)! });
    }
  } catch (error) {
    return eventActionError(error);
  }
  const url = new URL(request.url);
  return redirect(url.pathname, 303);
}

function Actions({ id, status, starred, body }: { id: number; status: string; starred: boolean; body: string }) {
  const t = useT();
  const button = (intent: string, label: string) => (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="questionId" value={id} />
      <button type="submit">{label}</button>
    </Form>
  );
  return (
    <div className="stack event-mod-actions">
      <div className="event-row">
        {status === "pending" || status === "dismissed" ? button("approve", t("events.approve")) : null}
        {status === "approved" || status === "answered" ? button("answering", t("events.markAnswering")) : null}
        {status === "answered" || status === "answering" ? button("restore", t("events.restore")) : null}
        {button(starred ? "unstar" : "star", starred ? t("events.unstar") : t("events.star"))}
      </div>
      {status !== "dismissed" ? (
        <Form method="post" className="event-row" preventScrollReset>
          <input type="hidden" name="intent" value="dismiss" />
          <input type="hidden" name="questionId" value={id} />
          <input
            name="reason"
            maxLength={200}
            aria-label={t("events.dismissReason")}
            placeholder={t("events.dismissReason")}
          />
          <button type="submit">{t("events.dismiss")}</button>
        </Form>
      ) : null}
      {status === "approved" || status === "answering" || status === "answered" ? (
        <Form method="post" className="event-row" preventScrollReset>
          <input type="hidden" name="intent" value="answered" />
          <input type="hidden" name="questionId" value={id} />
          <input
            name="answer"
            maxLength={2000}
            aria-label={t("events.answerText")}
            placeholder={t("events.answerText")}
          />
          <button type="submit">{t("events.markAnswered")}</button>
        </Form>
      ) : null}
      <details>
        <summary>{t("events.editQuestion")}</summary>
        <Form method="post" className="stack" preventScrollReset>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="questionId" value={id} />
          <textarea name="body" maxLength={300} rows={2} defaultValue={body} aria-label={t("events.editQuestion")} />
          <button type="submit">{t("events.save")}</button>
        </Form>
        <Form method="post" className="event-row" preventScrollReset>
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="questionId" value={id} />
          <input
            name="into"
            inputMode="numeric"
            size={6}
            aria-label={t("events.mergeInto")}
            placeholder={t("events.mergeInto")}
          />
          <button type="submit">{t("events.merge")}</button>
        </Form>
      </details>
    </div>
  );
}

export default function ModerateEvent() {
  const { event, pending, others, bans } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: FieldErrors }>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  const firstError = errors ? (Object.keys(errors)[0] as string | undefined) : undefined;
  return (
    <div className="stack event-page">
      <p>
        <Link to={`/events/${event.id}`}>← {t("events.back")}</Link>
      </p>
      <h1>
        {t("events.moderate")}: {event.title}
      </h1>
      <EventLive eventId={event.id} initialCount={null} label={(n) => t("events.attendees", { count: n })} />
      {firstError ? (
        <p className="error" role="alert">
          {fieldError(errors, firstError)}
        </p>
      ) : null}
      <section className="stack" aria-labelledby="queue">
        <h2 id="queue">
          {t("events.pendingQueue")} ({pending.length})
        </h2>
        <ol className="stack event-questions">
          {pending.map((q) => (
            <li key={q.id}>
              <EventQuestionCard question={q} voting={false}>
                <Actions id={q.id} status={q.status} starred={q.starred} body={q.body} />
              </EventQuestionCard>
            </li>
          ))}
        </ol>
      </section>
      <section className="stack" aria-labelledby="all">
        <h2 id="all">{t("events.allQuestions")}</h2>
        <ol className="stack event-questions">
          {others.map((q) => (
            <li key={q.id}>
              <EventQuestionCard question={q} voting={false}>
                <Actions id={q.id} status={q.status} starred={q.starred} body={q.body} />
              </EventQuestionCard>
            </li>
          ))}
        </ol>
      </section>
      <section className="card stack" aria-labelledby="bans">
        <h2 id="bans">{t("events.banned")}</h2>
        <ul>
          {bans.map((b) => (
            <li key={b.handle} className="event-row">
              {b.name} (@{b.handle}) {b.reason ? `— ${b.reason}` : ""}
              <Form method="post">
                <input type="hidden" name="intent" value="unban" />
                <input type="hidden" name="handle" value={b.handle} />
                <button type="submit">{t("events.restore")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="event-row">
          <input type="hidden" name="intent" value="ban" />
          <input name="handle" aria-label={t("events.banHandle")} placeholder={t("events.banHandle")} />
          <input name="reason" maxLength={200} aria-label={t("events.banReason")} placeholder={t("events.banReason")} />
          <button type="submit">{t("events.ban")}</button>
        </Form>
      </section>
    </div>
  );
}
