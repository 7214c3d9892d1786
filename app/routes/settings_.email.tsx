// /settings/email — the email digest (issue #11 §4): off, daily or weekly, sent at the start of the person's working
// hours (docs/decisions/0010-email-delivery.md). Per-kind email is chosen in /settings' notification table. Says
// so when this server cannot send email at all. A plain form: works without JavaScript.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { mailEnabled } from "#app/infra/mailer.server";
import { getDigestFrequency, setDigestFrequency } from "#app/models/notifications/email.server";
import { requireUser } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, readForm } from "#app/web/forms.server";
import { useFieldError, useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";
import { DIGEST_FREQUENCIES } from "#db/enums";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "digest.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { frequency: getDigestFrequency(user.id), emailEnabled: mailEnabled() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const values = formToObject(await readForm(request));
  try {
    setDigestFrequency(user.id, values.digest ?? "");
    return redirectWithFlash("/settings/email", "digest.saved");
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function EmailSettings() {
  const { frequency, emailEnabled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const error = fieldError(actionData?.errors, "digest");
  return (
    <section className="card" aria-labelledby="digest-title">
      <h1 id="digest-title">{t("digest.title")}</h1>
      <p className="hint">{t("digest.intro")}</p>
      {!emailEnabled ? (
        <p className="muted" id="digest-email-off" role="note">
          {t("digest.emailOff")}
        </p>
      ) : null}
      <Form method="post">
        <fieldset disabled={!emailEnabled} aria-describedby={emailEnabled ? undefined : "digest-email-off"}>
          <legend className="visually-hidden">{t("digest.title")}</legend>
          {DIGEST_FREQUENCIES.map((f) => (
            <label key={f} className="radio">
              <input type="radio" name="digest" value={f} defaultChecked={frequency === f} /> {t(`digest.${f}`)}
            </label>
          ))}
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <div>
            <button type="submit" className="primary">
              {t("digest.save")}
            </button>
          </div>
        </fieldset>
      </Form>
      <p>
        <Link to="/settings">{t("settings.title")}</Link>
      </p>
    </section>
  );
}
