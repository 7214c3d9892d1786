// What the live event pages share on the server (issue #10 §2–3): the join URL and its QR code, times in the
// viewer's language and zone, and one way to turn a refused form into field messages.
import QRCode from "qrcode";
import { ZodError } from "zod";
import { getEnv } from "#app/infra/env.server";
import { formatDateTime, type Locale } from "#app/utils/i18n";
import { toFieldErrors } from "#app/utils/validation";
import { appErrorToAction, invalid } from "./forms.server";

/** Where people join an event by its code (the configured origin, else the request's). */
export function joinUrl(request: Request, code: string): string {
  const origin = getEnv().APP_ORIGIN ?? new URL(request.url).origin;
  return `${origin.replace(/\/$/, "")}/e/${code}`;
}

/** The join URL as an SVG QR code, rendered here so the page needs no script for it. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
}

export const eventTime = (locale: Locale, ms: number, timeZone: string) => formatDateTime(locale, ms, timeZone);

/** A refused event form: the model's zod and AppError failures as the form's 4xx (nothing was written). */
export function eventActionError(error: unknown, values?: Record<string, string>) {
  if (error instanceof ZodError) return invalid(toFieldErrors(error), 400, values);
  return appErrorToAction(error, values);
}
