// After the event (issue #10 §7) against a real migrated SQLite database and the real search engine (FTS5): ending
// an event — by its host through API v1, or on its schedule through the sweep — turns each answered question with a
// written answer into a Q&A thread in the event's audience (the answer its best answer, credited to the host who
// answered) and writes a summary post linking to the event, once: ending again, a second sweep or a second process
// create nothing twice. An anonymous question stays anonymous on every path a person or client can reach: the thread
// page's data, the API, search (results and the author filter), profile feeds, notifications and stream frames. A
// private group's event archives into that group, invisible to everyone else.
import { describe, expect, test } from "vitest";
import { readEvents } from "#app/events/domain-events.server";
import { rawStatement } from "#app/infra/db.server";
import { archiveDueEvents, archiveEndedEvent, questionTitleFrom } from "#app/models/events/event-archive.server";
import { FORGOTTEN_MS } from "#app/models/events/event-fields";
import { listProfileFeed } from "#app/models/feeds/feed.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { getProfile } from "#app/models/people/user.server";
import { getKnowledgeStats } from "#app/models/questions/knowledge-stats.server";
import { listQuestions } from "#app/models/questions/question-lists.server";
import { similarQuestions } from "#app/models/questions/similar-questions.server";
import { messagesOf } from "#app/realtime/messages.server";
import * as threadRoute from "#app/routes/posts.$postId";
import { MAX_TITLE_LENGTH, QuestionTitleSchema } from "#app/utils/validation";
import { callApi } from "#tests/support/api";
import { drainNotifications } from "#tests/support/notifications";
import { drainSearch } from "#tests/support/search";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function account(handle: string, name: string, extra: Parameters<typeof createTestUser>[0] = {}) {
  const user = await createTestUser({ handle, name, email: `${handle}@sori.test`, ...extra });
  const scopes = extra.role === "admin" ? ["read", "write", "admin"] : undefined;
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: scopes as never }).token };
}

const call = (path: string, token: string, opts: { method?: string; json?: unknown } = {}) =>
  callApi(path, { method: opts.method, token, json: opts.json, headers: { "Accept-Language": "ko" } });

/** The CEO (site admin, Korean), attendees, an outsider, and a private group "board" run by its lead. */
async function world() {
  const ceo = await account("ceo", "대표 정하늘", { role: "admin", locale: "ko" });
  const alice = await account("alice", "김서연");
  const bob = await account("bob", "이준호");
  const carol = await account("carol", "박지민");
  const outsider = await account("outsider", "최바깥");
  const lead = await account("lead", "한이사", { locale: "en" });
  createGroup({ viewer: viewerOf(lead.user), input: { name: "Board", slug: "board", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead.user), slug: "board", input: { handles: ["alice", "bob"] } });
  return { ceo, alice, bob, carol, outsider, lead };
}

async function liveEvent(token: string, extra: Record<string, unknown> = {}) {
  const res = await call("/api/v1/events", token, {
    method: "POST",
    json: {
      title: "2026 하반기 [타운홀]",
      kind: "town_hall",
      starts_at: iso(Date.now() - HOUR),
      ends_at: iso(Date.now() + HOUR),
      settings: { anonymous_questions: true },
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.event as { id: number };
}

async function ask(token: string, eventId: number, body: string, anonymous = false): Promise<number> {
  const res = await call(`/api/v1/events/${eventId}/questions`, token, { method: "POST", json: { body, anonymous } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.question.id as number;
}

async function answer(token: string, eventId: number, qid: number, text?: string) {
  const res = await call(`/api/v1/events/${eventId}/questions/${qid}/answered`, token, {
    method: "POST",
    json: text === undefined ? {} : { answer: text },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

const postOf = (questionId: number) =>
  rawStatement(`select post_id from event_questions where id = @id`).pluck().get({ id: questionId }) as number | null;
const countPosts = () => rawStatement(`select count(*) from posts`).pluck().get() as number;
const summaryOf = (eventId: number) =>
  rawStatement(`select summary_post_id from events where id = @id`).pluck().get({ id: eventId }) as number | null;

const ANON_QUESTION =
  "재택근무 제도가 팀마다 다르게 운영되는데, 전사 공통 기준을 만들 계획이 있나요? 육아 중인 직원들은 특히 궁금해합니다.";

/** A town hall run and ended by the CEO: named, anonymous, spoken-only, unanswered and dismissed questions. */
async function endedTownHall() {
  const w = await world();
  const event = await liveEvent(w.ceo.token);
  const named = await ask(
    w.alice.token,
    event.id,
    "내년 연차 사용 규정이 바뀌나요? 반차 단위도 유지되는지 궁금합니다.",
  );
  const anon = await ask(w.bob.token, event.id, ANON_QUESTION, true);
  const spoken = await ask(w.carol.token, event.id, "올해 워크숍은 어디로 가나요?");
  const open = await ask(w.carol.token, event.id, "사내 카페 메뉴가 늘어나나요?");
  const dismissed = await ask(w.alice.token, event.id, "테스트 질문입니다");
  await answer(
    w.ceo.token,
    event.id,
    named,
    "네, **반차 단위는 유지**합니다. 다만 연차 촉진 시기가 10월로 앞당겨집니다.",
  );
  await answer(
    w.ceo.token,
    event.id,
    anon,
    "하반기 안에 전사 재택근무 가이드를 만들겠습니다. 육아기 직원은 주 3일까지 재택을 보장합니다.",
  );
  await answer(w.ceo.token, event.id, spoken);
  const d = await call(`/api/v1/events/${event.id}/questions/${dismissed}/dismiss`, w.ceo.token, {
    method: "POST",
    json: {},
  });
  expect(d.status).toBe(200);
  const end = await call(`/api/v1/events/${event.id}/end`, w.ceo.token, { method: "POST" });
  expect(end.status, JSON.stringify(end.json)).toBe(200);
  return { ...w, event, named, anon, spoken, open, dismissed };
}

describe("ending an event archives its answered questions as Q&A threads (§7)", () => {
  test("each answered question with a written answer becomes a question post whose best answer is the host's", async () => {
    const t = await endedTownHall();
    // Only the two with a written answer: a spoken answer, an open question and a dismissed one have no thread.
    expect(postOf(t.spoken)).toBeNull();
    expect(postOf(t.open)).toBeNull();
    expect(postOf(t.dismissed)).toBeNull();
    const namedPost = postOf(t.named)!;
    expect(namedPost).toBeGreaterThan(0);

    const q = await call(`/api/v1/posts/${namedPost}`, t.outsider.token);
    expect(q.status).toBe(200);
    const post = q.json;
    expect(post).toMatchObject({
      kind: "question",
      title: "내년 연차 사용 규정이 바뀌나요? 반차 단위도 유지되는지 궁금합니다.",
      body: "내년 연차 사용 규정이 바뀌나요? 반차 단위도 유지되는지 궁금합니다.",
      group: null,
      anonymous: false,
      author: { handle: "alice", name: "김서연" },
    });
    expect(post.accepted_answer).toMatchObject({ author: { handle: "ceo", name: "대표 정하늘" } });
    const replies = await call(`/api/v1/posts/${namedPost}/replies`, t.outsider.token);
    expect(replies.status).toBe(200);
    expect(replies.json.data).toHaveLength(1);
    expect(replies.json.data[0]).toMatchObject({ is_accepted: true, author: { handle: "ceo" } });
    expect(replies.json.data[0].html).toContain("<strong>반차 단위는 유지</strong>");
    expect(post.accepted_answer_id).toBe(replies.json.data[0].id);

    // The event says where its archive is: each question's thread, and the summary post.
    const event = await call(`/api/v1/events/${t.event.id}`, t.outsider.token);
    expect(event.json.event.archive).toMatchObject({ summary_post_id: summaryOf(t.event.id) });
    const listed = await call(`/api/v1/events/${t.event.id}/questions`, t.outsider.token);
    const threadOf = (id: number) => listed.json.data.find((q: { id: number }) => q.id === id)?.thread_id;
    expect(threadOf(t.named)).toBe(namedPost);
    expect(threadOf(t.anon)).toBe(postOf(t.anon));
    expect(threadOf(t.spoken)).toBeNull();
  });

  test("a summary post in the event's feed counts questions and answers, in the host's language, and links to the event", async () => {
    const t = await endedTownHall();
    const summary = summaryOf(t.event.id)!;
    const res = await call(`/api/v1/posts/${summary}`, t.alice.token);
    expect(res.status).toBe(200);
    const day = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Seoul", month: "numeric", day: "numeric" })
      .format(Date.now() - HOUR)
      .replace(/\s/g, "");
    // Shown to the audience: four (the dismissed one is not); answered: three (one of them aloud only).
    expect(res.json.body.split("\n")[0]).toBe(`타운홀 ${day}: 질문 4개, 답변 3개`);
    expect(res.json.author.handle).toBe("ceo");
    expect(res.json.group).toBeNull();
    // The title's brackets are escaped, so the link shows it as typed.
    expect(res.json.html).toContain(`<a href="/events/${t.event.id}"`);
    expect(res.json.html).toContain("2026 하반기 [타운홀]</a>");
  });

  test("ending twice, a sweep and a second archive create nothing twice", async () => {
    const t = await endedTownHall();
    const before = countPosts();
    const again = await call(`/api/v1/events/${t.event.id}/end`, t.ceo.token, { method: "POST" });
    expect(again.status).toBe(200);
    expect(archiveDueEvents(Date.now() + FORGOTTEN_MS * 2)).toBe(0);
    expect(archiveEndedEvent(t.event.id)).toBe(false);
    expect(countPosts()).toBe(before);
    // And it stays ended: an archived event cannot be started again.
    const start = await call(`/api/v1/events/${t.event.id}/start`, t.ceo.token, { method: "POST" });
    expect(start.status).toBe(409);
  });

  test("search finds the new questions through the real engine, and so does the similar-questions suggestion", async () => {
    const t = await endedTownHall();
    await drainSearch();
    const res = await call(`/api/v1/search?q=${encodeURIComponent("반차 단위")}&type=questions`, t.carol.token);
    expect(res.status).toBe(200);
    expect(res.json.data.map((p: { id: number }) => p.id)).toContain(postOf(t.named));
    const similar = await similarQuestions({ viewer: viewerOf(t.carol.user), q: "재택근무 기준" });
    expect(similar.map((p) => p.id)).toContain(postOf(t.anon));
    // Answered, so it is offered first.
    expect(similar.find((p) => p.id === postOf(t.anon))?.acceptedAnswerId).not.toBeNull();
  });
});

describe("an anonymous question stays anonymous in the archive", () => {
  const leaks = (payload: unknown) => {
    const text = JSON.stringify(payload);
    return ["bob", "이준호", "bob@sori.test"].filter((s) => text.includes(s));
  };

  test("the API gives no author, and the thread page's data neither", async () => {
    const t = await endedTownHall();
    const id = postOf(t.anon)!;
    for (const who of [t.alice, t.ceo, t.bob, t.outsider]) {
      const res = await call(`/api/v1/posts/${id}`, who.token);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ author: null, anonymous: true, kind: "question" });
      expect(leaks(res.json)).toEqual([]);
      const replies = await call(`/api/v1/posts/${id}/replies`, who.token);
      expect(leaks(replies.json)).toEqual([]);
      // The answer is still the host's, by name.
      expect(replies.json.data[0].author.handle).toBe("ceo");
    }
    const data = await threadRoute.loader({
      request: makeRequest(`/posts/${id}`, { cookie: await sessionCookie(t.carol.user.id) }),
      params: { postId: String(id) },
      ...ctx,
    });
    expect(leaks(data)).toEqual([]);
    expect(JSON.stringify(data)).toContain("익명 / Anonymous");
    // No post row names the asker: the stored author is the host who answered.
    expect(rawStatement(`select author_id from posts where id = @id`).pluck().get({ id })).toBe(t.ceo.user.id);
  });

  test("search results, the author filter and profile feeds never tie it to anyone", async () => {
    const t = await endedTownHall();
    const id = postOf(t.anon)!;
    await drainSearch();
    const found = await call(`/api/v1/search?q=${encodeURIComponent("재택근무")}`, t.alice.token);
    expect(found.json.data.map((p: { id: number }) => p.id)).toContain(id);
    expect(leaks(found.json)).toEqual([]);
    for (const handle of ["bob", "ceo"]) {
      const byAuthor = await call(`/api/v1/search?q=${encodeURIComponent("재택근무")}&author=${handle}`, t.alice.token);
      expect(byAuthor.status).toBe(200);
      expect(byAuthor.json.data.map((p: { id: number }) => p.id)).not.toContain(id);
    }
    const byName = await call(`/api/v1/search?q=${encodeURIComponent("정하늘 재택근무")}`, t.alice.token);
    expect(byName.json.data.map((p: { id: number }) => p.id)).not.toContain(id);
    for (const who of [t.bob, t.ceo]) {
      const feed = listProfileFeed({ viewer: viewerOf(t.alice.user), authorId: who.user.id });
      expect(feed.posts.map((p) => p.id)).not.toContain(id);
      const asked = listQuestions({ viewer: viewerOf(t.alice.user), askedBy: who.user.id, limit: 100 });
      expect(asked.posts.map((p) => p.id)).not.toContain(id);
    }
    // The CEO's profile counts their own posts: the summary and two answers, not the question they published.
    expect(getProfile({ handle: "ceo", viewer: viewerOf(t.alice.user) })?.postCount).toBe(3);
  });

  test("notifications and stream frames name nobody for it; each asker — the anonymous one privately — is told of the answer and the votes, never the host", async () => {
    const t = await endedTownHall();
    const id = postOf(t.anon)!;
    // A colleague upvotes the anonymous question's thread.
    expect((await call(`/api/v1/posts/${id}/vote`, t.carol.token, { method: "POST" })).status).toBe(200);
    await drainNotifications();
    const about = () =>
      rawStatement(
        `select user_id as userId, kind from notifications where thread_id = @id or post_id = @id order by 1, 2`,
      ).all({
        id,
      });
    // Only the person who asked it hears of it: the host who answered (its stored author) is told nothing.
    expect(about()).toEqual([
      { userId: t.bob.user.id, kind: "answer" },
      { userId: t.bob.user.id, kind: "vote" },
    ]);
    expect(
      rawStatement(`select kind from notifications where user_id = @u and thread_id = @t`)
        .pluck()
        .all({ u: t.alice.user.id, t: postOf(t.named) }),
    ).toEqual(["answer"]);
    const frames = readEvents(0, 10_000)
      .filter((e) => e.type === "post.published" && (e.data as { postId: number }).postId === id)
      .flatMap((e) => messagesOf(e));
    expect(frames).toHaveLength(1);
    const frame = frames[0].frame.toString("utf8");
    expect(leaks(frame)).toEqual([]);
    expect(frame).not.toContain('"handle":"ceo"');
  });
});

describe("knowledge stats of an archived anonymous question", () => {
  test("count the host's written answer as an answer, and the question in no department (its author is not its asker)", async () => {
    const t = await endedTownHall();
    rawStatement(`update users set department = '경영지원' where id = @id`).run({ id: t.ceo.user.id });
    const viewer = viewerOf(t.ceo.user);
    const company = getKnowledgeStats({ viewer });
    // Two archived questions (the named one and the anonymous one), both answered by the CEO.
    expect(company.asked).toBe(2);
    expect(company.topAnswerers.map((a) => [a.handle, a.answers, a.bestAnswers])).toEqual([["ceo", 2, 2]]);
    // The CEO's department asked nothing: the anonymous question is stored under the CEO, but the CEO did not ask it.
    expect(getKnowledgeStats({ viewer, department: "경영지원" }).asked).toBe(0);
  });
});

describe("where the archive goes", () => {
  test("a private group's event archives into the group: members find it, nobody else by id, search or feed", async () => {
    const w = await world();
    const event = await liveEvent(w.lead.token, { title: "Board Q&A", group: "board" });
    const qid = await ask(w.alice.token, event.id, "Will the board publish the 2027 hiring plan before January?");
    await answer(w.lead.token, event.id, qid, "Yes, in the December all-hands.");
    expect((await call(`/api/v1/events/${event.id}/end`, w.lead.token, { method: "POST" })).status).toBe(200);
    const id = postOf(qid)!;
    const summary = summaryOf(event.id)!;
    for (const p of [id, summary]) {
      const member = await call(`/api/v1/posts/${p}`, w.bob.token);
      expect(member.status).toBe(200);
      expect(member.json.group).toMatchObject({ slug: "board", visibility: "private" });
      expect((await call(`/api/v1/posts/${p}`, w.outsider.token)).status).toBe(404);
      expect((await call(`/api/v1/posts/${p}`, w.carol.token)).status).toBe(404);
    }
    // The lead never chose a language: English, as their locale says.
    const s = await call(`/api/v1/posts/${summary}`, w.bob.token);
    expect(s.json.body).toMatch(/^Town hall \d+\/\d+: 1 questions, 1 answered/);
    await drainSearch();
    const q = encodeURIComponent("hiring plan");
    const seen = await call(`/api/v1/search?q=${q}&type=questions`, w.bob.token);
    expect(seen.json.data.map((p: { id: number }) => p.id)).toEqual([id]);
    const hidden = await call(`/api/v1/search?q=${q}&type=questions`, w.outsider.token);
    expect(hidden.json.data).toEqual([]);
    expect(hidden.json.total ?? 0).toBe(0);
    expect(await similarQuestions({ viewer: viewerOf(w.outsider.user), q: "hiring plan" })).toEqual([]);
  });

  test("an event that ends on its schedule is archived by the sweep, once, and marked ended", async () => {
    const w = await world();
    const event = await liveEvent(w.ceo.token, { kind: "seminar", title: "AI 세미나" });
    const qid = await ask(w.alice.token, event.id, "사내 데이터로 모델을 학습해도 되나요?");
    await answer(w.ceo.token, event.id, qid, "보안팀 승인을 받은 데이터만 가능합니다.");
    // Not over yet: nothing to do.
    expect(archiveDueEvents()).toBe(0);
    expect(postOf(qid)).toBeNull();
    expect(archiveDueEvents(Date.now() + 2 * HOUR)).toBe(1);
    expect(postOf(qid)).not.toBeNull();
    expect(archiveDueEvents(Date.now() + 3 * HOUR)).toBe(0);
    const row = rawStatement(`select state, ended_at as endedAt, ends_at as endsAt from events where id = @id`).get({
      id: event.id,
    }) as { state: string; endedAt: number; endsAt: number };
    expect(row.state).toBe("ended");
    expect(row.endedAt).toBe(row.endsAt);
    const summary = await call(`/api/v1/posts/${summaryOf(event.id)}`, w.alice.token);
    expect(summary.json.body).toMatch(/^세미나 \d+\/\d+: 질문 1개, 답변 1개/);
    // The event's state change reached the log, for live pages.
    expect(
      readEvents(0, 10_000).some(
        (e) => e.type === "event.state" && (e.data as { eventId: number; state: string }).state === "ended",
      ),
    ).toBe(true);
  });

  test("a started event nobody ended waits for the forgotten-event limit", async () => {
    const w = await world();
    const event = await liveEvent(w.ceo.token);
    expect((await call(`/api/v1/events/${event.id}/start`, w.ceo.token, { method: "POST" })).status).toBe(200);
    expect(archiveDueEvents(Date.now() + 2 * HOUR)).toBe(0);
    expect(archiveDueEvents(Date.now() + 2 * HOUR + FORGOTTEN_MS)).toBe(1);
  });
});

describe("questionTitleFrom", () => {
  test("keeps a short question whole and cuts a long one at a word, within the title's limit", () => {
    expect(questionTitleFrom("  연차   규정이\n바뀌나요? ")).toBe("연차 규정이 바뀌나요?");
    const long = "재택근무 제도와 유연근무 제도를 함께 쓰는 방법이 궁금합니다. ".repeat(8).trim();
    const title = questionTitleFrom(long);
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title.endsWith("…")).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long[title.length - 1]).toBe(" ");
    expect(QuestionTitleSchema.safeParse(title).success).toBe(true);
    const unbroken = "가".repeat(400);
    expect(questionTitleFrom(unbroken)).toBe(`${"가".repeat(MAX_TITLE_LENGTH - 1)}…`);
    const emoji = "😀".repeat(200);
    expect(questionTitleFrom(emoji).length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(questionTitleFrom(emoji)).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});
