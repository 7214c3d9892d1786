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
import { getSessionRefreshCookie } from "#app/web/auth.server";
import { readFlash } from "#app/web/flash.server";
import { loadRootView } from "#app/web/root-data.server";
import { translate, type Locale, type MessageKey } from "#app/utils/i18n";
import { useNonce } from "#app/utils/nonce";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { SearchBox } from "#app/components/search-box";
import { NotificationBell } from "#app/components/notification-bell";
import { RootFallbackScript, useRootData } from "#app/utils/root-data";
import { APP_NAME } from "#app/utils/page-title";
import stylesHref from "#app/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// An error page writes its own <title>: it knows the person's language even where the root loader did not run.
export const meta: MetaFunction<typeof loader> = ({ data, error }) =>
  error ? [] : [{ title: data?.env.COMPANY_NAME ?? APP_NAME }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [view, { flash, setCookie }, sessionCookie] = await Promise.all([
    loadRootView(request),
    readFlash(request),
    getSessionRefreshCookie(request),
  ]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (sessionCookie) headers.append("Set-Cookie", sessionCookie);
  return data({ ...view, flash: flash ? translate(view.locale, flash) : null }, { headers });
}

function Document({ locale, title, children }: { locale: Locale; title?: string; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
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
  const data = useRootData();
  const t = useT();
  const user = data?.user;
  return (
    <header className={user ? "site-header signed-in" : "site-header"}>
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
        <Form method="post" action="/language" className="inline language-switch">
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
            <Form method="post" action="/signout" className="inline sign-out">
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

/**
 * The phone's navigation (issue #12 item 9): a bar at the bottom within the thumb's reach, with a compose button
 * and Trending (the hashtags page); CSS shows it only on narrow screens, where the header's own navigation row
 * scrolls away with the page.
 */
function BottomNav() {
  const data = useRootData();
  const t = useT();
  if (!data?.user) return null;
  return (
    <nav aria-label={t("nav.bottom")} className="bottom-nav">
      <NavLink to="/home" end>
        {t("nav.home")}
      </NavLink>
      <NavLink to="/groups">{t("nav.groups")}</NavLink>
      <Link to="/home#compose" className="compose">
        {t("nav.compose")}
      </Link>
      <NavLink to="/questions">{t("nav.questions")}</NavLink>
      <NavLink to="/hashtags">{t("nav.trending")}</NavLink>
    </nav>
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
      <BottomNav />
    </Document>
  );
}

// Per status: what happened, why, and (below) where to go from here.
const ERROR_PAGES: Partial<Record<number, { title: MessageKey; help: MessageKey }>> = {
  403: { title: "errorPage.forbidden", help: "errorPage.forbiddenHelp" },
  404: { title: "errorPage.notFound", help: "errorPage.notFoundHelp" },
};

const ERROR_MESSAGES: Partial<Record<number, MessageKey>> = {
  400: "error.badRequest",
  413: "error.tooLarge",
  429: "error.rateLimitedShort",
};

/**
 * The one error page (issue #12 item 12): it keeps the app's header, search and navigation for a signed-in person,
 * speaks their language — also for a URL no route matches, where the root loader did not run
 * (app/utils/root-data.tsx) — says what happened and suggests where to go. Route errors (a hidden post's 404, a
 * 403) render here inside the usual layout.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const loaded = useRouteLoaderData<typeof loader>("root");
  const root = useRootData();
  const locale = root?.locale ?? "en";
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500) console.error(error);
  const page = ERROR_PAGES[status];
  const heading = page ? t(page.title) : status >= 500 ? t("errorPage.server") : t("errorPage.other");
  const help = page
    ? t(page.help)
    : status >= 500
      ? t("errorPage.serverHelp")
      : t(ERROR_MESSAGES[status] ?? "error.generic");
  const user = root?.user;
  return (
    <Document locale={locale} title={`${heading} · ${APP_NAME}`}>
      {!loaded && root ? <RootFallbackScript data={root} /> : null}
      <Header />
      <main id="main" className="error-page" tabIndex={-1}>
        <div className="card stack">
          <p className="muted">{t("error.title", { status })}</p>
          <h1>{heading}</h1>
          <p>{help}</p>
          <h2>{t("errorPage.suggest")}</h2>
          <ul className="error-suggestions">
            {user ? (
              <>
                <li>
                  <Link to="/home">{t("nav.home")}</Link>
                </li>
                <li>
                  <Link to="/groups">{t("nav.groups")}</Link>
                </li>
                <li>
                  <Link to="/questions">{t("nav.questions")}</Link>
                </li>
                {user.role !== "guest" ? (
                  <li>
                    <Link to="/people">{t("nav.people")}</Link>
                  </li>
                ) : null}
              </>
            ) : (
              <li>
                <Link to="/signin">{t("nav.signIn")}</Link>
              </li>
            )}
          </ul>
          {user ? <p className="muted">{t("errorPage.searchHint")}</p> : null}
        </div>
      </main>
      <BottomNav />
    </Document>
  );
}
