// /password/forgot — "Forgot password?" by email (issue #11 §4): one field, and the same answer whether or not the
// address has an account (app/models/people/password-reset.server.ts). Without SMTP_URL it says to ask an
// administrator instead, as the sign-in page does. A plain form: works without JavaScript.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getEnv } from "#app/infra/env.server";
import { mailEnabled } from "#app/infra/mailer.server";
import { RESET_LINK_MINUTES, requestPasswordReset } from "#app/models/people/password-reset.server";
import { getLocale, getUser } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { EmailSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

const ForgotSchema = z.object({ email: EmailSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/settings");
  return { emailEnabled: mailEnabled() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request));
  const parsed = parseWith(ForgotSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, { email: values.email ?? "" });
  const { email } = parsed.data;
  try {
    // The delivery is not awaited: answering after the SMTP round trip only for known addresses would tell them.
    await requestPasswordReset({
      email,
      ip: context?.clientIp ?? "unknown",
      locale: await getLocale(request),
      origin: getEnv().APP_ORIGIN ?? new URL(request.url).origin,
    });
    return { ok: true as const, sentTo: email, minutes: RESET_LINK_MINUTES };
  } catch (error) {
    return appErrorToAction(error, { email });
  }
}

export default function ForgotPassword() {
  const { emailEnabled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <div className="auth card">
      <h1>{t("reset.title")}</h1>
      {!emailEnabled ? (
        <p role="note">{t("signin.forgotAskAdmin")}</p>
      ) : actionData?.ok ? (
        <p role="status">{t("reset.sent", { email: actionData.sentTo, minutes: actionData.minutes })}</p>
      ) : (
        <Form method="post" noValidate>
          <p>{t("reset.intro")}</p>
          {fieldError(errors, "form") ? (
            <p className="error" role="alert">
              {fieldError(errors, "form")}
            </p>
          ) : null}
          <Field
            label={t("field.email")}
            name="email"
            type="email"
            autoComplete="username"
            required
            error={fieldError(errors, "email")}
            defaultValue={actionData?.values?.email}
          />
          <button type="submit" className="primary">
            {t("reset.submit")}
          </button>
        </Form>
      )}
      <p>
        <Link to="/signin">{t("signin.backToSignIn")}</Link>
      </p>
    </div>
  );
}
