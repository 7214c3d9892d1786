// Company-domain sign-up proves the mailbox (issue #8.1) and never tells who has an account (issue #8.6), checked
// against a real SMTP server in this process (smtp-server) whose messages are parsed by mailparser.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pendingSignups } from "#db/schema";
import { getDb } from "#app/infra/db.server";
import { setSingleton } from "#app/infra/registry.server";
import { getUserIdByEmail } from "#app/models/people/user.server";
import { getUser } from "#app/web/auth.server";
import { translate } from "#app/utils/i18n";
import * as signinRoute from "#app/routes/signin";
import * as signupRoute from "#app/routes/signup";
import * as confirmRoute from "#app/routes/signup_.confirm";
import * as homeRoute from "#app/routes/home";
import { createTestUser, makeRequest } from "#tests/factories";
import { startMailbox, type Mailbox } from "#tests/support/mailbox";

const ctx = (ip = "10.0.0.1") => ({ context: { clientIp: ip, cspNonce: "", onClose: () => {} }, params: {} }) as any;

let mailbox: Mailbox;

beforeAll(async () => {
  mailbox = await startMailbox();
  process.env.SMTP_URL = mailbox.url;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await mailbox.close();
});

beforeEach(() => {
  mailbox.clear();
});

const account = (email: string, handle: string, extra: Record<string, string> = {}) => ({
  name: "New Person",
  email,
  handle,
  department: "Sales",
  title: "CEO",
  password: "a long enough password",
  ...extra,
});

function statusOf(r: unknown): number {
  if (r instanceof Response) return r.status;
  return (r as { init?: { status?: number } | null }).init?.status ?? 200;
}

/** The action's answer as the page sees it (a plain object on success, data() with a status on failure). */
function dataOf(r: unknown): any {
  return r && typeof r === "object" && "data" in r ? (r as { data: unknown }).data : r;
}

async function signUp(form: Record<string, string>, ip = "10.0.0.1") {
  return signupRoute.action({ request: makeRequest("/signup", { method: "POST", form }), ...ctx(ip) });
}

const mailsTo = (address: string) => mailbox.messagesTo(address);

function linkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+\/signup\/confirm\?token=\S+/.exec(mail.text ?? "");
  expect(match, `a confirmation link in: ${mail.text}`).not.toBeNull();
  return new URL(match![0]);
}

async function openLink(link: URL) {
  const path = link.pathname + link.search;
  const page = await confirmRoute.loader({ request: makeRequest(path), ...ctx() });
  const confirmed = await confirmRoute.action({
    request: makeRequest(path, { method: "POST", form: { token: link.searchParams.get("token") ?? "" } }),
    ...ctx(),
  });
  return { page, confirmed };
}

async function signIn(email: string, password: string) {
  return signinRoute.action({
    request: makeRequest("/signin", { method: "POST", form: { email, password } }),
    ...ctx("10.9.9.9"),
  });
}

describe("company-domain sign-up", () => {
  it("creates nothing until the emailed link is opened, then creates the account and signs in", async () => {
    const res = await signUp(account("new.person@sori.test", "new.person"));
    expect(res).not.toBeInstanceOf(Response);
    expect(statusOf(res)).toBe(200);
    expect(dataOf(res)).toMatchObject({ ok: true, checkEmail: "new.person@sori.test" });
    // No account, no session, no sign-in.
    expect(getUserIdByEmail("new.person@sori.test")).toBeNull();
    const refused = await signIn("new.person@sori.test", "a long enough password");
    expect(statusOf(refused)).toBe(400);

    const [mail] = mailsTo("new.person@sori.test");
    expect(mail?.subject).toBe(translate("en", "email.confirm.subject", { company: "Sori" }));
    const link = linkIn(mail!);
    expect(link.origin).toBe("http://localhost:3000");

    const { page, confirmed } = await openLink(link);
    expect(statusOf(page)).toBe(200);
    expect(dataOf(page).pending).toEqual({ email: "new.person@sori.test", handle: "new.person" });
    expect(confirmed).toBeInstanceOf(Response);
    const response = confirmed as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/home");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0];
    const user = await getUser(makeRequest("/home", { cookie }));
    expect(user).toMatchObject({ handle: "new.person", name: "New Person" });
    // The home feed answers for the new session, and the password typed at sign-up works.
    const home = await homeRoute.loader({ request: makeRequest("/home", { cookie }), ...ctx() });
    expect(statusOf(home)).toBe(200);
    expect(statusOf(await signIn("new.person@sori.test", "a long enough password"))).toBe(302);
  });

  it("refuses a link a second time and an expired link", async () => {
    await signUp(account("twice@sori.test", "twice"));
    const link = linkIn(mailsTo("twice@sori.test")[0]!);
    const first = await openLink(link);
    expect(statusOf(first.confirmed)).toBe(302);
    const second = await openLink(link);
    expect(statusOf(second.page)).toBe(400);
    expect(statusOf(second.confirmed)).toBe(400);
    expect(dataOf(second.confirmed).errors.form.key).toBe("signup.linkInvalid");

    await signUp(account("late@sori.test", "late"));
    const late = linkIn(mailsTo("late@sori.test")[0]!);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 24 * 3600 * 1000 + 1000 });
    try {
      const expired = await openLink(late);
      expect(statusOf(expired.page)).toBe(400);
      expect(statusOf(expired.confirmed)).toBe(400);
    } finally {
      vi.useRealTimers();
    }
    expect(getUserIdByEmail("late@sori.test")).toBeNull();
  });

  it("refuses a bad token on the page and on the button with a 4xx", async () => {
    const page = await confirmRoute.loader({ request: makeRequest("/signup/confirm?token=nope"), ...ctx() });
    expect(statusOf(page)).toBe(400);
    const none = await confirmRoute.loader({ request: makeRequest("/signup/confirm"), ...ctx() });
    expect(statusOf(none)).toBe(400);
  });

  it("answers the same for an address that has an account, and emails its owner to sign in", async () => {
    await createTestUser({ email: "taken@sori.test", handle: "taken" });
    const existing = await signUp(account("taken@sori.test", "someone.else"));
    const fresh = await signUp(account("free@sori.test", "free"));
    expect(statusOf(existing)).toBe(200);
    expect(statusOf(fresh)).toBe(statusOf(existing));
    expect(Object.keys(dataOf(existing)).sort()).toEqual(Object.keys(dataOf(fresh)).sort());
    expect(dataOf(existing)).toEqual({ ok: true, checkEmail: "taken@sori.test" });

    const [mail] = mailsTo("taken@sori.test");
    expect(mail?.subject).toBe(translate("en", "email.existing.subject", { company: "Sori" }));
    expect(mail?.text).toContain("http://localhost:3000/signin");
    expect(mail?.text).not.toContain("/signup/confirm");
    expect(
      getDb()
        .select()
        .from(pendingSignups)
        .all()
        .map((p) => p.email),
    ).toEqual(["free@sori.test"]);
  });

  it("does not let an unconfirmed sign-up take a handle", async () => {
    // Someone signs up as the CEO with an address they cannot read and never confirms.
    await signUp(account("ceo+fake@sori.test", "ceo", { name: "Kim CEO" }));
    expect(getUserIdByEmail("ceo+fake@sori.test")).toBeNull();
    // The real CEO can still sign up with the handle, and confirming gives it to them.
    const real = await signUp(account("ceo@sori.test", "ceo", { name: "Kim CEO" }));
    expect(statusOf(real)).toBe(200);
    expect(statusOf((await openLink(linkIn(mailsTo("ceo@sori.test")[0]!))).confirmed)).toBe(302);
    // The squatter's link no longer gets the handle.
    const squat = await openLink(linkIn(mailsTo("ceo+fake@sori.test")[0]!));
    expect(statusOf(squat.confirmed)).toBe(409);
    expect(dataOf(squat.confirmed).errors.form.key).toBe("signup.handleGone");
    expect(getUserIdByEmail("ceo+fake@sori.test")).toBeNull();
  });

  it("replaces a pending sign-up when the same address signs up again", async () => {
    await signUp(account("again@sori.test", "first.try"));
    await signUp(account("again@sori.test", "second.try"));
    const [first, second] = mailsTo("again@sori.test");
    expect(statusOf((await openLink(linkIn(first!))).confirmed)).toBe(400);
    expect(statusOf((await openLink(linkIn(second!))).confirmed)).toBe(302);
    expect(getDb().select().from(pendingSignups).all()).toEqual([]);
  });

  // 41 sign-ups, each hashing a password: longer than the default timeout on a busy machine.
  it("rate-limits sign-ups per address and per IP with a translated 429", { timeout: 90_000 }, async () => {
    let last: unknown;
    for (let i = 0; i < 11; i++) last = await signUp(account("victim@sori.test", `victim${i}`), `10.1.0.${i}`);
    expect(statusOf(last)).toBe(429);
    const message = dataOf(last).errors.form;
    expect(message.key).toBe("signup.rateLimited");
    expect(translate("ko", message.key, message.vars)).toMatch(/^가입 시도가 너무 많습니다\. \d+분 후/);
    expect(mailsTo("victim@sori.test")).toHaveLength(10);

    for (let i = 0; i < 30; i++) {
      expect(statusOf(await signUp(account(`p${i}@sori.test`, `p${i}`), "10.2.0.1"))).toBe(200);
    }
    const blocked = await signUp(account("p30@sori.test", "p30"), "10.2.0.1");
    expect(statusOf(blocked)).toBe(429);
    expect(mailsTo("p30@sori.test")).toHaveLength(0);
  });

  it("refuses domain sign-up in production when email is off, with a clear message", async () => {
    const saved = {
      NODE_ENV: process.env.NODE_ENV,
      APP_ORIGIN: process.env.APP_ORIGIN,
      SMTP_URL: process.env.SMTP_URL,
    };
    Object.assign(process.env, { NODE_ENV: "production", APP_ORIGIN: "https://sori.example.com" });
    delete process.env.SMTP_URL;
    setSingleton("env", undefined);
    try {
      const res = await signUp(account("nomail@sori.test", "nomail"));
      expect(statusOf(res)).toBe(503);
      const message = dataOf(res).errors.form;
      expect(message.key).toBe("signup.emailOff");
      expect(translate("en", message.key)).toMatch(/cannot send email/);
      expect(getDb().select().from(pendingSignups).all()).toEqual([]);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      setSingleton("env", undefined);
    }
  });

  it("keeps invitations as they were: the invited address gets its account at once", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { createInvitation } = await import("#app/models/people/invitation.server");
    const { token } = createInvitation({ actor: { id: admin.id, role: "admin" }, email: "partner@partner.example" });
    const res = await signUp({ ...account("partner@partner.example", "partner"), invite: token });
    expect(statusOf(res)).toBe(302);
    expect(mailbox.inbox).toHaveLength(0);
    // An invitation used with another company address grants nothing: that address must confirm by email.
    const { token: other } = createInvitation({ actor: { id: admin.id, role: "admin" }, email: "x@partner.example" });
    const viaInvite = await signUp({ ...account("someone@sori.test", "someone"), invite: other });
    expect(statusOf(viaInvite)).toBe(200);
    expect(getUserIdByEmail("someone@sori.test")).toBeNull();
  });
});
