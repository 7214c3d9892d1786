import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "#app/web/auth.server";
import { setLocale } from "#app/models/people/user.server";
import { isLocale } from "#app/utils/i18n";
import { invalid, readForm } from "#app/web/forms.server";

export async function loader() {
  throw redirect("/");
}

/** Switches the interface language: stored on the account when signed in, in a cookie otherwise. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  if (!isLocale(locale)) return invalid({ locale: "error.invalid" });
  const user = await getUser(request);
  if (user) setLocale(user.id, locale);
  const back = safeRedirect(new URL(request.headers.get("Referer") ?? "/", request.url).pathname, "/");
  return redirect(back, {
    headers: { "Set-Cookie": `sori_lang=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}
