// An event's fields and state (issue #10 §2, docs/decisions/0006-events.md), without the database: limits, the join
// code's alphabet, the input schemas of the API and the pages, and the state people see —
//
//   the host's action if any (started → live, ended → ended), else the schedule: before starts_at upcoming,
//   until ends_at live, then ended. A host-started event that nobody ends is ended FORGOTTEN_MS after its
//   scheduled end, so a forgotten one does not stay live for ever.
//
// EFFECTIVE_STATE is the same rule in SQL, for lists by state.
import { z } from "zod";
import { AppError } from "#app/utils/errors";
import { cleanDisplayText, HANDLE_RE, isVisible, typeErrors } from "#app/utils/validation";
import { EVENT_KINDS, type EventState } from "#db/enums";

/** An event the host started and nobody ended is over this long after its scheduled end. */
export const FORGOTTEN_MS = 12 * 60 * 60 * 1000;
/** Join codes: six characters without look-alikes (no 0/O, 1/I/L): 31⁶ ≈ 887 million codes. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;
export const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
export const MAX_EVENT_TITLE = 150;
export const MAX_EVENT_DESCRIPTION = 5_000;
/** At most this many hosts and moderators together. */
export const MAX_EVENT_STAFF = 20;
export const EVENT_LIST_SIZE = 100;

/** The effective state as SQL over `events` aliased `alias` (needs @now): the same rule as effectiveState. */
export const EFFECTIVE_STATE = (alias: string) =>
  `(case when ${alias}.state = 'ended' then 'ended'
         when ${alias}.state = 'live' then case when @now >= ${alias}.ends_at + ${FORGOTTEN_MS} then 'ended' else 'live' end
         when @now >= ${alias}.ends_at then 'ended'
         when @now >= ${alias}.starts_at then 'live'
         else 'upcoming' end)`;

export function effectiveState(
  e: { state: EventState; startsAt: number; endsAt: number },
  now = Date.now(),
): EventState {
  if (e.state === "ended") return "ended";
  if (e.state === "live") return now >= e.endsAt + FORGOTTEN_MS ? "ended" : "live";
  if (now >= e.endsAt) return "ended";
  return now >= e.startsAt ? "live" : "upcoming";
}

// ---------------------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------------------

const TitleSchema = z
  .string(typeErrors("error.required", "error.invalid"))
  .transform(cleanDisplayText)
  .refine((s) => isVisible(s), "error.required")
  .refine((s) => s.length <= MAX_EVENT_TITLE, "error.tooLong");
const DescriptionSchema = z
  .string({ error: "error.invalid" })
  .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
  .refine((s) => s.length <= MAX_EVENT_DESCRIPTION, "error.tooLong");
/** A time as an ISO 8601 string with a zone, or epoch milliseconds (the pages convert local input first). */
const TimeSchema = z.union([z.string(), z.number()], { error: "error.invalid" }).transform((v, ctx) => {
  const ms = typeof v === "number" ? v : /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms) || ms < Date.UTC(2000, 0, 1) || ms > Date.UTC(2200, 0, 1)) {
    ctx.addIssue({ code: "custom", message: "event.badTime" });
    return z.NEVER;
  }
  return Math.round(ms);
});
const HandlesSchema = z
  .array(
    z
      .string({ error: "error.invalid" })
      .trim()
      .toLowerCase()
      .transform((h) => h.replace(/^@/, ""))
      .refine((h) => HANDLE_RE.test(h), "error.invalid"),
    {
      error: "error.invalid",
    },
  )
  .max(MAX_EVENT_STAFF, "error.tooLong")
  .transform((a) => [...new Set(a)]);

/** The longest grace window a host may set (a remote office's delay is seconds, not minutes). */
export const MAX_SEGMENT_GRACE_SECONDS = 300;

export const EventSettingsSchema = z.object({
  anonymous_questions: z.boolean({ error: "error.invalid" }).optional(),
  pre_moderation: z.boolean({ error: "error.invalid" }).optional(),
  comments: z.boolean({ error: "error.invalid" }).optional(),
  questions_open_at: TimeSchema.nullable().optional(),
  hosts_see_anonymous: z.boolean({ error: "error.invalid" }).optional(),
  /** How long after a segment change a comment or question may still claim the segment before (issue #10 §4). */
  segment_grace_seconds: z
    .number({ error: "error.invalid" })
    .int("error.invalid")
    .min(0, "error.invalid")
    .max(MAX_SEGMENT_GRACE_SECONDS, "error.invalid")
    .optional(),
});

export const NewEventSchema = z.object({
  title: TitleSchema,
  description: DescriptionSchema.default(""),
  kind: z.enum(EVENT_KINDS, { error: "error.invalid" }),
  starts_at: TimeSchema,
  ends_at: TimeSchema,
  group: z.string({ error: "error.invalid" }).trim().toLowerCase().nullable().optional(),
  settings: EventSettingsSchema.default({}),
  hosts: HandlesSchema.default([]),
  moderators: HandlesSchema.default([]),
});

export const EventPatchSchema = z.object({
  title: TitleSchema.optional(),
  description: DescriptionSchema.optional(),
  kind: z.enum(EVENT_KINDS, { error: "error.invalid" }).optional(),
  starts_at: TimeSchema.optional(),
  ends_at: TimeSchema.optional(),
  settings: EventSettingsSchema.optional(),
  hosts: HandlesSchema.optional(),
  moderators: HandlesSchema.optional(),
});

export const eventError = (
  key: "event.endsBeforeStart" | "event.unknownPeople" | "event.cannotSee",
  field: string,
  vars?: Record<string, string>,
) => new AppError(400, "validation_failed", key, { [field]: vars ? { key, vars } : key }, vars);

/** Whether questions may be asked now: live; or upcoming and past questions_open_at. */
export function questionsOpen(
  e: { state: EventState; startsAt: number; endsAt: number; questionsOpenAt: number | null },
  now = Date.now(),
): boolean {
  const state = effectiveState(e, now);
  if (state === "live") return true;
  return state === "upcoming" && e.questionsOpenAt != null && now >= e.questionsOpenAt;
}
