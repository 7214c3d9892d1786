import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getInvitation, signUp } from "#app/models/people/invitation.server";
import { getUser, startSession } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { NewAccountSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { AccountFields } from "#app/components/account-fields";

export const meta: MetaFunction = () => [{ title: "Sori — sign up" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/home");
  const invite = new URL(request.url).searchParams.get("invite");
  const invitation = getInvitation(invite);
  return {
    invite,
    invitedEmail: invitation?.email ?? null,
    guest: invitation?.guest ? { organization: invitation.organization, groups: invitation.groups } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request));
  const echo = { ...values, password: "" };
  const parsed = parseWith(NewAccountSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, echo);
  try {
    const user = await signUp({ ...parsed.data, invitationToken: values.invite || null });
    // A guest has no company feed: their home is the groups they were invited to.
    return redirect(user.guest ? "/groups" : "/home", { headers: { "Set-Cookie": await startSession(user.id) } });
  } catch (error) {
    return appErrorToAction(error, echo);
  }
}

export default function SignUp() {
  const { invite, invitedEmail, guest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  return (
    <div className="auth card">
      <h1>{t("signup.title")}</h1>
      {invite && !invitedEmail ? <p className="error">{t("signup.badInvite")}</p> : null}
      {guest ? (
        <div role="status">
          <p>{t("guest.invitedAs", { organization: guest.organization })}</p>
          {guest.groups.length ? <p>{t("guest.invitedTo", { groups: guest.groups.join(", ") })}</p> : null}
        </div>
      ) : null}
      <Form method="post" noValidate>
        {fieldError(errors, "form") ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        <input type="hidden" name="invite" value={invite ?? ""} />
        <AccountFields errors={errors} values={actionData?.values} email={invitedEmail ?? undefined} />
        <button type="submit" className="primary">
          {t("signup.submit")}
        </button>
      </Form>
    </div>
  );
}
