// The event page's live comments, polls and archive (issue #10 §4, §6, §7) through its loader and action, in-process,
// as a browser's plain form posts reach them without JavaScript; and the presenter's A with a written answer. Each
// refusal is a 4xx with a message scoped to its form and nothing written.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { createEvent, setEventState } from "#app/models/events/event.server";
import { askEventQuestion } from "#app/models/events/event-questions.server";
import { moderateEventQuestion } from "#app/models/events/event-moderation.server";
import { postEventComment } from "#app/models/events/event-comments.server";
import { setEventSegment } from "#app/models/events/event-segments.server";
import type { FieldErrors } from "#app/utils/errors";
import * as eventRoute from "#app/routes/events.$eventId";
import * as presentRoute from "#app/routes/events.$eventId_.present";
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

async function page(eventId: number, user: { id: number }) {
  const res = await run(async () =>
    eventRoute.loader({
      request: makeRequest(`/events/${eventId}`, { cookie: await sessionCookie(user.id) }),
      params: { eventId: String(eventId) },
      ...ctx,
    }),
  );
  expect(res.status).toBe(200);
  return res.data as Any;
}

/** A form post as the browser sends it; `form` may repeat a field (check boxes), so it is a list of pairs. */
async function send(path: string, route: { action: Any }, user: { id: number }, form: [string, string][], id: number) {
  const base = makeRequest(path, { method: "POST", form: {}, cookie: await sessionCookie(user.id) });
  const request = new Request(base.url, {
    method: "POST",
    headers: base.headers,
    body: new URLSearchParams(form).toString(),
  });
  return run(async () => route.action({ request, params: { eventId: String(id) }, ...ctx }));
}

const post = (eventId: number, user: { id: number }, form: [string, string][]) =>
  send(`/events/${eventId}`, eventRoute, user, form, eventId);

const count = (sql: string, e: number) => rawStatement(sql).pluck().get({ e }) as number;
const comments = (e: number) => count(`select count(*) from event_comments where event_id = @e`, e);
const reactions = (e: number) =>
  count(
    `select count(*) from event_comment_reactions r join event_comments c on c.id = r.comment_id where c.event_id = @e`,
    e,
  );
const polls = (e: number) => count(`select count(*) from event_polls where event_id = @e`, e);
const votes = (e: number) =>
  count(`select count(*) from event_poll_votes v join event_polls p on p.id = v.poll_id where p.event_id = @e`, e);

const HOUR = 3600_000;
async function people() {
  const host = await createTestUser({ handle: "host.kim", name: "김호스트", role: "admin" });
  const alice = await createTestUser({ handle: "alice", name: "Alice Asker" });
  const bob = await createTestUser({ handle: "bob", name: "Bob Viewer" });
  return { host, alice, bob };
}
function seminar(host: { id: number }, settings: Record<string, unknown> = {}) {
  const id = createEvent({
    viewer: viewerOf(host),
    input: {
      title: "사내 세미나",
      kind: "seminar",
      starts_at: Date.now() - HOUR,
      ends_at: Date.now() + HOUR,
      settings: { anonymous_questions: true, comments: true, ...settings },
    },
  });
  setEventState({ viewer: viewerOf(host), eventId: id, to: "live" });
  return id;
}

describe("the event page's live comments", () => {
  it("a comment posted as a plain form is stamped with the part showing and appears on everyone's page", async () => {
    const { host, alice, bob } = await people();
    const e = seminar(host);
    setEventSegment({ viewer: viewerOf(host), eventId: e, input: { index: 2, title: "로드맵" } });

    const sent = await post(e, alice, [
      ["intent", "comment"],
      ["body", "**좋은** 발표입니다"],
      ["segment", "2"],
    ]);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/events/${e}`);

    const data = await page(e, bob);
    expect(data.live.segment).toEqual({ index: 2, title: "로드맵" });
    expect(data.live.parts).toEqual([{ index: 2, title: "로드맵" }]);
    expect(data.live.comments).toHaveLength(1);
    const [c] = data.live.comments;
    expect(c).toMatchObject({ author: { handle: "alice", name: "Alice Asker" }, segment: 2, mine: false });
    expect(c.html).toContain("<strong>좋은</strong>");
    expect(c.can).toEqual({ delete: false, react: true });

    // Reactions toggle as plain forms; the counts and the viewer's own come back with the page.
    expect(
      (
        await post(e, bob, [
          ["intent", "react"],
          ["commentId", String(c.id)],
          ["kind", "insightful"],
        ])
      ).status,
    ).toBe(303);
    expect((await page(e, bob)).live.comments[0]).toMatchObject({
      reactions: { insightful: 1 },
      myReactions: ["insightful"],
    });
    expect((await page(e, alice)).live.comments[0].myReactions).toEqual([]);
    await post(e, bob, [
      ["intent", "unreact"],
      ["commentId", String(c.id)],
      ["kind", "insightful"],
    ]);
    expect((await page(e, bob)).live.comments[0].reactions).toEqual({});

    // Another attendee may not delete it; its author may.
    const refused = await post(e, bob, [
      ["intent", "deleteComment"],
      ["commentId", String(c.id)],
    ]);
    expect(refused.status).toBe(403);
    expect(refused.errors).toEqual({ "comment.form": { key: "error.forbidden" } });
    expect(comments(e)).toBe(1);
    expect(
      (
        await post(e, alice, [
          ["intent", "deleteComment"],
          ["commentId", String(c.id)],
        ])
      ).status,
    ).toBe(303);
    expect(comments(e)).toBe(0);
  });

  it("bad comments and reactions are 4xx with the comment form's message, and nothing is written", async () => {
    const { host, alice } = await people();
    const e = seminar(host);
    const c = postEventComment({ viewer: viewerOf(host), eventId: e, input: { body: "첫 댓글" } });

    const empty = await post(e, alice, [
      ["intent", "comment"],
      ["body", "   "],
    ]);
    expect(empty.status).toBe(400);
    expect(empty.errors).toEqual({ "comment.body": { key: "event.commentEmpty", vars: {} } });
    const long = await post(e, alice, [
      ["intent", "comment"],
      ["body", "가".repeat(501)],
    ]);
    expect(long.status).toBe(400);
    expect(Object.keys(long.errors!)).toEqual(["comment.body"]);
    const missing = await post(e, alice, [["intent", "comment"]]);
    expect(missing.status).toBe(400);
    expect(comments(e)).toBe(1);

    expect(
      (
        await post(e, alice, [
          ["intent", "react"],
          ["commentId", "abc"],
          ["kind", "like"],
        ])
      ).status,
    ).toBe(404);
    expect(
      (
        await post(e, alice, [
          ["intent", "react"],
          ["commentId", "999999"],
          ["kind", "like"],
        ])
      ).status,
    ).toBe(404);
    expect(
      (
        await post(e, alice, [
          ["intent", "react"],
          ["commentId", String(c)],
          ["kind", "angry"],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await post(e, alice, [
          ["intent", "deleteComment"],
          ["commentId", "-1"],
        ])
      ).status,
    ).toBe(404);
    expect(reactions(e)).toBe(0);
    expect(comments(e)).toBe(1);

    // Comments off: 409 with the reason beside the box.
    const quiet = seminar(host, { comments: false });
    const off = await post(quiet, alice, [
      ["intent", "comment"],
      ["body", "hello"],
    ]);
    expect(off.status).toBe(409);
    expect(off.errors).toEqual({ "comment.form": { key: "event.commentsOff" } });
    expect((await page(quiet, alice)).live.comments).toBeNull();
    expect(comments(quiet)).toBe(0);
  });
});

describe("the event page's polls", () => {
  it("the host creates, opens and closes a poll; attendees vote and change their vote; hidden results stay hidden", async () => {
    const { host, alice, bob } = await people();
    const e = seminar(host);

    const created = await post(e, host, [
      ["intent", "pollCreate"],
      ["question", "다음 세미나 주제는?"],
      ["options", "AI\r\n\r\n  보안  \r\n클라우드"],
      ["hide_results", "on"],
    ]);
    expect(created.status).toBe(303);
    const hostPoll = (await page(e, host)).live.polls[0];
    expect(hostPoll).toMatchObject({
      question: "다음 세미나 주제는?",
      options: ["AI", "보안", "클라우드"],
      multiple: false,
      hideResults: true,
      status: "draft",
      can: { manage: true },
    });
    // A draft is the hosts' alone.
    expect((await page(e, alice)).live.polls).toEqual([]);
    const early = await post(e, alice, [
      ["intent", "pollVote"],
      ["pollId", String(hostPoll.id)],
      ["option", "0"],
    ]);
    expect(early.status).toBe(404);

    expect(
      (
        await post(e, host, [
          ["intent", "pollOpen"],
          ["pollId", String(hostPoll.id)],
        ])
      ).status,
    ).toBe(303);
    const pollId = String(hostPoll.id);
    expect(
      (
        await post(e, alice, [
          ["intent", "pollVote"],
          ["pollId", pollId],
          ["option", "1"],
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await post(e, bob, [
          ["intent", "pollVote"],
          ["pollId", pollId],
          ["option", "1"],
        ])
      ).status,
    ).toBe(303);
    // Changed while open: the response is replaced.
    expect(
      (
        await post(e, bob, [
          ["intent", "pollVote"],
          ["pollId", pollId],
          ["option", "2"],
        ])
      ).status,
    ).toBe(303);

    const seen = (await page(e, alice)).live.polls[0];
    expect(seen).toMatchObject({ status: "open", results: null, myVote: [1], can: { vote: true, manage: false } });
    expect((await page(e, host)).live.polls[0].results).toEqual({ votes: [0, 1, 1], voters: 2 });

    // Bad votes: 400 (or 404 for a poll that is not there) beside that poll, and the response unchanged.
    const bad: [string, string][][] = [
      [
        ["option", "0"],
        ["option", "1"],
      ], // two on a single-choice poll
      [["option", "7"]],
      [["option", "x"]],
      [],
    ];
    for (const extra of bad) {
      const res = await post(e, bob, [["intent", "pollVote"], ["pollId", pollId], ...extra]);
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(Object.keys(res.errors!)).toEqual(["vote.options"]);
    }
    expect(
      (
        await post(e, bob, [
          ["intent", "pollVote"],
          ["pollId", "0"],
          ["option", "0"],
        ])
      ).status,
    ).toBe(404);
    expect((await page(e, bob)).live.polls[0].myVote).toEqual([2]);
    expect(votes(e)).toBe(2);

    // Attendees may not manage polls.
    expect(
      (
        await post(e, alice, [
          ["intent", "pollClose"],
          ["pollId", pollId],
        ])
      ).status,
    ).toBe(403);
    const notHost = await post(e, alice, [
      ["intent", "pollCreate"],
      ["question", "q"],
      ["options", "a\nb"],
    ]);
    expect(notHost.status).toBe(403);

    expect(
      (
        await post(e, host, [
          ["intent", "pollClose"],
          ["pollId", pollId],
        ])
      ).status,
    ).toBe(303);
    const closed = (await page(e, alice)).live.polls[0];
    expect(closed).toMatchObject({ status: "closed", results: { votes: [0, 1, 1], voters: 2 }, can: { vote: false } });
    const late = await post(e, alice, [
      ["intent", "pollVote"],
      ["pollId", pollId],
      ["option", "0"],
    ]);
    expect(late.status).toBe(409);
    expect(late.errors).toEqual({ "vote.form": { key: "event.pollClosed" } });
    expect(votes(e)).toBe(2);
  });

  it("a multiple-choice poll takes several options; bad new polls are 400 with the poll form's messages", async () => {
    const { host, alice } = await people();
    const e = seminar(host);
    await post(e, host, [
      ["intent", "pollCreate"],
      ["question", "Which days?"],
      ["options", "Mon\nTue\nWed"],
      ["multiple", "on"],
    ]);
    const { id } = (await page(e, host)).live.polls[0];
    await post(e, host, [
      ["intent", "pollOpen"],
      ["pollId", String(id)],
    ]);
    const res = await post(e, alice, [
      ["intent", "pollVote"],
      ["pollId", String(id)],
      ["option", "0"],
      ["option", "2"],
    ]);
    expect(res.status).toBe(303);
    expect((await page(e, alice)).live.polls[0]).toMatchObject({
      myVote: [0, 2],
      results: { votes: [1, 0, 1], voters: 1 },
    });

    const cases: { form: [string, string][]; field: string }[] = [
      {
        form: [
          ["question", ""],
          ["options", "a\nb"],
        ],
        field: "poll.question",
      },
      {
        form: [
          ["question", "One option?"],
          ["options", "only"],
        ],
        field: "poll.options",
      },
      {
        form: [
          ["question", "Too many"],
          ["options", Array.from({ length: 11 }, (_, i) => `o${i}`).join("\n")],
        ],
        field: "poll.options",
      },
      {
        form: [
          ["question", "x".repeat(201)],
          ["options", "a\nb"],
        ],
        field: "poll.question",
      },
    ];
    for (const { form, field } of cases) {
      const refused = await post(e, host, [["intent", "pollCreate"], ...form]);
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.errors!), field).toContain(field);
    }
    expect(polls(e)).toBe(1);
  });
});

describe("the event page after the event", () => {
  it("is the archive: answered questions with answers, the rest, comments by part with titles, final poll results", async () => {
    const { host, alice, bob } = await people();
    const e = seminar(host);
    const mod = viewerOf(host);
    postEventComment({ viewer: viewerOf(alice), eventId: e, input: { body: "시작 전 인사" } });
    setEventSegment({ viewer: mod, eventId: e, input: { index: 1, title: "소개" } });
    postEventComment({ viewer: viewerOf(bob), eventId: e, input: { body: "소개 잘 들었습니다" } });
    setEventSegment({ viewer: mod, eventId: e, input: { index: 2, title: "로드맵" } });
    postEventComment({ viewer: viewerOf(alice), eventId: e, input: { body: "로드맵 질문 있어요" } });
    postEventComment({ viewer: viewerOf(bob), eventId: e, input: { body: "저도요" } });
    const answered = askEventQuestion({
      viewer: viewerOf(alice),
      eventId: e,
      input: { body: "채용 계획은?", anonymous: true },
    });
    const open = askEventQuestion({ viewer: viewerOf(bob), eventId: e, input: { body: "재택 근무는?" } });
    moderateEventQuestion({ viewer: mod, eventId: e, questionId: answered, change: { action: "answering" } });
    // The presenter's A with a written answer (the form beside the button).
    const pressed = await send(
      `/events/${e}/present`,
      presentRoute,
      host,
      [
        ["intent", "answered"],
        ["answer", "상반기에 20명을 뽑습니다."],
      ],
      e,
    );
    expect(pressed.status).toBe(303);
    await post(e, host, [
      ["intent", "pollCreate"],
      ["question", "만족도"],
      ["options", "좋음\n보통"],
      ["hide_results", "on"],
    ]);
    const pollId = String((await page(e, host)).live.polls[0].id);
    await post(e, host, [
      ["intent", "pollOpen"],
      ["pollId", pollId],
    ]);
    await post(e, bob, [
      ["intent", "pollVote"],
      ["pollId", pollId],
      ["option", "0"],
    ]);
    expect((await post(e, host, [["intent", "end"]])).status).toBe(303);

    const data = await page(e, bob);
    expect(data.event.state).toBe("ended");
    expect(data.archive.answered.map((q: Any) => [q.id, q.body, q.answer, q.author])).toEqual([
      [answered, "채용 계획은?", "상반기에 20명을 뽑습니다.", null],
    ]);
    expect(data.archive.answered[0].answeredBy).toMatchObject({ name: "김호스트" });
    expect(data.archive.unanswered.map((q: Any) => q.id)).toEqual([open]);
    expect(data.archive.parts.map((p: Any) => [p.index, p.title, p.count, p.comments.map((c: Any) => c.body)])).toEqual(
      [
        [null, "", 1, ["시작 전 인사"]],
        [1, "소개", 1, ["소개 잘 들었습니다"]],
        [2, "로드맵", 2, ["로드맵 질문 있어요", "저도요"]],
      ],
    );
    // The poll was never closed, so its hidden results stay the hosts' (the model's rule), on the archive too.
    expect(data.live.polls[0]).toMatchObject({ question: "만족도", results: null });
    expect((await page(e, host)).live.polls[0].results).toEqual({ votes: [1, 0], voters: 1 });
    // The anonymous asker stays anonymous in the archive, for the host too (hosts_see_anonymous is off).
    expect((await page(e, host)).archive.answered[0]).toMatchObject({ author: null, anonymous: true });
    // Nothing more can be said once it has ended.
    expect(
      (
        await post(e, alice, [
          ["intent", "comment"],
          ["body", "늦은 댓글"],
        ])
      ).status,
    ).toBe(409);
  });
});
