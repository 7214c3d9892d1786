// The general live stream (issue #10 §1, docs/decisions/0005-realtime.md) in the document. server.ts serves this
// path itself from node:http (app/realtime/stream.server.ts, which also takes the session cookie); this operation
// is the same stream for callers of the router in-process, behind the router's token auth, rate limit and scope.
import { createRoute, z } from "@hono/zod-openapi";
import { streamFromApi } from "#app/realtime/stream.server";
import { errorResponses, type Api } from "../operation.server";

const route = createRoute({
  method: "get",
  path: "/api/v1/stream",
  tags: ["Streams"],
  summary: "Live events the caller may see (Server-Sent Events)",
  description:
    "A `text/event-stream` that stays open. Each event has an `id:` (the domain-event log's id), an `event:` type " +
    "and one JSON `data:` line. Event types: `post` — a new root post the caller may see: `{id, kind, author: " +
    "{handle}, group: {id, slug} | null, hashtags: [{id, name}], created_at}`. Reconnect with `Last-Event-ID` (or " +
    "`?last_event_id=`) to get exactly the events missed, filtered by what the caller may see now; `0` replays from " +
    "the beginning; anything but a whole number is a 400. A comment `: live` marks the end of the replay; comments " +
    "every 15 s keep the connection open; an `id:` line without data moves the last id past events the caller was " +
    "not shown. A client that stops reading is disconnected and resumes from its last id. Browsers may use the " +
    "session cookie instead of a token.",
  request: {
    query: z.object({
      last_event_id: z.string().optional().openapi({ description: "Like the Last-Event-ID header." }),
    }),
    headers: z.object({
      "last-event-id": z.string().optional().openapi({ description: "The id of the last event received." }),
    }),
  },
  responses: {
    200: {
      description: "The stream (never ends by itself; ends when the caller's access ends).",
      content: { "text/event-stream": { schema: z.string() } },
    },
    ...errorResponses,
  },
});

/**
 * GET /api/v1/me/stream (issue #11 §5): the caller's own stream under the name the notifications API uses — the
 * same stream as /api/v1/stream, which already carries a person's notifications (audience "user:<id>") beside the
 * new posts of their feeds: one connection per page, not two.
 */
const meRoute = createRoute({
  ...route,
  path: "/api/v1/me/stream",
  tags: ["Streams", "Notifications"],
  summary: "The caller's live notifications and new posts (Server-Sent Events)",
  description:
    "The same stream as `GET /api/v1/stream`, named for what a person's client listens to: `notification` — " +
    "`{unread_count, notification}` whenever one of the caller's notifications is created, grouped, read or removed " +
    "(the grouped object as in `GET /api/v1/notifications`, or null when removed), and `post` — a new root post in " +
    "the caller's feeds, as described there. Same `Last-Event-ID` replay, heartbeats and session-cookie rule.",
});

export function registerStreamRoutes(api: Api) {
  const handler = (c: Parameters<Parameters<typeof api.openapi>[1]>[0]) => {
    const user = c.get("user");
    // Typed as the document's text/event-stream response; the body is a Web stream.
    return streamFromApi(c.req.raw, { id: user.id, role: user.role, scopes: user.scopes }) as never;
  };
  api.openapi(route, handler);
  api.openapi(meRoute, handler);
}
