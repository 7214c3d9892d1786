// Issue #8 §9, §13, §14: deactivating people, signing out everywhere, and the limits on tokens, posts and passwords.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getViewerById } from "#app/access/viewer.server";
import { drainSearch } from "#app/events/consumers/search.server";
import { getDb } from "#app/infra/db.server";
import { createGroup } from "#app/models/groups/group.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { searchContent } from "#app/models/search/search.server";
import * as adminRoute from "#app/routes/admin";
import * as me from "#app/routes/api.v1.me";
import * as settingsRoute from "#app/routes/settings";
import { getUser } from "#app/web/auth.server";
import { sessions } from "#db/schema";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

async function apiMe(token: string) {
  const request = new Request("http://localhost:3000/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  return (await me.loader(args(request))) as Response;
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
