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
import { translate, type Locale, type MessageKey } from "#app/utils/i18n";
import { useNonce } from "#app/utils/nonce";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { SearchBox } from "#app/components/search-box";
import { NotificationBell } from "#app/components/notification-bell";
import { buildViewer } from "#app/access/viewer.server";
import { countUnread } from "#app/models/notifications/notifications.server";
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
      // The bell's count, server-rendered so it shows without JavaScript (issue #11); live updates come by stream.
      unreadNotifications: user ? countUnread(buildViewer(user)) : 0,
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
          {/* Guests see only their groups: no company feed, no directory (app/access/rules.ts). */}
          {user.role !== "guest" ? <NavLink to="/company">{t("nav.company")}</NavLink> : null}
          <NavLink to="/groups">{t("nav.groups")}</NavLink>
          <NavLink to="/questions">{t("nav.questions")}</NavLink>
          <NavLink to="/events">{t("nav.events")}</NavLink>
          {user.role !== "guest" ? <NavLink to="/people">{t("nav.people")}</NavLink> : null}
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
            <NotificationBell count={data?.unreadNotifications ?? 0} />
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

const ERROR_MESSAGES: Partial<Record<number, MessageKey>> = {
  400: "error.badRequest",
  403: "error.forbidden",
  404: "error.notFound",
  413: "error.tooLarge",
  429: "error.rateLimitedShort",
};

/**
 * The one error page: it keeps the app's header (when the root loader ran, its data is here) and speaks the
 * viewer's language. Route errors (a hidden post's 404, a 403) render here inside the usual layout.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale = rootData?.locale ?? "en";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500) console.error(error);
  const message = translate(locale, ERROR_MESSAGES[status] ?? "error.generic");
  return (
    <Document locale={locale}>
      <Header />
      <main id="main" className="error-page" tabIndex={-1}>
        <h1>{translate(locale, "error.title", { status })}</h1>
        <p>{message}</p>
        <p>
          <Link to={rootData?.user ? "/home" : "/"}>{translate(locale, "error.backHome")}</Link>
        </p>
      </main>
    </Document>
  );
}
