import { describe, expect, it } from "vitest";
import { createApiToken, listApiTokens } from "#app/models/people/api-token.server";
import { getSettings } from "#app/models/people/user.server";
import * as settingsRoute from "#app/routes/settings";
import { createTestUser, makeRequest, sessionCookie } from "#tests/factories";

const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

describe("settings", () => {
  it("saves the profile, language and time zone", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const res = (await settingsRoute.action(
      args(
        makeRequest("/settings", {
          method: "POST",
          cookie,
          form: {
            intent: "profile",
            name: "  최유진 ",
            department: "인사",
            title: "HRBP",
            bio: "안녕하세요",
            locale: "ko",
            timeZone: "Europe/Paris",
          },
        }),
      ),
    )) as Response;
    expect(res.status).toBe(302);
    expect(getSettings(user.id)).toMatchObject({
      name: "최유진",
      department: "인사",
      locale: "ko",
      timeZone: "Europe/Paris",
      bio: "안녕하세요",
    });
  });

  it("answers an unknown time zone, a bad language and an empty name with 400 and changes nothing", async () => {
    const user = await createTestUser({ name: "Original Name" });
    const cookie = await sessionCookie(user.id);
    const res = (await settingsRoute.action(
      args(
        makeRequest("/settings", {
          method: "POST",
          cookie,
          form: { intent: "profile", name: "", locale: "fr", timeZone: "Mars/Olympus" },
        }),
      ),
    )) as any;
    expect(res.init.status).toBe(400);
    expect(Object.keys(res.data.errors).sort()).toEqual(["locale", "name", "timeZone"]);
    expect(getSettings(user.id).name).toBe("Original Name");
  });

  it("shows a new token once and refuses to revoke another person's token", async () => {
    const ana = await createTestUser();
    const bo = await createTestUser();
    const created = (await settingsRoute.action(
      args(
        makeRequest("/settings", {
          method: "POST",
          cookie: await sessionCookie(ana.id),
          form: { intent: "token-create", name: "laptop", scopes: "read" },
        }),
      ),
    )) as { token: string };
    expect(created.token).toMatch(/^sori_/);
    expect(JSON.stringify(listApiTokens(ana.id))).not.toContain(created.token);

    const bosToken = createApiToken({ userId: bo.id, name: "bot" });
    const res = (await settingsRoute.action(
      args(
        makeRequest("/settings", {
          method: "POST",
          cookie: await sessionCookie(ana.id),
          form: { intent: "token-revoke", tokenId: String(bosToken.id) },
        }),
      ),
    )) as any;
    expect(res.init.status).toBe(404);
    expect(listApiTokens(bo.id).map((t) => t.id)).toEqual([bosToken.id]);
  });

  it("refuses an unknown intent", async () => {
    const user = await createTestUser();
    const res = (await settingsRoute.action(
      args(
        makeRequest("/settings", {
          method: "POST",
          cookie: await sessionCookie(user.id),
          form: { intent: "make-me-admin" },
        }),
      ),
    )) as any;
    expect(res.init.status).toBe(400);
  });
});
