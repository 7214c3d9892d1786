// A new event (issue #10 §2): title, description, kind, start and end in the person's own time zone, the
// audience (company-wide or one of the groups they administer), other hosts and moderators, and the Q&A settings.
// createEvent decides whether the viewer may create it there (403 otherwise) and validates the rest.
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createEvent, listEventAudiences } from "#app/models/events/event.server";
import { requireViewer } from "#app/web/auth.server";
import { eventActionError } from "#app/web/event-pages.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { formToObject, invalid, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { localToEpoch } from "#app/utils/events";
import { forbidden } from "#app/utils/errors";
import type { FieldErrors } from "#app/utils/errors";
import eventStyles from "#app/styles/events.css?url";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { EVENT_KINDS } from "#db/enums";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.new");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

export const loader = pageLoader(({ user, viewer }) => {
  const audiences = listEventAudiences(viewer);
  if (!audiences.company && audiences.groups.length === 0) throw forbidden();
  return { audiences, timeZone: user.timeZone };
});

const handles = (text: string | undefined) =>
  (text ?? "")
    .split(/[\s,，、]+/u)
    .map((h) => h.trim())
    .filter((h) => h !== "");

export async function action({ request }: ActionFunctionArgs) {
  const { user, viewer } = await requireViewer(request);
  const values = formToObject(await readForm(request));
  const time = (field: string) => (values[field] ? localToEpoch(values[field], user.timeZone) : null);
  const startsAt = time("starts_at");
  const endsAt = time("ends_at");
  const openAt = time("questions_open_at");
  const errors: FieldErrors = {};
  if (startsAt == null) errors.starts_at = "event.badTime";
  if (endsAt == null) errors.ends_at = "event.badTime";
  if (values.questions_open_at && openAt == null) errors.questions_open_at = "event.badTime";
  if (Object.keys(errors).length > 0) return invalid(errors, 400, values);
  try {
    const id = createEvent({
      viewer,
      input: {
        title: values.title ?? "",
        description: values.description ?? "",
        kind: values.kind as (typeof EVENT_KINDS)[number],
        starts_at: startsAt!,
        ends_at: endsAt!,
        group: values.group ? values.group : null,
        hosts: handles(values.hosts),
        moderators: handles(values.moderators),
        settings: {
          anonymous_questions: values.anonymous_questions === "on",
          pre_moderation: values.pre_moderation === "on",
          comments: values.comments === "on",
          hosts_see_anonymous: values.hosts_see_anonymous === "on",
          questions_open_at: openAt,
        },
      },
    });
    return redirectWithFlash(`/events/${id}`, "events.created");
  } catch (error) {
    return eventActionError(error, values);
  }
}

export default function NewEvent() {
  const { audiences, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const navigation = useNavigation();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const checked = (name: string, byDefault: boolean) => (actionData ? values[name] === "on" : byDefault);
  return (
    <div className="stack narrow">
      <h1>{t("events.new")}</h1>
      <Form method="post" className="card stack" noValidate>
        {errors?.form ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        <Field
          label={t("events.field.title")}
          name="title"
          required
          defaultValue={values.title}
          error={fieldError(errors, "title")}
        />
        <Field
          label={t("events.field.description")}
          name="description"
          as="textarea"
          defaultValue={values.description}
          error={fieldError(errors, "description")}
        />
        <div className="field">
          <label htmlFor="event-kind">{t("events.field.kind")}</label>
          <select id="event-kind" name="kind" defaultValue={values.kind ?? "town_hall"}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`events.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-group">{t("events.field.group")}</label>
          <select
            id="event-group"
            name="group"
            defaultValue={values.group ?? (audiences.company ? "" : audiences.groups[0]?.slug)}
          >
            {audiences.company ? <option value="">{t("events.company")}</option> : null}
            {audiences.groups.map((g) => (
              <option key={g.slug} value={g.slug}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <p className="hint">{t("events.timeZoneHint", { zone: timeZone })}</p>
        <Field
          label={t("events.field.startsAt")}
          name="starts_at"
          type="datetime-local"
          required
          defaultValue={values.starts_at}
          error={fieldError(errors, "starts_at")}
        />
        <Field
          label={t("events.field.endsAt")}
          name="ends_at"
          type="datetime-local"
          required
          defaultValue={values.ends_at}
          error={fieldError(errors, "ends_at")}
        />
        <Field
          label={t("events.field.questionsOpenAt")}
          name="questions_open_at"
          type="datetime-local"
          defaultValue={values.questions_open_at}
          error={fieldError(errors, "questions_open_at")}
        />
        <Field
          label={t("events.field.hosts")}
          name="hosts"
          defaultValue={values.hosts}
          error={fieldError(errors, "hosts")}
        />
        <Field
          label={t("events.field.moderators")}
          name="moderators"
          defaultValue={values.moderators}
          error={fieldError(errors, "moderators")}
        />
        <fieldset className="stack">
          {(
            [
              ["anonymous_questions", "events.field.anonymous", true],
              ["pre_moderation", "events.field.preModeration", false],
              ["comments", "events.field.comments", true],
              ["hosts_see_anonymous", "events.field.hostsSeeAnonymous", false],
            ] as const
          ).map(([name, label, byDefault]) => (
            <label key={name}>
              <input type="checkbox" name={name} defaultChecked={checked(name, byDefault)} /> {t(label)}
            </label>
          ))}
        </fieldset>
        <p>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("events.create")}
          </button>
        </p>
      </Form>
    </div>
  );
}
