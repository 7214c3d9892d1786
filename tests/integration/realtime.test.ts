// The live stream GET /api/v1/stream (issue #10 §1, docs/decisions/0005-realtime.md) on a real node:http server
// serving app/realtime's handler — what server.ts does for the path — over a real SQLite database built from the
// migrations: replay after a reconnect, access at send time, closing on deactivation and revocation, slow clients,
// bad input. The bus across processes is tested in realtime-bus.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup, removeMember } from "#app/models/groups/group.server";
import { createApiToken, revokeApiToken } from "#app/models/people/api-token.server";
import { followUser, setUserStatus } from "#app/models/people/user.server";
import { followHashtag } from "#app/models/hashtags/hashtag.server";
import { homeFeedScope } from "#app/models/feeds/live-scope.server";
import { concernsFeed, type PostStreamData } from "#app/utils/live-feed";
import { publishPost } from "#app/models/posts/post.server";
import { startRealtime } from "#app/realtime/realtime.server";
import { serveStream } from "#app/realtime/stream.server";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";
import { openSse, postIdsOf, waitUntil, type SseClient } from "#tests/support/sse";

let server: http.Server | null = null;
const clients: SseClient[] = [];

async function startServer(options: Parameters<typeof startRealtime>[0] = {}): Promise<number> {
  startRealtime(options);
  server = http.createServer((req, res) => void serveStream(req, res));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

async function connect(port: number, headers: Record<string, string>) {
  const client = await openSse(port, { headers });
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

async function member(role: "member" | "admin" = "member") {
  const user = await createTestUser({ role });
  const { token } = createApiToken({ userId: user.id, name: "stream", scopes: ["read"] });
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}

const post = (user: { id: number }, body: string, group?: string) =>
  publishPost({ viewer: viewerOf(user), body, group: group ?? null }).id;

describe("GET /api/v1/stream", () => {
  it("streams new root posts, and a reconnect with Last-Event-ID gets exactly what was missed", async () => {
    const port = await startServer();
    const { user, auth } = await member();
    const author = await createTestUser();
    const first = await connect(port, auth);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(first.headers["cache-control"]).toContain("no-transform");
    await waitUntil(first.live, 2000, "the stream to be live");
    expect(first.text()).toMatch(/^retry: \d+\n/);

    const a = post(author, "first #실시간");
    const reply = publishPost({ viewer: viewerOf(user), body: "a reply is not a feed post", replyToId: a }).id;
    const b = post(author, "second");
    await waitUntil(() => postIdsOf(first).length === 2, 2000, "two posts");
    expect(postIdsOf(first)).toEqual([a, b]);
    const data = JSON.parse(first.events[0].data);
    expect(data).toMatchObject({ id: a, kind: "update", author: { handle: author.handle }, group: null });
    expect(data.hashtags.map((h: { name: string }) => h.name)).toEqual(["실시간"]);
    expect(postIdsOf(first)).not.toContain(reply);

    // Disconnected: three posts go by.
    const lastId = first.lastId()!;
    first.close();
    const missed = [post(author, "missed 1"), post(author, "missed 2"), post(author, "missed 3")];
    const again = await connect(port, { ...auth, "Last-Event-ID": String(lastId) });
    await waitUntil(again.live, 2000, "the replay");
    expect(postIdsOf(again)).toEqual(missed);
    const live = post(author, "live again");
    await waitUntil(() => postIdsOf(again).length === 4, 2000, "the live post");
    expect(postIdsOf(again)).toEqual([...missed, live]);
    // Event ids only grow: no duplicate, no gap in what the viewer may see.
    const ids = again.events.map((e) => e.id!);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);

    // The same through the query parameter, from the beginning of the log (0).
    const replay = await openSse(port, { path: "/api/v1/stream?last_event_id=0", headers: auth });
    clients.push(replay);
    await waitUntil(replay.live, 2000, "the full replay");
    expect(postIdsOf(replay)).toEqual([a, b, ...missed, live]);
  });

  it("never sends a private group's post to a non-member, and sends the next one once they are added", async () => {
    const port = await startServer();
    const admin = await createTestUser();
    const outsider = await member();
    const group = createGroup({ viewer: viewerOf(admin), input: { name: "Skunkworks", visibility: "private" } });
    const stream = await connect(port, outsider.auth);
    await waitUntil(stream.live, 2000, "live");

    const hidden = post(admin, "secret plans #skunk", group.slug);
    const marker = post(admin, "company-wide marker");
    await waitUntil(() => postIdsOf(stream).includes(marker), 2000, "the marker");
    expect(postIdsOf(stream)).toEqual([marker]);
    expect(stream.text()).not.toContain(group.slug);

    // Added to the group while connected: the stream re-checks access on membership.changed.
    addMembers({ viewer: viewerOf(admin), slug: group.slug, input: { handles: [outsider.user.handle] } });
    const visible = post(admin, "welcome aboard", group.slug);
    await waitUntil(() => postIdsOf(stream).includes(visible), 2000, "the private post after joining");
    expect(postIdsOf(stream)).toEqual([marker, visible]);
    expect(JSON.parse(stream.events.at(-1)!.data).group).toEqual({ id: group.id, slug: group.slug });

    // Removed again: the stream stays open (the company feed is still theirs) but the group's posts stop.
    removeMember({ viewer: viewerOf(admin), slug: group.slug, handle: outsider.user.handle });
    const afterRemoval = post(admin, "after you left", group.slug);
    const marker2 = post(admin, "second company-wide marker");
    await waitUntil(() => postIdsOf(stream).includes(marker2), 2000, "the second marker");
    expect(postIdsOf(stream)).toEqual([marker, visible, marker2]);
    expect(postIdsOf(stream)).not.toContain(afterRemoval);

    // A replay from the start is filtered by what they may see now (send time): no longer the group's posts.
    const replay = await connect(port, { ...outsider.auth, "Last-Event-ID": "0" });
    await waitUntil(replay.live, 2000, "replay");
    expect(postIdsOf(replay)).toEqual([marker, marker2]);
    expect(postIdsOf(replay)).not.toContain(hidden);
  });

  it("closes within 1 s when the viewer is deactivated, and refuses the reconnect", async () => {
    const port = await startServer();
    const admin = await createTestUser({ role: "admin" });
    const leaver = await member();
    const cookie = await sessionCookie(leaver.user.id);
    const byToken = await connect(port, leaver.auth);
    const byCookie = await connect(port, { Cookie: cookie });
    await waitUntil(() => byToken.live() && byCookie.live(), 2000, "both live");
    const started = Date.now();
    await setUserStatus({ actor: viewerOf(admin), userId: leaver.user.id, status: "deactivated" });
    await Promise.all([byToken.ended, byCookie.ended]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await connect(port, leaver.auth)).status).toBe(401);
    expect((await connect(port, { Cookie: cookie })).status).toBe(401);
  });

  it("closes a stream within about a second when its token is revoked (the credential sweep)", async () => {
    const port = await startServer();
    const user = await createTestUser();
    const { id: tokenId, token } = createApiToken({ userId: user.id, name: "stream", scopes: ["read"] });
    const stream = await connect(port, { Authorization: `Bearer ${token}` });
    await waitUntil(stream.live, 2000, "live");
    const started = Date.now();
    revokeApiToken({ userId: user.id, tokenId });
    await stream.ended;
    // The sweep runs every second; allow for a busy machine.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("drops a client that stops reading, which then resumes from its last id without gap or duplicate", async () => {
    const port = await startServer({ maxBufferedBytes: 64 * 1024 });
    const { auth } = await member();
    const author = await createTestUser();
    const slow = await connect(port, auth);
    await waitUntil(slow.live, 2000, "live");
    slow.pause();
    // Many events at once, far more than the socket buffers hold (one real post, its event repeated).
    const postId = post(author, "flood");
    const COUNT = 40_000;
    rawStatement(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < @count)
       insert into domain_events (type, audience, data)
       select 'post.published', '["company"]', json_object('postId', @post, 'threadId', @post, 'groupId', null) from n`,
    ).run({ count: COUNT, post: postId });
    const last = rawStatement(`select max(id) from domain_events`).pluck().get() as number;
    // The hub reads the log (its poll: these rows were written without a nudge), writes until the bound, drops.
    await new Promise((r) => setTimeout(r, 1500));
    slow.resume();
    // Cut: a client that kept up would still be connected. (What was in flight may be lost with the reset; the
    // stream gave the client an id when it went live, so it always knows where to resume.)
    await slow.ended;
    expect(slow.lastId()).not.toBeNull();
    const got = slow.events.map((e) => e.id!);
    expect(got.length).toBeLessThan(COUNT + 1);
    const resumed = await connect(port, { ...auth, "Last-Event-ID": String(slow.lastId()) });
    await waitUntil(resumed.live, 10_000, "the rest");
    const all = [...got, ...resumed.events.map((e) => e.id!)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.at(-1)).toBe(last);
    expect(all.length).toBe(COUNT + 1);
  });

  it("answers bad requests with the API's error shape", async () => {
    const port = await startServer();
    const { user, auth } = await member();
    const bad = await connect(port, { ...auth, "Last-Event-ID": "12abc" });
    expect(bad.status).toBe(400);
    await bad.ended;
    expect(JSON.parse(bad.text()).error.code).toBe("invalid_last_event_id");
    const negative = await connect(port, { ...auth, "Last-Event-ID": "-1" });
    expect(negative.status).toBe(400);

    const anonymous = await connect(port, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toContain("Bearer");
    const unknown = await connect(port, { Authorization: "Bearer sori_nottherightsecretatall0000" });
    expect(unknown.status).toBe(401);
    const { token: writeOnly } = createApiToken({ userId: user.id, name: "w", scopes: ["write"] });
    const refused = await connect(port, { Authorization: `Bearer ${writeOnly}` });
    expect(refused.status).toBe(403);
    await refused.ended;
    expect(JSON.parse(refused.text()).error.code).toBe("insufficient_scope");
    // A Last-Event-ID past the end of the log starts from now.
    const ahead = await connect(port, { ...auth, "Last-Event-ID": "999999999" });
    await waitUntil(ahead.live, 2000, "live");
    const author = await createTestUser();
    const id = post(author, "after a future id");
    await waitUntil(() => postIdsOf(ahead).includes(id), 2000, "the post");

    const posted = await new Promise<number>((resolve, reject) =>
      http
        .request({ host: "127.0.0.1", port, path: "/api/v1/stream", method: "POST", headers: auth }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
        .on("error", reject)
        .end(),
    );
    expect(posted).toBe(405);
  });

  it("tells each feed page which new posts are its own (the 'N new posts' notice)", async () => {
    const port = await startServer();
    const reader = await member();
    const [followed, stranger, admin] = [await createTestUser(), await createTestUser(), await createTestUser()];
    const group = createGroup({ viewer: viewerOf(admin), input: { name: "Design", visibility: "public" } });
    addMembers({ viewer: viewerOf(admin), slug: group.slug, input: { handles: [reader.user.handle] } });
    followUser({ viewer: viewerOf(reader.user), handle: followed.handle, follow: true });
    post(stranger, "first use of #디자인");
    followHashtag({ viewer: viewerOf(reader.user), name: "디자인", follow: true });
    const home = homeFeedScope(viewerOf(reader.user));
    const stream = await connect(port, reader.auth);
    await waitUntil(stream.live, 2000, "live");

    const ids = {
      followed: post(followed, "from someone I follow"),
      tagged: post(stranger, "about #디자인"),
      inGroup: post(admin, "in my group", group.slug),
      mine: post(reader.user, "my own"),
      other: post(stranger, "unrelated"),
    };
    await waitUntil(() => postIdsOf(stream).length === 5, 2000, "five posts");
    const events = stream.events.map((e) => JSON.parse(e.data) as PostStreamData);
    const matching = (scope: Parameters<typeof concernsFeed>[0]) =>
      events.filter((e) => concernsFeed(scope, e)).map((e) => e.id);
    expect(matching(home)).toEqual([ids.followed, ids.tagged, ids.inGroup, ids.mine]);
    expect(matching({ kind: "company" })).toEqual(Object.values(ids));
    expect(matching({ kind: "group", groupId: group.id })).toEqual([ids.inGroup]);
    expect(matching({ kind: "hashtag", name: "디자인" })).toEqual([ids.tagged]);
  });
});
