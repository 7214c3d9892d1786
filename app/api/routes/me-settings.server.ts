// A person's own settings over the API (issue #11 §5): time zone, working hours and notification channels.
// GET answers them; PATCH changes what it is given (all checked first, then written in one go — a bad field changes
// nothing). Working hours `null` go back to the company's.
import { createRoute, z } from "@hono/zod-openapi";
import { mailEnabled } from "#app/infra/mailer.server";
import { getNotificationSettings, updateNotificationSettings } from "#app/models/notifications/settings.server";
import {
  getCompanyHours,
  getMyWorkingHours,
  offWorkUntil,
  updateMyWorkingHours,
} from "#app/models/people/working-hours.server";
import { getDb, IMMEDIATE } from "#app/infra/db.server";
import { canonicalTimeZone } from "#app/utils/time-zones";
import { TIME_RE, WEEKDAYS } from "#app/utils/working-hours";
import type { Viewer } from "#app/access/rules";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from "#db/enums";
import { errorResponses, jsonBody, type Api } from "../operation.server";

const tags = ["People"];

const Time = z.string().regex(TIME_RE, "workingHours.badTime").openapi({ example: "09:00" });
const HoursSchema = z
  .object({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1, "workingHours.noDays")
      .max(7)
      .openapi({ example: ["mon", "tue", "wed", "thu", "fri"] }),
    start: Time,
    end: Time.openapi({
      description: "Before `start`: the period ends the next day; equal to it: 24 hours.",
      example: "18:00",
    }),
  })
  .openapi("WorkingHours");

const TimeZone = z
  .string()
  .max(64)
  .refine((zone) => canonicalTimeZone(zone) != null, "workingHours.badZone")
  .openapi({ description: "An IANA time zone, e.g. Asia/Seoul.", example: "Asia/Seoul" });

// The model's NotificationSettingsSchema, made here with the router's zod: a schema built before
// @hono/zod-openapi extended zod has no .openapi() (it depends on which module a process imported first).
const Channels = z
  .object(
    Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, z.enum(NOTIFICATION_CHANNELS, { error: "error.invalid" }).optional()]),
    ) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [C in NotificationChannel]: C }>>>,
  )
  .strict()
  .openapi("NotificationChannels", {
    description: "A channel per notification kind: in_app, email (only while email is on) or off.",
  });

export const MeSettingsSchema = z
  .object({
    time_zone: TimeZone,
    working_hours: HoursSchema.extend({
      own: z.boolean().openapi({ description: "false: the company's hours (they follow the admin's changes)." }),
    }),
    company_hours: HoursSchema,
    off_work_until: z.string().nullable().openapi({
      format: "date-time",
      description: "While off work, when the next working period starts (notifications wait until then).",
    }),
    notifications: Channels,
  })
  .openapi("MeSettings");

export const PatchMeSettingsSchema = z
  .object({
    time_zone: TimeZone.optional(),
    working_hours: HoursSchema.nullable()
      .optional()
      .openapi({ description: "Your own hours, or null for the company's." }),
    notifications: Channels.optional(),
  })
  .strict()
  .openapi("PatchMeSettings");

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });

const read = createRoute({
  method: "get",
  path: "/api/v1/me/settings",
  tags,
  summary: "Your time zone, working hours and notification settings",
  responses: { 200: json(MeSettingsSchema, "Your settings."), ...errorResponses },
});

const patch = createRoute({
  method: "patch",
  path: "/api/v1/me/settings",
  tags,
  summary: "Change your time zone, working hours (null: the company's) or notification channels",
  middleware: [jsonBody] as const,
  request: { body: { required: true, content: { "application/json": { schema: PatchMeSettingsSchema } } } },
  responses: { 200: json(MeSettingsSchema, "Your settings as changed."), ...errorResponses },
});

function settingsJson(viewer: Viewer) {
  const mine = getMyWorkingHours(viewer);
  const until = offWorkUntil([viewer.id]).get(viewer.id);
  return {
    time_zone: mine.timeZone,
    working_hours: { own: mine.own, days: mine.days, start: mine.start, end: mine.end },
    company_hours: getCompanyHours(),
    off_work_until: until != null ? new Date(until).toISOString() : null,
    notifications: getNotificationSettings(viewer),
  };
}

export function registerMeSettingsRoutes(api: Api) {
  api.openapi(read, (c) => c.json(settingsJson(c.get("viewer")), 200));

  api.openapi(patch, (c) => {
    const viewer = c.get("viewer");
    const body = c.req.valid("json");
    getDb().transaction(() => {
      if (body.time_zone !== undefined || body.working_hours !== undefined)
        updateMyWorkingHours({ viewer, timeZone: body.time_zone, hours: body.working_hours });
      if (body.notifications) updateNotificationSettings(viewer, body.notifications, { emailEnabled: mailEnabled() });
    }, IMMEDIATE);
    return c.json(settingsJson(viewer), 200);
  });
}
