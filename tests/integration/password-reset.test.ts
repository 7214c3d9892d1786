// Password reset by email (issue #11 §4) against a real SMTP server in this process (smtp-server, parsed by
// mailparser): the same answer for any address, a hashed single-use link that expires, the password rules, every
// other session signed out, rate limits per address and per IP, and the admin fallback while email is off.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { hashSecret } from "#app/infra/tokens.server";
import { RESET_LIMITS, RESET_LINK_MINUTES } from "#app/models/people/password-reset.server";
import { getUser } from "#app/web/auth.server";
import { translate } from "#app/utils/i18n";
import * as signinRoute from "#app/routes/signin";
import * as forgotRoute from "#app/routes/password.forgot";
import * as resetRoute from "#app/routes/password.reset";
import { createTestUser, makeRequest, sessionCookie, TEST_PASSWORD } from "#tests/factories";
import { startMailbox, type Mailbox } from "#tests/support/mailbox";

const ctx = (ip = "10.0.0.1") => ({ context: { clientIp: ip, cspNonce: "", onClose: () => {} }, params: {} }) as any;
const NEW_PASSWORD = "a brand new passphrase";

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

function statusOf(r: unknown): number {
  if (r instanceof Response) return r.status;
  return (r as { init?: { status?: number } | null }).init?.status ?? 200;
}
const dataOf = (r: unknown): any => (r && typeof r === "object" && "data" in r ? (r as { data: unknown }).data : r);

const forgot = (email: string, ip = "10.0.0.1", headers?: Record<string, string>) =>
  forgotRoute.action({
    request: makeRequest("/password/forgot", { method: "POST", form: { email }, headers }),
    ...ctx(ip),
  });

function linkIn(mail: ParsedMail): URL {
  const match = /https?:\/\/\S+\/password\/reset\?token=\S+/.exec(mail.text ?? "");
  expect(match, `a reset link in: ${mail.text}`).not.toBeNull();
  return new URL(match![0]);
}

const setPassword = (link: URL, password: string) =>
  resetRoute.action({
    request: makeRequest(link.pathname + link.search, {
      method: "POST",
      form: { token: link.searchParams.get("token") ?? "", password },
    }),
    ...ctx(),
  });

const signIn = (email: string, password: string) =>
  signinRoute.action({
    request: makeRequest("/signin", { method: "POST", form: { email, password } }),
    ...ctx("10.9.9.9"),
  });

describe("password reset by email", () => {
  it("mails a link in the person's language; it sets the password, signs out other sessions and signs in", async () => {
    const user = await createTestUser({ email: "minji.park@sori.test" });
    rawStatement(`update users set locale = 'ko' where id = @id`).run({ id: user.id });
    const otherDevice = await sessionCookie(user.id);

    const res = await forgot("Minji.Park@sori.test", "10.0.0.1", { "Accept-Language": "en" });
    expect(statusOf(res)).toBe(200);
    expect(dataOf(res)).toEqual({ ok: true, sentTo: "minji.park@sori.test", minutes: RESET_LINK_MINUTES });

    const mail = await mailbox.mailTo("minji.park@sori.test");
    expect(mail.subject).toBe(translate("ko", "email.reset.subject", { company: "Sori" }));
    expect(mail.headers.get("content-language")).toBe("ko");
    expect(mail.text).toContain(`${RESET_LINK_MINUTES}분`);
    const link = linkIn(mail);
    expect(link.origin).toBe("http://localhost:3000");
    // Only the token's hash is stored.
    const token = link.searchParams.get("token")!;
    const stored = rawStatement(`select token_hash from password_resets where user_id = @id`)
      .pluck()
      .all({ id: user.id });
    expect(stored).toEqual([hashSecret(token)]);

    // Opening the link shows the form and uses nothing up (mail scanners fetch links).
    const page = await resetRoute.loader({ request: makeRequest(link.pathname + link.search), ...ctx() });
    expect(dataOf(page)).toEqual({ email: "minji.park@sori.test", token });
    await resetRoute.loader({ request: makeRequest(link.pathname + link.search), ...ctx() });

    const done = await setPassword(link, NEW_PASSWORD);
    expect(done).toBeInstanceOf(Response);
    const response = done as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/home");
    const cookies = response.headers.get("Set-Cookie")!;
    const session = /sori_session=[^;]+/.exec(cookies)![0];
    expect(await getUser(makeRequest("/home", { cookie: session }))).toMatchObject({ id: user.id });
    // The other device is signed out; the old password no longer works, the new one does.
    expect(await getUser(makeRequest("/home", { cookie: otherDevice }))).toBeNull();
    expect(statusOf(await signIn("minji.park@sori.test", TEST_PASSWORD))).toBe(400);
    expect(statusOf(await signIn("minji.park@sori.test", NEW_PASSWORD))).toBe(302);
  });

  it("answers an unknown, a deactivated and a known address the same, and mails only the known one", async () => {
    await createTestUser({ email: "known@sori.test" });
    const gone = await createTestUser({ email: "gone@sori.test" });
    rawStatement(`update users set status = 'deactivated' where id = @id`).run({ id: gone.id });
    const answers = [];
    for (const email of ["known@sori.test", "nobody@sori.test", "gone@sori.test"]) {
      const res = await forgot(email);
      answers.push({ status: statusOf(res), keys: Object.keys(dataOf(res)).sort(), ok: dataOf(res).ok });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await mailbox.mailTo("known@sori.test");
    await new Promise((r) => setTimeout(r, 300));
    expect(mailbox.inbox.map((m) => m.to && [m.to].flat()[0]?.text)).toEqual(["known@sori.test"]);
    expect(rawStatement(`select count(*) from password_resets`).pluck().get()).toBe(1);
  });

  it("uses a link once; a second link replaces the first; an expired link is refused", async () => {
    await createTestUser({ email: "once@sori.test" });
    await forgot("once@sori.test");
    const first = linkIn(await mailbox.mailTo("once@sori.test"));
    mailbox.clear();
    await forgot("once@sori.test");
    const second = linkIn(await mailbox.mailTo("once@sori.test"));

    // The first link stopped working when the second was asked for.
    const replaced = await setPassword(first, NEW_PASSWORD);
    expect(statusOf(replaced)).toBe(400);
    expect(dataOf(replaced).errors.form).toMatchObject({ key: "reset.linkInvalid" });

    expect(statusOf(await setPassword(second, NEW_PASSWORD))).toBe(302);
    const again = await setPassword(second, "yet another passphrase");
    expect(statusOf(again)).toBe(400);
    expect(statusOf(await signIn("once@sori.test", "yet another passphrase"))).toBe(400);
    const page = await resetRoute.loader({ request: makeRequest(second.pathname + second.search), ...ctx() });
    expect(statusOf(page)).toBe(400);

    mailbox.clear();
    await forgot("once@sori.test");
    const late = linkIn(await mailbox.mailTo("once@sori.test"));
    rawStatement(`update password_resets set expires_at = @past`).run({ past: Date.now() - 1 });
    expect(statusOf(await setPassword(late, "an expired passphrase"))).toBe(400);
    expect(statusOf(await signIn("once@sori.test", NEW_PASSWORD))).toBe(302);
  });

  it("refuses a weak password without using the link up", async () => {
    await createTestUser({ email: "weak@sori.test" });
    await forgot("weak@sori.test");
    const link = linkIn(await mailbox.mailTo("weak@sori.test"));
    for (const weak of ["short", "password1234"]) {
      const res = await setPassword(link, weak);
      expect(statusOf(res)).toBe(400);
      expect(dataOf(res).errors.password).toBeTruthy();
    }
    expect(statusOf(await setPassword(link, NEW_PASSWORD))).toBe(302);
  });

  it("answers a malformed address with a field message and sends nothing", async () => {
    const res = await forgot("not an address");
    expect(statusOf(res)).toBe(400);
    expect(dataOf(res).errors.email).toMatchObject({ key: "error.email" });
    expect(rawStatement(`select count(*) from password_resets`).pluck().get()).toBe(0);
  });

  it("limits requests per address and per IP, known address or not", async () => {
    await createTestUser({ email: "limited@sori.test" });
    for (let i = 0; i < RESET_LIMITS.email; i++) {
      expect(statusOf(await forgot("limited@sori.test", `10.1.0.${i}`))).toBe(200);
      expect(statusOf(await forgot("unknown@sori.test", `10.2.0.${i}`))).toBe(200);
    }
    const known = await forgot("limited@sori.test", "10.1.1.1");
    const unknown = await forgot("unknown@sori.test", "10.2.1.1");
    expect(statusOf(known)).toBe(429);
    expect(statusOf(unknown)).toBe(429);
    expect(dataOf(known).errors.form.key).toBe("reset.rateLimited");

    for (let i = 0; i < RESET_LIMITS.ip; i++) {
      expect(statusOf(await forgot(`someone${i}@sori.test`, "10.3.3.3"))).toBe(200);
    }
    expect(statusOf(await forgot("one.more@sori.test", "10.3.3.3"))).toBe(429);
  });

  it("with email off the sign-in page and the form say to ask an administrator", async () => {
    delete process.env.SMTP_URL;
    const signin = await signinRoute.loader({ request: makeRequest("/signin"), ...ctx() });
    expect(dataOf(signin)).toEqual({ resetByEmail: false });
    const page = await forgotRoute.loader({ request: makeRequest("/password/forgot"), ...ctx() });
    expect(dataOf(page)).toEqual({ emailEnabled: false });
    await createTestUser({ email: "offline@sori.test" });
    const res = await forgot("offline@sori.test");
    expect(statusOf(res)).toBe(409);
    expect(dataOf(res).errors.form.key).toBe("signin.forgotAskAdmin");
  });
});
