// /password/reset?token=… — the emailed reset link (issue #11 §4). Opening it only shows the form (mail scanners
// that fetch every link must not use up the single-use token); the POST checks the password rules, claims the link,
// sets the new password, signs out every other session and signs this browser in. Works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getPasswordReset, resetPassword } from "#app/models/people/password-reset.server";
import { startSession } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, readForm } from "#app/web/forms.server";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const reset = getPasswordReset(token);
  // The token in this page's URL never leaves the site in a Referer: server.ts sends Referrer-Policy: same-origin.
  if (!reset || !token) return data({ email: null, token: null }, { status: 400 });
  return { email: reset.email, token };
}

export async function action({ request }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request));
  const token = values.token || new URL(request.url).searchParams.get("token");
  if (!token) return invalid({ form: "reset.linkInvalid" }, 400);
  if (!values.password) return invalid({ password: "error.required" }, 400);
  try {
    const { userId } = await resetPassword({ token, password: values.password });
    return redirectWithFlash("/home", "reset.done", { headers: { "Set-Cookie": await startSession(userId) } });
  } catch (error) {
    return appErrorToAction(error);
  }
}

export default function ResetPassword() {
  const { email, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  const linkFailed = fieldError(errors, "form");
  return (
    <div className="auth card">
      <h1>{t("reset.newTitle")}</h1>
      {email && token && !linkFailed ? (
        <Form method="post" noValidate>
          <p>{t("reset.newIntro", { email })}</p>
          <input type="hidden" name="token" value={token} />
          {/* The account's address, for password managers to file the new password under. */}
          <input type="hidden" name="username" autoComplete="username" value={email} />
          <Field
            label={t("reset.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            error={fieldError(errors, "password")}
          />
          <button type="submit" className="primary">
            {t("reset.newSubmit")}
          </button>
        </Form>
      ) : (
        <>
          <p className="error" role="alert">
            {linkFailed ?? t("reset.linkInvalid")}
          </p>
          <p>
            <Link to="/password/forgot">{t("reset.askAgain")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
