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

export function registerStreamRoutes(api: Api) {
  api.openapi(route, (c) => {
    const user = c.get("user");
    // Typed as the document's text/event-stream response; the body is a Web stream.
    return streamFromApi(c.req.raw, { id: user.id, role: user.role, scopes: user.scopes }) as never;
  });
}
