import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { getSignInRecord } from "#app/models/people/user.server";
import { getUser, safeRedirect, startSession } from "#app/web/auth.server";
import { verifyPassword } from "#app/infra/passwords.server";
import { formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "#app/infra/rate-limit.server";
import { SignInSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";

export const meta: MetaFunction = () => [{ title: "Sori — sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/home");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request));
  const parsed = parseWith(SignInSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, { email: values.email ?? "" });
  const { email, password } = parsed.data;
  const ip = context?.clientIp ?? "unknown";
  const waitMs = await signInBlockedFor(email, ip);
  if (waitMs > 0) {
    return invalid({ form: { key: "signin.rateLimited", vars: { minutes: Math.ceil(waitMs / 60_000) } } }, 429, {
      email,
    });
  }
  const record = getSignInRecord(email);
  const ok = await verifyPassword(record?.hash ?? null, password);
  if (!record || !ok || record.status !== "active") {
    await recordFailedSignIn(email, ip);
    return invalid({ form: "signin.failed" }, 400, { email });
  }
  await clearFailedSignIns(email);
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await startSession(record.id) },
  });
}

export default function SignIn() {
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
      <p>
        {t("signin.noAccount")} <Link to="/signup">{t("signin.signUp")}</Link>
      </p>
    </div>
  );
}
