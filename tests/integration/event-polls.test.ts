// Event polls (issue #10 §6, §8) through API v1 and on the event's stream, against a real migrated SQLite database:
// draft → open → closed, one response per person changeable while open, single and multiple choice, results hidden
// from everyone but the hosts until closed ("hide results"), results coalesced on the stream (hidden ones reaching
// hosts alone), comments and segments as frames, who may do what, a private group's event's polls invisible to
// non-members, and bad input answered 4xx with nothing written. API responses are checked against the OpenAPI
// document.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { setSetting } from "#app/models/admin/settings.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { voteEventPoll } from "#app/models/events/event-polls.server";
import { startRealtime } from "#app/realtime/realtime.server";
import { serveStream } from "#app/realtime/stream.server";
import { callApi } from "#tests/support/api";
import { createTestUser, viewerOf } from "#tests/factories";
import { openSse, waitUntil, type SseClient } from "#tests/support/sse";

const call = (path: string, token: string, opts: { method?: string; json?: unknown } = {}) =>
  callApi(path, { method: opts.method, token, json: opts.json, headers: { "Accept-Language": "en" } });

async function account(handle: string, extra: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser({ handle, name: `Name of ${handle}`, email: `${handle}@sori.test`, ...extra });
  const scopes = extra.role === "admin" ? ["read", "write", "admin"] : undefined;
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: scopes as never }).token };
}

async function world() {
  const host = await account("host");
  const mod = await account("mod");
  const alice = await account("alice");
  const bob = await account("bob");
  const outsider = await account("outsider");
  const lead = await account("lead");
  // Company-wide events by every employee, so the host is an ordinary member (not a site admin).
  setSetting("events.membersMayCreate", "1");
  createGroup({ viewer: viewerOf(lead.user), input: { name: "Board", slug: "board", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead.user), slug: "board", input: { handles: ["alice"] } });
  return { host, mod, alice, bob, outsider, lead };
}

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function seminar(token: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/v1/events", token, {
    method: "POST",
    json: {
      title: "AI 세미나",
      kind: "seminar",
      starts_at: iso(Date.now() - HOUR),
      ends_at: iso(Date.now() + HOUR),
      moderators: ["mod"],
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.event as { id: number };
}

const polls = (token: string, eventId: number) => call(`/api/v1/events/${eventId}/polls`, token);
const create = (token: string, eventId: number, json: unknown) =>
  call(`/api/v1/events/${eventId}/polls`, token, { method: "POST", json });
const act = (token: string, eventId: number, pid: number, action: "open" | "close") =>
  call(`/api/v1/events/${eventId}/polls/${pid}/${action}`, token, { method: "POST" });
const vote = (token: string, eventId: number, pid: number, json: unknown) =>
  call(`/api/v1/events/${eventId}/polls/${pid}/vote`, token, { method: "POST", json });
const votes = () => rawStatement(`select count(*) from event_poll_votes`).pluck().get() as number;
const pollCount = () => rawStatement(`select count(*) from event_polls`).pluck().get() as number;

describe("polls through the API", () => {
  test("draft → open → closed; one response per person, changeable while open; results for all", async () => {
    const { host, mod, alice, bob } = await world();
    const { id } = await seminar(host.token);
    const made = await create(host.token, id, { question: "점심 메뉴?", options: ["김밥", "Pasta", "Salad"] });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const pid = made.json.poll.id as number;
    expect(made.json.poll).toMatchObject({
      question: "점심 메뉴?",
      options: ["김밥", "Pasta", "Salad"],
      multiple: false,
      hide_results: false,
      status: "draft",
      results: { votes: [0, 0, 0], voters: 0 },
      my_vote: [],
      can: { vote: false, manage: true },
    });
    // A draft is the hosts' alone: absent from others' lists, 404 to vote on, and only hosts open it.
    expect((await polls(alice.token, id)).json.data).toEqual([]);
    expect((await polls(mod.token, id)).json.data).toEqual([]);
    expect((await vote(alice.token, id, pid, { options: [0] })).status).toBe(404);
    expect((await act(alice.token, id, pid, "open")).status).toBe(404);
    expect((await act(mod.token, id, pid, "open")).status).toBe(404);
    expect((await act(host.token, id, pid, "close")).json.error.code).toBe("poll_not_open");

    expect((await act(host.token, id, pid, "open")).json.poll.status).toBe("open");
    expect((await act(host.token, id, pid, "open")).status).toBe(200);
    // Once open, others see it but may not close it.
    expect((await act(mod.token, id, pid, "close")).status).toBe(403);
    expect((await vote(alice.token, id, pid, { options: [0] })).json.poll).toMatchObject({
      my_vote: [0],
      results: { votes: [1, 0, 0], voters: 1 },
      can: { vote: true, manage: false },
    });
    await vote(bob.token, id, pid, { options: [0] });
    // Changing one's answer replaces it.
    expect((await vote(bob.token, id, pid, { options: [2] })).json.poll.results).toEqual({
      votes: [1, 0, 1],
      voters: 2,
    });
    expect(votes()).toBe(2);
    // Single choice: one option.
    expect((await vote(bob.token, id, pid, { options: [0, 1] })).status).toBe(400);

    expect((await act(host.token, id, pid, "close")).json.poll.status).toBe("closed");
    const late = await vote(alice.token, id, pid, { options: [1] });
    expect([late.status, late.json.error.code]).toEqual([409, "poll_closed"]);
    expect((await act(host.token, id, pid, "open")).json.error.code).toBe("poll_closed");
    const listed = (await polls(alice.token, id)).json.data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: "closed", my_vote: [0], results: { votes: [1, 0, 1], voters: 2 } });
  });

  test("multiple choice; hidden results are the hosts' alone until the poll closes", async () => {
    const { host, mod, alice, bob } = await world();
    const { id } = await seminar(host.token);
    const pid = (
      await create(host.token, id, {
        question: "Topics?",
        options: ["A", "B", "C"],
        multiple: true,
        hide_results: true,
      })
    ).json.poll.id as number;
    await act(host.token, id, pid, "open");
    const mine = await vote(alice.token, id, pid, { options: [0, 2] });
    expect(mine.json.poll).toMatchObject({ my_vote: [0, 2], results: null });
    await vote(bob.token, id, pid, { options: [2] });
    expect((await vote(bob.token, id, pid, { options: [2, 2] })).status).toBe(400);
    expect((await polls(bob.token, id)).json.data[0].results).toBeNull();
    expect((await polls(mod.token, id)).json.data[0].results).toBeNull();
    expect((await polls(host.token, id)).json.data[0].results).toEqual({ votes: [1, 0, 2], voters: 2 });
    await act(host.token, id, pid, "close");
    expect((await polls(bob.token, id)).json.data[0].results).toEqual({ votes: [1, 0, 2], voters: 2 });
  });

  test("bad input is a 4xx that writes nothing", async () => {
    const { host, alice } = await world();
    const { id } = await seminar(host.token);
    const bad: unknown[] = [
      { question: "", options: ["a", "b"] },
      { question: "q".repeat(201), options: ["a", "b"] },
      { question: "q", options: ["only one"] },
      { question: "q", options: Array.from({ length: 11 }, (_, i) => `o${i}`) },
      { question: "q", options: ["a", ""] },
      { question: "q", options: ["a", "o".repeat(101)] },
      { question: "q", options: "a,b" },
      { question: "q", options: [1, 2] },
      { question: "q", options: ["a", "b"], multiple: "yes" },
      { question: 5, options: ["a", "b"] },
      {},
    ];
    for (const json of bad) expect((await create(host.token, id, json)).status, JSON.stringify(json)).toBe(400);
    expect(pollCount()).toBe(0);
    expect((await create(alice.token, id, { question: "q", options: ["a", "b"] })).status).toBe(403);
    expect(pollCount()).toBe(0);
    const ok = await create(host.token, id, {
      question: "q".repeat(200),
      options: Array.from({ length: 10 }, (_, i) => `o${i}`),
    });
    expect(ok.status).toBe(201);
    const pid = ok.json.poll.id as number;
    await act(host.token, id, pid, "open");
    for (const json of [
      { options: [] },
      { options: [10] },
      { options: [-1] },
      { options: ["1"] },
      { options: 1 },
      { options: [0.5] },
      {},
    ]) {
      expect((await vote(alice.token, id, pid, json)).status, JSON.stringify(json)).toBe(400);
    }
    // Another event's poll id through this event: 404.
    const other = await seminar(host.token);
    expect((await vote(alice.token, other.id, pid, { options: [0] })).status).toBe(404);
    expect((await act(host.token, other.id, pid, "close")).status).toBe(404);
    expect((await vote(alice.token, id, 999_999, { options: [0] })).status).toBe(404);
    expect((await vote(alice.token, id, Number.NaN as never, { options: [0] })).status).toBe(404);
    expect(votes()).toBe(0);
  });

  test("a private group's event's polls are 404 for non-members on every path", async () => {
    const { alice, outsider, lead } = await world();
    const { id } = await seminar(lead.token, { group: "board", moderators: [] });
    const pid = (await create(lead.token, id, { question: "Board?", options: ["yes", "no"] })).json.poll.id as number;
    await act(lead.token, id, pid, "open");
    expect((await vote(alice.token, id, pid, { options: [0] })).status).toBe(200);
    expect((await polls(outsider.token, id)).status).toBe(404);
    expect((await create(outsider.token, id, { question: "x", options: ["a", "b"] })).status).toBe(404);
    expect((await vote(outsider.token, id, pid, { options: [1] })).status).toBe(404);
    expect((await act(outsider.token, id, pid, "close")).status).toBe(404);
    expect(votes()).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The stream
// ---------------------------------------------------------------------------------------------------------

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

async function watch(port: number, eventId: number, token: string) {
  const client = await openSse(port, {
    path: `/api/v1/events/${eventId}/stream`,
    headers: { Authorization: `Bearer ${token}` },
  });
  clients.push(client);
  expect(client.status).toBe(200);
  await waitUntil(client.live, 3000, "the stream to be live");
  return client;
}

const framesOf = (c: SseClient, type: string): Record<string, any>[] =>
  c.events.filter((e) => e.event === type).map((e) => ({ id: e.id, ...(JSON.parse(e.data) as Record<string, any>) }));

describe("polls, comments and segments on the stream", () => {
  test("results are coalesced; hidden results reach the hosts alone until the poll closes", async () => {
    const port = await startServer();
    const { host, alice } = await world();
    const { id } = await seminar(host.token);
    const hostStream = await watch(port, id, host.token);
    const aliceStream = await watch(port, id, alice.token);

    const open = (await create(host.token, id, { question: "Open?", options: ["a", "b"] })).json.poll.id as number;
    const hidden = (await create(host.token, id, { question: "Hidden?", options: ["a", "b"], hide_results: true })).json
      .poll.id as number;
    await waitUntil(() => framesOf(hostStream, "poll").length === 2, 3000, "the hosts to see both drafts");
    await act(host.token, id, open, "open");
    await act(host.token, id, hidden, "open");
    await waitUntil(() => framesOf(aliceStream, "poll").length === 2, 3000, "alice to see both polls opened");
    // Drafts never reached the audience; the hidden poll opened without results.
    expect(framesOf(aliceStream, "poll").map((p) => [p.id, p.change, p.results])).toEqual([
      [open, "opened", { votes: [0, 0], voters: 0 }],
      [hidden, "opened", null],
    ]);

    const voters = await Promise.all(Array.from({ length: 30 }, (_, i) => createTestUser({ handle: `voter${i}` })));
    for (const [i, v] of voters.entries()) {
      voteEventPoll({ viewer: viewerOf(v), eventId: id, pollId: open, input: { options: [i % 2] } });
      voteEventPoll({ viewer: viewerOf(v), eventId: id, pollId: hidden, input: { options: [0] } });
    }
    const resultsOf = (c: SseClient, pid: number) => framesOf(c, "poll").filter((p) => p.id === pid && !p.change);
    await waitUntil(
      () => resultsOf(aliceStream, open).some((p) => p.results.voters === 30),
      3000,
      "the open poll's final results",
    );
    await waitUntil(
      () => resultsOf(hostStream, hidden).some((p) => p.results.voters === 30),
      3000,
      "the hidden poll's final results for the host",
    );
    // Coalesced: 30 responses become a few frames without ids, the last with the final count.
    const frames = resultsOf(aliceStream, open);
    expect(frames.length).toBeLessThanOrEqual(4);
    expect(frames.at(-1)).toEqual({ id: open, results: { votes: [15, 15], voters: 30 }, as_of: expect.any(Number) });
    // As of one of the responses, never going backwards.
    for (let i = 1; i < frames.length; i++) expect(frames[i].as_of).toBeGreaterThanOrEqual(frames[i - 1].as_of);
    expect(resultsOf(hostStream, hidden).length).toBeLessThanOrEqual(4);
    // Alice never received the hidden poll's results.
    await new Promise((r) => setTimeout(r, 400));
    expect(resultsOf(aliceStream, hidden)).toEqual([]);

    await act(host.token, id, hidden, "close");
    await waitUntil(
      () => framesOf(aliceStream, "poll").some((p) => p.id === hidden && p.change === "closed"),
      3000,
      "the hidden poll closing",
    );
    expect(framesOf(aliceStream, "poll").find((p) => p.change === "closed")!.results).toEqual({
      votes: [30, 0],
      voters: 30,
    });
  });

  test("comments and segments arrive as frames; a deleted or banned author's comment is withdrawn", async () => {
    const port = await startServer();
    const { host, mod, alice, bob } = await world();
    const { id } = await seminar(host.token);
    const watcher = await watch(port, id, bob.token);
    await call(`/api/v1/events/${id}/segment`, host.token, { method: "POST", json: { index: 3, title: "Slide 3" } });
    const posted = await call(`/api/v1/events/${id}/comments`, alice.token, {
      method: "POST",
      json: { body: "**Great** slide" },
    });
    const cid = posted.json.comment.id as number;
    await waitUntil(() => framesOf(watcher, "comment").length === 1, 3000, "the comment");
    expect(framesOf(watcher, "segment")).toEqual([
      { id: expect.any(Number), index: 3, title: "Slide 3", started_at: expect.any(String) },
    ]);
    expect(framesOf(watcher, "comment")[0]).toMatchObject({
      id: expect.any(Number),
      change: "created",
      body: "**Great** slide",
      html: expect.stringContaining("<strong>Great</strong>"),
      author: { handle: "alice", name: "Name of alice" },
      segment: 3,
    });
    // Reactions arrive coalesced, without an id.
    await call(`/api/v1/events/${id}/comments/${cid}/reactions/like`, bob.token, { method: "POST" });
    await call(`/api/v1/events/${id}/comments/${cid}/reactions/like`, mod.token, { method: "POST" });
    await waitUntil(
      () => framesOf(watcher, "comment").some((c) => c.change === "reactions" && c.reactions.like === 2),
      3000,
      "the reactions",
    );
    await call(`/api/v1/events/${id}/comments/${cid}`, mod.token, { method: "DELETE" });
    await waitUntil(() => framesOf(watcher, "comment").some((c) => c.change === "deleted"), 3000, "the deletion");
    expect(framesOf(watcher, "comment").find((c) => c.change === "deleted")).toMatchObject({ id: cid });

    const again = (
      await call(`/api/v1/events/${id}/comments`, alice.token, { method: "POST", json: { body: "again" } })
    ).json.comment.id as number;
    await call(`/api/v1/events/${id}/bans`, mod.token, { method: "POST", json: { handle: "alice" } });
    await waitUntil(() => framesOf(watcher, "comment").some((c) => c.change === "hidden"), 3000, "the ban");
    expect(framesOf(watcher, "comment").at(-1)).toMatchObject({ change: "hidden", ids: [again] });
  });
});
