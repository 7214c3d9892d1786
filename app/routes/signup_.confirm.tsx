// /signup/confirm?token=… — the emailed link of a company-domain sign-up (issue #8.1). Opening it only shows a
// button: mail scanners that fetch every link must not use up the single-use token; the POST creates the account
// and signs in. (signup_ keeps this page out of the sign-up form's layout.)
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { confirmSignUp, getPendingSignUp } from "#app/models/people/signup.server";
import { startSession } from "#app/web/auth.server";
import { appErrorToAction, readForm } from "#app/web/forms.server";
import { useFieldError, useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.confirmTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const pending = getPendingSignUp(token);
  if (!pending) return data({ pending: null, token: null }, { status: 400 });
  return { pending, token };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = new URL(request.url).searchParams.get("token") ?? form.get("token");
  try {
    if (typeof token !== "string" || !token) throw new Response("Bad request", { status: 400 });
    const user = await confirmSignUp(token);
    return redirect("/home", { headers: { "Set-Cookie": await startSession(user.id) } });
  } catch (error) {
    return appErrorToAction(error);
  }
}

export default function ConfirmSignUp() {
  const { pending, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const failed = fieldError(actionData?.errors, "form");
  return (
    <div className="auth card">
      <h1>{t("signup.confirmTitle")}</h1>
      {failed ? (
        <p className="error" role="alert">
          {failed}
        </p>
      ) : pending && token ? (
        <Form method="post">
          <p>{t("signup.confirmIntro", { email: pending.email, handle: pending.handle })}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="primary">
            {t("signup.confirmSubmit")}
          </button>
        </Form>
      ) : (
        <p className="error" role="alert">
          {t("signup.linkInvalid")}
        </p>
      )}
    </div>
  );
}
