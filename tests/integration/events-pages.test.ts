// The live event pages (issue #10 §2–3) through their loaders and actions, in-process, as a browser's form posts
// reach them without JavaScript: creating an event in one's own time zone, joining by code, asking (anonymously),
// voting, the asker's "in review" question that nobody else's page shows, the moderation queue, and refusals with
// field messages and nothing written.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { createEvent } from "#app/models/events/event.server";
import type { FieldErrors } from "#app/utils/errors";
import { epochToLocal, localToEpoch } from "#app/utils/events";
import * as indexRoute from "#app/routes/events._index";
import * as newRoute from "#app/routes/events.new";
import * as eventRoute from "#app/routes/events.$eventId";
import * as moderateRoute from "#app/routes/events.$eventId_.moderate";
import * as exportRoute from "#app/routes/events.$eventId_.export";
import * as joinRoute from "#app/routes/e.$code";
import * as adminRoute from "#app/routes/admin";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;
type Answer = { status: number; location: string | null; errors?: FieldErrors; data?: Any };

async function run(fn: () => Promise<unknown>): Promise<Answer> {
  try {
    const res = await fn();
    if (res instanceof Response) return { status: res.status, location: res.headers.get("Location"), data: res };
    const out = res as { init?: { status?: number }; data?: { errors?: FieldErrors } };
    if (out && typeof out === "object" && "init" in out) {
      return { status: out.init?.status ?? 200, location: null, errors: out.data?.errors };
    }
    return { status: 200, location: null, data: res };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

const load = async (route: { loader: Any }, path: string, user: { id: number }, params: Record<string, string> = {}) =>
  run(async () =>
    route.loader({ request: makeRequest(path, { cookie: await sessionCookie(user.id) }), params, ...ctx }),
  );
const post = async (
  route: { action: Any },
  path: string,
  user: { id: number },
  form: Record<string, string>,
  params: Record<string, string> = {},
) =>
  run(async () =>
    route.action({
      request: makeRequest(path, { method: "POST", form, cookie: await sessionCookie(user.id) }),
      params,
      ...ctx,
    }),
  );

async function people() {
  const ceo = await createTestUser({ handle: "ceo", name: "Chief Exec", role: "admin" });
  const mod = await createTestUser({ handle: "mod", name: "Moderator Min" });
  const alice = await createTestUser({ handle: "alice", name: "Alice Asker" });
  const bob = await createTestUser({ handle: "bob", name: "Bob Viewer" });
  return { ceo, mod, alice, bob };
}

const HOUR = 3600_000;
function townHall(host: { id: number }, settings: Record<string, unknown> = {}) {
  return createEvent({
    viewer: viewerOf(host),
    input: {
      title: "타운홀",
      kind: "town_hall",
      starts_at: Date.now() - HOUR,
      ends_at: Date.now() + HOUR,
      moderators: ["mod"],
      settings: { anonymous_questions: true, ...settings },
    },
  });
}

describe("event pages", () => {
  it("local times: a datetime-local value is read in the person's time zone", () => {
    expect(new Date(localToEpoch("2026-11-28T15:00", "Asia/Seoul")!).toISOString()).toBe("2026-11-28T06:00:00.000Z");
    expect(new Date(localToEpoch("2026-07-01T09:30", "Europe/Paris")!).toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(epochToLocal(Date.UTC(2026, 10, 28, 6), "Asia/Seoul")).toBe("2026-11-28T15:00");
    expect(localToEpoch("tomorrow", "Asia/Seoul")).toBeNull();
  });

  it("a site admin creates an event from the form in their own time zone; bad input is 400 with nothing written", async () => {
    const { ceo, bob } = await people();
    rawStatement(`update users set time_zone = 'Asia/Seoul' where id = @id`).run({ id: ceo.id });
    expect((await load(newRoute, "/events/new", bob)).status).toBe(403);
    const before = rawStatement(`select count(*) from events`).pluck().get();
    const bad = await post(newRoute, "/events/new", ceo, { title: "", kind: "town_hall", starts_at: "x", ends_at: "" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.errors!)).toEqual(expect.arrayContaining(["starts_at", "ends_at"]));
    const backwards = await post(newRoute, "/events/new", ceo, {
      title: "Backwards",
      kind: "town_hall",
      starts_at: "2030-01-01T10:00",
      ends_at: "2030-01-01T09:00",
    });
    expect(backwards.status).toBe(400);
    expect(backwards.errors!.ends_at).toBeDefined();
    expect(rawStatement(`select count(*) from events`).pluck().get()).toBe(before);
    const ok = await post(newRoute, "/events/new", ceo, {
      title: "CEO open Q&A",
      kind: "town_hall",
      starts_at: "2030-01-01T10:00",
      ends_at: "2030-01-01T11:00",
      anonymous_questions: "on",
      moderators: "@mod",
    });
    expect(ok.status).toBe(302);
    const row = rawStatement(
      `select id, starts_at as s, anonymous_questions as a from events order by id desc limit 1`,
    ).get() as Any;
    expect(ok.location).toBe(`/events/${row.id}`);
    expect(new Date(row.s).toISOString()).toBe("2030-01-01T01:00:00.000Z");
    expect(row.a).toBe(1);
  });

  it("the admin's setting lets every employee create company-wide events; only a site admin may change it", async () => {
    const { ceo, bob } = await people();
    expect((await load(newRoute, "/events/new", bob)).status).toBe(403);
    expect((await post(adminRoute, "/admin", bob, { intent: "eventSettings", membersMayCreate: "on" })).status).toBe(
      403,
    );
    expect((await post(adminRoute, "/admin", ceo, { intent: "eventSettings", membersMayCreate: "on" })).status).toBe(
      302,
    );
    expect((await load(newRoute, "/events/new", bob)).data.audiences.company).toBe(true);
    expect((await post(adminRoute, "/admin", ceo, { intent: "eventSettings" })).status).toBe(302);
    expect((await load(newRoute, "/events/new", bob)).status).toBe(403);
  });

  it("joining by code leads to the event; the list shows it", async () => {
    const { ceo, bob } = await people();
    const id = townHall(ceo);
    const code = rawStatement(`select code from events where id = @id`).pluck().get({ id }) as string;
    const joined = await load(joinRoute, `/e/${code.toLowerCase()}`, bob, { code: code.toLowerCase() });
    expect(joined).toMatchObject({ status: 302, location: `/events/${id}` });
    expect((await load(joinRoute, "/e/ZZZZZZ", bob, { code: "ZZZZZZ" })).status).toBe(404);
    const list = await load(indexRoute, "/events", bob);
    expect(list.data.live.map((e: { id: number }) => e.id)).toEqual([id]);
  });

  it("asking and voting work as plain forms; a pending anonymous question shows only on its asker's page", async () => {
    const { ceo, mod, alice, bob } = await people();
    const id = townHall(ceo, { pre_moderation: true });
    const path = `/events/${id}`;
    const params = { eventId: String(id) };
    const tooLong = await post(eventRoute, path, alice, { intent: "ask", body: "가".repeat(301) }, params);
    expect(tooLong.status).toBe(400);
    expect(tooLong.errors!.body).toBeDefined();
    expect(rawStatement(`select count(*) from event_questions`).pluck().get()).toBe(0);
    const asked = await post(eventRoute, path, alice, { intent: "ask", body: "Why?", anonymous: "on" }, params);
    expect(asked.status).toBe(302);
    const alicePage = (await load(eventRoute, path, alice, params)).data;
    expect(alicePage.questions).toMatchObject([{ body: "Why?", status: "pending", mine: true, author: null }]);
    expect(alicePage.qr).toContain("<svg");
    expect(alicePage.join).toMatch(/\/e\/[A-Z2-9]{6}$/);
    const bobPage = (await load(eventRoute, path, bob, params)).data;
    expect(bobPage.questions).toEqual([]);
    expect(bobPage.event.questionCount).toBe(0);

    // The moderator's queue: approve it; it shows for Bob without naming Alice.
    const queue = (await load(moderateRoute, `${path}/moderate`, mod, params)).data;
    expect(queue.pending.map((q: { body: string }) => q.body)).toEqual(["Why?"]);
    expect(JSON.stringify(queue)).not.toContain("Alice");
    expect((await load(moderateRoute, `${path}/moderate`, bob, params)).status).toBe(403);
    const qid = String(queue.pending[0].id);
    const approved = await post(moderateRoute, `${path}/moderate`, mod, { intent: "approve", questionId: qid }, params);
    expect(approved.status).toBe(303);
    const after = (await load(eventRoute, path, bob, params)).data;
    expect(after.questions).toMatchObject([{ status: "approved", author: null, mine: false, can: { vote: true } }]);
    expect(JSON.stringify(after)).not.toContain("Alice");

    expect((await post(eventRoute, path, bob, { intent: "vote", questionId: qid }, params)).status).toBe(303);
    expect((await load(eventRoute, path, bob, params)).data.questions[0]).toMatchObject({ votes: 1, votedByMe: true });
    expect((await post(eventRoute, path, alice, { intent: "vote", questionId: qid }, params)).status).toBe(403);
    expect((await post(eventRoute, path, bob, { intent: "vote", questionId: "abc" }, params)).status).toBe(404);
    expect((await post(eventRoute, path, bob, { intent: "bogus" }, params)).status).toBe(400);

    // Answered: moves to the Answered tab.
    await post(
      moderateRoute,
      `${path}/moderate`,
      ceo,
      { intent: "answered", questionId: qid, answer: "Because." },
      params,
    );
    expect((await load(eventRoute, path, bob, params)).data.questions).toEqual([]);
    const answered = (await load(eventRoute, `${path}?tab=answered`, bob, params)).data;
    expect(answered.questions).toMatchObject([{ status: "answered", answer: "Because." }]);

    // The CSV, for moderators: the asker column empty.
    const csv = await load(exportRoute, `${path}/export`, mod, params);
    const text = await (csv.data as Response).text();
    expect(text).toContain("Why?");
    expect(text).not.toContain("alice");
    expect((await load(exportRoute, `${path}/export`, bob, params)).status).toBe(403);
  });
});
