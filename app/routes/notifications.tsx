// The notifications page (issue #11 §1): tabs all / mentions / unread, grouped rows newest activity first, mark
// one or all read with plain forms (no JavaScript needed; the bell in the header follows live when it runs). The
// Mentions tab is the Mentions view: the posts that mention the viewer and that they may see, as cards.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  listMentions,
  listNotifications,
  markNotificationsRead,
  notificationUrl,
  parseNotificationIds,
} from "#app/models/notifications/notifications.server";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { CARD_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { formatDateTime, formatRelative } from "#app/utils/i18n";
import { notificationText } from "#app/utils/notification-text";
import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useLocale, useT, useTimeZone } from "#app/utils/use-t";
import { PostCard } from "#app/components/post-card";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

const TABS = ["all", "mentions", "unread"] as const;
type Tab = (typeof TABS)[number];

const QuerySchema = z.object({
  tab: z.enum(TABS).catch("all"),
  cursor: z.string().max(400).nullable().catch(null),
});

export const loader = pageLoader(({ viewer, url }) => {
  const { tab, cursor } = QuerySchema.parse({
    tab: url.searchParams.get("tab") ?? undefined,
    cursor: url.searchParams.get("cursor"),
  });
  if (tab === "mentions") {
    const page = listMentions({ viewer, cursor });
    return { tab, notifications: [], posts: page.posts, nextCursor: page.nextCursor };
  }
  const page = listNotifications({ viewer, filter: tab, cursor });
  return {
    tab,
    notifications: page.notifications.map((n) => ({ ...n, url: notificationUrl(n) })),
    posts: [],
    nextCursor: page.nextCursor,
  };
});

const ReadIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().max(20), tab: z.string().optional() }),
  z.object({ intent: z.literal("readAll"), tab: z.string().optional() }),
]);

/** Mark one or all read; anything else is a post card's intent (the Mentions tab's reactions and the like). */
export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const values = formToObject(await readForm(request.clone()));
  const parsed = ReadIntentSchema.safeParse(values);
  if (!parsed.success) return handlePostAction(request, { intents: CARD_INTENTS });
  const tab = QuerySchema.shape.tab.parse(parsed.data.tab);
  try {
    markNotificationsRead(
      viewer,
      parsed.data.intent === "readAll" ? { all: true } : { ids: parseNotificationIds([parsed.data.id]) },
    );
  } catch (error) {
    return appErrorToAction(error, values);
  }
  return redirectWithFlash(tab === "all" ? "/notifications" : `/notifications?tab=${tab}`, "notifications.marked");
}

export default function Notifications() {
  const { tab, notifications, posts, nextCursor } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const actionData = useActionData<{ errors?: FieldErrors }>();
  const fieldError = useFieldError();
  const error = fieldError(actionData?.errors, "ids") ?? fieldError(actionData?.errors, "form");
  const tabLink = (to: Tab) => (to === "all" ? "/notifications" : `/notifications?tab=${to}`);
  const empty =
    tab === "unread"
      ? t("notifications.emptyUnread")
      : tab === "mentions"
        ? t("notifications.emptyMentions")
        : t("notifications.empty");
  return (
    <div className="stack notifications-page">
      <div className="page-title">
        <h1>{t("notifications.title")}</h1>
        {tab !== "mentions" && notifications.some((n) => n.unread) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <input type="hidden" name="tab" value={tab} />
            <button type="submit" className="secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <nav className="tabs" aria-label={t("notifications.title")}>
        <Link to={tabLink("all")} aria-current={tab === "all" ? "page" : undefined}>
          {t("notifications.tabAll")}
        </Link>
        <Link to={tabLink("mentions")} aria-current={tab === "mentions" ? "page" : undefined}>
          {t("notifications.tabMentions")}
        </Link>
        <Link to={tabLink("unread")} aria-current={tab === "unread" ? "page" : undefined}>
          {t("notifications.tabUnread")}
        </Link>
      </nav>
      {tab === "mentions" ? (
        <section className="stack" aria-label={t("notifications.mentionsTitle")}>
          {posts.length === 0 ? <p className="card muted">{empty}</p> : null}
          {posts.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </section>
      ) : notifications.length === 0 ? (
        <p className="card muted">{empty}</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={`card notification${n.unread ? " unread" : ""}`}>
              <div className="notification-text">
                {n.unread ? <span className="visually-hidden">{t("notifications.unreadBadge")}: </span> : null}
                <Link to={n.url}>{notificationText(t, n)}</Link>
                <time
                  dateTime={new Date(n.updatedAt).toISOString()}
                  title={formatDateTime(locale, n.updatedAt, timeZone)}
                  suppressHydrationWarning
                >
                  {formatRelative(locale, n.updatedAt)}
                </time>
              </div>
              {n.unread ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <input type="hidden" name="tab" value={tab} />
                  <button type="submit" className="link-button">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link
            className="button"
            rel="next"
            to={`/notifications?${new URLSearchParams({ ...(tab === "all" ? {} : { tab }), cursor: nextCursor })}`}
          >
            {t("notifications.more")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
