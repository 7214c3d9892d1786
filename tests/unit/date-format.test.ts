// Dates in the viewer's language and time zone (issue #12 item 19, app/utils/i18n.ts): a Korean date reads
// "2026년 11월 30일 오후 3:05" — never "PM" inside it, whatever ICU data the runtime carries — and the same instant
// shows the viewer's own wall clock.
import { describe, expect, it } from "vitest";
import { formatDateTime, formatTime } from "#app/utils/i18n";

const at = new Date("2026-11-30T06:05:00Z");

describe("formatDateTime", () => {
  it("writes a Korean date with 오전/오후 in the viewer's zone", () => {
    expect(formatDateTime("ko", at, "Asia/Seoul")).toBe("2026년 11월 30일 오후 3:05");
    expect(formatDateTime("ko", new Date("2026-11-30T00:05:00Z"), "Asia/Seoul")).toBe("2026년 11월 30일 오전 9:05");
    expect(formatDateTime("ko", new Date("2026-11-30T03:00:00Z"), "Asia/Seoul")).toBe("2026년 11월 30일 오후 12:00");
    expect(formatDateTime("ko", new Date("2026-11-29T15:30:00Z"), "Asia/Seoul")).toBe("2026년 11월 30일 오전 12:30");
    expect(formatDateTime("ko", at, "Asia/Seoul")).not.toMatch(/AM|PM/);
  });

  it("writes an English date on a 24-hour clock, in the zone given", () => {
    expect(formatDateTime("en", at, "Asia/Seoul")).toBe("30 Nov 2026, 15:05");
    expect(formatDateTime("en", at, "Europe/Paris")).toBe("30 Nov 2026, 07:05");
    expect(formatDateTime("en", at, "America/New_York")).toBe("30 Nov 2026, 01:05");
    // The day changes with the zone too.
    expect(formatDateTime("ko", at, "America/Los_Angeles")).toBe("2026년 11월 29일 오후 10:05");
  });

  it("follows daylight saving", () => {
    expect(formatDateTime("en", new Date("2026-07-01T13:00:00Z"), "America/New_York")).toBe("1 Jul 2026, 09:00");
    expect(formatDateTime("en", new Date("2026-01-05T13:00:00Z"), "America/New_York")).toBe("5 Jan 2026, 08:00");
  });
});

describe("formatTime", () => {
  it("is 오전/오후 in Korean and 24-hour in English", () => {
    expect(formatTime("ko", at, "Asia/Seoul")).toBe("오후 3:05");
    expect(formatTime("en", at, "Asia/Seoul")).toBe("15:05");
  });
});
