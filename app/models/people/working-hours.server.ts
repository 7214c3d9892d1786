// Working hours as stored (issue #11 §2): a person's own hours or the company's, the company's holidays, and the
// questions the rest of Sori asks of them — who is off work now and until when (the profile, the mention
// autocomplete, the composer's preview), and when a notification may interrupt (quiet delivery,
// app/models/notifications/record.server.ts). The rule itself is app/utils/working-hours.ts, pure.
//
// A person's columns are null until they choose their own hours, so the company's (settings, admin page) reach
// everyone who did not; their time zone is always their own (users.time_zone). Holidays are company dates and
// apply to everyone, read as local dates in each person's zone.
import { can, type Viewer } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { getSetting, setSetting } from "#app/models/admin/settings.server";
import { AppError, forbidden } from "#app/utils/errors";
import { HolidaySchema, HoursSchema, TimeZoneSchema, type Hours } from "#app/utils/working-hours-schemas";
import { DEFAULT_WORKING_HOURS, heldUntil, WEEKDAYS, type Weekday, type WorkingHours } from "#app/utils/working-hours";

const COMPANY_KEY = "workingHours.company";

/** The company's hours (days, start, end), local to each person's zone; Mon–Fri 09:00–18:00 until admins change it. */
export function getCompanyHours(): Hours {
  const raw = getSetting(COMPANY_KEY);
  if (raw) {
    const parsed = HoursSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  }
  const { days, start, end } = DEFAULT_WORKING_HOURS;
  return { days: [...days], start, end };
}

function requireCalendarAdmin(viewer: Viewer) {
  // The company's calendar is the site admins', like the directory.
  if (!can(viewer, "people.administer", null)) throw forbidden();
}

export function setCompanyHours({ viewer, hours }: { viewer: Viewer; hours: Hours }) {
  requireCalendarAdmin(viewer);
  const parsed = HoursSchema.parse(hours);
  setSetting(COMPANY_KEY, JSON.stringify(parsed));
}

export type Holiday = { date: string; name: string };

/** The company's holidays, by date; `from` (a local date) leaves out the past. */
export function listHolidays({ from }: { from?: string } = {}): Holiday[] {
  return rawStatement(`select date, name from company_holidays where @from is null or date >= @from order by date`).all(
    { from: from ?? null },
  ) as Holiday[];
}

/** Adds a holiday, or renames the one on that date. */
export function addHoliday({ viewer, holiday }: { viewer: Viewer; holiday: Holiday }) {
  requireCalendarAdmin(viewer);
  const { date, name } = HolidaySchema.parse(holiday);
  rawStatement(
    `insert into company_holidays (date, name) values (@date, @name) on conflict (date) do update set name = excluded.name`,
  ).run({ date, name });
}

export function removeHoliday({ viewer, date }: { viewer: Viewer; date: string }) {
  requireCalendarAdmin(viewer);
  const removed = rawStatement(`delete from company_holidays where date = @date`).run({ date }).changes;
  if (removed === 0) throw new AppError(404, "not_found", "error.notFound");
}

type HoursRow = {
  id: number;
  timeZone: string;
  workDays: string | null;
  workStart: string | null;
  workEnd: string | null;
};

const parseDays = (value: string): Weekday[] =>
  value.split(",").filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));

function toHours(row: HoursRow, company: Hours, holidays: ReadonlySet<string>): WorkingHours {
  const own = row.workDays != null && row.workStart != null && row.workEnd != null;
  return {
    timeZone: row.timeZone,
    days: own ? parseDays(row.workDays!) : company.days,
    start: own ? row.workStart! : company.start,
    end: own ? row.workEnd! : company.end,
    holidays,
  };
}

const holidayDates = () =>
  new Set(rawStatement(`select date from company_holidays`).pluck().all() as string[]) as ReadonlySet<string>;

/** The working hours of each person (their own or the company's), with the company's holidays. */
export function workingHoursOf(userIds: readonly number[]): Map<number, WorkingHours> {
  const out = new Map<number, WorkingHours>();
  if (userIds.length === 0) return out;
  const company = getCompanyHours();
  const holidays = holidayDates();
  const rows = rawStatement(
    `select id, time_zone as timeZone, work_days as workDays, work_start as workStart, work_end as workEnd
       from users where id in (select value from json_each(@ids))`,
  ).all({ ids: JSON.stringify([...new Set(userIds)]) }) as HoursRow[];
  for (const row of rows) out.set(row.id, toHours(row, company, holidays));
  return out;
}

export type MyWorkingHours = { timeZone: string; own: boolean; days: Weekday[]; start: string; end: string };

/** A person's settings as the settings page and GET /api/v1/me/settings show them. */
export function getMyWorkingHours(viewer: Viewer): MyWorkingHours {
  const row = rawStatement(
    `select id, time_zone as timeZone, work_days as workDays, work_start as workStart, work_end as workEnd
       from users where id = @id`,
  ).get({ id: viewer.id }) as HoursRow;
  const hours = toHours(row, getCompanyHours(), new Set());
  return {
    timeZone: row.timeZone,
    own: row.workDays != null,
    days: [...hours.days],
    start: hours.start,
    end: hours.end,
  };
}

/**
 * Changes a person's time zone and/or hours; `hours: null` goes back to the company's. Validated here as well, so
 * a page, the API and a script cannot store a zone or a time the rule cannot read.
 */
export function updateMyWorkingHours({
  viewer,
  timeZone,
  hours,
}: {
  viewer: Viewer;
  timeZone?: string;
  hours?: Hours | null;
}) {
  const zone = timeZone === undefined ? undefined : TimeZoneSchema.parse(timeZone);
  const own = hours == null ? hours : HoursSchema.parse(hours);
  getDb().transaction(() => {
    if (zone !== undefined)
      rawStatement(`update users set time_zone = @zone where id = @id`).run({ zone, id: viewer.id });
    if (own !== undefined)
      rawStatement(`update users set work_days = @days, work_start = @start, work_end = @end where id = @id`).run({
        id: viewer.id,
        days: own ? own.days.join(",") : null,
        start: own ? own.start : null,
        end: own ? own.end : null,
      });
    recordEvent({ type: "user.changed", userId: viewer.id });
  }, IMMEDIATE);
}

/** People off work at `now`, each with the instant their next working period starts (ms). */
export function offWorkUntil(userIds: readonly number[], now = Date.now()): Map<number, number> {
  const out = new Map<number, number>();
  for (const [id, hours] of workingHoursOf(userIds)) {
    const until = heldUntil(hours, now);
    if (until) out.set(id, until.getTime());
  }
  return out;
}

/** The same by handle (the mention suggestions and a preview's mentions carry handles). */
export function offWorkUntilByHandle(handles: readonly string[], now = Date.now()): Map<string, number> {
  if (handles.length === 0) return new Map();
  const rows = rawStatement(`select id, handle from users where handle in (select value from json_each(@handles))`).all(
    {
      handles: JSON.stringify([...new Set(handles)]),
    },
  ) as { id: number; handle: string }[];
  const byId = offWorkUntil(
    rows.map((r) => r.id),
    now,
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const until = byId.get(r.id);
    if (until != null) out.set(r.handle, until);
  }
  return out;
}
