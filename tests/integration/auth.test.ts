import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { createInvitation } from "#app/models/people/invitation.server";
import { countUsers } from "#app/models/people/user.server";
import { getUser } from "#app/web/auth.server";
import { getDb } from "#app/infra/db.server";
import * as setupRoute from "#app/routes/setup";
import * as signinRoute from "#app/routes/signin";
import * as signupRoute from "#app/routes/signup";
import * as settingsRoute from "#app/routes/settings";
import * as homeRoute from "#app/routes/home";
import { createTestUser, makeRequest, sessionCookie, TEST_PASSWORD } from "#tests/factories";

const ctx = (ip = "10.0.0.1") => ({ context: { clientIp: ip, cspNonce: "", onClose: () => {} }, params: {} }) as any;

async function status(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    if (r instanceof Response) return r.status;
    return (r as { init?: { status?: number } }).init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function body(r: unknown) {
  return (r as { data: any }).data;
}

describe("first-run setup", () => {
  it("creates the first admin on an empty database and signs them in", async () => {
    const res = (await setupRoute.action({
      request: makeRequest("/setup", {
        method: "POST",
        form: {
          name: "김민수",
          email: "Minsu@Sori.Test",
          handle: "minsu.kim",
          department: "개발",
          title: "CTO",
          password: "a long enough password",
        },
      }),
      ...ctx(),
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/home");
    expect(res.headers.get("Set-Cookie")).toMatch(/^sori_session=/);
    const admin = getDb().select().from(users).get()!;
    expect(admin).toMatchObject({ email: "minsu@sori.test", role: "admin", name: "김민수" });
  });

  it("is closed once anyone exists", async () => {
    await createTestUser();
    const res = await setupRoute.action({
      request: makeRequest("/setup", {
        method: "POST",
        form: { name: "Mallory", email: "mallory@sori.test", handle: "mallory", password: "a long enough password" },
      }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(res))).toBe(403);
    expect(countUsers()).toBe(1);
  });

  it("answers bad input with field messages and writes nothing", async () => {
    const res = await setupRoute.action({
      request: makeRequest("/setup", {
        method: "POST",
        form: { name: "", email: "not-an-email", handle: "Bad Handle!", password: "short" },
        headers: { "Accept-Language": "ko" },
      }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(res))).toBe(400);
    expect(Object.keys(body(res).errors).sort()).toEqual(["email", "handle", "name", "password"]);
    expect(countUsers()).toBe(0);
  });
});

describe("sign-in", () => {
  it("signs in with the right password and refuses the wrong one with the same message as an unknown email", async () => {
    const user = await createTestUser({ email: "ana@sori.test" });
    const ok = (await signinRoute.action({
      request: makeRequest("/signin", {
        method: "POST",
        form: { email: "ANA@sori.test", password: TEST_PASSWORD, redirectTo: "/people" },
      }),
      ...ctx(),
    })) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/people");
    const cookie = ok.headers.get("Set-Cookie")!.split(";")[0];
    expect((await getUser(makeRequest("/home", { cookie })))?.id).toBe(user.id);

    const wrong = await signinRoute.action({
      request: makeRequest("/signin", { method: "POST", form: { email: "ana@sori.test", password: "nope nope nope" } }),
      ...ctx(),
    });
    const unknown = await signinRoute.action({
      request: makeRequest("/signin", {
        method: "POST",
        form: { email: "nobody@sori.test", password: "nope nope nope" },
      }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(wrong))).toBe(400);
    expect(body(wrong).errors).toEqual(body(unknown).errors);
  });

  it("never redirects off-site after sign-in", async () => {
    await createTestUser({ email: "bo@sori.test" });
    const res = (await signinRoute.action({
      request: makeRequest("/signin", {
        method: "POST",
        form: { email: "bo@sori.test", password: TEST_PASSWORD, redirectTo: "//evil.example/x" },
      }),
      ...ctx(),
    })) as Response;
    expect(res.headers.get("Location")).toBe("/home");
  });

  // Issue #8.4: judged as a browser reads the Location header (tabs and newlines dropped, "\\" read as "/").
  it.each([
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/\r\n/evil.example/phish",
    "\\evil.example",
    "/\\evil.example",
    "/\t\\/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%E0%A4%A",
    " //evil.example",
    "https://evil.example",
    "javascript:alert(1)",
  ])("never redirects off-site after sign-in, however %j is written", async (redirectTo) => {
    await createTestUser({ email: "cy@sori.test" });
    const res = (await signinRoute.action({
      request: makeRequest("/signin", {
        method: "POST",
        form: { email: "cy@sori.test", password: TEST_PASSWORD, redirectTo },
      }),
      ...ctx(),
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/home");
  });

  it("answers CR/LF in redirectTo with a redirect home, not a 500 after creating a session", async () => {
    const user = await createTestUser({ email: "di@sori.test" });
    const res = (await signinRoute.action({
      request: makeRequest("/signin", {
        method: "POST",
        form: { email: "di@sori.test", password: TEST_PASSWORD, redirectTo: "/home\r\nSet-Cookie: x=1" },
      }),
      ...ctx(),
    })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/home");
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0];
    expect((await getUser(makeRequest("/home", { cookie })))?.id).toBe(user.id);
  });

  it("keeps a same-site path with its query and fragment after sign-in", async () => {
    await createTestUser({ email: "ed@sori.test" });
    const res = (await signinRoute.action({
      request: makeRequest("/signin", {
        method: "POST",
        form: { email: "ed@sori.test", password: TEST_PASSWORD, redirectTo: "/search?q=%ED%9A%8C%EC%9D%98#top" },
      }),
      ...ctx(),
    })) as Response;
    expect(res.headers.get("Location")).toBe("/search?q=%ED%9A%8C%EC%9D%98#top");
  });

  it("rate-limits failed sign-ins per account with a clear message, even for the right password", async () => {
    await createTestUser({ email: "cy@sori.test" });
    for (let i = 0; i < 5; i++) {
      await signinRoute.action({
        request: makeRequest("/signin", {
          method: "POST",
          form: { email: "cy@sori.test", password: `wrong-${i}-password` },
        }),
        ...ctx(`10.0.1.${i}`),
      });
    }
    const blocked = await signinRoute.action({
      request: makeRequest("/signin", { method: "POST", form: { email: "cy@sori.test", password: TEST_PASSWORD } }),
      ...ctx("10.0.2.1"),
    });
    expect(await status(Promise.resolve(blocked))).toBe(429);
    expect(body(blocked).errors.form.key).toBe("signin.rateLimited");
  });

  it("rate-limits failed sign-ins per IP address across accounts", async () => {
    for (let i = 0; i < 30; i++) {
      await signinRoute.action({
        request: makeRequest("/signin", {
          method: "POST",
          form: { email: `ghost${i}@sori.test`, password: "whatever123" },
        }),
        ...ctx("10.9.9.9"),
      });
    }
    const blocked = await signinRoute.action({
      request: makeRequest("/signin", { method: "POST", form: { email: "fresh@sori.test", password: "whatever123" } }),
      ...ctx("10.9.9.9"),
    });
    expect(await status(Promise.resolve(blocked))).toBe(429);
  });

  it("ends a deactivated user's access on the next request", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    expect(await status(homeRoute.loader({ request: makeRequest("/home", { cookie }), ...ctx() }))).toBe(200);
    getDb().update(users).set({ status: "deactivated" }).where(eq(users.id, user.id)).run();
    expect(await status(homeRoute.loader({ request: makeRequest("/home", { cookie }), ...ctx() }))).toBe(302);
  });

  it("signs out everywhere", async () => {
    const user = await createTestUser();
    const a = await sessionCookie(user.id);
    const b = await sessionCookie(user.id);
    await settingsRoute.action({
      request: makeRequest("/settings", { method: "POST", form: { intent: "signout-everywhere" }, cookie: a }),
      ...ctx(),
    });
    expect(await getUser(makeRequest("/home", { cookie: a }))).toBeNull();
    expect(await getUser(makeRequest("/home", { cookie: b }))).toBeNull();
  });
});

describe("sign-up", () => {
  const account = (email: string, handle: string) => ({
    name: "New Person",
    email,
    handle,
    department: "Sales",
    title: "",
    password: "a long enough password",
  });

  it("accepts the company's email domains, pending the emailed link (issue #8.1, tests/integration/signup-email.test.ts)", async () => {
    const res = await signupRoute.action({
      request: makeRequest("/signup", { method: "POST", form: account("np@sori.test", "np") }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(res))).toBe(200);
    expect(res).toEqual({ ok: true, checkEmail: "np@sori.test" });
    expect(countUsers()).toBe(0);
  });

  it("refuses other domains without an invitation and writes nothing", async () => {
    const res = await signupRoute.action({
      request: makeRequest("/signup", { method: "POST", form: account("np@gmail.com", "np") }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(res))).toBe(403);
    expect(countUsers()).toBe(0);
  });

  it("accepts an admin's invitation for exactly that email, once", async () => {
    const admin = await createTestUser({ role: "admin" });
    const { token } = createInvitation({ actor: { id: admin.id, role: "admin" }, email: "guest@partner.example" });
    const wrongEmail = await signupRoute.action({
      request: makeRequest("/signup", {
        method: "POST",
        form: { ...account("other@partner.example", "other"), invite: token },
      }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(wrongEmail))).toBe(403);
    const ok = (await signupRoute.action({
      request: makeRequest("/signup", {
        method: "POST",
        form: { ...account("guest@partner.example", "guest"), invite: token },
      }),
      ...ctx(),
    })) as Response;
    expect(ok.status).toBe(302);
    const again = await signupRoute.action({
      request: makeRequest("/signup", {
        method: "POST",
        form: { ...account("guest@partner.example", "guest2"), invite: token },
      }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(again))).toBe(400);
  });

  it("does not let a member invite", async () => {
    const member = await createTestUser();
    expect(() => createInvitation({ actor: { id: member.id, role: "member" }, email: "x@partner.example" })).toThrow();
  });

  // Issue #8.6: a taken email is never told apart from a free one (its owner is emailed instead); handles are
  // public, so a taken one is refused.
  it("refuses a taken handle and answers a taken email like a free one", async () => {
    await createTestUser({ email: "taken@sori.test", handle: "taken" });
    const byEmail = await signupRoute.action({
      request: makeRequest("/signup", { method: "POST", form: account("taken@sori.test", "free") }),
      ...ctx(),
    });
    const byHandle = await signupRoute.action({
      request: makeRequest("/signup", { method: "POST", form: account("free@sori.test", "taken") }),
      ...ctx(),
    });
    expect(await status(Promise.resolve(byEmail))).toBe(200);
    expect(byEmail).toEqual({ ok: true, checkEmail: "taken@sori.test" });
    expect(await status(Promise.resolve(byHandle))).toBe(409);
    expect(countUsers()).toBe(1);
  });
});
