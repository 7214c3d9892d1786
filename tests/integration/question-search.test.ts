// Questions in search and similar questions while asking (issue #9, items 3 and 6), against a real migrated
// SQLite database and the search consumer: a question's document (title, best answer, answered) follows the
// best answer as it is chosen, changed, edited, cleared or deleted; `type=questions` and `answered` in the model
// and the API; similarQuestions in Korean and English, answered first, never a question the viewer may not see.
// Every API response is checked against the OpenAPI document.
import { describe, expect, test } from "vitest";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { deletePost, editPost, publishPost } from "#app/models/posts/post.server";
import { acceptAnswer, unacceptAnswer } from "#app/models/questions/question.server";
import { similarQuestions } from "#app/models/questions/similar-questions.server";
import { getSearchEngine } from "#app/models/search/engine.server";
import { parseSearchParams, searchContent } from "#app/models/search/search.server";
import { AppError } from "#app/utils/errors";
import * as searchPage from "#app/routes/search";
import * as similarRoute from "#app/routes/questions.similar";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import { callApi } from "#tests/support/api";
import { drainSearch } from "#tests/support/search";

async function people() {
  const asker = viewerOf(await createTestUser({ handle: "asker", name: "Asker" }));
  const helper = viewerOf(await createTestUser({ handle: "helper", name: "Helper" }));
  const outsider = viewerOf(await createTestUser({ handle: "outsider", name: "Outsider" }));
  return { asker, helper, outsider };
}

type V = Awaited<ReturnType<typeof people>>["asker"];

const ask = (viewer: V, title: string, body = "자세한 내용은 본문에", group?: string) =>
  publishPost({ viewer, kind: "question", title, body, group }).id;
const reply = (viewer: V, questionId: number, body: string) => publishPost({ viewer, body, replyToId: questionId }).id;

async function questionDoc(id: number) {
  await drainSearch();
  return getSearchEngine().get({ type: "post", id });
}

const found = async (viewer: V, q: string, answered?: boolean) => {
  await drainSearch();
  const page = await searchContent({ viewer, q, type: "questions", filters: { answered: answered ?? null } });
  return page.type === "questions" ? page.results.map((r) => r.post.id) : [];
};

describe("a question's search document", () => {
  test("carries its title and its best answer, and follows the best answer", async () => {
    const { asker, helper } = await people();
    const q = ask(asker, "사내 VPN 접속이 안 돼요", "Since this morning");
    const first = reply(helper, q, "Restart the client and log in again");
    const second = reply(helper, q, "인증서를 다시 발급받으세요");
    expect(await questionDoc(q)).toMatchObject({ kind: "question", title: "사내 VPN 접속이 안 돼요", answered: false });
    expect(await found(asker, "restart")).toEqual([]);

    acceptAnswer({ viewer: asker, questionId: q, answerId: first });
    expect(await questionDoc(q)).toMatchObject({ answer: "Restart the client and log in again", answered: true });
    expect(await found(asker, "restart")).toEqual([q]);
    expect(await found(asker, "vpn", true)).toEqual([q]);
    expect(await found(asker, "vpn", false)).toEqual([]);

    // Another best answer replaces the text.
    acceptAnswer({ viewer: asker, questionId: q, answerId: second });
    expect(await found(asker, "restart")).toEqual([]);
    expect(await found(asker, "인증서를")).toEqual([q]);

    // Editing the best answer rebuilds its question.
    editPost({ viewer: helper, postId: second, body: "보안팀에 인증서 재발급을 요청하세요" });
    expect(await found(asker, "보안팀")).toEqual([q]);

    // Clearing it leaves the question unanswered.
    unacceptAnswer({ viewer: asker, questionId: q, answerId: second });
    expect(await questionDoc(q)).toMatchObject({ answered: false });
    expect(await found(asker, "보안팀")).toEqual([]);
    expect(await found(asker, "vpn", false)).toEqual([q]);

    // Deleting the best answer does too.
    acceptAnswer({ viewer: asker, questionId: q, answerId: first });
    expect(await found(asker, "vpn", true)).toEqual([q]);
    deletePost({ viewer: helper, postId: first });
    expect(await found(asker, "restart")).toEqual([]);
    expect(await found(asker, "vpn", false)).toEqual([q]);
  });

  test("the title weighs above the body and an answered question above an equal unanswered one", async () => {
    const { asker, helper } = await people();
    const answered = ask(asker, "Expense report deadline", "When is it due?");
    reply(helper, answered, "End of each month");
    acceptAnswer({ viewer: asker, questionId: answered, answerId: answered + 1 });
    const unanswered = ask(asker, "Expense report deadline", "When is it due?");
    const bodyOnly = ask(asker, "Lunch", "Is there an expense limit for lunch?");
    expect(await found(asker, "expense")).toEqual([answered, unanswered, bodyOnly]);
  });
});

describe("search parameters", () => {
  test("type=questions and answered=1|0; a bad value is refused with its field", () => {
    const params = (s: string) => parseSearchParams(new URLSearchParams(s));
    expect(params("q=x&type=questions&answered=1")).toMatchObject({ type: "questions", filters: { answered: true } });
    expect(params("q=x&answered=0").filters).toMatchObject({ answered: false });
    expect(params("q=x").filters).toMatchObject({ answered: null });
    let error: unknown;
    try {
      params("q=x&answered=yes");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toHaveProperty("answered");
  });
});

describe("similar questions", () => {
  test("Korean and English, particles and two-syllable words, answered first, at most five", async () => {
    const { asker, helper, outsider } = await people();
    const leave = ask(asker, "연차 휴가는 어떻게 신청하나요?");
    const leaveAnswered = ask(asker, "휴가 신청서 양식이 어디 있나요?");
    acceptAnswer({ viewer: asker, questionId: leaveAnswered, answerId: reply(helper, leaveAnswered, "인사 포털에") });
    const vpn = ask(asker, "How do I reset my VPN password?");
    publishPost({ viewer: asker, body: "휴가 다녀왔습니다" });
    for (let i = 0; i < 6; i++) ask(asker, `회의실 예약 ${i}번째 질문`);
    await drainSearch();

    const ids = async (q: string) => (await similarQuestions({ viewer: outsider, q })).map((p) => p.id);
    // 휴가를 (with a particle) finds both; the answered one first although the other is as similar.
    expect(await ids("휴가를 쓰려면")).toEqual([leaveAnswered, leave]);
    // 연차 and 휴가 are synonyms (issue #13): both, the answered one first as above.
    expect(await ids("연차")).toEqual([leaveAnswered, leave]);
    expect(await ids("reset password")).toEqual([vpn]);
    expect(await ids("vpn 비밀번호")).toEqual([vpn]);
    expect(await ids("회의")).toHaveLength(5);
    expect(await ids("")).toEqual([]);
    expect(await ids("?!")).toEqual([]);
    const [first] = await similarQuestions({ viewer: outsider, q: "휴가" });
    expect(first).toMatchObject({ kind: "question", title: "휴가 신청서 양식이 어디 있나요?" });
  });

  test("a private group's question is never suggested to a non-member", async () => {
    const { asker, helper, outsider } = await people();
    createGroup({ viewer: asker, input: { name: "HR", slug: "hr", visibility: "private" } });
    addMembers({ viewer: viewerOf(asker), slug: "hr", input: { handles: ["helper"] } });
    const secret = ask(viewerOf(asker), "구조조정 계획 문의", "비공개", "hr");
    const open = ask(asker, "구조조정 소문이 사실인가요?");
    await drainSearch();
    const ids = async (viewer: V) =>
      (await similarQuestions({ viewer: viewerOf(viewer), q: "구조조정" })).map((p) => p.id).sort();
    expect(await ids(helper)).toEqual([secret, open].sort());
    expect(await ids(outsider)).toEqual([open]);
  });
});

describe("API", () => {
  async function tokens() {
    const { asker, helper, outsider } = await people();
    createGroup({ viewer: asker, input: { name: "Team", slug: "team", visibility: "private" } });
    addMembers({ viewer: viewerOf(asker), slug: "team", input: { handles: ["helper"] } });
    const token = (v: V) => createApiToken({ userId: v.id, name: "test" }).token;
    return {
      asker: viewerOf(asker),
      helper: viewerOf(helper),
      outsider,
      helperToken: token(helper),
      outsiderToken: token(outsider),
    };
  }

  test("GET /api/v1/questions/similar: post objects the caller may see, at most five", async () => {
    const { asker, helper, helperToken, outsiderToken } = await tokens();
    const open = ask(asker, "Where do I find the travel policy?");
    const team = ask(asker, "Travel budget for the offsite", "", "team");
    acceptAnswer({ viewer: asker, questionId: team, answerId: reply(helper, team, "5,000 per person") });
    await drainSearch();

    const outsider = await callApi("/api/v1/questions/similar?q=travel%20policy", { token: outsiderToken });
    expect(outsider.status).toBe(200);
    expect(outsider.json.data.map((p: { id: number }) => p.id)).toEqual([open]);
    expect(outsider.json.data[0]).toMatchObject({ kind: "question", title: "Where do I find the travel policy?" });

    const member = await callApi("/api/v1/questions/similar?q=travel", { token: helperToken });
    expect(member.json.data.map((p: { id: number }) => p.id)).toEqual([team, open]);
    expect(member.json.data[0]).toMatchObject({ accepted_answer_id: team + 1 });

    expect((await callApi("/api/v1/questions/similar", { token: helperToken })).json).toEqual({ data: [] });
    const tooLong = await callApi(`/api/v1/questions/similar?q=${"a".repeat(501)}`, { token: helperToken });
    expect(tooLong.status).toBe(400);
    expect((await callApi("/api/v1/questions/similar?q=travel")).status).toBe(401);
  });

  test("GET /api/v1/search?type=questions&answered=1|0", async () => {
    const { asker, helper, helperToken } = await tokens();
    const answered = ask(asker, "배포 승인은 누가 하나요?");
    acceptAnswer({ viewer: asker, questionId: answered, answerId: reply(helper, answered, "팀장님") });
    const unanswered = ask(asker, "배포 일정이 언제인가요?");
    publishPost({ viewer: asker, body: "배포 완료" });
    await drainSearch();
    const search = (qs: string) => callApi(`/api/v1/search?${qs}`, { token: helperToken });
    const all = await search(`q=${encodeURIComponent("배포")}&type=questions`);
    expect(all.status).toBe(200);
    expect(all.json.type).toBe("questions");
    expect(all.json.data.map((p: { id: number }) => p.id)).toEqual([answered, unanswered]);
    const yes = await search(`q=${encodeURIComponent("배포")}&type=questions&answered=1`);
    expect(yes.json.data.map((p: { id: number }) => p.id)).toEqual([answered]);
    const no = await search(`q=${encodeURIComponent("배포")}&answered=0`);
    expect(no.json.data.map((p: { id: number }) => p.id)).toEqual([unanswered]);
    const bad = await search("q=x&answered=maybe");
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toHaveProperty("answered");
  });
});

describe("pages", () => {
  const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

  test("the similar-questions resource route answers the logged-in person only, never cached", async () => {
    const { asker, outsider } = await people();
    createGroup({ viewer: asker, input: { name: "HR", slug: "hr", visibility: "private" } });
    const hidden = ask(viewerOf(asker), "Payroll change in the HR group", "", "hr");
    const open = ask(asker, "Payroll date this month?");
    await drainSearch();
    const cookie = await sessionCookie(outsider.id);
    const res = (await similarRoute.loader(args(makeRequest("/questions/similar?q=payroll", { cookie })))) as Response;
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = (await res.json()) as { questions: { id: number; title: string; answered: boolean }[] };
    expect(body.questions).toEqual([{ id: open, title: "Payroll date this month?", answered: false, answers: 0 }]);
    expect(body.questions.map((q) => q.id)).not.toContain(hidden);
    const mine = (await similarRoute.loader(
      args(makeRequest("/questions/similar?q=payroll", { cookie: await sessionCookie(asker.id) })),
    )) as Response;
    expect(((await mine.json()) as { questions: unknown[] }).questions).toHaveLength(2);
    // Signed out: sent to sign in, nothing answered.
    const thrown = await similarRoute.loader(args(makeRequest("/questions/similar?q=payroll"))).catch((r) => r);
    expect((thrown as Response).status).toBe(302);
  });

  test("the search page has a Questions tab with the answered filter", async () => {
    const { asker, helper, outsider } = await people();
    const answered = ask(asker, "출장 정산은 어디서 하나요?");
    acceptAnswer({ viewer: asker, questionId: answered, answerId: reply(helper, answered, "경비 시스템에서") });
    const unanswered = ask(asker, "출장 숙소 기준이 있나요?");
    await drainSearch();
    const cookie = await sessionCookie(outsider.id);
    const load = async (qs: string) => {
      const r = (await searchPage.loader(args(makeRequest(`/search?${qs}`, { cookie })))) as Awaited<
        ReturnType<typeof searchPage.loader>
      >;
      const page = "page" in r ? r.page : null;
      return page?.type === "questions" ? page.results.map((x) => x.post.id) : null;
    };
    expect(await load(`q=${encodeURIComponent("출장")}&type=questions`)).toEqual([answered, unanswered]);
    expect(await load(`q=${encodeURIComponent("출장")}&type=questions&answered=0`)).toEqual([unanswered]);
    expect(await load(`q=${encodeURIComponent("경비")}&type=questions&answered=1`)).toEqual([answered]);
  });
});
