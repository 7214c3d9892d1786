// Knowledge stats (issue #9 item 7) against a real migrated SQLite database: questions and answers published
// through the use cases, then placed at known times, and the figures a site admin or a group admin sees on the
// pages and through the API — the shares, the medians, the top answerers' order, the questions left unanswered
// for more than 7 days — over each period; who may see which stats (404 for anyone else, a secret group like a
// missing one); bad input (400/404); and each query starting from the period's questions, not from every post.
import { describe, expect, test } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { deletePost, publishPost } from "#app/models/posts/post.server";
import { acceptAnswer } from "#app/models/questions/question.server";
import { getKnowledgeStats, knowledgeStatsQueries } from "#app/models/questions/knowledge-stats.server";
import { formatDuration } from "#app/utils/knowledge-stats";
import { translate } from "#app/utils/i18n";
import * as companyStatsRoute from "#app/routes/questions_.stats";
import * as groupStatsRoute from "#app/routes/groups.$slug_.questions_.stats";
import * as questionsRoute from "#app/routes/questions";
import * as groupQuestionsRoute from "#app/routes/groups.$slug_.questions";
import { callApi } from "#tests/support/api";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import { seedDemoCompany } from "#db/seed";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * The company at known times (NOW is the test's start; stats run up to the moment of the request):
 *
 *   company-wide  q1 carol  −20 d  alice +30 min, bob +2 h (best)      first 30 min, best 2 h
 *                 q2 carol  −10 d  alice +3 h 12 min (best)            first = best = 3 h 12 min
 *                 q3 bob     −9 d  alice +1 d, bob's own follow-up +5 min (counts as a reply, not for bob)
 *                 q4 alice   −8 d  —                                   unanswered > 7 days
 *                 q5 bob     −3 d  —                                   unanswered, not yet 7 days
 *                 q6 carol −100 d  alice +10 min (best)                only in the 365-day period
 *                 a deleted question (−11 d) answered by dave; an update with replies: never counted
 *   "it" (public) q7 alice  −12 d  —                                   unanswered > 7 days
 *   "team" (private; lead admin, alice and bob members; the site admin is not a member)
 *                 q8 alice   −5 d  bob +1 h (best)
 *                 q9 bob    −15 d  —
 *   "board" (secret; lead admin, carol member)
 *                 q10 carol  −6 d  —
 *   "other" (public; dave its admin)
 */
async function world() {
  const NOW = Date.now();
  const person = (handle: string, name: string, department: string, role: "member" | "admin" = "member") =>
    createTestUser({ handle, name, department, role, email: `${handle}@sori.test`, password: undefined });
  const admin = await person("site.admin", "Admin Seo", "Management", "admin");
  const lead = await person("lead", "Lead Jung", "Management");
  const alice = await person("alice", "Alice Kim", "Engineering");
  const bob = await person("bob", "Bob Lee", "Engineering");
  const carol = await person("carol", "Carol Park", "People");
  const dave = await person("dave", "Dave Choi", "Sales");
  const v = viewerOf;
  createGroup({ viewer: v(lead), input: { name: "IT help", slug: "it", visibility: "public" } });
  createGroup({ viewer: v(lead), input: { name: "Team", slug: "team", visibility: "private" } });
  createGroup({ viewer: v(lead), input: { name: "Board", slug: "board", visibility: "secret" } });
  createGroup({ viewer: v(dave), input: { name: "Other", slug: "other", visibility: "public" } });
  addMembers({ viewer: v(lead), slug: "it", input: { handles: ["alice"] } });
  addMembers({ viewer: v(lead), slug: "team", input: { handles: ["alice", "bob"] } });
  addMembers({ viewer: v(lead), slug: "board", input: { handles: ["carol"] } });

  const at = (id: number, time: number) =>
    rawStatement(`update posts set created_at = @time where id = @id`).run({ id, time });
  const ask = (user: { id: number }, title: string, daysAgo: number, group: string | null = null) => {
    const { id } = publishPost({ viewer: v(user), kind: "question", title, body: `${title}?`, group });
    at(id, NOW - daysAgo * DAY);
    return id;
  };
  const answer = (user: { id: number }, questionId: number, after: number) => {
    const { id } = publishPost({ viewer: v(user), body: `answer to ${questionId}`, replyToId: questionId });
    const asked = rawStatement(`select created_at from posts where id = @id`).pluck().get({ id: questionId }) as number;
    at(id, asked + after);
    return id;
  };
  const best = (asker: { id: number }, questionId: number, answerId: number) =>
    acceptAnswer({ viewer: v(asker), questionId, answerId });

  const q1 = ask(carol, "How do I book a meeting room?", 20);
  answer(alice, q1, 30 * MIN);
  best(carol, q1, answer(bob, q1, 2 * HOUR));
  const q2 = ask(carol, "Where is the VPN guide?", 10);
  best(carol, q2, answer(alice, q2, 3 * HOUR + 12 * MIN));
  const q3 = ask(bob, "Which laptop should I order?", 9);
  answer(alice, q3, DAY);
  answer(bob, q3, 5 * MIN + DAY);
  const q4 = ask(alice, "Is there a style guide for slides?", 8);
  const q5 = ask(bob, "Who runs the Friday demo?", 3);
  const q6 = ask(carol, "How do expense reports work?", 100);
  best(carol, q6, answer(alice, q6, 10 * MIN));
  const gone = ask(carol, "A question that was deleted", 11);
  answer(dave, gone, MIN);
  deletePost({ viewer: v(carol), postId: gone });
  const update = publishPost({ viewer: v(bob), body: "Just an update" }).id;
  answer(dave, update, MIN);
  const q7 = ask(alice, "Printer on 3F is jammed", 12, "it");
  const q8 = ask(alice, "Team offsite dates?", 5, "team");
  best(alice, q8, answer(bob, q8, HOUR));
  const q9 = ask(bob, "Team budget for books?", 15, "team");
  const q10 = ask(carol, "Board agenda?", 6, "board");
  return { NOW, admin, lead, alice, bob, carol, dave, q: { q1, q2, q3, q4, q5, q6, q7, q8, q9, q10 } };
}

type Loader = { loader: Any };
type Loaded = { status: number; data: Any };

/** A page's loader as Remix calls it, with the thrown Response of a refusal turned into its status. */
async function load(route: Loader, path: string, user: { id: number }, params: Record<string, string> = {}) {
  try {
    const data = await route.loader({
      request: makeRequest(path, { cookie: await sessionCookie(user.id) }),
      params,
      ...ctx,
    });
    return { status: 200, data } as Loaded;
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null } as Loaded;
    throw thrown;
  }
}

const companyPage = (user: { id: number }, query = "") => load(companyStatsRoute, `/questions/stats${query}`, user);
const groupPage = (user: { id: number }, slug: string, query = "") =>
  load(groupStatsRoute, `/groups/${slug}/questions/stats${query}`, user, { slug });

const token = (user: { id: number }, scopes: string[] = ["read"]) =>
  createApiToken({ userId: user.id, name: "stats", scopes }).token;

describe("the figures", () => {
  test("the company's last 90 days, as a site admin sees them on the page", async () => {
    const w = await world();
    const { status, data } = await companyPage(w.admin);
    expect(status).toBe(200);
    const s = data.stats;
    // q1–q5 and q7 (the public group): not q6 (too old), the deleted one, the update, nor the private and secret
    // groups' questions, which the site admin may not read.
    expect(s).toMatchObject({ days: 90, group: null, department: null, asked: 6, answered: 3, resolved: 2 });
    expect(s.answeredShare).toBeCloseTo(0.5);
    expect(s.resolvedShare).toBeCloseTo(2 / 6);
    // First answers after 30 min, 3 h 12 min and 1 d: the middle one.
    expect(s.medianFirstAnswerMs).toBe(3 * HOUR + 12 * MIN);
    // Best answers after 2 h and 3 h 12 min: their mean.
    expect(s.medianBestAnswerMs).toBe(2 * HOUR + 36 * MIN);
    // Bob's follow-up in his own thread is not an answer of his; Dave's answer went with its deleted question
    // and his reply to an update is no answer.
    expect(s.topAnswerers.map((p: Any) => [p.handle, p.answers, p.bestAnswers])).toEqual([
      ["alice", 3, 1],
      ["bob", 1, 1],
    ]);
    // Unanswered for more than 7 days, oldest first: q7 (12 days) then q4 (8 days); not q5 (3 days).
    expect(s.unanswered.total).toBe(2);
    expect(s.unanswered.questions.map((q: Any) => q.id)).toEqual([w.q.q7, w.q.q4]);
    expect(s.unanswered.questions[0]).toMatchObject({
      title: "Printer on 3F is jammed",
      asker: { handle: "alice", name: "Alice Kim" },
      group: { slug: "it", name: "IT help" },
    });
    expect(JSON.stringify(data)).not.toContain("Team offsite");
    expect(JSON.stringify(data)).not.toContain("Board agenda");
    // The selectors: departments that exist, and the groups whose stats the admin may see (not team, board).
    expect(data.departments).toEqual(["Engineering", "Management", "People", "Sales"]);
    expect(data.groups.map((g: Any) => g.slug)).toEqual(["it", "other"]);
  });

  test("each period counts the questions asked in it; the medians move with them", async () => {
    const w = await world();
    const s30 = (await companyPage(w.admin, "?days=30")).data.stats;
    expect(s30).toMatchObject({ days: 30, asked: 6, answered: 3 });
    const s365 = (await companyPage(w.admin, "?days=365")).data.stats;
    // q6 joins: first answers 10 min, 30 min, 3 h 12 min, 1 d → the mean of the middle two.
    expect(s365).toMatchObject({ days: 365, asked: 7, answered: 4, resolved: 3 });
    expect(s365.medianFirstAnswerMs).toBe((30 * MIN + 3 * HOUR + 12 * MIN) / 2);
    expect(s365.medianBestAnswerMs).toBe(2 * HOUR);
    expect(s365.topAnswerers[0]).toMatchObject({ handle: "alice", answers: 4, bestAnswers: 2 });
    expect(s365.unanswered.questions.map((q: Any) => q.id)).toEqual([w.q.q7, w.q.q4]);
    // A period with nothing in it: no shares, no medians, no one.
    rawStatement(`update posts set created_at = created_at - 400 * 86400000`).run();
    const empty = getKnowledgeStats({ viewer: viewerOf(w.admin), days: 30 });
    expect(empty).toMatchObject({
      asked: 0,
      answeredShare: null,
      resolvedShare: null,
      medianFirstAnswerMs: null,
      medianBestAnswerMs: null,
      topAnswerers: [],
      unanswered: { total: 0, questions: [] },
    });
  });

  test("a department's stats: the questions its people asked", async () => {
    const w = await world();
    const people = (await companyPage(w.admin, "?department=People")).data.stats;
    // Carol's q1 and q2 (q6 is too old; her secret-group question is not the admin's to read).
    expect(people).toMatchObject({ department: "People", asked: 2, answered: 2, resolved: 2 });
    expect(people.medianFirstAnswerMs).toBe((30 * MIN + 3 * HOUR + 12 * MIN) / 2);
    const engineering = (await companyPage(w.admin, "?department=Engineering&days=30")).data.stats;
    expect(engineering).toMatchObject({ asked: 4, answered: 1, resolved: 0, medianFirstAnswerMs: DAY });
    expect(engineering.unanswered.questions.map((q: Any) => q.id)).toEqual([w.q.q7, w.q.q4]);
    // A department within a group.
    const inIt = (await companyPage(w.admin, "?department=Engineering&group=it")).data.stats;
    expect(inIt).toMatchObject({ group: { slug: "it" }, department: "Engineering", asked: 1, answered: 0 });
  });

  test("a private group's stats, for its admin: its own questions, and the link to them", async () => {
    const w = await world();
    const { status, data } = await groupPage(w.lead, "team");
    expect(status).toBe(200);
    expect(data.group.slug).toBe("team");
    expect(data.stats).toMatchObject({ group: { slug: "team", name: "Team" }, asked: 2, answered: 1, resolved: 1 });
    expect(data.stats.medianFirstAnswerMs).toBe(HOUR);
    expect(data.stats.medianBestAnswerMs).toBe(HOUR);
    expect(data.stats.topAnswerers.map((p: Any) => p.handle)).toEqual(["bob"]);
    expect(data.stats.unanswered.questions.map((q: Any) => q.title)).toEqual(["Team budget for books?"]);
    // The group's questions page links to the stats for its admin only; /questions for site admins only.
    expect((await load(groupQuestionsRoute, "/groups/team/questions", w.lead, { slug: "team" })).data.mayStats).toBe(
      true,
    );
    expect((await load(groupQuestionsRoute, "/groups/team/questions", w.alice, { slug: "team" })).data.mayStats).toBe(
      false,
    );
    expect((await load(questionsRoute, "/questions", w.admin)).data.mayStats).toBe(true);
    expect((await load(questionsRoute, "/questions", w.lead)).data.mayStats).toBe(false);
    // A site admin sees a public group's stats (and its questions page links to them).
    expect((await groupPage(w.admin, "it")).data.stats).toMatchObject({ asked: 1, unanswered: { total: 1 } });
    expect((await load(groupQuestionsRoute, "/groups/it/questions", w.admin, { slug: "it" })).data.mayStats).toBe(true);
  });

  test("more than 20 neglected questions: the oldest 20, and how many in all", async () => {
    const w = await world();
    const v = viewerOf(w.carol);
    for (let i = 0; i < 23; i++) {
      const { id } = publishPost({ viewer: v, kind: "question", title: `Old question ${i}`, body: "?" });
      rawStatement(`update posts set created_at = @t where id = @id`).run({ id, t: w.NOW - (30 + i) * DAY });
    }
    const s = getKnowledgeStats({ viewer: viewerOf(w.admin) });
    expect(s.unanswered.total).toBe(25);
    expect(s.unanswered.questions).toHaveLength(20);
    expect(s.unanswered.questions[0].title).toBe("Old question 22");
    expect(s.unanswered.questions.map((q) => q.askedAt)).toEqual(
      [...s.unanswered.questions.map((q) => q.askedAt)].sort((a, b) => a - b),
    );
  });

  test("durations read well in both languages", () => {
    expect(formatDuration("en", 3 * HOUR + 12 * MIN)).toBe("3 h 12 min");
    expect(formatDuration("ko", 3 * HOUR + 12 * MIN)).toBe("3시간 12분");
    expect(formatDuration("en", 2 * DAY + 4 * HOUR + 5 * MIN)).toBe("2 d 4 h");
    expect(formatDuration("ko", 2 * DAY + 4 * HOUR)).toBe("2일 4시간");
    expect(formatDuration("en", 3 * HOUR)).toBe("3 h");
    expect(formatDuration("ko", 45 * MIN)).toBe("45분");
    expect(formatDuration("en", DAY + 30 * MIN)).toBe("1 d");
    expect(formatDuration("en", 20_000)).toBe("< 1 min");
    expect(formatDuration("ko", 0)).toBe("1분 미만");
  });
});

describe("who may see them", () => {
  test("members, group admins of other groups and non-members get 404, as for a missing page", async () => {
    const w = await world();
    // The company's and the departments' stats: site admins only.
    for (const user of [w.alice, w.lead, w.dave]) {
      expect((await companyPage(user)).status).toBe(404);
      expect((await companyPage(user, "?department=People")).status).toBe(404);
    }
    // A group's: its admins. A member of it, an admin of another group: 404.
    expect((await groupPage(w.alice, "team")).status).toBe(404);
    expect((await groupPage(w.dave, "team")).status).toBe(404);
    expect((await groupPage(w.dave, "it")).status).toBe(404);
    expect((await groupPage(w.dave, "other")).status).toBe(200);
    expect((await companyPage(w.dave, "?group=other")).status).toBe(200);
    // A private group the site admin is not in: its questions are not the admin's to read.
    expect((await groupPage(w.admin, "team")).status).toBe(404);
    expect((await companyPage(w.admin, "?group=team")).status).toBe(404);
  });

  test("a secret group's stats answer exactly like a group that does not exist", async () => {
    const w = await world();
    const missing = await groupPage(w.dave, "no-such-group");
    expect(missing.status).toBe(404);
    for (const user of [w.dave, w.admin, w.carol]) {
      expect((await groupPage(user, "board")).status).toBe(missing.status);
    }
    expect((await groupPage(w.lead, "board")).data.stats).toMatchObject({ asked: 1, answered: 0 });
    const api = (user: { id: number }, slug: string) =>
      callApi(`/api/v1/questions/stats?group=${slug}`, { token: token(user) });
    const none = await api(w.dave, "no-such-group");
    const secret = await api(w.dave, "board");
    expect([secret.status, secret.json.error.code]).toEqual([none.status, none.json.error.code]);
    expect(secret.status).toBe(404);
  });
});

describe("the API", () => {
  test("a site admin's token with the admin scope reads the company's stats", async () => {
    const w = await world();
    const res = await callApi("/api/v1/questions/stats?days=90", { token: token(w.admin, ["read", "admin"]) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      days: 90,
      group: null,
      department: null,
      asked: 6,
      answered: 3,
      resolved: 2,
      answered_share: 0.5,
      median_first_answer_seconds: (3 * HOUR + 12 * MIN) / 1000,
      median_best_answer_seconds: (2 * HOUR + 36 * MIN) / 1000,
      top_answerers: [
        { handle: "alice", answers: 3, best_answers: 1 },
        { handle: "bob", answers: 1, best_answers: 1 },
      ],
      unanswered: { total: 2 },
    });
    expect(res.json.unanswered.questions.map((q: Any) => q.id)).toEqual([w.q.q7, w.q.q4]);
    const dept = await callApi("/api/v1/questions/stats?department=People", {
      token: token(w.admin, ["read", "admin"]),
    });
    expect(dept.json).toMatchObject({ department: "People", asked: 2 });
  });

  test("without the admin scope, a site admin's token is refused company and department stats (403)", async () => {
    const w = await world();
    for (const q of ["", "?department=People", "?group=it&department=Engineering"]) {
      const res = await callApi(`/api/v1/questions/stats${q}`, { token: token(w.admin) });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("insufficient_scope");
    }
  });

  test("a group admin's read token reads its group's stats; others get 404", async () => {
    const w = await world();
    const own = await callApi("/api/v1/questions/stats?group=team&days=30", { token: token(w.lead) });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      group: { slug: "team" },
      asked: 2,
      answered: 1,
      median_first_answer_seconds: 3600,
    });
    for (const [user, q] of [
      [w.lead, ""],
      [w.alice, "?group=team"],
      [w.dave, "?group=team"],
      [w.alice, "?department=Engineering"],
    ] as const) {
      const res = await callApi(`/api/v1/questions/stats${q}`, { token: token(user) });
      expect(res.status, `${q}`).toBe(404);
    }
  });

  test("bad input: a period not offered and a department too long are 400; an unknown one 404", async () => {
    const w = await world();
    const admin = token(w.admin, ["read", "admin"]);
    const bad = await callApi("/api/v1/questions/stats?days=7", {
      token: admin,
      headers: { "Accept-Language": "ko" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.days).toBe(translate("ko", "knowledgeStats.badPeriod"));
    for (const q of ["?days=abc", "?days=90.5", `?department=${"x".repeat(101)}`, "?group=Not A Slug"]) {
      expect((await callApi(`/api/v1/questions/stats${q}`, { token: admin })).status, q).toBe(400);
    }
    expect((await callApi("/api/v1/questions/stats?department=Nowhere", { token: admin })).status).toBe(404);
    expect((await callApi("/api/v1/questions/stats?group=no-such-group", { token: admin })).status).toBe(404);
    // The pages answer the same way.
    expect((await companyPage(w.admin, "?days=7")).status).toBe(400);
    expect((await companyPage(w.admin, `?department=${"부".repeat(101)}`)).status).toBe(400);
    expect((await companyPage(w.admin, "?department=Nowhere")).status).toBe(404);
    expect((await companyPage(w.admin, "?group=no-such-group")).status).toBe(404);
    expect((await groupPage(w.lead, "team", "?days=7")).status).toBe(400);
  });
});

describe("the demo company", () => {
  test("its stats have something to show: waits from minutes to days, and questions unanswered for a week", async () => {
    await seedDemoCompany({ ifEmpty: true, log: () => {} });
    const ceo = rawStatement(`select id from users where email = 'ceo@sori.demo'`).pluck().get() as number;
    const s = getKnowledgeStats({ viewer: viewerOf({ id: ceo }), days: 30 });
    expect(s.asked).toBeGreaterThanOrEqual(25);
    expect(s.answeredShare).toBeGreaterThan(0.5);
    expect(s.resolvedShare).toBeGreaterThan(0.2);
    expect(s.resolvedShare!).toBeLessThan(s.answeredShare!);
    expect(s.medianFirstAnswerMs).toBeGreaterThan(10 * MIN);
    expect(s.medianBestAnswerMs).toBeGreaterThan(10 * MIN);
    expect(s.topAnswerers.length).toBe(10);
    expect(s.topAnswerers[0].answers).toBeGreaterThan(s.topAnswerers[9].answers);
    expect(s.unanswered.total).toBeGreaterThanOrEqual(2);
    // Some answers came days later: the longest wait for a first answer is over a day.
    const longest = rawStatement(
      `select max((select min(a.created_at) from posts a where a.reply_to_id = q.id) - q.created_at)
       from posts q where q.kind = 'question' and q.reply_to_id is null`,
    )
      .pluck()
      .get() as number;
    expect(longest).toBeGreaterThan(DAY);
  });
});

describe("cost", () => {
  test("every query starts from the period's questions through their created_at index, never a scan of posts", () => {
    for (const scope of [
      { groupId: null, department: null },
      { groupId: 1, department: null },
      { groupId: null, department: "People" },
    ]) {
      for (const [name, text] of Object.entries(knowledgeStatsQueries(scope))) {
        const plan = (
          rawStatement(`explain query plan ${text}`).all({
            me: 1,
            employee: 1,
            admin: 1,
            readable: "[]",
            member: "[]",
            since: 0,
            until: 1,
            weekAgo: 0,
            groupId: 1,
            department: "People",
          }) as { detail: string }[]
        ).map((r) => r.detail);
        const where = `${name} ${JSON.stringify(scope)}:\n${plan.join("\n")}`;
        const index = scope.groupId != null ? "posts_group_questions_created_idx" : "posts_questions_created_idx";
        // The period's questions from their index; their answers from posts_replies_idx alone (no row read).
        expect(
          plan.some((d) => new RegExp(`^SEARCH p USING (COVERING )?INDEX ${index} `).test(d)),
          where,
        ).toBe(true);
        const answers = plan.filter((d) => /^SEARCH (a|b) /.test(d));
        expect(answers.length, where).toBeGreaterThan(0);
        expect(
          answers.filter((d) => !d.includes("USING COVERING INDEX posts_replies_idx")),
          where,
        ).toEqual([]);
        expect(
          plan.filter((d) => /^SCAN (p|a|b|u|posts|users)\b/.test(d)),
          where,
        ).toEqual([]);
      }
    }
  });
});
