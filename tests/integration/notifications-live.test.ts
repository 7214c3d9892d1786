// The live bell (issue #11 §1): a notification created by the consumer, or marked read, reaches its person's open
// streams as a `notification` frame (the unread count and the grouped row) on GET /api/v1/stream — a real
// node:http server serving app/realtime's handler over a real migrated SQLite database — and nobody else's, not
// even a stream of the author's or of another colleague mentioned nowhere.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createApiToken } from "#app/models/people/api-token.server";
import { markNotificationsRead } from "#app/models/notifications/notifications.server";
import { publishPost } from "#app/models/posts/post.server";
import { startRealtime } from "#app/realtime/realtime.server";
import { serveStream } from "#app/realtime/stream.server";
import { drainNotifications } from "#tests/support/notifications";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";
import { openSse, waitUntil, type SseClient } from "#tests/support/sse";

let server: http.Server | null = null;
const clients: SseClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

async function startServer(): Promise<number> {
  startRealtime();
  server = http.createServer((req, res) => void serveStream(req, res));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

async function connect(port: number, headers: Record<string, string>) {
  const client = await openSse(port, { headers });
  clients.push(client);
  await waitUntil(client.live, 2000, "live");
  return client;
}

const notificationsOf = (c: SseClient) =>
  c.events.filter((e) => e.event === "notification").map((e) => JSON.parse(e.data) as Record<string, unknown>);

describe("the notification frame", () => {
  it("reaches only its recipient, with the count and the grouped row, and follows marking read", async () => {
    const port = await startServer();
    const author = await createTestUser({ handle: "minsu", name: "김민수" });
    const jieun = await createTestUser({ handle: "jieun", name: "이지은" });
    const other = await createTestUser({ handle: "other" });
    const token = createApiToken({ userId: jieun.id, name: "bell", scopes: ["read"] }).token;
    const mine = await connect(port, { Authorization: `Bearer ${token}` });
    const theirs = await connect(port, { Cookie: await sessionCookie(other.id) });
    const authors = await connect(port, { Cookie: await sessionCookie(author.id) });

    const post = publishPost({ viewer: viewerOf(author), body: "@jieun Q3 배포 일정 확인 부탁해요" });
    await drainNotifications();
    await waitUntil(() => notificationsOf(mine).length > 0, 2000, "the notification frame");
    expect(notificationsOf(mine)[0]).toMatchObject({
      unread_count: 1,
      notification: {
        kind: "mention",
        target: { type: "post", id: post.id, url: `/posts/${post.id}` },
        actors: [{ handle: "minsu", name: "김민수" }],
        actor_count: 1,
        unread: true,
      },
    });

    markNotificationsRead(viewerOf(jieun), { all: true });
    await waitUntil(() => notificationsOf(mine).length > 1, 2000, "the count after marking read");
    expect(notificationsOf(mine)[1]).toEqual({ unread_count: 0, notification: null });

    // A marker everyone sees: by the time it arrives, any notification frame would have too.
    const marker = publishPost({ viewer: viewerOf(other), body: "company-wide marker" }).id;
    for (const c of [theirs, authors]) {
      await waitUntil(
        () => c.events.some((e) => e.event === "post" && JSON.parse(e.data).id === marker),
        2000,
        "marker",
      );
      expect(notificationsOf(c)).toEqual([]);
      expect(c.text()).not.toContain("jieun");
    }
  });
});
