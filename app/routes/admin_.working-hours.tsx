// The company's working hours and holidays (issue #11 §2), the site admins': everyone who has not set hours of
// their own works these, in their own time zone; on a holiday nobody's working day starts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  addHoliday,
  getCompanyHours,
  listHolidays,
  removeHoliday,
  setCompanyHours,
} from "#app/models/people/working-hours.server";
import { requireSiteAdmin } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { HolidaySchema, HoursSchema } from "#app/utils/working-hours-schemas";
import { localDate } from "#app/utils/working-hours";
import { useFieldError, useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";
import { Field } from "#app/components/field";
import { WorkingHoursFields } from "#app/components/working-hours-fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "workingHours.company");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSiteAdmin(request);
  // The past is history: the list starts today, in the admin's own zone.
  return { company: getCompanyHours(), holidays: listHolidays({ from: localDate(Date.now(), user.timeZone) }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireSiteAdmin(request);
  const form = await readForm(request);
  const values = formToObject(form);
  try {
    switch (values.intent) {
      case "company": {
        const parsed = parseWith(HoursSchema, { days: form.getAll("days"), start: values.start, end: values.end });
        if (!parsed.ok) return invalid(parsed.errors, 400, values);
        setCompanyHours({ viewer, hours: parsed.data });
        return redirectWithFlash("/admin/working-hours", "workingHours.companySaved");
      }
      case "holiday-add": {
        const parsed = parseWith(HolidaySchema, { date: values.date, name: values.name });
        if (!parsed.ok) return invalid(parsed.errors, 400, values);
        addHoliday({ viewer, holiday: parsed.data });
        return redirectWithFlash("/admin/working-hours", "workingHours.holidayAdded");
      }
      case "holiday-remove":
        removeHoliday({ viewer, date: values.date ?? "" });
        return redirectWithFlash("/admin/working-hours", "workingHours.holidayRemoved");
      default:
        return invalid({ form: "error.badRequest" }, 400, values);
    }
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function CompanyWorkingHours() {
  const { company, holidays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const intent = actionData?.values?.intent;
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("workingHours.company")}</h1>
      <section className="card stack" aria-labelledby="company-hours">
        <h2 id="company-hours">{t("workingHours.company")}</h2>
        <p>{t("workingHours.companyIntro")}</p>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="company" />
          <WorkingHoursFields
            days={company.days}
            start={company.start}
            end={company.end}
            errors={intent === "company" ? errors : undefined}
          />
          <button type="submit" className="primary">
            {t("workingHours.save")}
          </button>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="holidays">
        <h2 id="holidays">{t("workingHours.holidays")}</h2>
        <p>{t("workingHours.holidaysIntro")}</p>
        {holidays.length === 0 ? (
          <p className="muted">{t("workingHours.holidaysEmpty")}</p>
        ) : (
          <table>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.date}>
                  <td>
                    <time dateTime={h.date}>{h.date}</time>
                  </td>
                  <td>{h.name}</td>
                  <td>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="holiday-remove" />
                      <input type="hidden" name="date" value={h.date} />
                      <button type="submit" className="link-button">
                        {t("workingHours.holidayRemove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="holiday-add" />
          <Field
            label={t("workingHours.holidayDate")}
            name="date"
            type="date"
            required
            defaultValue={intent === "holiday-add" ? actionData?.values?.date : undefined}
            error={intent === "holiday-add" ? fieldError(errors, "date") : undefined}
          />
          <Field
            label={t("workingHours.holidayName")}
            name="name"
            required
            defaultValue={intent === "holiday-add" ? actionData?.values?.name : undefined}
            error={intent === "holiday-add" ? fieldError(errors, "name") : undefined}
          />
          <button type="submit">{t("workingHours.holidayAdd")}</button>
        </Form>
      </section>
    </div>
  );
}
