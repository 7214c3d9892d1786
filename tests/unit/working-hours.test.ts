// Working hours across zones, daylight saving, weekends, holidays and overnight shifts (issue #11 §2;
// app/utils/working-hours.ts). Quiet delivery and the "off work until" notice rely on exactly these answers.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_WORKING_HOURS,
  heldUntil,
  isLocalDate,
  isTimeZone,
  isWorking,
  localDate,
  localTime,
  nextWorkingStart,
  type WorkingHours,
} from "#app/utils/working-hours";

const at = (iso: string) => new Date(iso);
const seoul = DEFAULT_WORKING_HOURS;
const newYork: WorkingHours = { ...seoul, timeZone: "America/New_York" };
const paris: WorkingHours = { ...seoul, timeZone: "Europe/Paris" };

describe("isWorking", () => {
  it("is true inside Mon–Fri 09:00–18:00 Seoul time, false before, at the end and on weekends", () => {
    // Monday 30 November 2026.
    expect(isWorking(seoul, at("2026-11-30T09:00+09:00"))).toBe(true);
    expect(isWorking(seoul, at("2026-11-30T17:59+09:00"))).toBe(true);
    expect(isWorking(seoul, at("2026-11-30T08:59+09:00"))).toBe(false);
    expect(isWorking(seoul, at("2026-11-30T18:00+09:00"))).toBe(false);
    expect(isWorking(seoul, at("2026-11-28T11:00+09:00"))).toBe(false); // Saturday
    expect(isWorking(seoul, at("2026-11-29T11:00+09:00"))).toBe(false); // Sunday
  });

  it("reads the instant in the person's own zone, not the server's or UTC", () => {
    // 01:00 UTC Monday is 10:00 in Seoul (working) and 20:00 Sunday in New York (not).
    const instant = at("2026-11-30T01:00Z");
    expect(isWorking(seoul, instant)).toBe(true);
    expect(isWorking(newYork, instant)).toBe(false);
    expect(isWorking(paris, instant)).toBe(false);
    // 14:00 UTC Monday: 23:00 in Seoul, 09:00 in New York, 15:00 in Paris.
    expect(isWorking(seoul, at("2026-11-30T14:00Z"))).toBe(false);
    expect(isWorking(newYork, at("2026-11-30T14:00Z"))).toBe(true);
    expect(isWorking(paris, at("2026-11-30T14:00Z"))).toBe(true);
  });

  it("follows daylight saving: 09:00 in New York is 13:00 UTC in summer and 14:00 UTC in winter", () => {
    expect(isWorking(newYork, at("2026-07-06T13:00Z"))).toBe(true);
    expect(isWorking(newYork, at("2026-07-06T12:59Z"))).toBe(false);
    expect(isWorking(newYork, at("2026-01-05T13:30Z"))).toBe(false);
    expect(isWorking(newYork, at("2026-01-05T14:00Z"))).toBe(true);
    // Paris: 18:00 is 16:00 UTC in summer, 17:00 UTC in winter.
    expect(isWorking(paris, at("2026-07-06T16:30Z"))).toBe(false);
    expect(isWorking(paris, at("2026-01-05T16:30Z"))).toBe(true);
  });

  it("is false on a company holiday, a local date in the person's zone", () => {
    const withHoliday = { ...seoul, holidays: ["2026-12-25"] };
    expect(isWorking(withHoliday, at("2026-12-25T10:00+09:00"))).toBe(false);
    expect(isWorking(withHoliday, at("2026-12-24T10:00+09:00"))).toBe(true);
    // 2026-12-24T16:00Z is already the 25th in Seoul (01:00) — but 11:00 on the 24th in New York.
    const nyHoliday = { ...newYork, holidays: ["2026-12-25"] };
    expect(isWorking(nyHoliday, at("2026-12-24T16:00Z"))).toBe(true);
  });

  it("handles an overnight shift that ends the next morning", () => {
    const night: WorkingHours = {
      timeZone: "Asia/Seoul",
      days: ["mon", "tue", "wed", "thu", "fri"],
      start: "22:00",
      end: "06:00",
    };
    expect(isWorking(night, at("2026-11-30T23:00+09:00"))).toBe(true); // Monday night
    expect(isWorking(night, at("2026-12-01T05:59+09:00"))).toBe(true); // Tuesday early, Monday's shift
    expect(isWorking(night, at("2026-12-01T06:00+09:00"))).toBe(false);
    expect(isWorking(night, at("2026-11-30T05:00+09:00"))).toBe(false); // Monday early: Sunday had no shift
    expect(isWorking(night, at("2026-12-05T03:00+09:00"))).toBe(true); // Saturday early: Friday's shift
    // A holiday cancels the shift that starts on it, not the one that runs into it.
    const withHoliday = { ...night, holidays: ["2026-12-01"] };
    expect(isWorking(withHoliday, at("2026-12-01T03:00+09:00"))).toBe(true);
    expect(isWorking(withHoliday, at("2026-12-01T23:00+09:00"))).toBe(false);
  });
});

describe("nextWorkingStart", () => {
  it("is the next 09:00 on a working day, skipping the weekend", () => {
    expect(nextWorkingStart(seoul, at("2026-11-30T20:00+09:00"))).toEqual(at("2026-12-01T09:00+09:00"));
    expect(nextWorkingStart(seoul, at("2026-11-30T07:00+09:00"))).toEqual(at("2026-11-30T09:00+09:00"));
    expect(nextWorkingStart(seoul, at("2026-12-04T19:00+09:00"))).toEqual(at("2026-12-07T09:00+09:00")); // Fri → Mon
    expect(nextWorkingStart(seoul, at("2026-11-30T09:00+09:00"))).toEqual(at("2026-11-30T09:00+09:00"));
    // Inside a period it names the next one.
    expect(nextWorkingStart(seoul, at("2026-11-30T10:00+09:00"))).toEqual(at("2026-12-01T09:00+09:00"));
  });

  it("skips holidays, e.g. 설날 2027 (6–9 Feb, with the weekend)", () => {
    const withSeollal = { ...seoul, holidays: ["2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"] };
    expect(nextWorkingStart(withSeollal, at("2027-02-05T19:00+09:00"))).toEqual(at("2027-02-10T09:00+09:00"));
    expect(heldUntil(withSeollal, at("2027-02-08T11:00+09:00"))).toEqual(at("2027-02-10T09:00+09:00"));
  });

  it("crosses daylight-saving changes with the new offset", () => {
    // New York springs forward on Sunday 8 March 2026: Friday 09:00 is 14:00 UTC, Monday 09:00 is 13:00 UTC.
    expect(nextWorkingStart(newYork, at("2026-03-06T20:00-05:00"))).toEqual(at("2026-03-09T13:00Z"));
    // And falls back on Sunday 1 November 2026: Monday 09:00 is 14:00 UTC again.
    expect(nextWorkingStart(newYork, at("2026-10-30T20:00-04:00"))).toEqual(at("2026-11-02T14:00Z"));
    // Paris moves on Sunday 29 March 2026 (+01:00 → +02:00) and Sunday 25 October 2026 (back).
    expect(nextWorkingStart(paris, at("2026-03-27T19:00+01:00"))).toEqual(at("2026-03-30T07:00Z"));
    expect(nextWorkingStart(paris, at("2026-10-23T19:00+02:00"))).toEqual(at("2026-10-26T08:00Z"));
  });

  it("starts a shift whose local start falls in a spring-forward gap at a real instant after the change", () => {
    const early: WorkingHours = { timeZone: "America/New_York", days: ["sun"], start: "02:30", end: "10:00" };
    const next = nextWorkingStart(early, at("2026-03-07T12:00-05:00"));
    expect(next).not.toBeNull();
    expect(next!.getTime()).toBeGreaterThan(at("2026-03-08T06:59Z").getTime());
    expect(next!.getTime()).toBe(at("2026-03-08T03:30-04:00").getTime());
    expect(isWorking(early, at("2026-03-08T09:00-04:00"))).toBe(true);
  });

  it("is null when no day is a working day", () => {
    expect(nextWorkingStart({ ...seoul, days: [] }, at("2026-11-30T20:00+09:00"))).toBeNull();
  });
});

describe("heldUntil", () => {
  it("is null while working, the next start otherwise, and never holds someone without working days", () => {
    expect(heldUntil(seoul, at("2026-11-30T10:00+09:00"))).toBeNull();
    expect(heldUntil(seoul, at("2026-11-30T22:00+09:00"))).toEqual(at("2026-12-01T09:00+09:00"));
    expect(heldUntil({ ...seoul, days: [] }, at("2026-11-30T22:00+09:00"))).toBeNull();
  });

  it("holds an overnight worker's message until their evening start", () => {
    const night: WorkingHours = {
      timeZone: "Europe/Paris",
      days: ["mon", "tue", "wed", "thu", "fri"],
      start: "22:00",
      end: "06:00",
    };
    expect(heldUntil(night, at("2026-12-01T12:00+01:00"))).toEqual(at("2026-12-01T22:00+01:00"));
    expect(heldUntil(night, at("2026-12-02T02:00+01:00"))).toBeNull();
  });
});

describe("helpers", () => {
  it("validates zones and dates, and shows local times", () => {
    expect(isTimeZone("Asia/Seoul")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isLocalDate("2026-02-17")).toBe(true);
    expect(isLocalDate("2026-02-30")).toBe(false);
    expect(isLocalDate("17/02/2026")).toBe(false);
    expect(localTime(at("2026-11-30T00:00Z"), "Asia/Seoul")).toBe("09:00");
    expect(localDate(at("2026-11-30T20:00Z"), "Asia/Seoul")).toBe("2026-12-01");
  });
});

describe("fall-back overlap", () => {
  it("starts a shift at a repeated local time on its first occurrence", () => {
    const early: WorkingHours = { timeZone: "America/New_York", days: ["sun"], start: "01:30", end: "10:00" };
    expect(nextWorkingStart(early, at("2026-10-31T12:00-04:00"))).toEqual(at("2026-11-01T01:30-04:00"));
  });
});

describe("around the clock", () => {
  it("treats an end equal to the start as 24 hours: every day 00:00–00:00 is always working", () => {
    const always: WorkingHours = {
      timeZone: "Asia/Seoul",
      days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      start: "00:00",
      end: "00:00",
    };
    for (const iso of ["2026-11-29T03:00+09:00", "2026-11-30T00:00+09:00", "2026-11-30T23:59+09:00"]) {
      expect(isWorking(always, at(iso))).toBe(true);
      expect(heldUntil(always, at(iso))).toBeNull();
    }
    const mondays: WorkingHours = { ...always, days: ["mon"], start: "09:00", end: "09:00" };
    expect(isWorking(mondays, at("2026-12-01T08:59+09:00"))).toBe(true);
    expect(isWorking(mondays, at("2026-12-01T09:00+09:00"))).toBe(false);
  });
});
