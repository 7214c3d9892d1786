// A person's working hours (issue #11 §2): the company's or their own, in their time zone (chosen in Settings).
// Outside them notifications wait (app/models/notifications/record.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getCompanyHours, getMyWorkingHours, updateMyWorkingHours } from "#app/models/people/working-hours.server";
import { getLocale, requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { HoursSchema, type Hours } from "#app/utils/working-hours-schemas";
import { timeZoneLabel } from "#app/utils/time-zones";
import { useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";
import { hoursSummary, WorkingHoursFields } from "#app/components/working-hours-fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workingHours.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const locale = await getLocale(request);
  const mine = getMyWorkingHours(viewer);
  return { mine, company: getCompanyHours(), zone: timeZoneLabel(mine.timeZone, locale) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const form = await readForm(request);
  const values = formToObject(form);
  if (values.intent !== "own" && values.intent !== "company") return invalid({ form: "error.badRequest" }, 400, values);
  let hours: Hours | null = null;
  if (values.intent === "own") {
    const parsed = parseWith(HoursSchema, { days: form.getAll("days"), start: values.start, end: values.end });
    if (!parsed.ok) return invalid(parsed.errors, 400, values);
    hours = parsed.data;
  }
  try {
    updateMyWorkingHours({ viewer, hours });
  } catch (error) {
    return appErrorToAction(error, values);
  }
  return redirectWithFlash("/settings/working-hours", "workingHours.saved");
}

export default function WorkingHoursSettings() {
  const { mine, company, zone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const own = actionData?.values?.intent ? actionData.values.intent === "own" : mine.own;
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1>{t("workingHours.title")}</h1>
      <section className="card stack">
        <p>{t("workingHours.intro")}</p>
        <p>
          {t("field.timeZone")}: <strong>{zone}</strong> · <Link to="/settings">{t("nav.settings")}</Link>
        </p>
        <Form method="post" className="stack">
          <fieldset className="field">
            <legend>{t("workingHours.title")}</legend>
            <label>
              <input type="radio" name="intent" value="company" defaultChecked={!own} />{" "}
              {t("workingHours.useCompany", { hours: hoursSummary(t, company) })}
            </label>
            <label>
              <input type="radio" name="intent" value="own" defaultChecked={own} /> {t("workingHours.useOwn")}
            </label>
          </fieldset>
          <WorkingHoursFields days={mine.days} start={mine.start} end={mine.end} errors={errors} />
          <button type="submit" className="primary">
            {t("workingHours.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
