import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createInvitation } from "#app/models/people/invitation.server";
import { listUsers } from "#app/models/people/user.server";
import { requireAdmin } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { EmailSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Sori — Admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { users: listUsers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const values = formToObject(await readForm(request));
  const parsed = parseWith(z.object({ email: EmailSchema }), values);
  if (!parsed.ok) return invalid(parsed.errors, 400, values);
  try {
    const { token } = createInvitation({ actor: admin, email: parsed.data.email });
    return { ok: true as const, link: new URL(`/signup?invite=${token}`, request.url).toString() };
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function Admin() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <div className="stack">
      <h1>{t("admin.title")}</h1>
      <section className="card">
        <h2>{t("admin.invite")}</h2>
        <Form method="post" noValidate>
          <Field label={t("field.email")} name="email" type="email" error={fieldError(errors, "email")} />
          <button type="submit" className="primary">
            {t("admin.inviteSubmit")}
          </button>
        </Form>
        {actionData && "link" in actionData ? (
          <div role="status">
            <p>{t("admin.inviteLink")}</p>
            <p className="token">{actionData.link}</p>
          </div>
        ) : null}
      </section>
      <section className="card">
        <h2>{t("people.count", { count: users.length })}</h2>
        <table className="list">
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/people/${u.handle}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{u.department}</td>
                <td>{u.role}</td>
                <td>{u.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
