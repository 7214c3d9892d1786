// Questions and answers on the pages (issue #9) through the routes' loaders and actions, in-process, as a
// browser's form posts (with or without JavaScript) reach them: asking with a title from a feed's composer, the
// title's field errors in the viewer's language with nothing written, votes from a card, the best answer chosen
// and undone on the question's page (403 for anyone else), and the answers in answer order.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import { translate } from "#app/utils/i18n";
import type { FieldErrors } from "#app/utils/errors";
import * as homeRoute from "#app/routes/home";
import * as groupRoute from "#app/routes/groups.$slug";
import * as threadRoute from "#app/routes/posts.$postId";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

type Answer = { status: number; location: string | null; errors?: FieldErrors };

/** The action's answer, whether it returned data, a redirect, or threw a Response. */
async function act(
  route: { action: Any },
  path: string,
  user: { id: number },
  form: Record<string, string>,
  params: Record<string, string> = {},
): Promise<Answer> {
  try {
    const res = await route.action({
      request: makeRequest(path, { method: "POST", form, cookie: await sessionCookie(user.id) }),
      params,
      ...ctx,
    });
    if (res instanceof Response) return { status: res.status, location: res.headers.get("Location") };
    const out = res as { init?: { status?: number }; data?: { errors?: FieldErrors } };
    return { status: out.init?.status ?? 200, location: null, errors: out.data?.errors };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    throw thrown;
  }
}

async function load(postId: number, user: { id: number }, query = "") {
  return (await threadRoute.loader({
    request: makeRequest(`/posts/${postId}${query}`, { cookie: await sessionCookie(user.id) }),
    params: { postId: String(postId) },
    ...ctx,
  })) as Awaited<ReturnType<typeof threadRoute.loader>>;
}

/** What a refused form may not have changed. */
const snapshot = () =>
  JSON.stringify({
    posts: rawStatement(`select id, kind, title, vote_count, accepted_answer_id, reply_count from posts`).all(),
    votes: rawStatement(`select post_id, user_id from post_votes order by 1, 2`).all(),
  });

const row = (id: number) =>
  rawStatement(`select kind, title, vote_count as votes, accepted_answer_id as accepted from posts where id = @id`).get(
    {
      id,
    },
  ) as { kind: string; title: string | null; votes: number; accepted: number | null };

/** An asker, two answerers and a bystander, all in the private group "team"; the team's admin and a site admin. */
async function world() {
  const asker = await createTestUser({ handle: "asker", name: "김질문", email: "asker@sori.test" });
  const alice = await createTestUser({ handle: "alice", name: "이답변", email: "alice@sori.test" });
  const bob = await createTestUser({ handle: "bob", name: "박답변", email: "bob@sori.test" });
  const other = await createTestUser({ handle: "other", name: "최구경", email: "other@sori.test" });
  const lead = await createTestUser({ handle: "lead", name: "정리더", email: "lead@sori.test" });
  const admin = await createTestUser({ handle: "site.admin", email: "admin@sori.test", role: "admin" });
  createGroup({ viewer: viewerOf(lead), input: { name: "Team", slug: "team", visibility: "private" } });
  addMembers({ viewer: viewerOf(lead), slug: "team", input: { handles: ["asker", "alice", "bob", "other"] } });
  return { asker, alice, bob, other, lead, admin };
}

/** A question in "team" with two answers (Alice's first). */
async function thread() {
  const w = await world();
  const question = publishPost({
    viewer: viewerOf(w.asker),
    kind: "question",
    title: "연차는 어떻게 신청하나요?",
    body: "인사 시스템에서 메뉴를 못 찾겠어요.",
    group: "team",
  });
  const a1 = publishPost({ viewer: viewerOf(w.alice), body: "근태 메뉴에 있어요.", replyToId: question.id });
  const a2 = publishPost({ viewer: viewerOf(w.bob), body: "HR 포털 → 휴가 신청.", replyToId: question.id });
  return { ...w, question, a1, a2 };
}

describe("asking from a composer", () => {
  it("publishes a question with its title from the home feed's form (kind and title fields)", async () => {
    const { asker } = await world();
    const res = await act(homeRoute, "/home", asker, {
      intent: "publish",
      kind: "question",
      title: "  How do I book a meeting room?  ",
      body: "The calendar shows no rooms for me.",
      group: "",
    });
    expect(res.status).toBe(302);
    const [post] = rawStatement(`select id from posts order by id desc limit 1`).all() as { id: number }[];
    expect(row(post.id)).toMatchObject({ kind: "question", title: "How do I book a meeting room?" });
  });

  it("publishes into the group of a group page", async () => {
    const { asker } = await world();
    const res = await act(
      groupRoute,
      "/groups/team",
      asker,
      { intent: "publish", kind: "question", title: "팀 회의는 언제인가요?", body: "이번 주 일정이 궁금해요." },
      { slug: "team" },
    );
    expect(res.status).toBe(302);
    const q = rawStatement(`select title, g.slug from posts p join groups g on g.id = p.group_id`).get();
    expect(q).toEqual({ title: "팀 회의는 언제인가요?", slug: "team" });
  });

  it("ignores the title field of an update (sent by the form without JavaScript whatever is chosen)", async () => {
    const { asker } = await world();
    const res = await act(homeRoute, "/home", asker, {
      intent: "publish",
      kind: "update",
      title: "",
      body: "Just an update",
    });
    expect(res.status).toBe(302);
    const [post] = rawStatement(`select kind, title from posts`).all();
    expect(post).toEqual({ kind: "update", title: null });
  });

  it.each([
    ["empty", "", "question.titleRequired"],
    ["blank", "   ", "question.titleRequired"],
    ["missing", undefined, "question.titleRequired"],
    ["151 characters", "가".repeat(151), "question.titleTooLong"],
  ])("refuses a %s title with a field message in both languages and writes nothing", async (_, title, key) => {
    const { asker } = await world();
    const before = snapshot();
    const form: Record<string, string> = { intent: "publish", kind: "question", body: "A body" };
    if (title !== undefined) form.title = title;
    const res = await act(homeRoute, "/home", asker, form);
    expect(res.status).toBe(400);
    const error = res.errors?.title;
    const { key: got, vars } = typeof error === "string" ? { key: error, vars: undefined } : error!;
    expect(got).toBe(key);
    expect(translate("ko", got, vars)).toMatch(/질문/);
    if (key === "question.titleTooLong") {
      expect(translate("en", got, vars)).toContain("150");
      expect(translate("ko", got, vars)).toContain("150");
    }
    expect(snapshot()).toBe(before);
  });

  it("accepts a title of exactly 150 characters", async () => {
    const { asker } = await world();
    const res = await act(homeRoute, "/home", asker, {
      intent: "publish",
      kind: "question",
      title: "가".repeat(150),
      body: "A body",
    });
    expect(res.status).toBe(302);
  });

  it("shows the title's error and the body's together, and writes nothing", async () => {
    const { asker } = await world();
    const before = snapshot();
    const res = await act(homeRoute, "/home", asker, { intent: "publish", kind: "question", title: "", body: "" });
    expect(res.status).toBe(400);
    expect(Object.keys(res.errors ?? {}).sort()).toEqual(["body", "title"]);
    expect(snapshot()).toBe(before);
  });
});

describe("votes from a card", () => {
  it("votes and unvotes a question on its page and an answer from the feed; twice is once", async () => {
    const { question, a1, other } = await thread();
    const page = `/posts/${question.id}`;
    const params = { postId: String(question.id) };
    expect((await act(threadRoute, page, other, { intent: "vote", postId: String(question.id) }, params)).status).toBe(
      303,
    );
    await act(threadRoute, page, other, { intent: "vote", postId: String(question.id) }, params);
    expect(row(question.id).votes).toBe(1);
    let view = await load(question.id, other);
    expect(view.thread.root).toMatchObject({ votes: 1, votedByMe: true });
    await act(threadRoute, page, other, { intent: "unvote", postId: String(question.id) }, params);
    expect(row(question.id).votes).toBe(0);
    view = await load(question.id, other);
    expect(view.thread.root).toMatchObject({ votes: 0, votedByMe: false });

    expect((await act(homeRoute, "/home", other, { intent: "vote", postId: String(a1.id) })).status).toBe(303);
    expect(row(a1.id).votes).toBe(1);
  });

  it("refuses a vote on one's own post with 403 and writes nothing; the card offers no toggle there", async () => {
    const { question, asker } = await thread();
    const before = snapshot();
    const res = await act(
      threadRoute,
      `/posts/${question.id}`,
      asker,
      { intent: "vote", postId: String(question.id) },
      { postId: String(question.id) },
    );
    expect(res.status).toBe(403);
    expect(snapshot()).toBe(before);
    expect((await load(question.id, asker)).thread.root.can.vote).toBe(false);
  });

  it("refuses a vote on an ordinary update with 400", async () => {
    const { other, asker } = await world();
    const update = publishPost({ viewer: viewerOf(asker), body: "an update" });
    const before = snapshot();
    expect((await act(homeRoute, "/home", other, { intent: "vote", postId: String(update.id) })).status).toBe(400);
    expect(snapshot()).toBe(before);
  });
});

describe("the best answer on the question's page", () => {
  it("the asker accepts an answer, it comes first and is marked; undo clears it", async () => {
    const { question, a2, asker } = await thread();
    const page = `/posts/${question.id}`;
    const params = { postId: String(question.id) };
    const res = await act(threadRoute, page, asker, { intent: "accept", postId: String(a2.id) }, params);
    expect(res.status).toBe(302);
    expect(row(question.id).accepted).toBe(a2.id);
    const view = await load(question.id, asker);
    expect(view.thread.root.acceptedAnswerId).toBe(a2.id);
    expect(view.thread.root.can.accept).toBe(true);
    expect(view.thread.replies.map((r) => [r.id, r.isAccepted])).toEqual([
      [a2.id, true],
      [expect.any(Number), false],
    ]);

    expect((await act(threadRoute, page, asker, { intent: "unaccept", postId: String(a2.id) }, params)).status).toBe(
      302,
    );
    expect(row(question.id).accepted).toBeNull();
  });

  it("orders answers by votes, then oldest first, when none is accepted", async () => {
    const { question, a1, a2, other } = await thread();
    await act(
      threadRoute,
      `/posts/${question.id}`,
      other,
      { intent: "vote", postId: String(a2.id) },
      { postId: String(question.id) },
    );
    const view = await load(question.id, other);
    expect(view.thread.replies.map((r) => r.id)).toEqual([a2.id, a1.id]);
    expect(view.thread.root.can.accept).toBe(false);
  });

  it.each(["lead", "admin"] as const)("the group's admin or a site admin (%s) may accept too", async (who) => {
    const w = await thread();
    const user = who === "lead" ? w.lead : w.admin;
    if (who === "admin") addMembers({ viewer: viewerOf(w.lead), slug: "team", input: { handles: ["site.admin"] } });
    const res = await act(
      threadRoute,
      `/posts/${w.question.id}`,
      user,
      { intent: "accept", postId: String(w.a1.id) },
      { postId: String(w.question.id) },
    );
    expect(res.status).toBe(302);
    expect(row(w.question.id).accepted).toBe(w.a1.id);
  });

  it("refuses accept and undo by anyone else (an answerer, a bystander) with 403, writing nothing", async () => {
    const { question, a1, a2, asker, alice, other } = await thread();
    const page = `/posts/${question.id}`;
    const params = { postId: String(question.id) };
    await act(threadRoute, page, asker, { intent: "accept", postId: String(a2.id) }, params);
    const before = snapshot();
    for (const user of [alice, other]) {
      expect((await act(threadRoute, page, user, { intent: "accept", postId: String(a1.id) }, params)).status).toBe(
        403,
      );
      expect((await act(threadRoute, page, user, { intent: "unaccept", postId: String(a2.id) }, params)).status).toBe(
        403,
      );
      expect((await load(question.id, user)).thread.root.can.accept).toBe(false);
    }
    expect(snapshot()).toBe(before);
    expect(row(question.id).accepted).toBe(a2.id);
  });

  it("refuses accepting an answer of another question through this page (404), and on a feed page (400)", async () => {
    const { question, asker, alice } = await thread();
    const elsewhere = publishPost({ viewer: viewerOf(asker), kind: "question", title: "Another?", body: "b" });
    const stray = publishPost({ viewer: viewerOf(alice), body: "an answer elsewhere", replyToId: elsewhere.id });
    const before = snapshot();
    const page = `/posts/${question.id}`;
    const res = await act(
      threadRoute,
      page,
      asker,
      { intent: "accept", postId: String(stray.id) },
      { postId: String(question.id) },
    );
    expect(res.status).toBe(404);
    expect((await act(homeRoute, "/home", asker, { intent: "accept", postId: String(stray.id) })).status).toBe(400);
    expect(snapshot()).toBe(before);
  });
});
