// When a personal access token stops working (issue #12.17), as chosen in Settings or with `tokens:create
// --expires`: never, in 30 or 90 days, or at the end of a day the owner picks. One reading for both, so the CLI
// and the form accept and refuse the same things. Pure: the clock and the owner's zone are passed in.
import { localToEpoch } from "#app/utils/events";
import { isLocalDate, localDate } from "#app/utils/working-hours";
import type { MessageKey } from "#app/utils/i18n";

export const TOKEN_EXPIRY_CHOICES = ["never", "30", "90", "date"] as const;
export type TokenExpiryChoice = (typeof TOKEN_EXPIRY_CHOICES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day after a "YYYY-MM-DD" (calendar arithmetic, so a zone's daylight-saving change does not matter). */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/**
 * The instant a token made now stops working: null for never. A date means "usable through that day" in the
 * owner's zone, so it ends at the next local midnight; today is allowed, a past day is not (it would make a token
 * that never works).
 */
export function tokenExpiry(
  choice: string,
  date: string,
  { now, timeZone }: { now: number; timeZone: string },
): { ok: true; expiresAt: Date | null } | { ok: false; field: "expires" | "expiresOn"; error: MessageKey } {
  switch (choice) {
    case "":
    case "never":
      return { ok: true, expiresAt: null };
    case "30":
    case "90":
      return { ok: true, expiresAt: new Date(now + Number(choice) * DAY_MS) };
    case "date": {
      const day = date.trim();
      if (!day) return { ok: false, field: "expiresOn", error: "tokens.expiryDateRequired" };
      if (!isLocalDate(day)) return { ok: false, field: "expiresOn", error: "tokens.expiryDateInvalid" };
      if (day < localDate(now, timeZone)) return { ok: false, field: "expiresOn", error: "tokens.expiryDatePast" };
      return { ok: true, expiresAt: new Date(localToEpoch(`${nextDay(day)}T00:00`, timeZone)!) };
    }
    default:
      return { ok: false, field: "expires", error: "tokens.expiryUnknown" };
  }
}
