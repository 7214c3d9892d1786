// The demo company's working hours (issue #11 §2): Korea's public holidays for 2026 and 2027 as company holidays
// (설날 and 추석 with their three days, and the substitute days the law gives when a holiday falls on a weekend),
// and a few people with hours of their own beside everyone on the company's Mon–Fri 09:00–18:00 in their own zone
// (the Paris, Dubai, Singapore and Berlin colleagues already have theirs from the seed's people).
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";

// prettier-ignore
export const KOREAN_HOLIDAYS: [date: string, name: string][] = [
  ["2026-01-01", "신정"],
  ["2026-02-16", "설날 연휴"], ["2026-02-17", "설날"], ["2026-02-18", "설날 연휴"],
  ["2026-03-01", "삼일절"], ["2026-03-02", "대체공휴일 (삼일절)"],
  ["2026-05-05", "어린이날"],
  ["2026-05-24", "부처님 오신 날"], ["2026-05-25", "대체공휴일 (부처님 오신 날)"],
  ["2026-06-03", "전국동시지방선거"],
  ["2026-06-06", "현충일"],
  ["2026-08-15", "광복절"], ["2026-08-17", "대체공휴일 (광복절)"],
  ["2026-09-24", "추석 연휴"], ["2026-09-25", "추석"], ["2026-09-26", "추석 연휴"],
  ["2026-10-03", "개천절"], ["2026-10-05", "대체공휴일 (개천절)"],
  ["2026-10-09", "한글날"],
  ["2026-12-25", "성탄절"],
  ["2027-01-01", "신정"],
  ["2027-02-06", "설날 연휴"], ["2027-02-07", "설날"], ["2027-02-08", "설날 연휴"], ["2027-02-09", "대체공휴일 (설날)"],
  ["2027-03-01", "삼일절"],
  ["2027-05-05", "어린이날"],
  ["2027-05-13", "부처님 오신 날"],
  ["2027-06-06", "현충일"],
  ["2027-08-15", "광복절"], ["2027-08-16", "대체공휴일 (광복절)"],
  ["2027-09-14", "추석 연휴"], ["2027-09-15", "추석"], ["2027-09-16", "추석 연휴"],
  ["2027-10-03", "개천절"], ["2027-10-04", "대체공휴일 (개천절)"],
  ["2027-10-09", "한글날"], ["2027-10-11", "대체공휴일 (한글날)"],
  ["2027-12-25", "성탄절"], ["2027-12-27", "대체공휴일 (성탄절)"],
];

// prettier-ignore
const OWN_HOURS: [handle: string, days: string, start: string, end: string][] = [
  // The SRE covers the evening: 11:00–20:00.
  ["yujin.choi", "mon,tue,wed,thu,fri", "11:00", "20:00"],
  // Flexible hours, in the office from 08:00.
  ["seunghyun.oh", "mon,tue,wed,thu,fri", "08:00", "17:00"],
  // Remote from Paris (his zone), starting half an hour later than the company.
  ["lucas.martin", "mon,tue,wed,thu,fri", "09:30", "18:30"],
];

/**
 * Adds the holidays and the people's own hours, and delivers what the seed's notifications hold: they group
 * back-dated activity (days old), so whatever hour the seed runs at, nothing of that history waits for a morning.
 */
export function seedWorkingHours(): { holidays: number; ownHours: number } {
  let ownHours = 0;
  getDb().transaction(() => {
    for (const [date, name] of KOREAN_HOLIDAYS)
      rawStatement(`insert or ignore into company_holidays (date, name) values (@date, @name)`).run({ date, name });
    for (const [handle, days, start, end] of OWN_HOURS)
      ownHours += rawStatement(
        `update users set work_days = @days, work_start = @start, work_end = @end where handle = @handle`,
      ).run({ handle, days, start, end }).changes;
    rawStatement(`update notifications set deliver_after = null where deliver_after is not null`).run();
  }, IMMEDIATE);
  return { holidays: KOREAN_HOLIDAYS.length, ownHours };
}
