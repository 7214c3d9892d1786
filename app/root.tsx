import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getLocale, getSessionRefreshCookie, getUser } from "#app/web/auth.server";
import { getPublicEnv } from "#app/infra/env.server";
import { readFlash } from "#app/web/flash.server";
import { translate, type Locale } from "#app/utils/i18n";
import { useNonce } from "#app/utils/nonce";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { SearchBox } from "#app/components/search-box";
import stylesHref from "#app/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.env.COMPANY_NAME ?? "Sori" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, { flash, setCookie }, sessionCookie] = await Promise.all([
    getUser(request),
    getLocale(request),
    readFlash(request),
    getSessionRefreshCookie(request),
  ]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (sessionCookie) headers.append("Set-Cookie", sessionCookie);
  return data(
    {
      user: user
        ? { id: user.id, handle: user.handle, name: user.name, role: user.role, photoVersion: user.photoVersion }
        : null,
      locale,
      env: getPublicEnv(),
      flash: flash ? translate(locale, flash) : null,
    },
    { headers },
  );
}

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <Link to={user ? "/home" : "/"} className="brand">
        소리 <span>Sori</span>
      </Link>
      {user ? (
        <nav aria-label={t("nav.main")} className="main-nav">
          <NavLink to="/home">{t("nav.home")}</NavLink>
          <NavLink to="/company">{t("nav.company")}</NavLink>
          <NavLink to="/people">{t("nav.people")}</NavLink>
          {user.role === "admin" ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
        </nav>
      ) : null}
      {user ? <SearchBox /> : null}
      <div className="header-tools">
        <Form method="post" action="/language" className="inline">
          <input type="hidden" name="locale" value={data?.locale === "ko" ? "en" : "ko"} />
          <button type="submit" className="link-button" lang={data?.locale === "ko" ? "en" : "ko"}>
            {t("nav.language")}
          </button>
        </Form>
        {user ? (
          <>
            <Link to="/settings" className="me" aria-label={t("nav.settings")}>
              <Avatar user={user} size={32} />
            </Link>
            <Form method="post" action="/signout" className="inline">
              <button type="submit" className="link-button">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <Link to="/signin">{t("nav.signIn")}</Link>
        )}
      </div>
    </header>
  );
}

export default function App() {
  const { locale, flash } = useLoaderData<typeof loader>();
  return (
    <Document locale={locale}>
      <Header />
      {flash ? (
        <p role="status" className="flash">
          {flash}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale = rootData?.locale ?? "en";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 404
      ? translate(locale, "error.notFound")
      : status === 403
        ? translate(locale, "error.forbidden")
        : status === 413
          ? translate(locale, "error.tooLarge")
          : status === 400
            ? translate(locale, "error.badRequest")
            : translate(locale, "error.generic");
  return (
    <Document locale={locale}>
      <main id="main" className="error-page">
        <h1>{translate(locale, "error.title", { status })}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Sori</a>
        </p>
      </main>
    </Document>
  );
}
