import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getSignInRecord } from "#app/models/people/user.server";
import { createDeviceCookie, getKnownDevice, getUser, safeRedirect, startSession } from "#app/web/auth.server";
import { verifyPassword } from "#app/infra/passwords.server";
import { mailEnabled } from "#app/infra/mailer.server";
import { formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { startSignInAttempt, type SignInLimit } from "#app/infra/rate-limit.server";
import { SignInSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/home");
  // Password reset by email needs outgoing mail (issue #11 §4); without it an admin resets passwords.
  return { resetByEmail: mailEnabled() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request));
  const parsed = parseWith(SignInSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, { email: values.email ?? "" });
  const { email, password } = parsed.data;
  // Issue #8.5: the attempt takes its rate-limit points before the (slow, async) password check, so parallel
  // attempts cannot slip past a limit; a browser this account used before is limited on its own.
  const record = getSignInRecord(email);
  const attempt = await startSignInAttempt({
    email,
    ip: context?.clientIp ?? "unknown",
    deviceKey: getKnownDevice(request, record),
  });
  if (!attempt.allowed) {
    const count = Math.max(1, Math.ceil(attempt.retryAfterMs / 60_000));
    return invalid({ form: { key: LIMIT_MESSAGES[attempt.limit], vars: { count } } }, 429, { email });
  }
  const ok = await verifyPassword(record?.hash ?? null, password);
  const account = ok && record?.hash && record.status === "active" ? { id: record.id, hash: record.hash } : null;
  await attempt.finish(account !== null);
  if (!account) return invalid({ form: "signin.failed" }, 400, { email });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(account.id));
  headers.append("Set-Cookie", createDeviceCookie(account));
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
}

const LIMIT_MESSAGES = {
  account: "signin.tooManyForAccount",
  device: "signin.tooManyOnDevice",
  network: "signin.tooManyFromNetwork",
} as const satisfies Record<SignInLimit, string>;

export default function SignIn() {
  const { resetByEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  return (
    <div className="auth card">
      <h1>{t("signin.title")}</h1>
      <Form method="post" noValidate>
        {fieldError(errors, "form") ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          label={t("field.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          error={fieldError(errors, "email")}
          defaultValue={actionData?.values?.email}
        />
        <Field
          label={t("field.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(errors, "password")}
        />
        <button type="submit" className="primary">
          {t("signin.submit")}
        </button>
      </Form>
      {/* With email a reset link is mailed (issue #11 §4); without it a reset is an admin's job (issue #12 item 18):
          a disclosure that says so, without JavaScript too. */}
      {resetByEmail ? (
        <p className="forgot">
          <Link to="/password/forgot">{t("signin.forgot")}</Link>
        </p>
      ) : (
        <details className="forgot">
          <summary>{t("signin.forgot")}</summary>
          <p role="note">{t("signin.forgotAskAdmin")}</p>
        </details>
      )}
      <p>
        {t("signin.noAccount")} <Link to="/signup">{t("signin.signUp")}</Link>
      </p>
      {/* Said before the sign-up form, not after a refusal there (issue #12 item 18). */}
      <p className="muted hint">{t("signin.accountHelp")}</p>
    </div>
  );
}
