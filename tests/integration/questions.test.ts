// Questions and answers (issue #9) through API v1 against a real migrated SQLite database: asking with a title,
// answering, votes, the best answer, replies in answer order, and the "Bad input and permissions" list — every
// refusal in the caller's language, with nothing written. Every response is checked against the OpenAPI document.
import { describe, expect, test } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { readEvents } from "#app/events/domain-events.server";
import { callApi } from "#tests/support/api";
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
  const user = await createTestUser({ handle, name: handle, email: `${handle}@sori.test`, ...extra });
  const scopes = extra.role === "admin" ? ["read", "write", "admin"] : undefined;
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: scopes as never }).token };
}

/** asker, two answerers, a voter, an outsider (not in "team"), the team's admin and a site admin. */
async function world() {
  const asker = await account("asker");
  const alice = await account("alice");
  const bob = await account("bob");
  const voter = await account("voter");
  const outsider = await account("outsider");
  const lead = await account("lead");
  const admin = await account("site.admin", { role: "admin" });
  createGroup({ viewer: viewerOf(lead.user), input: { name: "Team", slug: "team", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead.user), slug: "team", input: { handles: ["asker", "alice", "bob", "voter"] } });
  return { asker, alice, bob, voter, outsider, lead, admin };
}

const ask = (token: string, json: Record<string, unknown>, lang?: Lang) =>
  call("/api/v1/posts", token, { method: "POST", json: { kind: "question", ...json }, lang });
const answer = (token: string, questionId: number, body: string) =>
  call("/api/v1/posts", token, { method: "POST", json: { body, reply_to_id: questionId } });

/** What a refusal may not have changed. */
const snapshot = () =>
  JSON.stringify({
    posts: rawStatement(`select id, title, vote_count, accepted_answer_id, reply_count from posts order by id`).all(),
    votes: rawStatement(`select post_id, user_id from post_votes order by 1, 2`).all(),
    events: rawStatement(`select count(*) from domain_events`).pluck().get(),
  });

describe("asking", () => {
  test("a question has a trimmed NFC title; the post object shows it with votes and answers", async () => {
    const { asker } = await world();
    // "질문" typed as decomposed jamo (NFD) must be stored composed.
    const res = await ask(asker.token, {
      title: "  배포 \u110c\u1175\u11af\u1106\u116e\u11ab   ",
      body: "How do we deploy?",
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: "question",
      title: "배포 질문",
      votes: 0,
      voted_by_me: false,
      answer_count: 0,
      accepted_answer_id: null,
    });
    expect(res.json).not.toHaveProperty("is_accepted");
    const update = await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "just news" } });
    expect(update.json.title).toBeNull();
    expect(update.json).not.toHaveProperty("answer_count");
  });

  test("a missing, blank or too long title is 400 in the caller's language, and nothing is written", async () => {
    const { asker } = await world();
    const before = snapshot();
    const cases: [Record<string, unknown>, Lang, RegExp][] = [
      [{ body: "no title" }, "en", /needs a title/],
      [{ body: "no title" }, "ko", /제목이 필요합니다/],
      [{ body: "blank", title: " \u200b " }, "en", /needs a title/],
      [{ body: "long", title: "가".repeat(151) }, "ko", /최대 150자/],
      [{ body: "long", title: "x".repeat(151) }, "en", /at most 150 characters/],
    ];
    for (const [json, lang, message] of cases) {
      const res = await ask(asker.token, json, lang);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.json.error.code).toBe("validation_failed");
      expect(res.json.error.fields.title).toMatch(message);
    }
    expect((await ask(asker.token, { body: "ok", title: "가".repeat(150) })).status).toBe(201);
    // A title on anything but a question is refused too.
    const titled = await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "x", title: "T" } });
    expect(titled.status).toBe(400);
    expect(titled.json.error.fields.title).toMatch(/Only a question/);
    const count = rawStatement(`select count(*) from posts`).pluck().get();
    expect(count).toBe(1);
    expect(JSON.parse(snapshot()).votes).toEqual(JSON.parse(before).votes);
  });
});

describe("the workflow", () => {
  test("answer, vote, accept, change and undo; answers come best first, then by votes, then oldest", async () => {
    const { asker, alice, bob, voter, lead } = await world();
    const q = (await ask(asker.token, { title: "How do I get VPN access?", body: "#it", group: "team" })).json;
    const a1 = (await answer(alice.token, q.id, "Ask IT")).json;
    const a2 = (await answer(bob.token, q.id, "Use the portal")).json;
    const a3 = (await answer(alice.token, q.id, "Or call 1234")).json;
    expect(a1).toMatchObject({ is_accepted: false, votes: 0, title: null });

    // Votes: idempotent, toggled off with DELETE.
    for (let i = 0; i < 2; i++) {
      const v = await call(`/api/v1/posts/${a2.id}/vote`, voter.token, { method: "POST" });
      expect(v.status).toBe(200);
      expect(v.json).toMatchObject({ id: a2.id, votes: 1, voted_by_me: true });
    }
    await call(`/api/v1/posts/${a2.id}/vote`, asker.token, { method: "POST" });
    await call(`/api/v1/posts/${a3.id}/vote`, voter.token, { method: "POST" });
    const qVote = await call(`/api/v1/posts/${q.id}/vote`, alice.token, { method: "POST" });
    expect(qVote.json).toMatchObject({ votes: 1, voted_by_me: true, answer_count: 3 });
    const off = await call(`/api/v1/posts/${a3.id}/vote`, voter.token, { method: "DELETE" });
    expect(off.json).toMatchObject({ votes: 0, voted_by_me: false });
    expect((await call(`/api/v1/posts/${a3.id}/vote`, voter.token, { method: "DELETE" })).json.votes).toBe(0);
    expect((await call(`/api/v1/posts/${a2.id}`, alice.token)).json).toMatchObject({ votes: 2, voted_by_me: false });

    const order = async (token = asker.token) =>
      (await call(`/api/v1/posts/${q.id}/replies`, token)).json.data.map((p: { id: number }) => p.id);
    expect(await order()).toEqual([a2.id, a1.id, a3.id]);

    // The asker accepts a3: it comes first; the question names it.
    const accepted = await call(`/api/v1/posts/${a3.id}/accept`, asker.token, { method: "POST" });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ id: q.id, accepted_answer_id: a3.id, answer_count: 3 });
    expect(await order()).toEqual([a3.id, a2.id, a1.id]);
    const page = (await call(`/api/v1/posts/${q.id}/replies`, asker.token)).json.data;
    expect(page.map((p: { is_accepted: boolean }) => p.is_accepted)).toEqual([true, false, false]);

    // The group's admin changes it; accepting again is idempotent.
    for (let i = 0; i < 2; i++) {
      const changed = await call(`/api/v1/posts/${a1.id}/accept`, lead.token, { method: "POST" });
      expect(changed.json.accepted_answer_id).toBe(a1.id);
    }
    expect(await order()).toEqual([a1.id, a2.id, a3.id]);
    // Undoing an answer that is not the best one changes nothing; undoing the best one clears it.
    expect(
      (await call(`/api/v1/posts/${a3.id}/accept`, asker.token, { method: "DELETE" })).json.accepted_answer_id,
    ).toBe(a1.id);
    const undone = await call(`/api/v1/posts/${a1.id}/accept`, asker.token, { method: "DELETE" });
    expect(undone.json.accepted_answer_id).toBeNull();
    expect(await order()).toEqual([a2.id, a1.id, a3.id]);

    // Deleting the best answer clears it from the question.
    await call(`/api/v1/posts/${a2.id}/accept`, asker.token, { method: "POST" });
    expect((await call(`/api/v1/posts/${a2.id}`, bob.token, { method: "DELETE" })).status).toBe(204);
    const after = await call(`/api/v1/posts/${q.id}`, asker.token);
    expect(after.json).toMatchObject({ accepted_answer_id: null, answer_count: 2 });
    // And deleting the question takes its answers and votes with it.
    await call(`/api/v1/posts/${a1.id}/accept`, asker.token, { method: "POST" });
    expect((await call(`/api/v1/posts/${q.id}`, asker.token, { method: "DELETE" })).status).toBe(204);
    expect(rawStatement(`select count(*) from post_votes`).pluck().get()).toBe(0);

    const types = readEvents(0, 1000).map((e) => e.type);
    expect(types.filter((t) => t === "question.answered")).toHaveLength(3);
    expect(types.filter((t) => t === "vote.changed")).toHaveLength(5);
    // accept a3, change to a1, clear a1, accept a2, accept a1: each change once, the repeats none.
    expect(types.filter((t) => t === "answer.accepted")).toHaveLength(5);
    const events = readEvents(0, 1000).filter((e) => e.type === "answer.accepted");
    // Stamped with the private group's audience, like the question itself.
    const teamId = rawStatement(`select id from groups where slug = 'team'`).pluck().get();
    expect(events[0].audience).toEqual([`group:${teamId}`]);
  });

  test("a site admin may accept; replies page by keyset in answer order and in ordinary threads", async () => {
    const { asker, alice, voter, admin } = await world();
    const q = (await ask(asker.token, { title: "Company-wide question", body: "?" })).json;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await answer(alice.token, q.id, `answer ${i}`)).json.id);
    await call(`/api/v1/posts/${ids[3]}/vote`, voter.token, { method: "POST" });
    expect((await call(`/api/v1/posts/${ids[4]}/accept`, admin.token, { method: "POST" })).status).toBe(200);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await call(`/api/v1/posts/${q.id}/replies?limit=2${query}`, asker.token);
      expect(res.status).toBe(200);
      seen.push(...res.json.data.map((p: { id: number }) => p.id));
      cursor = res.json.next_cursor;
    } while (cursor);
    expect(seen).toEqual([ids[4], ids[3], ids[0], ids[1], ids[2]]);

    const root = (await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "news" } })).json;
    const replies: number[] = [];
    for (let i = 0; i < 3; i++) replies.push((await answer(alice.token, root.id, `r${i}`)).json.id);
    const first = await call(`/api/v1/posts/${root.id}/replies?limit=2`, asker.token);
    expect(first.json.data.map((p: { id: number }) => p.id)).toEqual(replies.slice(0, 2));
    expect(first.json.data[0]).not.toHaveProperty("is_accepted");
    const second = await call(`/api/v1/posts/${root.id}/replies?limit=2&cursor=${first.json.next_cursor}`, asker.token);
    expect(second.json).toMatchObject({ data: [{ id: replies[2] }], next_cursor: null });
    expect((await call(`/api/v1/posts/${root.id}/replies?cursor=nonsense`, asker.token)).status).toBe(400);
    expect((await call(`/api/v1/posts/999999/replies`, asker.token)).status).toBe(404);
  });
});

describe("bad input and permissions", () => {
  test("voting on one's own post is 403; on a post that is not a question or an answer 400; nothing written", async () => {
    const { asker, alice } = await world();
    const q = (await ask(asker.token, { title: "Mine", body: "?" })).json;
    const a = (await answer(alice.token, q.id, "yours")).json;
    const update = (await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "news" } })).json;
    const reply = (await answer(alice.token, update.id, "a reply to news")).json;
    const before = snapshot();
    for (const [id, token] of [
      [q.id, asker.token],
      [a.id, alice.token],
    ] as const) {
      const res = await call(`/api/v1/posts/${id}/vote`, token, { method: "POST" });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("forbidden");
    }
    for (const id of [update.id, reply.id]) {
      const en = await call(`/api/v1/posts/${id}/vote`, asker.token, { method: "POST" });
      expect(en.status).toBe(400);
      expect(en.json.error).toMatchObject({ code: "not_votable", message: expect.stringMatching(/Only questions/) });
      const ko = await call(`/api/v1/posts/${id}/vote`, asker.token, { method: "POST", lang: "ko" });
      expect(ko.json.error.message).toMatch(/질문과 그 답변에만/);
    }
    expect(snapshot()).toBe(before);
  });

  test("accepting: 403 for others, 400 for a reply of another thread or a non-answer, 404 when hidden", async () => {
    const { asker, alice, bob, voter, outsider } = await world();
    const q = (await ask(asker.token, { title: "In the team", body: "?", group: "team" })).json;
    const a = (await answer(alice.token, q.id, "an answer")).json;
    const other = (await ask(bob.token, { title: "Another", body: "?", group: "team" })).json;
    const otherAnswer = (await answer(alice.token, other.id, "elsewhere")).json;
    const news = (await call("/api/v1/posts", asker.token, { method: "POST", json: { body: "news" } })).json;
    const newsReply = (await answer(alice.token, news.id, "reply")).json;
    const before = snapshot();

    // Not the asker, not a group admin, not an admin (the answer's own author included).
    for (const token of [alice.token, voter.token]) {
      const res = await call(`/api/v1/posts/${a.id}/accept`, token, { method: "POST" });
      expect(res.status).toBe(403);
      expect((await call(`/api/v1/posts/${a.id}/accept`, token, { method: "DELETE" })).status).toBe(403);
    }
    // The asker cannot accept another question's answer (it is that one's asker's), nor a reply of a non-question,
    // nor a question itself.
    expect((await call(`/api/v1/posts/${otherAnswer.id}/accept`, asker.token, { method: "POST" })).status).toBe(403);
    for (const id of [newsReply.id, q.id, news.id]) {
      const res = await call(`/api/v1/posts/${id}/accept`, asker.token, { method: "POST", lang: "ko" });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({
        code: "not_an_answer",
        message: expect.stringMatching(/답변이 아닙니다/),
      });
    }
    // Someone outside the private group: voting, accepting and reading replies answer like a missing post.
    for (const id of [q.id, a.id]) {
      const missing = await call(`/api/v1/posts/999999/vote`, outsider.token, { method: "POST" });
      const vote = await call(`/api/v1/posts/${id}/vote`, outsider.token, { method: "POST" });
      expect([vote.status, vote.json.error.code]).toEqual([missing.status, missing.json.error.code]);
      expect(vote.status).toBe(404);
      expect((await call(`/api/v1/posts/${id}/accept`, outsider.token, { method: "POST" })).status).toBe(404);
      expect((await call(`/api/v1/posts/${id}/replies`, outsider.token)).status).toBe(404);
    }
    expect(snapshot()).toBe(before);
  });

  test("the read model: votes, voted_by_me and the best answer show on the question in feeds", async () => {
    const { asker, alice, voter } = await world();
    const q = (await ask(asker.token, { title: "Feed question", body: "?" })).json;
    const a = (await answer(alice.token, q.id, "the answer")).json;
    await call(`/api/v1/posts/${q.id}/vote`, voter.token, { method: "POST" });
    await call(`/api/v1/posts/${a.id}/accept`, asker.token, { method: "POST" });
    const feed = await call("/api/v1/feeds/company", voter.token);
    expect(feed.json.data[0]).toMatchObject({
      id: q.id,
      title: "Feed question",
      votes: 1,
      voted_by_me: true,
      answer_count: 1,
      accepted_answer_id: a.id,
    });
    const mine = await call("/api/v1/feeds/company", asker.token);
    expect(mine.json.data[0]).toMatchObject({ votes: 1, voted_by_me: false });
  });
});
