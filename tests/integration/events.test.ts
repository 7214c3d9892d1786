// Live events and their open Q&A (issue #10 §2–3, §8) through API v1 against a real migrated SQLite database: who
// may create, see and run an event; the Q&A workflow (ask, vote, pre-moderation, answering, answered, restore,
// merge, star, edit, replies, ban, export, the audited reveal); anonymity in every payload; a private group's event
// invisible to non-members by id, by code and in lists; bad input answered 4xx with nothing written. Every response
// is checked against the OpenAPI document.
import { describe, expect, test } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { setSetting } from "#app/models/admin/settings.server";
import { requireEventByCode } from "#app/models/events/event.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { readEvents } from "#app/events/domain-events.server";
import { apiFetch, callApi } from "#tests/support/api";
import { createTestUser, viewerOf } from "#tests/factories";

type Lang = "en" | "ko";

function call(path: string, token: string, opts: { method?: string; json?: unknown; lang?: Lang } = {}) {
  return callApi(path, {
    method: opts.method,
    token,
    json: opts.json,
    headers: { "Accept-Language": opts.lang ?? "en" },
  });
}

async function account(handle: string, extra: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser({ handle, name: `Name of ${handle}`, email: `${handle}@sori.test`, ...extra });
  const scopes = extra.role === "admin" ? ["read", "write", "admin"] : undefined;
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: scopes as never }).token };
}

/** A CEO (site admin), a moderator, attendees, an outsider, and a private group "board" with its admin. */
async function world() {
  const ceo = await account("ceo", { role: "admin" });
  const mod = await account("mod");
  const alice = await account("alice");
  const bob = await account("bob");
  const carol = await account("carol");
  const outsider = await account("outsider");
  const lead = await account("lead");
  const guest = await account("guest", { role: "guest", organization: "Partner" });
  createGroup({ viewer: viewerOf(lead.user), input: { name: "Board", slug: "board", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead.user), slug: "board", input: { handles: ["alice", "bob"] } });
  return { ceo, mod, alice, bob, carol, outsider, lead, guest };
}

const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function townHall(token: string, extra: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
  const res = await call("/api/v1/events", token, {
    method: "POST",
    json: {
      title: "2026 하반기 타운홀",
      description: "Ask **anything**. <script>alert(1)</script>",
      kind: "town_hall",
      starts_at: iso(Date.now() - HOUR),
      ends_at: iso(Date.now() + HOUR),
      settings: { anonymous_questions: true, ...settings },
      moderators: ["mod"],
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.event as { id: number; code: string; state: string };
}

const ask = (token: string, eventId: number, json: unknown, lang?: Lang) =>
  call(`/api/v1/events/${eventId}/questions`, token, { method: "POST", json, lang });
const list = (token: string, eventId: number, query = "") => call(`/api/v1/events/${eventId}/questions${query}`, token);
const act = (token: string, eventId: number, qid: number, action: string, json?: unknown, method = "POST") =>
  call(`/api/v1/events/${eventId}/questions/${qid}/${action}`, token, { method, json });

const exportCsv = (token: string, eventId: number) =>
  apiFetch(
    new Request(`http://localhost:3000/api/v1/events/${eventId}/export`, {
      headers: { Authorization: `Bearer ${token}` },
    }),
  );

/** What a refusal may not have changed. */
const snapshot = () =>
  JSON.stringify({
    events: rawStatement(`select * from events order by id`).all(),
    questions: rawStatement(`select * from event_questions order by id`).all(),
    votes: rawStatement(`select * from event_question_votes order by 1, 2`).all(),
    replies: rawStatement(`select * from event_question_replies order by id`).all(),
    bans: rawStatement(`select * from event_bans order by 1, 2`).all(),
    audit: rawStatement(`select count(*) from audit_log`).pluck().get(),
    log: rawStatement(`select count(*) from domain_events`).pluck().get(),
  });

describe("events", () => {
  test("a site admin creates a company town hall: code, state from the schedule, hosts, sanitised description", async () => {
    const { ceo, alice } = await world();
    const event = await townHall(ceo.token);
    expect(event.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    const res = await call(`/api/v1/events/${event.id}`, alice.token);
    expect(res.status).toBe(200);
    expect(res.json.event).toMatchObject({
      state: "live",
      group: null,
      hosts: [{ handle: "ceo" }],
      moderators: [{ handle: "mod" }],
      my_role: null,
      join_path: `/e/${event.code}`,
      settings: { anonymous_questions: true, pre_moderation: false, hosts_see_anonymous: false },
      can: { host: false, moderate: false, participate: true, reveal: false },
    });
    expect(res.json.event.html).toContain("<strong>anything</strong>");
    expect(res.json.event.html).not.toContain("<script");
    // The code finds it in any case.
    expect(requireEventByCode(viewerOf(alice.user), event.code.toLowerCase()).id).toBe(event.id);
  });

  test("who may create: members company-wide only when an admin allows it; a group's admins in their group", async () => {
    const { alice, lead, guest } = await world();
    const body = {
      title: "Open Q&A",
      kind: "seminar",
      starts_at: iso(Date.now() + HOUR),
      ends_at: iso(Date.now() + 2 * HOUR),
    };
    const before = snapshot();
    expect((await call("/api/v1/events", alice.token, { method: "POST", json: body })).status).toBe(403);
    expect(
      (await call("/api/v1/events", alice.token, { method: "POST", json: { ...body, group: "board" } })).status,
    ).toBe(403);
    expect((await call("/api/v1/events", guest.token, { method: "POST", json: body })).status).toBe(403);
    expect(snapshot()).toBe(before);
    const inGroup = await call("/api/v1/events", lead.token, { method: "POST", json: { ...body, group: "board" } });
    expect(inGroup.status).toBe(201);
    expect(inGroup.json.event).toMatchObject({ state: "upcoming", group: { slug: "board", visibility: "private" } });
    setSetting("events.membersMayCreate", "1");
    expect((await call("/api/v1/events", alice.token, { method: "POST", json: body })).status).toBe(201);
    expect((await call("/api/v1/events", guest.token, { method: "POST", json: body })).status).toBe(403);
  });

  test("a private group's event is invisible to non-members: by id, by code, in lists, its questions and stream", async () => {
    const { lead, alice, outsider, ceo } = await world();
    const res = await call("/api/v1/events", lead.token, {
      method: "POST",
      json: {
        title: "Board AMA",
        kind: "town_hall",
        group: "board",
        starts_at: iso(Date.now() - HOUR),
        ends_at: iso(Date.now() + HOUR),
      },
    });
    const event = res.json.event;
    const q = await ask(alice.token, event.id, { body: "Board question" });
    expect(q.status).toBe(201);
    for (const who of [outsider, ceo]) {
      const missing = await call(`/api/v1/events/987654`, who.token);
      for (const path of [`/api/v1/events/${event.id}`, `/api/v1/events/${event.id}/questions`]) {
        const hidden = await call(path, who.token);
        expect(hidden.status).toBe(404);
        expect(hidden.json.error.code).toBe(missing.json.error.code);
      }
      expect((await ask(who.token, event.id, { body: "hi" })).status).toBe(404);
      expect((await act(who.token, event.id, q.json.question.id, "vote")).status).toBe(404);
      expect(() => requireEventByCode(viewerOf(who.user), event.code)).toThrow(/not_found/);
      const all = await call("/api/v1/events", who.token);
      expect(all.json.data.map((e: { id: number }) => e.id)).not.toContain(event.id);
      expect(JSON.stringify(all.json)).not.toContain("Board AMA");
    }
    const mine = await call("/api/v1/events?state=live", alice.token);
    expect(mine.json.data.map((e: { id: number }) => e.id)).toContain(event.id);
  });

  test("start and end are the host's; an ended event cannot start again; ?state= lists by state", async () => {
    const { ceo, alice } = await world();
    const later = await townHall(ceo.token, {
      starts_at: iso(Date.now() + 5 * HOUR),
      ends_at: iso(Date.now() + 6 * HOUR),
    });
    expect(later.state).toBe("upcoming");
    expect((await call(`/api/v1/events/${later.id}/start`, alice.token, { method: "POST" })).status).toBe(403);
    const started = await call(`/api/v1/events/${later.id}/start`, ceo.token, { method: "POST" });
    expect(started.json.event.state).toBe("live");
    expect((await call("/api/v1/events?state=live", alice.token)).json.data.map((e: { id: number }) => e.id)).toContain(
      later.id,
    );
    expect((await call("/api/v1/events?state=upcoming", alice.token)).json.data).toEqual([]);
    const ended = await call(`/api/v1/events/${later.id}/end`, ceo.token, { method: "POST" });
    expect(ended.json.event.state).toBe("ended");
    const again = await call(`/api/v1/events/${later.id}/start`, ceo.token, { method: "POST" });
    expect(again.status).toBe(409);
    expect((await call("/api/v1/events?state=bogus", alice.token)).status).toBe(400);
    expect(
      readEvents(0, 1000)
        .filter((e) => e.type === "event.state")
        .map((e) => e.data.state),
    ).toEqual(["live", "ended"]);
  });

  test("PATCH edits the event and its settings (hosts only); bad times are 400 with nothing written", async () => {
    const { ceo, alice, mod } = await world();
    const event = await townHall(ceo.token);
    const before = snapshot();
    for (const json of [
      { title: "" },
      { starts_at: "tomorrow" },
      { ends_at: iso(Date.now() - 10 * HOUR) },
      { settings: { pre_moderation: "yes" } },
      { hosts: ["nobody-here"] },
      {},
    ]) {
      const res = await call(`/api/v1/events/${event.id}`, ceo.token, { method: "PATCH", json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    expect(
      (await call(`/api/v1/events/${event.id}`, alice.token, { method: "PATCH", json: { title: "x" } })).status,
    ).toBe(403);
    expect(
      (await call(`/api/v1/events/${event.id}`, mod.token, { method: "PATCH", json: { title: "x" } })).status,
    ).toBe(403);
    expect(snapshot()).toBe(before);
    const ok = await call(`/api/v1/events/${event.id}`, ceo.token, {
      method: "PATCH",
      json: { title: "타운홀 11/28", settings: { pre_moderation: true } },
    });
    expect(ok.json.event).toMatchObject({ title: "타운홀 11/28", settings: { pre_moderation: true } });
  });
});

describe("open Q&A", () => {
  test("ask, vote (toggle, not one's own), sort top with ties older first, or recent", async () => {
    const { ceo, alice, bob, carol } = await world();
    const event = await townHall(ceo.token);
    const q1 = (await ask(alice.token, event.id, { body: "  첫 질문  " })).json.question;
    const q2 = (await ask(bob.token, event.id, { body: "Second" })).json.question;
    const q3 = (await ask(carol.token, event.id, { body: "Third 😀" })).json.question;
    expect(q1).toMatchObject({
      body: "첫 질문",
      status: "approved",
      votes: 0,
      mine: true,
      author: { handle: "alice" },
    });
    expect((await act(alice.token, event.id, q1.id, "vote")).status).toBe(403);
    await act(alice.token, event.id, q3.id, "vote");
    await act(bob.token, event.id, q3.id, "vote");
    await act(bob.token, event.id, q3.id, "vote");
    await act(carol.token, event.id, q2.id, "vote");
    const top = (await list(carol.token, event.id, "?sort=top")).json.data;
    expect(top.map((q: { id: number }) => q.id)).toEqual([q3.id, q2.id, q1.id]);
    expect(top[0]).toMatchObject({ votes: 2, voted_by_me: false, mine: true });
    expect(top[1]).toMatchObject({ votes: 1, voted_by_me: true, mine: false });
    await act(carol.token, event.id, q2.id, "vote", undefined, "DELETE");
    const after = (await list(carol.token, event.id, "?sort=top")).json.data;
    // q1 and q2 tie at 0: the older first.
    expect(after.map((q: { id: number }) => q.id)).toEqual([q3.id, q1.id, q2.id]);
    const recent = (await list(carol.token, event.id, "?sort=recent")).json.data;
    expect(recent.map((q: { id: number }) => q.id)).toEqual([q3.id, q2.id, q1.id]);
  });

  test("bad input is 4xx in the caller's language, and nothing is written", async () => {
    const { ceo, alice } = await world();
    const event = await townHall(ceo.token, {}, { anonymous_questions: false });
    const other = await townHall(ceo.token);
    const mine = (await ask(alice.token, event.id, { body: "mine" })).json.question;
    const elsewhere = (await ask(alice.token, other.id, { body: "elsewhere" })).json.question;
    const before = snapshot();
    const cases: [unknown, number][] = [
      [{ body: "" }, 400],
      [{ body: "   \u200b " }, 400],
      [{ body: "가".repeat(301) }, 400],
      [{ body: 42 }, 400],
      [{ body: ["x"] }, 400],
      [{}, 400],
      ["just a string", 400],
      [{ body: "ok", anonymous: "yes" }, 400],
      [{ body: "ok", anonymous: true }, 400],
    ];
    for (const [json, status] of cases) {
      const res = await ask(alice.token, event.id, json);
      expect(res.status, JSON.stringify(json)).toBe(status);
    }
    const ko = await ask(alice.token, event.id, { body: "가".repeat(301) }, "ko");
    expect(ko.json.error.fields.body).toBe("질문은 최대 300자까지 쓸 수 있습니다.");
    // Another event's question through this event's path is missing.
    expect((await act(ceo.token, event.id, elsewhere.id, "approve")).status).toBe(404);
    expect((await act(ceo.token, event.id, 987654, "answering")).status).toBe(404);
    expect((await act(ceo.token, event.id, Number.NaN as never, "answering")).status).toBe(404);
    expect((await call(`/api/v1/events/${event.id}/questions/abc/vote`, ceo.token, { method: "POST" })).status).toBe(
      404,
    );
    expect((await act(ceo.token, event.id, mine.id, "merge", { into: mine.id })).status).toBe(400);
    expect((await act(ceo.token, event.id, mine.id, "merge", { into: "x" })).status).toBe(400);
    expect((await act(ceo.token, event.id, mine.id, "merge", { into: elsewhere.id })).status).toBe(404);
    expect((await act(ceo.token, event.id, mine.id, "answered", { answer: "x".repeat(2001) })).status).toBe(400);
    expect((await list(alice.token, event.id, "?sort=best")).status).toBe(400);
    expect(snapshot()).toBe(before);
    // 300 characters exactly (counted as characters, so an emoji is one), Korean and emoji: fine.
    const ok = await ask(alice.token, event.id, { body: "😀".repeat(150) + "가".repeat(150) });
    expect(ok.status).toBe(201);
  });

  test("questions open ahead of time only from questions_open_at; not after the end", async () => {
    const { ceo, alice } = await world();
    const soon = await townHall(ceo.token, {
      starts_at: iso(Date.now() + 2 * HOUR),
      ends_at: iso(Date.now() + 3 * HOUR),
    });
    expect((await ask(alice.token, soon.id, { body: "early" })).status).toBe(409);
    const ahead = await townHall(
      ceo.token,
      { starts_at: iso(Date.now() + 2 * HOUR), ends_at: iso(Date.now() + 3 * HOUR) },
      { questions_open_at: iso(Date.now() - 1000) },
    );
    expect((await ask(alice.token, ahead.id, { body: "early" })).status).toBe(201);
    await call(`/api/v1/events/${ahead.id}/end`, ceo.token, { method: "POST" });
    expect((await ask(alice.token, ahead.id, { body: "late" })).status).toBe(409);
  });

  test("pre-moderation: a pending question is seen only by its asker (in review) and moderators, not counted", async () => {
    const { ceo, mod, alice, bob } = await world();
    const event = await townHall(ceo.token, {}, { pre_moderation: true });
    const res = await ask(alice.token, event.id, { body: "Pending one" });
    const q = res.json.question;
    expect(q).toMatchObject({ status: "pending", mine: true });
    expect((await list(alice.token, event.id)).json.data.map((x: { id: number }) => x.id)).toEqual([q.id]);
    // Bob sees nothing: not in lists (any status), not by id, not in the count; he cannot vote on it.
    for (const query of ["", "?status=pending", "?status=open", "?sort=recent"]) {
      expect((await list(bob.token, event.id, query)).json.data).toEqual([]);
    }
    expect((await call(`/api/v1/events/${event.id}/questions/${q.id}`, bob.token)).status).toBe(404);
    expect((await act(bob.token, event.id, q.id, "vote")).status).toBe(404);
    expect((await call(`/api/v1/events/${event.id}`, bob.token)).json.event.question_count).toBe(0);
    // The moderator's queue has it; approval shows it to everyone.
    const queue = (await list(mod.token, event.id, "?status=pending")).json.data;
    expect(queue.map((x: { id: number }) => x.id)).toEqual([q.id]);
    expect((await act(bob.token, event.id, q.id, "approve")).status).toBe(404);
    expect((await act(mod.token, event.id, q.id, "approve")).json.question.status).toBe("approved");
    expect((await list(bob.token, event.id)).json.data.map((x: { id: number }) => x.id)).toEqual([q.id]);
    expect((await call(`/api/v1/events/${event.id}`, bob.token)).json.event.question_count).toBe(1);
    // Dismissed with a reason: gone for Bob; the asker sees it with the reason.
    const p2 = (await ask(alice.token, event.id, { body: "Off topic" })).json.question;
    await act(mod.token, event.id, p2.id, "dismiss", { reason: "Not about the town hall" });
    const alices = (await list(alice.token, event.id, "?status=dismissed")).json.data;
    expect(alices[0]).toMatchObject({ id: p2.id, status: "dismissed", dismiss_reason: "Not about the town hall" });
    expect((await list(bob.token, event.id, "?status=dismissed")).json.data).toEqual([]);
  });

  test("answering one at a time, answered with a written answer, restored; edit and star are moderators'", async () => {
    const { ceo, mod, alice, bob } = await world();
    const event = await townHall(ceo.token);
    const a = (await ask(alice.token, event.id, { body: "Question A" })).json.question;
    const b = (await ask(bob.token, event.id, { body: "Qestion B" })).json.question;
    expect((await act(alice.token, event.id, a.id, "answering")).status).toBe(403);
    expect((await act(mod.token, event.id, a.id, "answering")).json.question.status).toBe("answering");
    await act(ceo.token, event.id, b.id, "answering");
    const statuses = Object.fromEntries(
      (await list(bob.token, event.id)).json.data.map((q: { id: number; status: string }) => [q.id, q.status]),
    );
    expect(statuses).toEqual({ [a.id]: "approved", [b.id]: "answering" });
    const done = await act(ceo.token, event.id, b.id, "answered", { answer: "Yes, next quarter." });
    expect(done.json.question).toMatchObject({
      status: "answered",
      answer: "Yes, next quarter.",
      answered_by: { handle: "ceo" },
    });
    expect((await list(bob.token, event.id, "?status=answered")).json.data.map((q: { id: number }) => q.id)).toEqual([
      b.id,
    ]);
    expect((await act(mod.token, event.id, b.id, "restore")).json.question.status).toBe("approved");
    // Edit for typos: marked edited; star: moderators only, invisible to others.
    expect(
      (await call(`/api/v1/events/${event.id}/questions/${b.id}`, bob.token, { method: "PATCH", json: { body: "x" } }))
        .status,
    ).toBe(403);
    const edited = await call(`/api/v1/events/${event.id}/questions/${b.id}`, mod.token, {
      method: "PATCH",
      json: { body: "Question B" },
    });
    expect(edited.json.question).toMatchObject({ body: "Question B", edited: true });
    expect((await act(alice.token, event.id, b.id, "star")).status).toBe(403);
    expect((await act(mod.token, event.id, b.id, "star")).json.question.starred).toBe(true);
    expect((await call(`/api/v1/events/${event.id}/questions/${b.id}`, bob.token)).json.question.starred).toBe(false);
    // A pending or dismissed question cannot be answered.
    await act(mod.token, event.id, a.id, "dismiss", {});
    expect((await act(mod.token, event.id, a.id, "answering")).status).toBe(409);
  });

  test("merge: the duplicate points at its target and their votes add up, one per person", async () => {
    const { ceo, mod, alice, bob, carol, outsider } = await world();
    const event = await townHall(ceo.token);
    const target = (await ask(alice.token, event.id, { body: "Remote work policy?" })).json.question;
    const dup = (await ask(bob.token, event.id, { body: "WFH policy?" })).json.question;
    await act(carol.token, event.id, target.id, "vote");
    await act(carol.token, event.id, dup.id, "vote");
    await act(outsider.token, event.id, dup.id, "vote");
    await act(alice.token, event.id, dup.id, "vote");
    expect((await act(alice.token, event.id, dup.id, "merge", { into: target.id })).status).toBe(403);
    const merged = await act(mod.token, event.id, dup.id, "merge", { into: target.id });
    expect(merged.status).toBe(200);
    // carol counted once; outsider added; alice (the target's asker) does not vote on her own.
    expect(merged.json.question).toMatchObject({ id: target.id, votes: 2 });
    const seen = (await list(carol.token, event.id)).json.data.map((q: { id: number }) => q.id);
    expect(seen).toEqual([target.id]);
    const bobs = (await call(`/api/v1/events/${event.id}/questions/${dup.id}`, bob.token)).json.question;
    expect(bobs.merged_into).toBe(target.id);
    expect((await act(mod.token, event.id, dup.id, "approve")).status).toBe(409);
  });

  test("replies under a question; a ban hides the participant's questions and replies, is audited, and stops them", async () => {
    const { ceo, mod, alice, bob } = await world();
    const event = await townHall(ceo.token);
    const q = (await ask(alice.token, event.id, { body: "Question" })).json.question;
    const r = await call(`/api/v1/events/${event.id}/questions/${q.id}/replies`, bob.token, {
      method: "POST",
      json: { body: "+1, same here" },
    });
    expect(r.status).toBe(201);
    expect(r.json.reply).toMatchObject({ body: "+1, same here", author: { handle: "bob" } });
    const bq = (await ask(bob.token, event.id, { body: "Spam spam" })).json.question;
    expect(
      (await call(`/api/v1/events/${event.id}/bans`, alice.token, { method: "POST", json: { handle: "bob" } })).status,
    ).toBe(403);
    expect(
      (await call(`/api/v1/events/${event.id}/bans`, mod.token, { method: "POST", json: { handle: "ceo" } })).status,
    ).toBe(400);
    const banned = await call(`/api/v1/events/${event.id}/bans`, mod.token, {
      method: "POST",
      json: { handle: "bob", reason: "spam" },
    });
    expect(banned.json.data).toMatchObject([{ handle: "bob", reason: "spam" }]);
    expect(rawStatement(`select action, reason from audit_log`).all()).toEqual([
      { action: "event.ban", reason: "spam" },
    ]);
    expect((await list(alice.token, event.id)).json.data.map((x: { id: number }) => x.id)).toEqual([q.id]);
    const detail = await call(`/api/v1/events/${event.id}/questions/${q.id}`, alice.token);
    expect(detail.json.replies).toEqual([]);
    expect(detail.json.question.reply_count).toBe(0);
    expect((await ask(bob.token, event.id, { body: "again" })).status).toBe(403);
    expect((await act(bob.token, event.id, q.id, "vote")).status).toBe(403);
    // Moderators still see it; lifting the ban shows it again.
    expect((await list(mod.token, event.id)).json.data.map((x: { id: number }) => x.id)).toContain(bq.id);
    await call(`/api/v1/events/${event.id}/bans/bob`, mod.token, { method: "DELETE" });
    expect((await list(alice.token, event.id)).json.data.map((x: { id: number }) => x.id)).toContain(bq.id);
  });

  test("the question list pages with a cursor, by votes and by newest, without a gap or a repeat", async () => {
    const { ceo, alice, bob, carol } = await world();
    const event = await townHall(ceo.token);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await ask(alice.token, event.id, { body: `질문 ${i}번` })).json.question.id);
    // Votes: q3 two, q5 and q1 one each (q1 older, so first of the tie); the rest none.
    for (const [token, q] of [
      [bob.token, ids[3]],
      [carol.token, ids[3]],
      [bob.token, ids[5]],
      [carol.token, ids[1]],
    ] as const) {
      expect((await act(token, event.id, q, "vote")).status).toBe(200);
    }
    const walk = async (sort: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(
          bob.token,
          event.id,
          `?sort=${sort}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        expect(res.status).toBe(200);
        expect(res.json.data.length).toBeLessThanOrEqual(3);
        seen.push(...res.json.data.map((q: { id: number }) => q.id));
        cursor = res.json.next_cursor;
      } while (cursor);
      return seen;
    };
    expect(await walk("top")).toEqual([ids[3], ids[1], ids[5], ids[0], ids[2], ids[4], ids[6]]);
    expect(await walk("recent")).toEqual([...ids].reverse());
    // Without a limit, one page holds them all (up to 20): no next cursor.
    const all = await list(bob.token, event.id);
    expect(all.json.data).toHaveLength(7);
    expect(all.json.next_cursor).toBeNull();
    // A cursor that is not one, or one of the other sort, is a 400; a limit out of range too.
    const top = await list(bob.token, event.id, "?limit=2");
    for (const query of ["?cursor=garbage", `?sort=recent&cursor=${top.json.next_cursor}`, "?limit=0", "?limit=101"]) {
      const res = await list(bob.token, event.id, query);
      expect(res.status, query).toBe(400);
    }
  });
});

describe("anonymity", () => {
  const IDENTIFIERS = (u: { id: number; handle: string; name: string }) => [
    u.handle,
    u.name,
    `${u.handle}@sori.test`,
    `/photos/${u.id}`,
  ];

  test("no attendee, moderator or host learns the asker of an anonymous question — lists, detail, CSV; the asker sees it as theirs", async () => {
    const { ceo, mod, alice, bob } = await world();
    const event = await townHall(ceo.token, {}, { pre_moderation: true });
    const asked = await ask(alice.token, event.id, { body: "Anonymous question", anonymous: true });
    expect(asked.json.question).toMatchObject({ anonymous: true, author: null, mine: true, status: "pending" });
    const q = asked.json.question;
    await act(mod.token, event.id, q.id, "approve");
    await act(bob.token, event.id, q.id, "vote");
    await act(ceo.token, event.id, q.id, "answered", { answer: "Thanks" });
    for (const who of [bob, mod, ceo]) {
      const payloads = [
        await list(who.token, event.id),
        await list(who.token, event.id, "?status=answered"),
        await call(`/api/v1/events/${event.id}/questions/${q.id}`, who.token),
      ];
      for (const p of payloads) {
        const text = JSON.stringify(p.json);
        for (const s of IDENTIFIERS(alice.user)) expect(text).not.toContain(s);
        expect(text).not.toContain(`"mine":true`);
      }
    }
    for (const who of [mod, ceo]) {
      const csv = await exportCsv(who.token, event.id);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain("Anonymous question");
      for (const s of IDENTIFIERS(alice.user)) expect(csv.text).not.toContain(s);
    }
    expect((await exportCsv(bob.token, event.id)).status).toBe(403);
    // The asker: theirs, still anonymous.
    const own = (await call(`/api/v1/events/${event.id}/questions/${q.id}`, alice.token)).json.question;
    expect(own).toMatchObject({ mine: true, anonymous: true, author: null });
  });

  test("hosts see anonymous askers only when the event allows it (moderators never)", async () => {
    const { ceo, mod, alice } = await world();
    const event = await townHall(ceo.token, {}, { hosts_see_anonymous: true });
    const q = (await ask(alice.token, event.id, { body: "Who am I?", anonymous: true })).json.question;
    const forHost = (await call(`/api/v1/events/${event.id}/questions/${q.id}`, ceo.token)).json.question;
    expect(forHost.author).toEqual({ handle: "alice", name: "Name of alice" });
    const forMod = (await call(`/api/v1/events/${event.id}/questions/${q.id}`, mod.token)).json.question;
    expect(forMod.author).toBeNull();
    expect((await exportCsv(ceo.token, event.id)).text).toContain("@alice");
    expect((await exportCsv(mod.token, event.id)).text).not.toContain("alice");
  });

  test("an admin reveals an asker only with a reason, audited, and the asker is told", async () => {
    const { ceo, mod, alice } = await world();
    const event = await townHall(ceo.token);
    const q = (await ask(alice.token, event.id, { body: "Abusive", anonymous: true })).json.question;
    const before = snapshot();
    expect((await act(mod.token, event.id, q.id, "reveal", { reason: "abuse" })).status).toBe(403);
    expect((await act(ceo.token, event.id, q.id, "reveal", { reason: "  " })).status).toBe(400);
    expect((await act(ceo.token, event.id, q.id, "reveal", {})).status).toBe(400);
    expect(snapshot()).toBe(before);
    const revealed = await act(ceo.token, event.id, q.id, "reveal", { reason: "Harassment report #12" });
    expect(revealed.json).toEqual({ author: { handle: "alice", name: "Name of alice" } });
    expect(rawStatement(`select action, reason, actor_id as actor from audit_log`).all()).toEqual([
      { action: "event_question.reveal", reason: "Harassment report #12", actor: ceo.user.id },
    ]);
    const told = readEvents(0, 1000).find((e) => e.type === "event_question.revealed")!;
    expect(told.audience).toEqual([`user:${alice.user.id}`]);
    // Revealing did not make the question name its asker anywhere else.
    expect((await call(`/api/v1/events/${event.id}/questions/${q.id}`, ceo.token)).json.question.author).toBeNull();
  });
});
