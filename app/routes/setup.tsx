import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { createUser, countUsers } from "#app/models/people/user.server";
import { startSession } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { NewAccountSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { AccountFields } from "#app/components/account-fields";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "setup.title");

export async function loader(_: LoaderFunctionArgs) {
  if (countUsers() > 0) throw redirect("/signin");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  // Only an empty database may be set up; afterwards accounts come by invitation or company domain.
  if (countUsers() > 0) return invalid({ form: "setup.done" }, 403);
  const values = formToObject(await readForm(request));
  const parsed = parseWith(NewAccountSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, { ...values, password: "" });
  try {
    const user = await createUser({ ...parsed.data, role: "admin" });
    return redirect("/home", { headers: { "Set-Cookie": await startSession(user.id) } });
  } catch (error) {
    return appErrorToAction(error, { ...values, password: "" });
  }
}

export default function Setup() {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  return (
    <div className="auth card">
      <h1>{t("setup.title")}</h1>
      <p>{t("setup.intro")}</p>
      <Form method="post" noValidate>
        {fieldError(errors, "form") ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        <AccountFields errors={errors} values={actionData?.values} />
        <button type="submit" className="primary">
          {t("setup.submit")}
        </button>
      </Form>
    </div>
  );
}
