// An event's live stream, GET /api/v1/events/:id/stream (issue #10 §2–3, docs/decisions/0006-events.md), on a real
// node:http server serving app/realtime's handler — what server.ts does for the path — over a real SQLite database:
// pre-moderation invisible on the stream, anonymity in every frame (attendees, moderators, hosts; the asker's own
// variant), votes and attendees coalesced, a private group's event refused to non-members and closed for one
// removed from the group, replay after a reconnect.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { lastEventId } from "#app/events/domain-events.server";
import { askEventQuestion, setEventVote } from "#app/models/events/event-questions.server";
import { moderateEventQuestion } from "#app/models/events/event-moderation.server";
import { createEvent } from "#app/models/events/event.server";
import { addMembers, createGroup, removeMember } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { startRealtime } from "#app/realtime/realtime.server";
import { serveStream } from "#app/realtime/stream.server";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";
import { openSse, waitUntil, type SseClient } from "#tests/support/sse";

let server: http.Server | null = null;
const clients: SseClient[] = [];

async function startServer(): Promise<number> {
  startRealtime();
  server = http.createServer((req, res) => void serveStream(req, res));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

async function person(handle: string, role: "member" | "admin" = "member") {
  const user = await createTestUser({ handle, name: `Name of ${handle}`, email: `${handle}@sori.test`, role });
  const { token } = createApiToken({ userId: user.id, name: "stream", scopes: ["read"] });
  return { user, auth: { Authorization: `Bearer ${token}` } };
}

async function watch(port: number, eventId: number, headers: Record<string, string>) {
  const client = await openSse(port, { path: `/api/v1/events/${eventId}/stream`, headers });
  clients.push(client);
  if (client.status === 200) await waitUntil(client.live, 3000, "the stream to be live");
  return client;
}

const HOUR = 3600_000;
function event(host: { id: number }, extra: Partial<Parameters<typeof createEvent>[0]["input"]> = {}, settings = {}) {
  return createEvent({
    viewer: viewerOf(host),
    input: {
      title: "Town hall",
      kind: "town_hall",
      starts_at: Date.now() - HOUR,
      ends_at: Date.now() + HOUR,
      settings: { anonymous_questions: true, ...settings },
      ...extra,
    },
  });
}

const questionsOf = (c: SseClient) =>
  c.events.filter((e) => e.event === "question").map((e) => JSON.parse(e.data) as Record<string, any>);

describe("GET /api/v1/events/:id/stream", () => {
  it("pre-moderation: a pending anonymous question reaches the asker and moderators only, never naming the asker", async () => {
    const port = await startServer();
    const ceo = await person("ceo", "admin");
    const mod = await person("mod");
    const alice = await person("alice");
    const bob = await person("bob");
    const id = event(ceo.user, { moderators: ["mod"] }, { pre_moderation: true });
    const [aliceS, bobS, modS, ceoS] = await Promise.all([
      watch(port, id, alice.auth),
      watch(port, id, bob.auth),
      watch(port, id, mod.auth),
      // The CEO's browser: the session cookie.
      watch(port, id, { Cookie: await sessionCookie(ceo.user.id) }),
    ]);
    const qid = askEventQuestion({
      viewer: viewerOf(alice.user),
      eventId: id,
      input: { body: "Secret-ish", anonymous: true },
    });
    await waitUntil(
      () => questionsOf(modS).length === 1 && questionsOf(aliceS).length === 1,
      3000,
      "the pending frame",
    );
    await waitUntil(() => questionsOf(ceoS).length === 1, 3000, "the host's frame");
    expect(questionsOf(aliceS)[0]).toMatchObject({
      id: qid,
      status: "pending",
      mine: true,
      anonymous: true,
      author: null,
    });
    expect(questionsOf(modS)[0]).toMatchObject({ id: qid, status: "pending", mine: false, author: null });
    // Bob: nothing at all, not even an id.
    await new Promise((r) => setTimeout(r, 300));
    expect(bobS.events.filter((e) => e.event === "question")).toEqual([]);

    moderateEventQuestion({ viewer: viewerOf(mod.user), eventId: id, questionId: qid, change: { action: "approve" } });
    await waitUntil(() => questionsOf(bobS).length === 1, 3000, "the approved frame");
    expect(questionsOf(bobS)[0]).toMatchObject({
      id: qid,
      status: "approved",
      mine: false,
      author: null,
      hidden: false,
    });

    setEventVote({ viewer: viewerOf(bob.user), eventId: id, questionId: qid, on: true });
    const voteId = lastEventId();
    await waitUntil(() => aliceS.events.some((e) => e.event === "vote"), 3000, "a vote");
    // as_of: the log id of the vote counted, so a page can tell this count from the one it loaded.
    expect(JSON.parse(aliceS.events.find((e) => e.event === "vote")!.data)).toEqual({
      id: qid,
      votes: 1,
      as_of: voteId,
    });

    // Nothing anyone received names the asker.
    for (const c of [aliceS, bobS, modS, ceoS]) {
      for (const s of ["alice", "Name of alice", `"author_id"`, `/photos/${alice.user.id}`])
        expect(c.text()).not.toContain(s);
    }
  });

  it("hosts see anonymous askers on the stream only when the event allows it; moderators never", async () => {
    const port = await startServer();
    const ceo = await person("ceo", "admin");
    const mod = await person("mod");
    const alice = await person("alice");
    const id = event(ceo.user, { moderators: ["mod"] }, { hosts_see_anonymous: true });
    const [ceoS, modS] = await Promise.all([watch(port, id, ceo.auth), watch(port, id, mod.auth)]);
    askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "Q", anonymous: true } });
    await waitUntil(() => questionsOf(ceoS).length === 1 && questionsOf(modS).length === 1, 3000, "frames");
    expect(questionsOf(ceoS)[0].author).toEqual({ handle: "alice", name: "Name of alice" });
    expect(questionsOf(modS)[0].author).toBeNull();
    expect(modS.text()).not.toContain("alice");
  });

  it("votes are coalesced: a burst becomes a few frames, the last with the final count; attendees are counted", async () => {
    const port = await startServer();
    const ceo = await person("ceo", "admin");
    const alice = await person("alice");
    const id = event(ceo.user);
    const qid = askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "Popular" } });
    const watcher = await watch(port, id, ceo.auth);
    await waitUntil(() => watcher.events.some((e) => e.event === "attendees"), 3000, "an attendee count");
    expect(JSON.parse(watcher.events.filter((e) => e.event === "attendees").at(-1)!.data)).toEqual({ count: 1 });
    const second = await watch(port, id, alice.auth);
    await waitUntil(
      () => JSON.parse(watcher.events.filter((e) => e.event === "attendees").at(-1)!.data).count === 2,
      3000,
      "two attendees",
    );
    const voters = await Promise.all(Array.from({ length: 30 }, (_, i) => createTestUser({ handle: `voter${i}` })));
    const beforeVotes = lastEventId();
    for (const v of voters) setEventVote({ viewer: viewerOf(v), eventId: id, questionId: qid, on: true });
    const finalVote = lastEventId();
    await waitUntil(
      () => watcher.events.some((e) => e.event === "vote" && JSON.parse(e.data).votes === 30),
      3000,
      "the final count",
    );
    const votes = watcher.events.filter((e) => e.event === "vote");
    expect(votes.length).toBeLessThanOrEqual(4);
    const last = JSON.parse(votes.at(-1)!.data);
    expect(last).toEqual({ id: qid, votes: 30, as_of: expect.any(Number) });
    // As of one of the votes (the count was read when its frame was encoded, so it may include later ones).
    expect(last.as_of).toBeGreaterThan(beforeVotes);
    expect(last.as_of).toBeLessThanOrEqual(finalVote);
    // Vote frames carry no id: the browser's last id never moves backwards.
    expect(watcher.text()).not.toMatch(/id: \d+\nevent: vote/);
    second.close();
    await waitUntil(
      () => JSON.parse(watcher.events.filter((e) => e.event === "attendees").at(-1)!.data).count === 1,
      3000,
      "one attendee again",
    );
  });

  it("a private group's event: 404 for non-members; a member removed from the group is cut off", async () => {
    const port = await startServer();
    const lead = await person("lead");
    const alice = await person("alice");
    const outsider = await person("outsider");
    const admin = await person("site.admin", "admin");
    createGroup({ viewer: viewerOf(lead.user), input: { name: "Board", slug: "board", visibility: "private" } });
    addMembers({ viewer: viewerOf(lead.user), slug: "board", input: { handles: ["alice"] } });
    const id = event(lead.user, { group: "board" });
    for (const who of [outsider, admin]) {
      const refused = await watch(port, id, who.auth);
      expect(refused.status).toBe(404);
    }
    expect((await watch(port, 987654, alice.auth)).status).toBe(404);
    expect((await watch(port, Number.NaN, alice.auth)).status).toBe(404);
    const aliceS = await watch(port, id, alice.auth);
    expect(aliceS.status).toBe(200);
    removeMember({ viewer: viewerOf(lead.user), slug: "board", handle: "alice" });
    await waitUntil(aliceS.isEnded, 2000, "the stream to end");
  });

  it("a reconnect with Last-Event-ID gets exactly the question frames missed", async () => {
    const port = await startServer();
    const ceo = await person("ceo", "admin");
    const alice = await person("alice");
    const bob = await person("bob");
    const id = event(ceo.user);
    const first = await watch(port, id, bob.auth);
    const a = askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "A" } });
    await waitUntil(() => questionsOf(first).length === 1, 3000, "A");
    const lastId = first.lastId()!;
    first.close();
    const b = askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "B" } });
    const c = askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "C" } });
    const again = await watch(port, id, { ...bob.auth, "Last-Event-ID": String(lastId) });
    await waitUntil(() => questionsOf(again).length === 2, 3000, "the replay");
    expect(questionsOf(again).map((q) => q.id)).toEqual([b, c]);
    expect(questionsOf(again).map((q) => q.id)).not.toContain(a);
  });

  it("a reconnect after a vote burst gets each question's count once, the newest, before it is live", async () => {
    const port = await startServer();
    const ceo = await person("ceo", "admin");
    const alice = await person("alice");
    const id = event(ceo.user);
    const q1 = askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "One" } });
    const q2 = askEventQuestion({ viewer: viewerOf(alice.user), eventId: id, input: { body: "Two" } });
    const first = await watch(port, id, ceo.auth);
    const lastId = first.lastId()!;
    first.close();
    const voters = await Promise.all(Array.from({ length: 12 }, (_, i) => createTestUser({ handle: `burst${i}` })));
    for (const v of voters) {
      setEventVote({ viewer: viewerOf(v), eventId: id, questionId: q1, on: true });
      setEventVote({ viewer: viewerOf(v), eventId: id, questionId: q2, on: true });
    }
    setEventVote({ viewer: viewerOf(voters[0]), eventId: id, questionId: q2, on: false });
    const unvote = lastEventId();
    const again = await watch(port, id, { ...ceo.auth, "Last-Event-ID": String(lastId) });
    const votes = again.events.filter((e) => e.event === "vote").map((e) => JSON.parse(e.data));
    expect(votes).toEqual([
      { id: q1, votes: 12, as_of: expect.any(Number) },
      { id: q2, votes: 11, as_of: unvote },
    ]);
    // q1's count is as of its last vote: before q2's last vote was withdrawn.
    expect(votes[0].as_of).toBeLessThan(unvote);
    // Before the stream said it was live: part of the replay, not a late live update.
    expect(again.text().indexOf("event: vote")).toBeLessThan(again.text().indexOf(": live"));
  });
});
