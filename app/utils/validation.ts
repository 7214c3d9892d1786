// zod schemas shared by forms and the API. Messages are i18n keys; routes translate them.
import { z } from "zod";
import { TimeZoneSchema } from "./working-hours-schemas";
import type { MessageKey } from "./i18n";
import { isMessageKey, LOCALES } from "./i18n";
import type { FieldErrors } from "./errors";

export const MAX_POST_LENGTH = 10_000;
export const HANDLE_RE = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/**
 * Bidirectional embedding, override and isolate controls (and the marks): in a name or link text they can
 * make `‮moc.elpmaxe` read as another address (issue #8 §12), so they are removed there.
 */
export const BIDI_CONTROLS_RE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** Characters that show nothing: white space, default-ignorables (U+200B, Hangul fillers …), braille blank. */
const INVISIBLE_RE = /[\s\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Whether text shows anything at all (a body or name of only U+200B or U+2800 does not). */
export function isVisible(s: string): boolean {
  return s.replace(INVISIBLE_RE, "").length > 0;
}

/** A name-like field as stored: NFC, without bidi controls, trimmed. */
/** Names and short texts other people see (profile fields, bio, group names and descriptions): NFC, without
 * bidi controls (a spoofed "‮moc.elpmaxe"), trimmed. */
export const cleanDisplayText = (s: string) => s.normalize("NFC").replace(BIDI_CONTROLS_RE, "").trim();
const cleanName = cleanDisplayText;

/**
 * The messages of a value that is missing (`required`) or of the wrong type (`invalid`): zod 4 takes one `error`
 * function where zod 3 had `required_error` and `invalid_type_error`.
 */
export const typeErrors = (required: MessageKey, invalid: MessageKey) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? required : invalid),
});

const required = (max: number) =>
  z.string(typeErrors("error.required", "error.invalid")).trim().min(1, "error.required").max(max, "error.tooLong");

export const EmailSchema = z
  .string(typeErrors("error.required", "error.invalid"))
  .trim()
  .toLowerCase()
  .min(1, "error.required")
  .max(254, "error.tooLong")
  .email("error.email");

/** NIST SP 800-63B's floor for a memorised secret chosen by the person is 8; 12 buys margin (issue #8.13). The
 * common-password check needs the server's list: app/infra/passwords.server.ts. */
export const MIN_PASSWORD_LENGTH = 12;

export const PasswordSchema = z
  .string(typeErrors("error.required", "error.invalid"))
  .min(MIN_PASSWORD_LENGTH, "error.tooShort")
  .max(200, "error.tooLong");

export const HandleSchema = z
  .string(typeErrors("error.required", "error.invalid"))
  .trim()
  .toLowerCase()
  .regex(HANDLE_RE, "error.handle");

export const ProfileFieldsSchema = z.object({
  name: required(100)
    .transform(cleanName)
    .refine((s) => isVisible(s), "error.required"),
  department: z.string().trim().max(100, "error.tooLong").default("").transform(cleanName),
  title: z.string().trim().max(100, "error.tooLong").default("").transform(cleanName),
});

export const NewAccountSchema = ProfileFieldsSchema.extend({
  email: EmailSchema,
  handle: HandleSchema,
  password: PasswordSchema,
});

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string(typeErrors("error.required", "error.invalid")).min(1, "error.required").max(200, "error.tooLong"),
  redirectTo: z.string().optional(),
});

export const ProfileSettingsSchema = ProfileFieldsSchema.extend({
  bio: z.string().trim().max(1000, "error.tooLong").default("").transform(cleanDisplayText),
  locale: z.enum(["", ...LOCALES], { error: "error.invalid" }).default(""),
  // A zone from the picker's list (issue #12 item 17), not free text.
  timeZone: TimeZoneSchema,
});

export const PostBodySchema = z
  .string(typeErrors("error.postEmpty", "error.invalid"))
  .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n"))
  .refine((s) => isVisible(s), "error.postEmpty")
  .refine((s) => s.length <= MAX_POST_LENGTH, "error.postTooLong");

/** "Ask someone" (issue #9 item 4): how many people a question's asker may ask for an answer, in all. */
export const MAX_ANSWER_REQUESTS = 5;

/** A question's title (issue #9): required for questions, NFC, trimmed, at most MAX_TITLE_LENGTH characters. */
export const MAX_TITLE_LENGTH = 150;

export const QuestionTitleSchema = z
  .string(typeErrors("question.titleRequired", "error.invalid"))
  .transform(cleanDisplayText)
  .refine((s) => isVisible(s), "question.titleRequired")
  .refine((s) => s.length <= MAX_TITLE_LENGTH, "question.titleTooLong");

const LIMITS: Partial<Record<MessageKey, Record<string, number>>> = {
  "error.postTooLong": { max: MAX_POST_LENGTH },
  "question.titleTooLong": { max: MAX_TITLE_LENGTH },
};

/** zod issues → one message key per field (the first), with the numbers the message needs. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    // Any catalog key a schema names (e.g. "group.slugInvalid"); zod's own English messages become error.invalid.
    const key: MessageKey = isMessageKey(issue.message) ? issue.message : "error.invalid";
    const vars: Record<string, number> = { ...(LIMITS[key] ?? {}) };
    if (issue.code === "too_big") vars.max = Number(issue.maximum);
    if (issue.code === "too_small") vars.min = Number(issue.minimum);
    out[field] = { key, vars };
  }
  return out;
}
