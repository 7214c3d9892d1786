// Notifications and mentions (issue #11 §5): the caller's grouped notifications, newest activity first; marking
// them read (some by id, or all); and the posts that mention the caller. Every read goes through the access rule
// (app/models/notifications), so a row about something the caller may no longer see is neither listed nor counted.
import { createRoute } from "@hono/zod-openapi";
import {
  countUnread,
  listMentions,
  listNotifications,
  markNotificationsRead,
  notificationToJson,
} from "#app/models/notifications/notifications.server";
import { errorResponses, jsonBody, type Api } from "../operation.server";
import {
  FeedSchema,
  feedToJson,
  MarkedSchema,
  MarkReadSchema,
  NotificationPageSchema,
  NotificationsQuerySchema,
  PageQuerySchema,
} from "../schemas";
import { pageOf } from "./feeds.server";

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });

const list = createRoute({
  method: "get",
  path: "/api/v1/notifications",
  tags: ["Notifications"],
  summary: "The caller's notifications, grouped per post, thread or group, newest activity first",
  request: { query: NotificationsQuerySchema },
  responses: { 200: json(NotificationPageSchema, "A page of notifications and the unread count."), ...errorResponses },
});

const markRead = createRoute({
  method: "post",
  path: "/api/v1/notifications/read",
  tags: ["Notifications"],
  summary: "Mark notifications read: some by id, or all",
  middleware: [jsonBody] as const,
  request: { body: { required: true, content: { "application/json": { schema: MarkReadSchema } } } },
  responses: { 200: json(MarkedSchema, "How many were marked, and the unread count now."), ...errorResponses },
});

const mentions = createRoute({
  method: "get",
  path: "/api/v1/mentions",
  tags: ["Notifications"],
  summary: "Posts that mention the caller and that the caller may see, newest first",
  request: { query: PageQuerySchema },
  responses: { 200: json(FeedSchema, "A page of posts."), ...errorResponses },
});

export function registerNotificationRoutes(api: Api) {
  api.openapi(list, (c) => {
    const viewer = c.get("viewer");
    const query = c.req.valid("query");
    const page = listNotifications({ viewer, filter: query.filter ?? "all", ...pageOf(query) });
    return c.json(
      {
        data: page.notifications.map(notificationToJson),
        next_cursor: page.nextCursor,
        unread_count: countUnread(viewer),
      },
      200,
    );
  });

  api.openapi(markRead, (c) => {
    const viewer = c.get("viewer");
    const body = c.req.valid("json");
    const marked = markNotificationsRead(viewer, "all" in body ? { all: true } : { ids: body.ids });
    return c.json({ marked, unread_count: countUnread(viewer) }, 200);
  });

  api.openapi(mentions, (c) =>
    c.json(feedToJson(listMentions({ viewer: c.get("viewer"), ...pageOf(c.req.valid("query")) })), 200),
  );
}
