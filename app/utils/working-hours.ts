// Working hours (issue #11 §2, DESIGN.md invariant 6 "People's time"): when a person is at work, and when they
// next will be. Pure and shared by server and browser: quiet delivery of notifications, the "off work until 09:00"
// notice senders see, and later the email digest all ask this one module, so the rule is defined once.
//
// Zone math uses the platform's Intl (the IANA database the runtime ships), no library: a wall-clock time in a
// zone is turned into an instant by asking Intl for the zone's offset, twice, which settles the offset across a
// daylight-saving change (America/New_York, Europe/Paris).
//
// Rules:
// - A working period starts on a working day (one of `days`, not a holiday) at `start` local time and ends at
//   `end` local time; when `end` is not after `start` it ends on the next day (an overnight shift, 22:00–06:00),
//   and when they are equal it lasts 24 hours (every day 00:00–00:00: always reachable).
// - Holidays are local calendar dates ("2026-02-17") in the person's own zone; a holiday cancels the period that
//   starts on it (an overnight shift starting the evening before still runs into the holiday's morning).
// - A start time skipped by a spring-forward change (02:30 on that Sunday) starts when the clock has moved on
//   (03:30); one repeated by a fall-back change starts at its first occurrence.
// - Without any working day there is no next start (null): callers deliver at once rather than hold forever.

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WorkingHours {
  /** An IANA zone, e.g. "Asia/Seoul". */
  timeZone: string;
  /** Working days, e.g. ["mon", "tue", "wed", "thu", "fri"]. */
  days: readonly Weekday[];
  /** "HH:MM", 24-hour local time. */
  start: string;
  /** "HH:MM"; before `start`: the period ends the next day; equal: it lasts 24 hours. */
  end: string;
  /** Local dates ("YYYY-MM-DD") on which no period starts. */
  holidays?: Iterable<string>;
}

/** The company's default (issue #11 §2): Mon–Fri 09:00–18:00 in Seoul. Admins change it on the admin page. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  timeZone: "Asia/Seoul",
  days: ["mon", "tue", "wed", "thu", "fri"],
  start: "09:00",
  end: "18:00",
};

export const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 3600 * 1000;

/** "09:30" → 570; throws on anything else (inputs are validated before they reach here). */
export function minutesOf(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether `date` is "YYYY-MM-DD" naming a real calendar date. */
export function isLocalDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** Whether `timeZone` is a zone this runtime knows (the picker's list, plus aliases such as "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Building a DateTimeFormat costs far more than using one; quiet delivery asks once per recipient.
const formats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, f);
  }
  return f;
}

interface Wall {
  y: number;
  m: number; // 1–12
  d: number;
  minutes: number; // since local midnight
  asUtc: number; // the wall clock read as if it were UTC (ms, whole seconds)
}

function wallClock(ms: number, timeZone: string): Wall {
  const parts = partsFormat(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const [y, m, d, h, mi, s] = [get("year"), get("month"), get("day"), get("hour"), get("minute"), get("second")];
  return { y, m, d, minutes: h * 60 + mi, asUtc: Date.UTC(y, m - 1, d, h, mi, s) };
}

function offsetAt(ms: number, timeZone: string): number {
  return wallClock(ms, timeZone).asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` reads local day `dayUtc` (a UTC midnight) + `minutes`. Like
 * Temporal's "compatible": a time repeated by a fall-back change is its first occurrence; a time skipped by a
 * spring-forward change is read with the offset before the change, i.e. as late as the skipped hour (02:30 → 03:30).
 */
function instantOf(dayUtc: number, minutes: number, timeZone: string): number {
  const naive = dayUtc + minutes * 60_000;
  const before = offsetAt(naive - DAY_MS / 2, timeZone);
  const after = offsetAt(naive + DAY_MS / 2, timeZone);
  const fits = [naive - before, naive - after].filter((c) => naive - offsetAt(c, timeZone) === c);
  return fits.length > 0 ? Math.min(...fits) : naive - before;
}

const dateKey = (dayUtc: number) => new Date(dayUtc).toISOString().slice(0, 10);
const weekdayOf = (dayUtc: number): Weekday => WEEKDAYS[(new Date(dayUtc).getUTCDay() + 6) % 7];

function startsOn(hours: WorkingHours, holidays: ReadonlySet<string>, dayUtc: number): boolean {
  return hours.days.includes(weekdayOf(dayUtc)) && !holidays.has(dateKey(dayUtc));
}

const holidaySet = (hours: WorkingHours): ReadonlySet<string> =>
  hours.holidays instanceof Set ? hours.holidays : new Set(hours.holidays ?? []);

/** Whether the person is within a working period at `at`. */
export function isWorking(hours: WorkingHours, at: Date | number): boolean {
  const holidays = holidaySet(hours);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const wall = wallClock(new Date(at).getTime(), hours.timeZone);
  const today = Date.UTC(wall.y, wall.m - 1, wall.d);
  if (end > start) return startsOn(hours, holidays, today) && wall.minutes >= start && wall.minutes < end;
  // Overnight: this evening's period, or the one that began yesterday evening and runs until `end`.
  if (wall.minutes >= start && startsOn(hours, holidays, today)) return true;
  return wall.minutes < end && startsOn(hours, holidays, today - DAY_MS);
}

/**
 * The first instant at or after `at` at which a working period starts — the start of the *next* period, even when
 * `at` is inside one (a digest "at the start of their working hours"). Null when no period ever starts (no days).
 */
export function nextWorkingStart(hours: WorkingHours, at: Date | number): Date | null {
  const ms = new Date(at).getTime();
  const holidays = holidaySet(hours);
  const start = minutesOf(hours.start);
  const wall = wallClock(ms, hours.timeZone);
  const today = Date.UTC(wall.y, wall.m - 1, wall.d);
  // A year and a week covers any weekly pattern with a year of holidays in the way; past that, nothing starts.
  for (let i = 0; i <= 372; i++) {
    const day = today + i * DAY_MS;
    if (!startsOn(hours, holidays, day)) continue;
    const instant = instantOf(day, start, hours.timeZone);
    if (instant >= ms) return new Date(instant);
  }
  return null;
}

/**
 * Quiet delivery's question: null when something for this person may interrupt at `at` (they are working, or
 * they have no working hours at all); otherwise the instant it should reach them — their next working start.
 */
export function heldUntil(hours: WorkingHours, at: Date | number): Date | null {
  if (hours.days.length === 0 || isWorking(hours, at)) return null;
  return nextWorkingStart(hours, at);
}

/** Local "HH:MM" of an instant in a zone (the form's and the API's view of a time). */
export function localTime(at: Date | number, timeZone: string): string {
  const minutes = wallClock(new Date(at).getTime(), timeZone).minutes;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Local "YYYY-MM-DD" of an instant in a zone. */
export function localDate(at: Date | number, timeZone: string): string {
  const w = wallClock(new Date(at).getTime(), timeZone);
  return dateKey(Date.UTC(w.y, w.m - 1, w.d));
}
