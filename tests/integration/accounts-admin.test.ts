// Issue #8 §1, §9, §13, §14: deactivating people, the directory's lock on names and titles, signing out everywhere,
// and the limits on tokens, posts and passwords.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getViewerById } from "#app/access/viewer.server";
import { drainSearch } from "#app/events/consumers/search.server";
import { getDb } from "#app/infra/db.server";
import { createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { searchContent } from "#app/models/search/search.server";
import * as adminRoute from "#app/routes/admin";
import * as settingsRoute from "#app/routes/settings";
import * as homeRoute from "#app/routes/home";
import { createUser, getProfile, setPassword } from "#app/models/people/user.server";
import { NewAccountSchema } from "#app/utils/validation";
import { translate } from "#app/utils/i18n";
import { AppError } from "#app/utils/errors";
import { getUser } from "#app/web/auth.server";
import { sessions, users } from "#db/schema";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";
import { apiRequest } from "#tests/support/api";

const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

async function apiMe(token: string) {
  const request = new Request("http://localhost:3000/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  return (await apiRequest(request)) as Response;
}

async function signedIn(cookie: string) {
  return (await getUser(makeRequest("/home", { cookie }))) != null;
}

async function adminAction(cookie: string, form: Record<string, string>) {
  return (await adminRoute.action(args(makeRequest("/admin", { method: "POST", cookie, form })))) as any;
}

async function peopleFound(viewer: { id: number }, q: string) {
  const page = await searchContent({ viewer: viewerOf(viewer), q, type: "people" });
  return page.type === "people" ? page.results.map((p) => p.handle) : [];
}

describe("deactivating and reactivating people (#8.14)", () => {
  it("ends sessions and tokens at once, hides the person from search, and keeps memberships for reactivation", async () => {
    const admin = await createTestUser({ role: "admin" });
    const colleague = await createTestUser();
    const leaver = await createTestUser({ name: "오하늘", handle: "haneul.oh" });
    const group = createGroup({ viewer: viewerOf(leaver), input: { name: "Alumni", visibility: "private" } });
    const leaverCookie = await sessionCookie(leaver.id);
    const { token } = createApiToken({ userId: leaver.id, name: "laptop" });
    await drainSearch();
    expect(await peopleFound(colleague, "하늘")).toEqual(["haneul.oh"]);
    expect((await apiMe(token)).status).toBe(200);

    const adminCookie = await sessionCookie(admin.id);
    const res = await adminAction(adminCookie, { intent: "deactivate", handle: "haneul.oh" });
    expect(res.status).toBe(302);

    expect(await signedIn(leaverCookie)).toBe(false);
    expect(getDb().select().from(sessions).where(eq(sessions.userId, leaver.id)).all()).toEqual([]);
    expect((await apiMe(token)).status).toBe(401);
    expect(getViewerById(leaver.id)).toBeNull();
    await drainSearch();
    expect(await peopleFound(colleague, "하늘")).toEqual([]);
    // The admin page lists them as deactivated.
    const page = (await adminRoute.loader(args(makeRequest("/admin", { cookie: adminCookie })))) as any;
    expect(page.users.find((u: { id: number }) => u.id === leaver.id)).toMatchObject({ status: "deactivated" });

    expect((await adminAction(adminCookie, { intent: "reactivate", handle: "haneul.oh" })).status).toBe(302);
    expect(viewerOf(leaver).adminOf.has(group.id)).toBe(true);
    await drainSearch();
    expect(await peopleFound(colleague, "하늘")).toEqual(["haneul.oh"]);
    // Tokens were revoked, not paused: credentials that may have leaked do not come back with the account.
    expect((await apiMe(token)).status).toBe(401);
    expect(await signedIn(leaverCookie)).toBe(false);
  });

  it("is for site admins only, and an admin cannot deactivate themselves", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const target = await createTestUser();
    createGroup({ viewer: viewerOf(member), input: { name: "Mine", visibility: "public" } });
    const byMember = await adminAction(await sessionCookie(member.id), { intent: "deactivate", handle: target.handle });
    expect(byMember.init.status).toBe(403);
    expect(getViewerById(target.id)).not.toBeNull();

    const self = await adminAction(await sessionCookie(admin.id), { intent: "deactivate", handle: admin.handle });
    expect(self.init.status).toBe(400);
    expect(self.data.errors.form.key).toBe("accounts.cannotDeactivateSelf");
    expect(getViewerById(admin.id)).not.toBeNull();

    const nobody = await adminAction(await sessionCookie(admin.id), { intent: "deactivate", handle: "nobody.here" });
    expect(nobody.init.status).toBe(404);
  });
});

describe("the directory's lock on names and titles (#8.1)", () => {
  const profileForm = (values: Record<string, string>) => ({
    intent: "profile",
    name: "",
    department: "",
    title: "",
    bio: "",
    locale: "",
    timeZone: "Asia/Seoul",
    ...values,
  });
  async function saveSettings(cookie: string, form: Record<string, string>) {
    return (await settingsRoute.action(args(makeRequest("/settings", { method: "POST", cookie, form })))) as any;
  }
  const row = (id: number) => getDb().select().from(users).where(eq(users.id, id)).get()!;

  it("once an admin locks them, the person's settings cannot change name, department or title; the rest saves", async () => {
    const admin = await createTestUser({ role: "admin" });
    const colleague = await createTestUser();
    const member = await createTestUser({ name: "Kim CEO", handle: "not.the.ceo" });
    const adminCookie = await sessionCookie(admin.id);
    const res = await adminAction(adminCookie, {
      intent: "lockProfile",
      handle: "not.the.ceo",
      name: "박보안",
      department: "보안팀",
      title: "인턴",
    });
    expect(res.status).toBe(302);
    expect(row(member.id)).toMatchObject({ name: "박보안", department: "보안팀", title: "인턴" });
    expect(row(member.id).profileLockedAt).toBeInstanceOf(Date);

    const cookie = await sessionCookie(member.id);
    const settings = (await settingsRoute.loader(args(makeRequest("/settings", { cookie })))) as any;
    expect(settings.settings).toMatchObject({ name: "박보안", profileLocked: true });
    // What the locked form sends (no name, department or title) saves the rest.
    const saved = await saveSettings(cookie, {
      intent: "profile",
      bio: "보안을 배우는 중",
      locale: "en",
      timeZone: "Europe/Berlin",
    });
    expect(saved.status).toBe(302);
    expect(row(member.id)).toMatchObject({
      name: "박보안",
      bio: "보안을 배우는 중",
      locale: "en",
      timeZone: "Europe/Berlin",
    });
    // A forged request with them is answered the same way; the locked fields are ignored.
    const forged = await saveSettings(cookie, profileForm({ name: "Kim CEO", title: "CEO", bio: "still learning" }));
    expect(forged.status).toBe(302);
    expect(row(member.id)).toMatchObject({
      name: "박보안",
      department: "보안팀",
      title: "인턴",
      bio: "still learning",
      locale: null,
      timeZone: "Asia/Seoul",
    });
    expect(getProfile({ handle: "not.the.ceo", viewer: viewerOf(colleague) })).toMatchObject({
      name: "박보안",
      title: "인턴",
    });

    // Unlocked, the values stay as the admin set them and the person may change them again.
    expect((await adminAction(adminCookie, { intent: "unlockProfile", handle: "not.the.ceo" })).status).toBe(302);
    expect(row(member.id)).toMatchObject({ name: "박보안", profileLockedAt: null });
    expect((await saveSettings(cookie, profileForm({ name: "Park Boan", title: "Intern" }))).status).toBe(302);
    expect(row(member.id)).toMatchObject({ name: "Park Boan", department: "", title: "Intern" });
  });

  it("an admin's edit is what search finds after the event log is drained", async () => {
    const admin = await createTestUser({ role: "admin" });
    const colleague = await createTestUser();
    await createTestUser({ name: "Kim CEO", handle: "self.made" });
    await drainSearch();
    expect(await peopleFound(colleague, "CEO")).toEqual(["self.made"]);
    const res = await adminAction(await sessionCookie(admin.id), {
      intent: "lockProfile",
      handle: "self.made",
      name: "최수습",
      department: "영업팀",
      title: "Trainee",
    });
    expect(res.status).toBe(302);
    await drainSearch();
    expect(await peopleFound(colleague, "최수습")).toEqual(["self.made"]);
    expect(await peopleFound(colleague, "CEO")).toEqual([]);
  });

  it("is for site admins only, and refuses bad values with field messages", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const target = await createTestUser({ name: "Original Name" });
    // A group admin may use /admin (guest invitations), but not the directory.
    createGroup({ viewer: viewerOf(member), input: { name: "Mine", visibility: "public" } });
    const form = { intent: "lockProfile", handle: target.handle, name: "Hijacked", department: "", title: "" };
    const byMember = await adminAction(await sessionCookie(member.id), form);
    expect(byMember.init.status).toBe(403);
    const byMemberUnlock = await adminAction(await sessionCookie(member.id), {
      intent: "unlockProfile",
      handle: target.handle,
    });
    expect(byMemberUnlock.init.status).toBe(403);
    expect(row(target.id)).toMatchObject({ name: "Original Name", profileLockedAt: null });

    const adminCookie = await sessionCookie(admin.id);
    const blank = await adminAction(adminCookie, { ...form, name: "  " });
    expect(blank.init.status).toBe(400);
    expect(blank.data.errors.name).toBeDefined();
    const nobody = await adminAction(adminCookie, { ...form, handle: "nobody.here" });
    expect(nobody.init.status).toBe(404);
    expect(row(target.id)).toMatchObject({ name: "Original Name", profileLockedAt: null });
  });
});

describe("sign out everywhere (#8.9)", () => {
  it("ends every session and revokes every API token", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const other = await sessionCookie(user.id);
    const { token } = createApiToken({ userId: user.id, name: "script" });
    const res = (await settingsRoute.action(
      args(makeRequest("/settings", { method: "POST", cookie, form: { intent: "signout-everywhere" } })),
    )) as Response;
    expect(res.status).toBe(302);
    expect(await signedIn(cookie)).toBe(false);
    expect(await signedIn(other)).toBe(false);
    expect((await apiMe(token)).status).toBe(401);
  });
});

describe("limits (#8.13)", () => {
  it("caps live API tokens at 20 with a 409 and a message; revoking one makes room", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    for (let i = 0; i < 20; i++) createApiToken({ userId: user.id, name: `t${i}` });
    const create = async () =>
      (await settingsRoute.action(
        args(
          makeRequest("/settings", {
            method: "POST",
            cookie,
            form: { intent: "token-create", name: "one more", scopes: "read" },
          }),
        ),
      )) as any;
    const refused = await create();
    expect(refused.init.status).toBe(409);
    expect(translate("en", refused.data.errors.form.key, refused.data.errors.form.vars)).toBe(
      "You can have at most 20 API tokens. Revoke one you no longer use first.",
    );
    const [first] = (await import("#app/models/people/api-token.server")).listApiTokens(user.id);
    await settingsRoute.action(
      args(
        makeRequest("/settings", {
          method: "POST",
          cookie,
          form: { intent: "token-revoke", tokenId: String(first!.id) },
        }),
      ),
    );
    expect((await create()).token).toMatch(/^sori_/);
  });

  it("limits web-form posting to 30 posts a minute per person, with the wait in the message", async () => {
    const author = await createTestUser();
    const other = await createTestUser();
    const post = async (userId: number, i: number) =>
      (await homeRoute.action(
        args(
          makeRequest("/home", {
            method: "POST",
            cookie: await sessionCookie(userId),
            form: { intent: "publish", body: `update ${i}` },
          }),
        ),
      )) as any;
    for (let i = 0; i < 30; i++) expect((await post(author.id, i)).status).toBe(302);
    const limited = await post(author.id, 30);
    expect(limited.init.status).toBe(429);
    const { key, vars } = limited.data.errors.form;
    const message = translate("ko", key, vars);
    expect(message).toMatch(/^요청이 너무 많습니다\. \d+초 후에 다시 시도하세요\.$/);
    expect((await post(other.id, 0)).status).toBe(302);
  });

  it("answers the API's 429 with the number of seconds, not a literal {seconds}", async () => {
    const user = await createTestUser();
    const { token } = createApiToken({ userId: user.id, name: "busy" });
    for (let i = 0; i < 300; i++) await apiMe(token);
    const limited = await apiMe(token);
    expect(limited.status).toBe(429);
    const { error } = await limited.json();
    expect(error.message).toMatch(/^Too many requests\. Try again in \d+ seconds\.$/);
  });

  it("refuses passwords shorter than 12 characters and common or trivially guessable ones", async () => {
    const account = { email: "new@sori.test", handle: "new.person", name: "New Person" };
    const tooShort = NewAccountSchema.safeParse({ ...account, password: "elevenchars" });
    expect(tooShort.success).toBe(false);
    expect(tooShort.error?.issues[0]).toMatchObject({ path: ["password"], message: "error.tooShort", minimum: 12 });
    for (const password of ["aaaaaaaaaaaa", "password1234", "Password1234!", "qwertyuiop123", "abcabcabcabc"]) {
      expect(NewAccountSchema.safeParse({ ...account, password }).success).toBe(true);
      const error = await createUser({ ...account, password }).catch((e: unknown) => e);
      expect(error, password).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).fields).toEqual({ password: "accounts.passwordCommon" });
    }
    const user = await createTestUser();
    await expect(setPassword(user.id, "aaaaaaaaaaaa")).rejects.toBeInstanceOf(AppError);
    await expect(createUser({ ...account, password: "기억에 남는 우리 팀 문장" })).resolves.toMatchObject({
      handle: "new.person",
    });
  });
});
