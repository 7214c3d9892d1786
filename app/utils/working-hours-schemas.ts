// The forms' and the API's rules for working hours and time zones (issue #11 §2): one definition, used by the
// settings page, the admin page and PATCH /api/v1/me/settings.
import { z } from "zod";
import { canonicalTimeZone } from "./time-zones";
import { isLocalDate, TIME_RE, WEEKDAYS } from "./working-hours";

/** A zone from the picker's list (aliases resolve to it); free text such as "GMT+9" is refused. */
export const TimeZoneSchema = z
  .string({ error: "error.required" })
  .trim()
  .min(1, "error.required")
  .max(64, "error.tooLong")
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone == null) {
      ctx.addIssue({ code: "custom", message: "workingHours.badZone" });
      return z.NEVER;
    }
    return zone;
  });

export const TimeOfDaySchema = z.string({ error: "error.required" }).trim().regex(TIME_RE, "workingHours.badTime");

/** Days, start and end; an end before the start is an overnight span, an end equal to it 24 hours. */
export const HoursSchema = z.object({
  days: z
    .array(z.enum(WEEKDAYS, { error: "error.invalid" }), { error: "workingHours.noDays" })
    .min(1, "workingHours.noDays")
    .max(7)
    .transform((days) => WEEKDAYS.filter((d) => days.includes(d))),
  start: TimeOfDaySchema,
  end: TimeOfDaySchema,
});

export type Hours = z.infer<typeof HoursSchema>;

export const HolidaySchema = z.object({
  date: z.string({ error: "error.required" }).trim().refine(isLocalDate, "workingHours.badDate"),
  name: z.string({ error: "error.required" }).trim().min(1, "error.required").max(60, "error.tooLong"),
});
