// GET|PATCH /api/v1/me/settings (issue #11 §5) against a real migrated SQLite database: time zone, working hours and
// notification channels; a bad field answers 400 with the field and changes nothing, not even the valid ones.
import { describe, expect, it } from "vitest";
import { createApiToken } from "#app/models/people/api-token.server";
import { callApi } from "#tests/support/api";
import { createTestUser } from "#tests/factories";

async function account() {
  const user = await createTestUser();
  return { user, token: createApiToken({ userId: user.id, name: "test", scopes: ["read", "write"] }).token };
}

const call = (token: string, method = "GET", json?: unknown) =>
  callApi("/api/v1/me/settings", { method, token, json, headers: { "Accept-Language": "en" } });

describe("/api/v1/me/settings", () => {
  it("answers the caller's zone, hours and channels, and changes what it is given", async () => {
    const { token } = await account();
    const before = await call(token);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({
      time_zone: "Asia/Seoul",
      working_hours: { own: true, start: "00:00", end: "00:00" },
      company_hours: { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "18:00" },
      off_work_until: null,
      notifications: { mention: "in_app" },
    });
    const changed = await call(token, "PATCH", {
      time_zone: "America/New_York",
      working_hours: { days: ["fri", "mon"], start: "08:30", end: "17:00" },
      notifications: { reaction: "off" },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      time_zone: "America/New_York",
      working_hours: { own: true, days: ["mon", "fri"], start: "08:30", end: "17:00" },
      notifications: { reaction: "off", mention: "in_app" },
    });
    // null: back to the company's hours.
    const company = await call(token, "PATCH", { working_hours: null });
    expect(company.json.working_hours).toEqual({
      own: false,
      days: ["mon", "tue", "wed", "thu", "fri"],
      start: "09:00",
      end: "18:00",
    });
    expect((await call(token)).json.time_zone).toBe("America/New_York");
  });

  it("refuses a free-text zone, bad times, no days and unknown fields with 400 and the field, writing nothing", async () => {
    const { token } = await account();
    for (const [body, field] of [
      [{ time_zone: "GMT+9", notifications: { reaction: "off" } }, "time_zone"],
      [{ working_hours: { days: ["mon"], start: "9am", end: "18:00" } }, "working_hours.start"],
      [{ working_hours: { days: [], start: "09:00", end: "18:00" } }, "working_hours.days"],
      [{ working_hours: { days: ["someday"], start: "09:00", end: "18:00" } }, "working_hours.days.0"],
      [{ notifications: { mention: "pigeon" } }, "notifications.mention"],
    ] as const) {
      const res = await call(token, "PATCH", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("validation_failed");
      expect(Object.keys(res.json.error.fields ?? {}).join(" "), JSON.stringify(body)).toContain(field.split(".")[0]);
    }
    expect((await call(token, "PATCH", { colour: "blue" })).status).toBe(400);
    const after = (await call(token)).json;
    expect(after.time_zone).toBe("Asia/Seoul");
    expect(after.notifications.reaction).toBe("in_app");
    // Email cannot be chosen while it is off: nothing else of the request is written either.
    const email = await call(token, "PATCH", { time_zone: "Europe/Paris", notifications: { mention: "email" } });
    expect(email.status).toBe(400);
    expect((await call(token)).json.time_zone).toBe("Asia/Seoul");
  });

  it("needs a token", async () => {
    expect((await callApi("/api/v1/me/settings")).status).toBe(401);
  });
});
