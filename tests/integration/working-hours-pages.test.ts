// The working-hours pages (issue #11 §2, #12 item 17) against a real migrated SQLite database: the time zone is
// picked from labelled IANA zones (free text refused), a person chooses the company's hours or their own, and a
// site admin sets the company's hours and holidays — bad input answers 400 with the field, writing nothing.
import { describe, expect, it } from "vitest";
import * as settingsRoute from "#app/routes/settings";
import * as hoursRoute from "#app/routes/settings_.working-hours";
import * as adminRoute from "#app/routes/admin_.working-hours";
import { getSettings } from "#app/models/people/user.server";
import {
  getCompanyHours,
  getMyWorkingHours,
  listHolidays,
  updateMyWorkingHours,
} from "#app/models/people/working-hours.server";
import { loadRootView } from "#app/web/root-data.server";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";

const args = (request: Request) => ({ request, params: {}, context: {} }) as any;

/** A form post with repeated fields (the day checkboxes). */
function post(path: string, cookie: string, fields: [string, string][]) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

const get = (path: string, cookie: string, lang = "ko") =>
  new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie, "Accept-Language": lang } });

describe("the time-zone picker", () => {
  it("lists the zones with labels in the viewer's language, and refuses free text", async () => {
    const user = await createTestUser({ locale: "ko" });
    const cookie = await sessionCookie(user.id);
    const data = (await settingsRoute.loader(args(get("/settings", cookie)))) as {
      zones: { value: string; label: string }[];
    };
    expect(data.zones.length).toBeGreaterThan(300);
    expect(data.zones.find((z) => z.value === "Asia/Seoul")?.label).toBe("서울 (한국 표준시 · GMT+9)");
    expect(data.zones.find((z) => z.value === "Europe/Paris")?.label).toMatch(/^파리 \(중부유럽/);
    const profile = { intent: "profile", name: "최유진", department: "인사", title: "HRBP", bio: "", locale: "ko" };
    const bad = (await settingsRoute.action(
      args(post("/settings", cookie, Object.entries({ ...profile, timeZone: "GMT+9" }))),
    )) as any;
    expect(bad.init.status).toBe(400);
    expect(bad.data.errors.timeZone).toMatchObject({ key: "workingHours.badZone" });
    expect(getSettings(user.id).timeZone).toBe("Asia/Seoul");
    const ok = (await settingsRoute.action(
      args(post("/settings", cookie, Object.entries({ ...profile, timeZone: "America/New_York" }))),
    )) as Response;
    expect(ok.status).toBe(302);
    expect(getSettings(user.id).timeZone).toBe("America/New_York");
  });
});

describe("a person's working hours", () => {
  it("switches between the company's hours and their own; refuses no days and bad times", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const own = (await hoursRoute.action(
      args(
        post("/settings/working-hours", cookie, [
          ["intent", "own"],
          ["days", "tue"],
          ["days", "mon"],
          ["start", "22:00"],
          ["end", "06:00"],
        ]),
      ),
    )) as Response;
    expect(own.status).toBe(302);
    expect(getMyWorkingHours(viewerOf(user))).toMatchObject({ own: true, days: ["mon", "tue"], start: "22:00" });
    for (const fields of [
      [
        ["intent", "own"],
        ["start", "09:00"],
        ["end", "18:00"],
      ],
      [
        ["intent", "own"],
        ["days", "mon"],
        ["start", "9am"],
        ["end", "18:00"],
      ],
      [
        ["intent", "own"],
        ["days", "someday"],
        ["start", "09:00"],
        ["end", "18:00"],
      ],
    ] as [string, string][][]) {
      const res = (await hoursRoute.action(args(post("/settings/working-hours", cookie, fields)))) as any;
      expect(res.init.status).toBe(400);
      expect(Object.keys(res.data.errors).length).toBeGreaterThan(0);
      expect(getMyWorkingHours(viewerOf(user)).start).toBe("22:00");
    }
    const back = (await hoursRoute.action(
      args(post("/settings/working-hours", cookie, [["intent", "company"]])),
    )) as Response;
    expect(back.status).toBe(302);
    expect(getMyWorkingHours(viewerOf(user))).toMatchObject({ own: false, ...getCompanyHours() });
  });
});

describe("the company's hours and holidays", () => {
  it("lets a site admin set hours and add and remove holidays; others get 403", async () => {
    const admin = await createTestUser({ role: "admin" });
    const member = await createTestUser();
    const cookie = await sessionCookie(admin.id);
    const hours = (await adminRoute.action(
      args(
        post("/admin/working-hours", cookie, [
          ["intent", "company"],
          ...["mon", "tue", "wed", "thu", "fri"].map((d): [string, string] => ["days", d]),
          ["start", "09:30"],
          ["end", "18:30"],
        ]),
      ),
    )) as Response;
    expect(hours.status).toBe(302);
    expect(getCompanyHours()).toEqual({ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:30", end: "18:30" });
    const add = (await adminRoute.action(
      args(
        post(
          "/admin/working-hours",
          cookie,
          Object.entries({ intent: "holiday-add", date: "2099-09-25", name: "추석" }),
        ),
      ),
    )) as Response;
    expect(add.status).toBe(302);
    expect(listHolidays({ from: "2099-01-01" })).toEqual([{ date: "2099-09-25", name: "추석" }]);
    const bad = (await adminRoute.action(
      args(
        post("/admin/working-hours", cookie, Object.entries({ intent: "holiday-add", date: "2099-02-30", name: "" })),
      ),
    )) as any;
    expect(bad.init.status).toBe(400);
    expect(Object.keys(bad.data.errors).sort()).toEqual(["date", "name"]);
    const remove = (await adminRoute.action(
      args(post("/admin/working-hours", cookie, Object.entries({ intent: "holiday-remove", date: "2099-09-25" }))),
    )) as Response;
    expect(remove.status).toBe(302);
    expect(listHolidays({ from: "2099-01-01" })).toEqual([]);
    const memberCookie = await sessionCookie(member.id);
    await expect(adminRoute.loader(args(get("/admin/working-hours", memberCookie)))).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("times in the viewer's zone", () => {
  it("gives every page the person's zone, so hover dates, edit history and token dates use it", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    updateMyWorkingHours({ viewer: viewerOf(user), timeZone: "America/New_York" });
    const view = await loadRootView(get("/home", cookie));
    expect(view.user?.timeZone).toBe("America/New_York");
  });
});
