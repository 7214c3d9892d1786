// Notification email (issue #11 §4) against a real SMTP server in this process (smtp-server, parsed by
// mailparser): immediate emails for the kinds a person set to "email", the digest of what they missed grouped per
// thread, both in the recipient's language with text and HTML parts and RFC 8058 one-click unsubscribe headers;
// nothing sent twice (across workers, and across a digest and earlier emails), nothing outside working hours unless
// urgent, nothing the recipient can no longer see.
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup, removeMember } from "#app/models/groups/group.server";
import { excerpt, markNotificationsRead } from "#app/models/notifications/notifications.server";
import { setSingleton } from "#app/infra/registry.server";
import { updateNotificationSettings } from "#app/models/notifications/settings.server";
import { deliverEmails, getDigestFrequency, setDigestFrequency } from "#app/models/notifications/email.server";
import { publishPost } from "#app/models/posts/post.server";
import { translate } from "#app/utils/i18n";
import * as unsubscribeRoute from "#app/routes/email.unsubscribe";
import { drainNotifications } from "#tests/support/notifications";
import { createTestUser, makeRequest, viewerOf } from "#tests/factories";
import { startMailbox, type Mailbox } from "#tests/support/mailbox";

const ctx = { context: { clientIp: "10.0.0.1", cspNonce: "", onClose: () => {} }, params: {} } as any;

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox.close();
});
beforeEach(() => {
  process.env.SMTP_URL = mailbox.url;
  mailbox.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

async function person(handle: string, name: string, locale: "ko" | "en" | null = "ko") {
  const user = await createTestUser({ handle, name, email: `${handle}@sori.test` });
  rawStatement(`update users set locale = @locale where id = @id`).run({ id: user.id, locale });
  return user;
}

const emailFor = (user: { id: number }, kinds: string[]) =>
  updateNotificationSettings(viewerOf(user), Object.fromEntries(kinds.map((k) => [k, "email"])), {
    emailEnabled: true,
  });

/** Everything that is due now: the log's notifications, then every email. */
async function settle() {
  await drainNotifications();
  for (let i = 0; i < 10 && (await deliverEmails()).more; i++);
}

const mailsTo = (address: string) => mailbox.messagesTo(address);
/** A header as sent (mailparser turns List-* headers into objects; the raw line is what a mail provider reads). */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name)
    ?.line.slice(name.length + 1)
    .trim() ?? "";
const actors = (lang: "ko" | "en", name: string) => translate(lang, "notifications.actorsOne", { a: name });

/** The digest is due now for these people (scheduled at their next working start otherwise). */
function digestDueNow(...users: { id: number }[]) {
  for (const u of users) {
    if (!rawStatement(`select 1 from email_digests where user_id = @id`).get({ id: u.id })) {
      setDigestFrequency(u.id, "daily");
    }
    rawStatement(`update email_digests set next_at = @at where user_id = @id`).run({ id: u.id, at: Date.now() - 1 });
  }
}

function unsubscribeLinkOf(mail: ParsedMail): URL {
  const raw = /^<(.+)>$/.exec(header(mail, "list-unsubscribe"))?.[1];
  expect(raw, "a List-Unsubscribe header").toBeTruthy();
  return new URL(raw!);
}

describe("immediate notification email", () => {
  it("emails a mention once, in the recipient's language, with both parts, a link and one-click unsubscribe", async () => {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "Jieun Lee", "en");
    emailFor(jieun, ["mention"]);
    const post = publishPost({ viewer: viewerOf(minsu), body: "@jieun 배포 일정 확인 부탁해요" });
    await settle();

    const [mail, ...others] = mailsTo("jieun@sori.test");
    expect(others).toEqual([]);
    expect(mail.subject).toBe(
      translate("en", "notifications.mention", {
        actors: actors("en", "김민수"),
        title: excerpt("@jieun 배포 일정 확인 부탁해요"),
      }),
    );
    expect(header(mail, "content-language")).toBe("en");
    expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain(`http://localhost:3000/posts/${post.id}`);
    expect(mail.text).toContain(translate("en", "email.unsubscribe"));
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain(`href="http://localhost:3000/posts/${post.id}"`);
    const unsubscribe = unsubscribeLinkOf(mail);
    expect(unsubscribe.pathname).toBe("/email/unsubscribe");
    expect(unsubscribe.searchParams.get("k")).toBe("mention");
    // Nobody else got anything; a second pass sends nothing again.
    expect(mailbox.inbox).toHaveLength(1);
    await settle();
    expect(mailbox.inbox).toHaveLength(1);
  });

  it("sends nothing for kinds left in-app, and nothing while email is off", async () => {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "이지은");
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 확인 부탁해요" });
    await settle();
    expect(mailbox.inbox).toEqual([]);
    emailFor(jieun, ["mention"]);
    delete process.env.SMTP_URL;
    setSingleton("env", undefined); // read the settings again, now without SMTP_URL
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 하나 더" });
    await settle();
    expect(mailbox.inbox).toEqual([]);
    // Nothing was claimed while email was off.
    expect(rawStatement(`select count(*) from notifications where emailed_at is not null`).pluck().get()).toBe(0);
  });

  it("claims each row once: two senders at the same time send one email", async () => {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "이지은");
    emailFor(jieun, ["mention"]);
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 동시에" });
    await drainNotifications();
    await Promise.all([deliverEmails(), deliverEmails(), deliverEmails()]);
    expect(mailsTo("jieun@sori.test")).toHaveLength(1);
  });

  it("emails an answer to the asker in Korean", async () => {
    const asker = await person("asker", "박질문");
    const helper = await person("helper", "최도움");
    emailFor(asker, ["answer"]);
    const q = publishPost({ viewer: viewerOf(asker), kind: "question", title: "VPN이 끊겨요", body: "도와주세요" });
    publishPost({ viewer: viewerOf(helper), body: "재설치하세요", replyToId: q.id });
    await settle();
    const [mail] = mailsTo("asker@sori.test");
    expect(mail.subject).toBe(
      translate("ko", "notifications.answerOne", { actors: actors("ko", "최도움"), title: "VPN이 끊겨요", count: 1 }),
    );
    expect(header(mail, "content-language")).toBe("ko");
    expect(mail.html).toContain('<html lang="ko">');
  });

  it("never mails what the recipient can no longer see (access checked when sending)", async () => {
    const lead = await person("lead", "팀장");
    const member = await person("member", "팀원");
    emailFor(member, ["mention"]);
    createGroup({ viewer: viewerOf(lead), input: { name: "인사위원회", slug: "hr", visibility: "private" } });
    addMembers({ viewer: viewerOf(lead), slug: "hr", input: { handles: ["member"] } });
    publishPost({ viewer: viewerOf(lead), group: "hr", body: "@member 비밀 안건: 연봉 조정" });
    await drainNotifications();
    // Removed before the email went out, and before the consumer has even removed the row.
    removeMember({ viewer: viewerOf(lead), slug: "hr", handle: "member" });
    await deliverEmails();
    digestDueNow(member);
    await deliverEmails();
    expect(mailsTo("member@sori.test")).toEqual([]);
  });
});

describe("working hours", () => {
  it("holds an email outside working hours until the next working start; an urgent announcement goes at once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // Monday 22:00 in Seoul.
    vi.setSystemTime(new Date("2026-11-30T22:00:00+09:00"));
    const ceo = await person("ceo", "정대표");
    rawStatement(`update users set role = 'admin' where id = @id`).run({ id: ceo.id });
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "이지은");
    rawStatement(
      `update users set time_zone = 'Asia/Seoul', work_days = 'mon,tue,wed,thu,fri', work_start = '09:00', work_end = '18:00' where id = @id`,
    ).run({ id: jieun.id });
    emailFor(jieun, ["mention", "announcement"]);
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 내일 아침에 봐 주세요" });
    await settle();
    expect(mailsTo("jieun@sori.test")).toEqual([]);

    publishPost({
      viewer: viewerOf(ceo),
      body: "사내망 점검으로 VPN이 끊깁니다.",
      kind: "announcement",
      announcement: { urgent: true, urgentReason: "보안 패치 긴급 적용" },
    });
    await settle();
    expect(mailsTo("jieun@sori.test").map((m) => m.subject)).toEqual([
      translate("ko", "notifications.announcement", {
        actors: actors("ko", "정대표"),
        title: "사내망 점검으로 VPN이 끊깁니다.",
        count: 1,
      }),
    ]);

    // 08:59 the next morning: still held. 09:00: delivered.
    vi.setSystemTime(new Date("2026-12-01T08:59:00+09:00"));
    await settle();
    expect(mailsTo("jieun@sori.test")).toHaveLength(1);
    vi.setSystemTime(new Date("2026-12-01T09:00:00+09:00"));
    await settle();
    expect(mailsTo("jieun@sori.test")).toHaveLength(2);
    expect(mailsTo("jieun@sori.test")[1].text).toContain("내일 아침에 봐 주세요");
  });
});

describe("the digest", () => {
  it("lists what was missed per thread — nothing read, nothing already emailed — and never twice", async () => {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "Jieun Lee", "en");
    const sora = await person("sora", "한소라");
    emailFor(jieun, ["mention"]);
    const plan = publishPost({ viewer: viewerOf(jieun), kind: "question", title: "Q3 release plan", body: "dates?" });
    const lunch = publishPost({ viewer: viewerOf(jieun), body: "Team lunch on Friday" });
    const seen = publishPost({ viewer: viewerOf(jieun), body: "Already seen thread" });
    publishPost({ viewer: viewerOf(minsu), body: "Next Tuesday", replyToId: plan.id });
    publishPost({ viewer: viewerOf(sora), body: "After the freeze", replyToId: plan.id });
    publishPost({ viewer: viewerOf(minsu), body: "@jieun can you check the date?", replyToId: plan.id });
    publishPost({ viewer: viewerOf(sora), body: "I'm in", replyToId: lunch.id });
    publishPost({ viewer: viewerOf(sora), body: "seen it", replyToId: seen.id });
    await settle();
    // The mention went at once; the thread read in the app is not news.
    expect(mailsTo("jieun@sori.test")).toHaveLength(1);
    markNotificationsRead(viewerOf(jieun), { threadId: seen.id });

    digestDueNow(jieun);
    await settle();
    const digests = mailsTo("jieun@sori.test").slice(1);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest.subject).toBe(translate("en", "email.digest.subject_daily", { company: "Sori", count: 2 }));
    expect(header(digest, "content-language")).toBe("en");
    expect(header(digest, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(unsubscribeLinkOf(digest).searchParams.get("k")).toBe("digest");
    const text = digest.text ?? "";
    // Grouped per thread, titled by the thread: the answers under "Q3 release plan", the reply under the lunch post.
    expect(text).toContain("Q3 release plan");
    expect(text).toContain("Team lunch on Friday");
    expect(text).not.toContain("Already seen thread");
    expect(text).not.toContain("can you check the date"); // the mention was emailed already
    // Newest activity first: the lunch thread's reply came last.
    expect(text.indexOf("Team lunch on Friday")).toBeLessThan(text.indexOf("Q3 release plan"));
    expect(digest.html).toContain("<h2");
    expect(digest.html).toContain(`http://localhost:3000/posts/${plan.id}`);

    // The next digest has nothing new: none is sent.
    digestDueNow(jieun);
    await settle();
    expect(mailsTo("jieun@sori.test")).toHaveLength(2);
    // Something new is news again.
    publishPost({ viewer: viewerOf(minsu), body: "Moved to Wednesday", replyToId: lunch.id });
    digestDueNow(jieun);
    await settle();
    expect(mailsTo("jieun@sori.test")).toHaveLength(3);
  });

  it("is scheduled at the start of the person's working hours, daily or weekly", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T14:00:00+09:00")); // a Wednesday afternoon in Seoul
    const jieun = await person("jieun", "이지은");
    rawStatement(
      `update users set work_days = 'mon,tue,wed,thu,fri', work_start = '09:30', work_end = '18:00' where id = @id`,
    ).run({ id: jieun.id });
    await deliverEmails();
    const nextAt = () =>
      new Date(
        rawStatement(`select next_at from email_digests where user_id = @id`).pluck().get({ id: jieun.id }) as number,
      );
    expect(getDigestFrequency(jieun.id)).toBe("daily");
    expect(nextAt()).toEqual(new Date("2026-12-03T09:30:00+09:00"));
    setDigestFrequency(jieun.id, "weekly");
    await deliverEmails();
    expect(nextAt()).toEqual(new Date("2026-12-03T09:30:00+09:00"));
    // Sent on Thursday morning, the next weekly one is the Thursday after.
    vi.setSystemTime(new Date("2026-12-03T09:30:00+09:00"));
    await deliverEmails();
    expect(nextAt()).toEqual(new Date("2026-12-10T09:30:00+09:00"));
    expect(() => setDigestFrequency(jieun.id, "hourly")).toThrow();
  });
});

describe("one-click unsubscribe", () => {
  async function mentionMail() {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "이지은");
    emailFor(jieun, ["mention"]);
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 확인 부탁해요" });
    await settle();
    return { jieun, minsu, mail: mailsTo("jieun@sori.test")[0] };
  }
  const channel = (userId: number) =>
    rawStatement(`select channel from notification_settings where user_id = @id and kind = 'mention'`)
      .pluck()
      .get({ id: userId });

  it("a GET only asks; a POST without a session unsubscribes (RFC 8058 body); it is idempotent", async () => {
    const { jieun, minsu, mail } = await mentionMail();
    const link = unsubscribeLinkOf(mail);
    const path = link.pathname + link.search;
    const page = await unsubscribeRoute.loader({ request: makeRequest(path), ...ctx });
    expect(page).toMatchObject({ link: { email: "jieun@sori.test", stream: "mention" } });
    expect(channel(jieun.id)).toBe("email");

    const oneClick = new Request(link.toString(), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(await unsubscribeRoute.action({ request: oneClick, ...ctx })).toEqual({ done: true });
    expect(channel(jieun.id)).toBeUndefined(); // back to in-app
    expect(await unsubscribeRoute.action({ request: makeRequest(path, { method: "POST", form: {} }), ...ctx })).toEqual(
      {
        done: true,
      },
    );
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 또 확인" });
    await settle();
    expect(mailsTo("jieun@sori.test")).toHaveLength(1);
  });

  it("refuses a forged or altered signature, and changes nothing", async () => {
    const { jieun, mail } = await mentionMail();
    const link = unsubscribeLinkOf(mail);
    const forged = new URL(link);
    forged.searchParams.set("s", "A".repeat(link.searchParams.get("s")!.length));
    const otherKind = new URL(link);
    otherKind.searchParams.set("k", "digest");
    const otherPerson = new URL(link);
    otherPerson.searchParams.set("u", String(jieun.id + 1));
    for (const url of [forged, otherKind, otherPerson]) {
      const path = url.pathname + url.search;
      const page = await unsubscribeRoute.loader({ request: makeRequest(path), ...ctx });
      expect((page as any).init?.status).toBe(400);
      const post = await unsubscribeRoute.action({ request: makeRequest(path, { method: "POST", form: {} }), ...ctx });
      expect((post as any).init?.status).toBe(400);
    }
    expect(channel(jieun.id)).toBe("email");
    expect(getDigestFrequency(jieun.id)).toBe("daily");
  });

  it("the digest's link turns the digest off", async () => {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "이지은");
    const post = publishPost({ viewer: viewerOf(jieun), body: "점심 메뉴" });
    publishPost({ viewer: viewerOf(minsu), body: "김치찌개", replyToId: post.id });
    digestDueNow(jieun);
    await settle();
    const [digest] = mailsTo("jieun@sori.test");
    expect(digest.subject).toBe(translate("ko", "email.digest.subject_daily", { company: "Sori", count: 1 }));
    const link = unsubscribeLinkOf(digest);
    await unsubscribeRoute.action({
      request: makeRequest(link.pathname + link.search, { method: "POST", form: { "List-Unsubscribe": "One-Click" } }),
      ...ctx,
    });
    expect(getDigestFrequency(jieun.id)).toBe("off");
  });
});
