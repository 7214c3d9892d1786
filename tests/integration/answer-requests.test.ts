// "Ask someone" (issue #9 item 4) and the best answer on a question's card (item 2), through API v1 and the
// question page's form against a real migrated SQLite database: the asker asks colleagues by handle when asking
// or later; each must exist, be someone else and be able to see the question; at most five; every refusal is a 400
// naming the people in the caller's language with nothing written; the request is shown on the question, lists it
// in the person's "asked of me" view of the event log, and the best answer's excerpt follows the question into
// feeds and search results. Every API response is checked against the OpenAPI document.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { answerExcerpt } from "#app/models/posts/read-model.server";
import { readEvents } from "#app/events/domain-events.server";
import * as threadRoute from "#app/routes/posts.$postId";
import * as homeRoute from "#app/routes/home";
import { callApi } from "#tests/support/api";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Lang = "en" | "ko";
type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

function call(path: string, token: string, opts: { method?: string; json?: unknown; lang?: Lang } = {}) {
  return callApi(path, {
    method: opts.method,
    token,
    json: opts.json,
    headers: { "Accept-Language": opts.lang ?? "en" },
  });
}

async function account(handle: string, name = handle) {
  const user = await createTestUser({ handle, name, email: `${handle}@sori.test` });
  return { user, token: createApiToken({ userId: user.id, name: "test" }).token };
}

/** An asker, five colleagues, an outsider who is not in the private group "team", and the team's lead. */
async function world() {
  const asker = await account("asker", "질문자");
  const people = await Promise.all(["ann", "ben", "cat", "dan", "eve", "fay"].map((h) => account(h, h.toUpperCase())));
  const outsider = await account("outsider", "바깥사람");
  const lead = await account("lead");
  createGroup({ viewer: viewerOf(lead.user), input: { name: "Team", slug: "team", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead.user), slug: "team", input: { handles: ["asker", "ann", "ben"] } });
  return { asker, people, outsider, lead };
}

const askQuestion = (token: string, json: Record<string, unknown>, lang?: Lang) =>
  call("/api/v1/posts", token, { method: "POST", json: { kind: "question", body: "Who knows?", ...json }, lang });

const snapshot = () =>
  JSON.stringify({
    posts: rawStatement(`select id from posts order by id`).all(),
    requests: rawStatement(`select question_id, user_id from answer_requests order by 1, 2`).all(),
    events: rawStatement(`select count(*) from domain_events`).pluck().get(),
  });

describe("asking someone when asking", () => {
  it("asks colleagues by handle: shown on the question, one event addressed to each of them", async () => {
    const { asker, people } = await world();
    const res = await askQuestion(asker.token, { title: "VPN이 자꾸 끊겨요", ask: ["@ann", "BEN", "ann"] });
    expect(res.status).toBe(201);
    expect(res.json.asked).toEqual([
      { handle: "ann", name: "ANN" },
      { handle: "ben", name: "BEN" },
    ]);
    const read = await call(`/api/v1/posts/${res.json.id}`, people[2].token);
    expect(read.json.asked.map((p: { handle: string }) => p.handle)).toEqual(["ann", "ben"]);
    const event = readEvents(0, 1000).find((e) => e.type === "answer.requested");
    expect(event).toMatchObject({ data: { questionId: res.json.id, userIds: [people[0].user.id, people[1].user.id] } });
    expect(event!.audience).toEqual([`user:${people[0].user.id}`, `user:${people[1].user.id}`]);
  });

  it("refuses, with nothing written, unknown handles, oneself, more than five, or on an update", async () => {
    const { asker } = await world();
    const before = snapshot();
    const unknown = await askQuestion(asker.token, { title: "Q", ask: ["ann", "nobody.here"] }, "ko");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain("@nobody.here");
    expect(unknown.json.error.message).toMatch(/활성 계정이 없습니다/);
    expect(unknown.json.error.fields.ask).toBeTruthy();
    const self = await askQuestion(asker.token, { title: "Q", ask: ["asker"] });
    expect(self.status).toBe(400);
    expect(self.json.error.message).toMatch(/yourself/);
    const many = await askQuestion(asker.token, { title: "Q", ask: ["ann", "ben", "cat", "dan", "eve", "fay"] });
    expect(many.status).toBe(400);
    expect(many.json.error.message).toMatch(/at most 5/);
    const hostile = await askQuestion(asker.token, { title: "Q", ask: ["<script>", "a".repeat(41)] });
    expect(hostile.status).toBe(400);
    const wrongType = await askQuestion(asker.token, { title: "Q", ask: "ann" });
    expect(wrongType.status).toBe(400);
    const update = await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "news", ask: ["ann"] } });
    expect(update.status).toBe(400);
    expect(update.json.error.message).toMatch(/Only a question/);
    expect(snapshot()).toBe(before);
  });

  it("refuses to ask someone who cannot see a private group's question, naming them", async () => {
    const { asker } = await world();
    const before = snapshot();
    const res = await askQuestion(asker.token, { title: "팀 질문", group: "team", ask: ["ann", "outsider"] }, "ko");
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe("@outsider님은 이 질문을 볼 수 없어서 요청할 수 없습니다.");
    expect(snapshot()).toBe(before);
    const ok = await askQuestion(asker.token, { title: "팀 질문", group: "team", ask: ["ann"] });
    expect(ok.status).toBe(201);
  });
});

describe("asking someone later", () => {
  it("the asker adds people up to five in all; asking again is idempotent; others get 403, outsiders 404", async () => {
    const { asker, people, outsider } = await world();
    const q = (await askQuestion(asker.token, { title: "Question", ask: ["ann", "ben"] })).json;
    const more = await call(`/api/v1/posts/${q.id}/ask`, asker.token, {
      method: "POST",
      json: { handles: ["ben", "cat", "dan"] },
    });
    expect(more.status).toBe(200);
    expect(more.json.asked.map((p: { handle: string }) => p.handle)).toEqual(["ann", "ben", "cat", "dan"]);
    const before = snapshot();
    const sixth = await call(`/api/v1/posts/${q.id}/ask`, asker.token, {
      method: "POST",
      json: { handles: ["eve", "fay"] },
    });
    expect(sixth.status).toBe(400);
    const again = await call(`/api/v1/posts/${q.id}/ask`, asker.token, { method: "POST", json: { handles: ["ann"] } });
    expect(again.status).toBe(200);
    expect(snapshot()).toBe(before);
    const notTheirs = await call(`/api/v1/posts/${q.id}/ask`, people[0].token, {
      method: "POST",
      json: { handles: ["eve"] },
    });
    expect(notTheirs.status).toBe(403);
    const empty = await call(`/api/v1/posts/${q.id}/ask`, asker.token, { method: "POST", json: { handles: [] } });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toMatch(/at least one person/);

    const team = (await askQuestion(asker.token, { title: "Team question", group: "team" })).json;
    const hidden = await call(`/api/v1/posts/${team.id}/ask`, outsider.token, {
      method: "POST",
      json: { handles: ["ann"] },
    });
    expect(hidden.status).toBe(404);
    const update = (await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "news" } })).json;
    const notQuestion = await call(`/api/v1/posts/${update.id}/ask`, asker.token, {
      method: "POST",
      json: { handles: ["ann"] },
    });
    expect(notQuestion.status).toBe(400);
    // None of the refusals asked anyone: the four asked at first are all there is.
    expect(rawStatement(`select count(*) from answer_requests`).pluck().get()).toBe(4);
  });

  it("the question page's form asks (without JavaScript) and shows field errors in Korean", async () => {
    const { asker, people } = await world();
    const q = (await askQuestion(asker.token, { title: "페이지에서 요청" })).json;
    const post = async (user: { id: number }, ask: string) => {
      const res = (await threadRoute.action({
        request: makeRequest(`/posts/${q.id}`, {
          method: "POST",
          form: { intent: "ask", postId: String(q.id), ask },
          cookie: await sessionCookie(user.id),
          headers: { "Accept-Language": "ko" },
        }),
        params: { postId: String(q.id) },
        ...ctx,
      })) as Any;
      return res instanceof Response
        ? { status: res.status, errors: undefined }
        : { status: res.init?.status ?? 200, errors: res.data?.errors };
    };
    expect((await post(asker.user, "@ann, @cat")).status).toBe(302);
    const loaded = (await threadRoute.loader({
      request: makeRequest(`/posts/${q.id}`, { cookie: await sessionCookie(people[1].user.id) }),
      params: { postId: String(q.id) },
      ...ctx,
    })) as Any;
    const data = loaded instanceof Response ? await loaded.json() : (loaded.data ?? loaded);
    expect(data.thread.root.askedOf.map((p: { handle: string }) => p.handle)).toEqual(["ann", "cat"]);
    expect(data.thread.root.can.request).toBe(false);
    const bad = await post(asker.user, "@ghost");
    expect(bad.status).toBe(400);
    expect(bad.errors?.ask).toBeTruthy();
    expect((await post(people[0].user, "@ben")).status).toBe(403);
  });
});

describe("the best answer on a question's card", () => {
  it("follows the question into the API's feeds and the home page, with an excerpt and its author", async () => {
    const { asker, people } = await world();
    const q = (await askQuestion(asker.token, { title: "How do I reset my password?" })).json;
    const long = `Go to **Settings** → Security and choose *Reset*. ${"자세한 설명입니다. ".repeat(60)}`;
    const a = (
      await call("/api/v1/posts", people[0].token, { method: "POST", json: { body: long, reply_to_id: q.id } })
    ).json;
    expect((await call(`/api/v1/posts/${q.id}`, asker.token)).json.accepted_answer).toBeNull();
    await call(`/api/v1/posts/${a.id}/accept`, asker.token, { method: "POST" });
    const feed = await call("/api/v1/feeds/company", people[1].token);
    const card = feed.json.data.find((p: { id: number }) => p.id === q.id);
    expect(card.accepted_answer).toMatchObject({ id: a.id, author: { handle: "ann", name: "ANN" }, votes: 0 });
    expect(card.accepted_answer.excerpt.startsWith("Go to Settings → Security and choose Reset.")).toBe(true);
    expect(card.accepted_answer.excerpt.endsWith("…")).toBe(true);
    expect(Array.from(card.accepted_answer.excerpt).length).toBeLessThanOrEqual(281);
    // The answer itself carries no copy of its own excerpt.
    const answerCard = await call(`/api/v1/posts/${a.id}`, asker.token);
    expect(answerCard.json).not.toHaveProperty("accepted_answer");

    const home = (await homeRoute.loader({
      request: makeRequest("/home", { cookie: await sessionCookie(asker.user.id) }),
      params: {},
      ...ctx,
    })) as Any;
    const homeData = home instanceof Response ? await home.json() : (home.data ?? home);
    const onHome = JSON.stringify(homeData);
    expect(onHome).toContain("Go to Settings → Security");

    // Cleared when the best answer is undone.
    await call(`/api/v1/posts/${a.id}/accept`, asker.token, { method: "DELETE" });
    expect((await call(`/api/v1/posts/${q.id}`, asker.token)).json.accepted_answer).toBeNull();
  });

  it("an excerpt is plain text, never markup, cut at a word near the limit", () => {
    expect(answerExcerpt("<p>Hello <script>alert(1)</script><b>world</b> &amp; more</p>")).toBe("Hello world & more");
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    const cut = answerExcerpt(`<p>${words}</p>`);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).not.toMatch(/word\d*[^\d ]…$/);
    // A long answer whose start is one cut tag still gives text, never a tag's remains.
    const markupHeavy = `<p>${'<a href="https://example.com/x">x</a> '.repeat(200)}</p>`;
    expect(answerExcerpt(markupHeavy)).not.toContain("<");
  });
});

describe("the questions asked of me", () => {
  it("lists, newest first, the questions whose askers asked me — in the API and on /questions", async () => {
    const { asker, people } = await world();
    const first = (await askQuestion(asker.token, { title: "첫 질문", ask: ["ann"] })).json;
    await askQuestion(asker.token, { title: "Not for ann", ask: ["ben"] });
    const team = (await askQuestion(asker.token, { title: "팀 질문", group: "team", ask: ["ann", "ben"] })).json;
    const mine = await call("/api/v1/questions?mine=requested", people[0].token);
    expect(mine.status).toBe(200);
    expect(mine.json.data.map((q: { id: number }) => q.id)).toEqual([team.id, first.id]);
    const unanswered = await call("/api/v1/questions?mine=requested&status=answered", people[0].token);
    expect(unanswered.json.data).toEqual([]);
    const none = await call("/api/v1/questions?mine=requested", people[2].token);
    expect(none.json.data).toEqual([]);
    // Someone removed from the private group no longer sees its question there.
    rawStatement(`delete from group_members where user_id = @u`).run({ u: people[0].user.id });
    const after = await call("/api/v1/questions?mine=requested", people[0].token);
    expect(after.json.data.map((q: { id: number }) => q.id)).toEqual([first.id]);
  });
});
