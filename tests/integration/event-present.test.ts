// The presenter view /events/:id/present (issue #10 §5) through its loader and action, in-process, as the browser's
// keys and buttons reach it: what the big screen shows (the question being answered, top questions, the comment
// ticker, the join code and QR code, the attendee count, the current segment; never an anonymous asker's name,
// even for a host allowed to see askers), the keys (→ / ← for hosts, H and A for moderators and hosts), the
// read-only view for the audience, and 404 for a private group's event outside the group.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { postEventComment } from "#app/models/events/event-comments.server";
import { createEventPoll, setEventPollStatus } from "#app/models/events/event-polls.server";
import { askEventQuestion, setEventVote } from "#app/models/events/event-questions.server";
import { createEvent } from "#app/models/events/event.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import * as presentRoute from "#app/routes/events.$eventId_.present";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

async function run(fn: () => Promise<unknown>): Promise<{ status: number; location: string | null; data?: Any }> {
  try {
    const res = await fn();
    if (res instanceof Response) return { status: res.status, location: res.headers.get("Location") };
    const out = res as { init?: { status?: number } };
    if (out && typeof out === "object" && "init" in out) return { status: out.init?.status ?? 200, location: null };
    return { status: 200, location: null, data: res };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const load = async (user: { id: number }, eventId: number) =>
  run(async () =>
    presentRoute.loader({
      request: makeRequest(`/events/${eventId}/present`, { cookie: await sessionCookie(user.id) }),
      params: { eventId: String(eventId) },
      ...ctx,
    }),
  );
const press = async (user: { id: number }, eventId: number, intent: string) =>
  run(async () =>
    presentRoute.action({
      request: makeRequest(`/events/${eventId}/present`, {
        method: "POST",
        form: { intent },
        cookie: await sessionCookie(user.id),
      }),
      params: { eventId: String(eventId) },
      ...ctx,
    }),
  );

const HOUR = 3600_000;

async function stage() {
  const host = await createTestUser({ handle: "host", name: "Host Han", role: "admin" });
  const mod = await createTestUser({ handle: "mod", name: "Moderator Min" });
  const alice = await createTestUser({ handle: "alice", name: "Alice Asker" });
  const bob = await createTestUser({ handle: "bob", name: "Bob Viewer" });
  const eventId = createEvent({
    viewer: viewerOf(host),
    input: {
      title: "2026 하반기 타운홀",
      kind: "town_hall",
      starts_at: Date.now() - HOUR,
      ends_at: Date.now() + HOUR,
      moderators: ["mod"],
      // Hosts may see anonymous askers here: the big screen still must not.
      settings: { anonymous_questions: true, hosts_see_anonymous: true },
    },
  });
  return { host, mod, alice, bob, eventId };
}

describe("the presenter view", () => {
  it("shows the answering question, top questions, comments, poll, code, QR, attendees and segment", async () => {
    const { host, mod, alice, bob, eventId } = await stage();
    const secret = askEventQuestion({
      viewer: viewerOf(alice),
      eventId,
      input: { body: "익명 질문: 연봉 인상은?", anonymous: true },
    });
    const named = askEventQuestion({ viewer: viewerOf(bob), eventId, input: { body: "Remote work policy?" } });
    setEventVote({ viewer: viewerOf(bob), eventId, questionId: secret, on: true });
    setEventVote({ viewer: viewerOf(mod), eventId, questionId: secret, on: true });
    setEventVote({ viewer: viewerOf(alice), eventId, questionId: named, on: true });
    postEventComment({ viewer: viewerOf(bob), eventId, input: { body: "**Great** talk" } });
    const poll = createEventPoll({
      viewer: viewerOf(host),
      eventId,
      input: { question: "Lunch?", options: ["김밥", "Pasta"], hide_results: true },
    });
    setEventPollStatus({ viewer: viewerOf(host), eventId, pollId: poll, to: "open" });

    const page = await load(host, eventId);
    expect(page.status).toBe(200);
    const data = page.data;
    expect(data.event).toMatchObject({ id: eventId, title: "2026 하반기 타운홀", state: "live" });
    expect(data.event.code).toMatch(/^[2-9A-Z]{6}$/);
    expect(data.join).toMatch(new RegExp(`/e/${data.event.code}$`));
    expect(data.qr).toContain("<svg");
    expect(data.attendees).toBe(0);
    expect(data.segment).toBeNull();
    expect(data.answering).toBeNull();
    expect(data.top).toEqual([
      { id: secret, body: "익명 질문: 연봉 인상은?", votes: 2, author: null },
      { id: named, body: "Remote work policy?", votes: 1, author: "Bob Viewer" },
    ]);
    expect(JSON.stringify(data)).not.toContain("Alice");
    expect(data.comments).toEqual([
      { id: expect.any(Number), author: "Bob Viewer", html: expect.stringContaining("<strong>Great</strong>") },
    ]);
    // Hidden results stay hidden on the screen, even when a host drives it.
    expect(data.poll).toEqual({ id: poll, question: "Lunch?", options: ["김밥", "Pasta"], results: null });
    expect(data.can).toEqual({ drive: true, moderate: true });

    // Keys: → twice, ← once (hosts); H highlights the top question, A marks it answered (moderators too).
    expect((await press(host, eventId, "next")).status).toBe(303);
    await press(host, eventId, "next");
    await press(host, eventId, "prev");
    expect((await load(host, eventId)).data.segment).toEqual({ index: 1, title: "" });
    expect((await press(mod, eventId, "highlight")).status).toBe(303);
    const highlighted = (await load(bob, eventId)).data;
    expect(highlighted.answering).toEqual({ id: secret, body: "익명 질문: 연봉 인상은?", votes: 2, author: null });
    expect(highlighted.top.map((q: { id: number }) => q.id)).toEqual([named]);
    expect((await press(mod, eventId, "answered")).status).toBe(303);
    expect((await load(bob, eventId)).data.answering).toBeNull();
    expect(rawStatement(`select status from event_questions where id = @id`).pluck().get({ id: secret })).toBe(
      "answered",
    );
  });

  it("the audience gets a read-only view; keys are refused; bad keys are 400", async () => {
    const { host, mod, bob, eventId } = await stage();
    const view = await load(bob, eventId);
    expect(view.status).toBe(200);
    expect(view.data.can).toEqual({ drive: false, moderate: false });
    expect((await press(bob, eventId, "next")).status).toBe(403);
    expect((await press(bob, eventId, "highlight")).status).toBe(403);
    // Moderators highlight but do not move segments.
    expect((await press(mod, eventId, "next")).status).toBe(403);
    expect((await press(host, eventId, "jump")).status).toBe(400);
    expect(rawStatement(`select count(*) from event_segments`).pluck().get()).toBe(0);
  });

  it("a private group's event is 404 outside the group, on the page and its keys", async () => {
    const lead = await createTestUser({ handle: "lead", name: "Lead" });
    const outsider = await createTestUser({ handle: "outsider", name: "Outsider" });
    createGroup({ viewer: viewerOf(lead), input: { name: "Board", slug: "board", visibility: "private" } });
    addMembers({ viewer: viewerOf(lead), slug: "board", input: { handles: [] } });
    const eventId = createEvent({
      viewer: viewerOf(lead),
      input: {
        title: "Board only",
        kind: "seminar",
        group: "board",
        starts_at: Date.now() - HOUR,
        ends_at: Date.now() + HOUR,
      },
    });
    expect((await load(lead, eventId)).status).toBe(200);
    expect((await load(outsider, eventId)).status).toBe(404);
    expect((await load(outsider, 999_999)).status).toBe(404);
    expect((await press(outsider, eventId, "next")).status).toBe(404);
    expect((await press(outsider, eventId, "highlight")).status).toBe(404);
  });
});
