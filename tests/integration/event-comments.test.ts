// Seminar live comments and segments (issue #10 §4, §8) through API v1 against a real migrated SQLite database:
// the workflow (comment, list newest first and by segment, delete), who may do what (comments off, not live,
// banned, hosts alone advance segments), segment stamping with the grace window under a controlled clock, a
// private group's event's comments invisible to non-members, and bad input answered 4xx with nothing written.
// Every response is checked against the OpenAPI document.
import { afterEach, describe, expect, test, vi } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { callApi } from "#tests/support/api";
import { createTestUser, viewerOf } from "#tests/factories";

const call = (path: string, token: string, opts: { method?: string; json?: unknown } = {}) =>
  callApi(path, { method: opts.method, token, json: opts.json, headers: { "Accept-Language": "en" } });

async function account(handle: string, extra: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser({ handle, name: `Name of ${handle}`, email: `${handle}@sori.test`, ...extra });
  const scopes = extra.role === "admin" ? ["read", "write", "admin"] : undefined;
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: scopes as never }).token };
}

async function world() {
  const host = await account("host", { role: "admin" });
  const mod = await account("mod");
  const alice = await account("alice");
  const bob = await account("bob");
  const outsider = await account("outsider");
  const lead = await account("lead");
  createGroup({ viewer: viewerOf(lead.user), input: { name: "Board", slug: "board", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead.user), slug: "board", input: { handles: ["alice", "host"] } });
  return { host, mod, alice, bob, outsider, lead };
}

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function seminar(token: string, extra: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
  const res = await call("/api/v1/events", token, {
    method: "POST",
    json: {
      title: "AI 세미나",
      kind: "seminar",
      starts_at: iso(Date.now() - HOUR),
      ends_at: iso(Date.now() + HOUR),
      settings: { comments: true, ...settings },
      moderators: ["mod"],
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.event as { id: number };
}

const comment = (token: string, eventId: number, json: unknown) =>
  call(`/api/v1/events/${eventId}/comments`, token, { method: "POST", json });
const segment = (token: string, eventId: number, json: unknown) =>
  call(`/api/v1/events/${eventId}/segment`, token, { method: "POST", json });
const comments = (token: string, eventId: number, query = "") =>
  call(`/api/v1/events/${eventId}/comments${query}`, token);
const count = () => rawStatement(`select count(*) from event_comments`).pluck().get() as number;

afterEach(() => {
  vi.useRealTimers();
});

describe("live comments", () => {
  test("the audience comments while live; listed newest first and by segment; author and staff delete", async () => {
    const { host, mod, alice, bob } = await world();
    const { id } = await seminar(host.token);

    const first = await comment(alice.token, id, { body: "Before any slide, **hello** https://sori.test/x" });
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    expect(first.json.comment).toMatchObject({
      body: "Before any slide, **hello** https://sori.test/x",
      author: { handle: "alice", name: "Name of alice" },
      segment: null,
      mine: true,
      can: { delete: true },
    });
    expect(first.json.comment.html).toContain("<strong>hello</strong>");
    expect(first.json.comment.html).toContain('href="https://sori.test/x"');

    expect((await segment(host.token, id, { index: 1, title: "소개 Intro" })).json.segment).toMatchObject({
      index: 1,
      title: "소개 Intro",
    });
    const second = await comment(bob.token, id, { body: "# Heading\n\n- list\n\n<img src=x onerror=alert(1)>" });
    expect(second.status).toBe(201);
    expect(second.json.comment.segment).toBe(1);
    // Restricted Markdown: no headings, lists or images in a ticker line; the text stays.
    expect(second.json.comment.html).not.toMatch(/<h1|<li|<img/);
    expect(second.json.comment.html).toContain("Heading");

    await segment(host.token, id, { index: 2, title: "Demo" });
    const third = await comment(alice.token, id, { body: "Nice demo" });
    expect(third.json.comment.segment).toBe(2);

    const all = await comments(bob.token, id);
    expect(all.status).toBe(200);
    expect(all.json.data.map((c: { body: string }) => c.body)).toEqual([
      "Nice demo",
      "# Heading\n\n- list\n\n<img src=x onerror=alert(1)>",
      "Before any slide, **hello** https://sori.test/x",
    ]);
    expect(all.json.data.map((c: { mine: boolean }) => c.mine)).toEqual([false, true, false]);
    expect(all.json.segments).toEqual([
      { index: null, title: "", started_at: null, comment_count: 1 },
      { index: 1, title: "소개 Intro", started_at: expect.any(String), comment_count: 1 },
      { index: 2, title: "Demo", started_at: expect.any(String), comment_count: 1 },
    ]);
    expect((await comments(bob.token, id, "?segment=2")).json.data.map((c: { id: number }) => c.id)).toEqual([
      third.json.comment.id,
    ]);

    // Someone else's comment: 403 for an attendee; the moderator deletes it; the author deletes their own.
    const del = (token: string, cid: number) =>
      call(`/api/v1/events/${id}/comments/${cid}`, token, { method: "DELETE" });
    expect((await del(bob.token, third.json.comment.id)).status).toBe(403);
    expect((await del(mod.token, third.json.comment.id)).status).toBe(204);
    expect((await del(bob.token, second.json.comment.id)).status).toBe(204);
    expect((await del(bob.token, second.json.comment.id)).status).toBe(404);
    expect((await comments(alice.token, id)).json.data.map((c: { id: number }) => c.id)).toEqual([
      first.json.comment.id,
    ]);
  });

  test("reactions as on posts: one per person and kind, idempotent, counted without banned people", async () => {
    const { host, mod, alice, bob, outsider } = await world();
    const { id } = await seminar(host.token);
    const cid = (await comment(bob.token, id, { body: "react to me" })).json.comment.id as number;
    const react = (token: string, kind: string, method = "POST", eventId = id, commentId = cid) =>
      call(`/api/v1/events/${eventId}/comments/${commentId}/reactions/${kind}`, token, { method });
    const mine = await react(alice.token, "like");
    expect(mine.status).toBe(200);
    expect(mine.json.comment).toMatchObject({ my_reactions: ["like"], can: { delete: false, react: true } });
    expect(mine.json.comment.reactions.like).toBe(1);
    await react(alice.token, "like");
    await react(alice.token, "thanks");
    await react(mod.token, "like");
    const listed = (await comments(bob.token, id)).json.data[0];
    expect(listed.reactions).toMatchObject({ like: 2, thanks: 1, funny: 0 });
    expect(listed.my_reactions).toEqual([]);
    expect((await react(alice.token, "thanks", "DELETE")).json.comment.my_reactions).toEqual(["like"]);
    expect((await react(alice.token, "thanks", "DELETE")).status).toBe(200);
    expect((await react(alice.token, "hearts")).status).toBe(400);
    const other = await seminar(host.token);
    expect((await react(alice.token, "like", "POST", other.id)).status).toBe(404);
    expect((await react(outsider.token, "like", "POST", id, 999_999)).status).toBe(404);
    await call(`/api/v1/events/${id}/bans`, mod.token, { method: "POST", json: { handle: "alice" } });
    expect((await react(alice.token, "funny")).status).toBe(403);
    expect((await comments(bob.token, id)).json.data[0].reactions.like).toBe(1);
    expect(rawStatement(`select count(*) from event_comment_reactions`).pluck().get()).toBe(2);
  });

  test("pages by cursor", async () => {
    const { host, alice } = await world();
    const { id } = await seminar(host.token);
    for (let i = 0; i < 105; i++) expect((await comment(alice.token, id, { body: `c${i}` })).status).toBe(201);
    const page1 = await comments(alice.token, id);
    expect(page1.json.data).toHaveLength(100);
    expect(page1.json.data[0].body).toBe("c104");
    const page2 = await comments(alice.token, id, `?cursor=${page1.json.next_cursor}`);
    expect(page2.json.data.map((c: { body: string }) => c.body)).toEqual(["c4", "c3", "c2", "c1", "c0"]);
    expect(page2.json.next_cursor).toBeNull();
  });

  test("comments off, not live, banned: refused and nothing written", async () => {
    const { host, mod, alice } = await world();
    const off = await seminar(host.token, {}, { comments: false });
    expect((await comment(alice.token, off.id, { body: "hi" })).json.error.code).toBe("comments_off");
    const later = await seminar(host.token, {
      starts_at: iso(Date.now() + HOUR),
      ends_at: iso(Date.now() + 2 * HOUR),
    });
    const closed = await comment(alice.token, later.id, { body: "hi" });
    expect([closed.status, closed.json.error.code]).toEqual([409, "comments_closed"]);

    const { id } = await seminar(host.token);
    await comment(alice.token, id, { body: "soon banned" });
    expect(
      (await call(`/api/v1/events/${id}/bans`, mod.token, { method: "POST", json: { handle: "alice" } })).status,
    ).toBe(200);
    expect((await comment(alice.token, id, { body: "again" })).status).toBe(403);
    // A banned participant's comments are hidden from everyone.
    expect((await comments(host.token, id)).json.data).toEqual([]);
    expect(count()).toBe(1);
  });

  test("bad input is a 400 that writes nothing", async () => {
    const { host, alice } = await world();
    const { id } = await seminar(host.token);
    const bad: [unknown, string][] = [
      [{ body: "" }, "body"],
      [{ body: "   \n " }, "body"],
      [{ body: "가".repeat(501) }, "body"],
      [{ body: 42 }, "body"],
      [{}, "body"],
      [{ body: "ok", segment: -1 }, "segment"],
      [{ body: "ok", segment: "1" }, "segment"],
      [{ body: "ok", segment: 1.5 }, "segment"],
      [[], ""],
    ];
    for (const [json, field] of bad) {
      const res = await comment(alice.token, id, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      if (field) expect(Object.keys(res.json.error.fields ?? {})).toContain(field);
    }
    expect((await comment(alice.token, id, { body: "가".repeat(500) })).status).toBe(201);
    expect(count()).toBe(1);
    expect((await comments(alice.token, id, "?segment=abc")).status).toBe(400);
    expect((await comments(alice.token, id, "?cursor=-4")).status).toBe(400);
    expect((await call(`/api/v1/events/${id}/comments/abc`, alice.token, { method: "DELETE" })).status).toBe(404);
  });

  test("a private group's event's comments are 404 for non-members on every path", async () => {
    const { host, alice, outsider, lead } = await world();
    const { id } = await seminar(lead.token, { group: "board", moderators: [] });
    const posted = await comment(alice.token, id, { body: "board only" });
    expect(posted.status).toBe(201);
    const cid = posted.json.comment.id;
    expect((await comments(outsider.token, id)).status).toBe(404);
    expect((await comment(outsider.token, id, { body: "let me in" })).status).toBe(404);
    expect((await call(`/api/v1/events/${id}/comments/${cid}`, outsider.token, { method: "DELETE" })).status).toBe(404);
    expect((await segment(outsider.token, id, { index: 1 })).status).toBe(404);
    // Another event's comment id through a visible event is 404 too.
    const open = await seminar(host.token);
    expect((await call(`/api/v1/events/${open.id}/comments/${cid}`, host.token, { method: "DELETE" })).status).toBe(
      404,
    );
    expect(count()).toBe(1);
  });
});

describe("segments", () => {
  test("hosts alone advance segments; a title is kept when omitted; 409 once ended; bad input 400", async () => {
    const { host, mod, alice } = await world();
    const { id } = await seminar(host.token);
    expect((await segment(alice.token, id, { index: 1, title: "x" })).status).toBe(403);
    expect((await segment(mod.token, id, { index: 1, title: "x" })).status).toBe(403);
    expect((await segment(host.token, id, { index: 1, title: "Agenda" })).status).toBe(200);
    await segment(host.token, id, { index: 2, title: "Slides" });
    expect((await segment(host.token, id, { index: 1 })).json.segment).toMatchObject({ index: 1, title: "Agenda" });
    expect((await call(`/api/v1/events/${id}`, alice.token)).json.event.segment).toBe(1);
    const segments = () => rawStatement(`select count(*) from event_segments`).pluck().get() as number;
    expect(segments()).toBe(3);
    for (const json of [
      { index: -1 },
      { index: "2" },
      { index: 10_000 },
      { title: "x" },
      { index: 1, title: "t".repeat(151) },
      { index: 1, title: 7 },
    ]) {
      expect((await segment(host.token, id, json)).status, JSON.stringify(json)).toBe(400);
    }
    await call(`/api/v1/events/${id}/end`, host.token, { method: "POST" });
    expect((await segment(host.token, id, { index: 3 })).status).toBe(409);
    expect(segments()).toBe(3);
  });

  test("the grace window: a comment keeps the segment its page showed only within 20 s of the change", async () => {
    const { host, alice } = await world();
    const { id } = await seminar(host.token);
    vi.useFakeTimers({ toFake: ["Date"] });
    const t0 = Date.now();
    vi.setSystemTime(t0);
    await segment(host.token, id, { index: 1, title: "One" });
    vi.setSystemTime(t0 + 60_000);
    await segment(host.token, id, { index: 2, title: "Two" });

    // 10 s after the change, written while slide 1 showed: it stays on slide 1.
    vi.setSystemTime(t0 + 70_000);
    expect((await comment(alice.token, id, { body: "about one", segment: 1 })).json.comment.segment).toBe(1);
    // No claim: the current segment.
    expect((await comment(alice.token, id, { body: "plain" })).json.comment.segment).toBe(2);
    // A segment never shown, or one from the future: the current one.
    expect((await comment(alice.token, id, { body: "bogus", segment: 7 })).json.comment.segment).toBe(2);
    // Exactly at the end of the window it still counts; a moment later it does not.
    vi.setSystemTime(t0 + 80_000);
    expect((await comment(alice.token, id, { body: "edge", segment: 1 })).json.comment.segment).toBe(1);
    vi.setSystemTime(t0 + 80_001);
    expect((await comment(alice.token, id, { body: "late", segment: 1 })).json.comment.segment).toBe(2);

    // Clicking through fast: 1 → 2 → 3 within the window; a comment claiming 1 or 2 keeps it, 0 never showed.
    vi.setSystemTime(t0 + 200_000);
    await segment(host.token, id, { index: 3, title: "Three" });
    vi.setSystemTime(t0 + 205_000);
    await segment(host.token, id, { index: 4, title: "Four" });
    vi.setSystemTime(t0 + 210_000);
    expect((await comment(alice.token, id, { body: "three", segment: 3 })).json.comment.segment).toBe(3);
    expect((await comment(alice.token, id, { body: "two?", segment: 2 })).json.comment.segment).toBe(2);
    vi.setSystemTime(t0 + 226_000);
    // Segment 3 stopped showing 21 s ago: too late; 2 as well.
    expect((await comment(alice.token, id, { body: "three late", segment: 3 })).json.comment.segment).toBe(4);
    expect((await comment(alice.token, id, { body: "two late", segment: 2 })).json.comment.segment).toBe(4);

    // Questions are stamped the same way.
    const ask = (json: unknown) => call(`/api/v1/events/${id}/questions`, alice.token, { method: "POST", json });
    vi.setSystemTime(t0 + 230_000);
    expect((await ask({ body: "Q on four" })).json.question.segment).toBe(4);
    await segment(host.token, id, { index: 5, title: "Five" });
    vi.setSystemTime(t0 + 240_000);
    expect((await ask({ body: "Q about four", segment: 4 })).json.question.segment).toBe(4);
    expect((await ask({ body: "Q about one", segment: 1 })).json.question.segment).toBe(5);
    expect((await ask({ body: "bad", segment: "4" })).status).toBe(400);

    // The host narrows the window (an event setting): 5 s.
    for (const bad of [-1, 301, "20", 2.5]) {
      const res = await call(`/api/v1/events/${id}`, host.token, {
        method: "PATCH",
        json: { settings: { segment_grace_seconds: bad } },
      });
      expect(res.status, String(bad)).toBe(400);
    }
    const patched = await call(`/api/v1/events/${id}`, host.token, {
      method: "PATCH",
      json: { settings: { segment_grace_seconds: 5 } },
    });
    expect(patched.json.event.settings.segment_grace_seconds).toBe(5);
    vi.setSystemTime(t0 + 300_000);
    await segment(host.token, id, { index: 6, title: "Six" });
    vi.setSystemTime(t0 + 304_000);
    expect((await comment(alice.token, id, { body: "within 5 s", segment: 5 })).json.comment.segment).toBe(5);
    vi.setSystemTime(t0 + 306_000);
    expect((await comment(alice.token, id, { body: "after 5 s", segment: 5 })).json.comment.segment).toBe(6);
  });
});
