import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getInvitation, getInvitationEmail, signUp } from "#app/models/people/invitation.server";
import { requestSignUp, throttleSignUp } from "#app/models/people/signup.server";
import { getEnv } from "#app/infra/env.server";
import { getLocale, getUser, startSession } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { NewAccountSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { AccountFields } from "#app/components/account-fields";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

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

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request));
  const echo = { ...values, password: "" };
  const parsed = parseWith(NewAccountSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, echo);
  try {
    await throttleSignUp({ email: parsed.data.email, ip: context?.clientIp ?? "unknown" });
    const invitedEmail = values.invite ? getInvitationEmail(values.invite) : null;
    // An invitation already proves the address (its link went to it): the account is created at once. A used or
    // expired invitation is refused by signUp; any other address must prove its mailbox first (issue #8.1).
    if (!values.invite || (invitedEmail !== null && invitedEmail !== parsed.data.email)) {
      await requestSignUp({
        account: parsed.data,
        locale: await getLocale(request),
        origin: getEnv().APP_ORIGIN ?? new URL(request.url).origin,
      });
      // The same answer whether or not the address already has an account (issue #8.6).
      return { ok: true as const, checkEmail: parsed.data.email };
    }
    const user = await signUp({ ...parsed.data, invitationToken: values.invite });
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
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const values = actionData && !actionData.ok ? actionData.values : undefined;
  if (actionData?.ok) {
    return (
      <div className="auth card">
        <h1>{t("signup.title")}</h1>
        <p role="status">{t("signup.checkEmail", { email: actionData.checkEmail })}</p>
      </div>
    );
  }
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
        <AccountFields errors={errors} values={values} email={invitedEmail ?? undefined} />
        <button type="submit" className="primary">
          {t("signup.submit")}
        </button>
      </Form>
    </div>
  );
}
