// /email/unsubscribe?u=…&k=…&s=… — the signed one-click unsubscribe of every notification email (issue #11 §4,
// RFC 8058). No session: the HMAC signature (app/infra/signing.server.ts) proves the link came from our email. A GET
// only shows a confirmation (mail scanners fetch links); a POST unsubscribes — the page's button, or a mail
// provider's one-click POST of "List-Unsubscribe=One-Click" to the same URL. A forged or altered link is a 400.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getEnv } from "#app/infra/env.server";
import { checkUnsubscribeLink, unsubscribe } from "#app/models/notifications/email.server";
import { readForm } from "#app/web/forms.server";
import { parseId } from "#app/utils/ids";
import { useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "unsubscribe.title");

function linkOf(url: URL, form?: FormData) {
  const get = (name: string) => {
    const value = url.searchParams.get(name) ?? form?.get(name);
    return typeof value === "string" ? value : null;
  };
  return checkUnsubscribeLink({ userId: parseId(get("u") ?? ""), stream: get("k"), signature: get("s") });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const link = linkOf(url);
  if (!link) return data({ link: null, company: getEnv().COMPANY_NAME }, { status: 400 });
  // The signed fields go back into the form too: without JavaScript the POST may not keep the page's query.
  const fields = { u: String(link.userId), k: link.stream, s: url.searchParams.get("s") ?? "" };
  return { link: { email: link.email, stream: link.stream, fields }, company: getEnv().COMPANY_NAME };
}

export async function action({ request }: ActionFunctionArgs) {
  const link = linkOf(new URL(request.url), await readForm(request));
  if (!link) return data({ done: false as const }, { status: 400 });
  unsubscribe(link.userId, link.stream);
  return { done: true as const };
}

export default function Unsubscribe() {
  const { link, company } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="auth card">
      <h1>{t("unsubscribe.title")}</h1>
      {actionData?.done ? (
        <p role="status">{t("unsubscribe.done")}</p>
      ) : !link || actionData ? (
        <p className="error" role="alert">
          {t("unsubscribe.invalid")}
        </p>
      ) : (
        <Form method="post">
          {Object.entries(link.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <p>
            {link.stream === "digest"
              ? t("unsubscribe.confirmDigest", { email: link.email })
              : t("unsubscribe.confirmKind", {
                  email: link.email,
                  kind: t(`notifications.kind.${link.stream}`),
                  company,
                })}
          </p>
          <button type="submit" className="primary">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
