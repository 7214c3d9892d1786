// Knowledge stats (issue #9 item 7), what the model, the API and the pages share: the periods one may choose and
// a waiting time written for people ("3시간 12분" / "3 h 12 min").
import type { Locale } from "./i18n";

export const STATS_PERIODS = [30, 90, 365] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];
export const DEFAULT_STATS_PERIOD: StatsPeriod = 90;

/** A question waits this long without any answer before the stats list it as neglected. */
export const UNANSWERED_AFTER_DAYS = 7;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: Record<Locale, { d: string; h: string; min: string; under: string; join: string }> = {
  en: { d: " d", h: " h", min: " min", under: "< 1 min", join: " " },
  ko: { d: "일", h: "시간", min: "분", under: "1분 미만", join: " " },
};

/**
 * A duration in its two largest units, rounded down: "2 d 4 h", "3 h 12 min", "45 min" / "2일 4시간",
 * "3시간 12분", "45분"; under a minute "< 1 min" / "1분 미만". A median is a guide, not a stopwatch.
 */
export function formatDuration(locale: Locale, ms: number): string {
  const u = UNITS[locale];
  if (!(ms >= MINUTE)) return u.under;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const parts: [number, string][] =
    days > 0
      ? [
          [days, u.d],
          [hours, u.h],
        ]
      : hours > 0
        ? [
            [hours, u.h],
            [minutes, u.min],
          ]
        : [[minutes, u.min]];
  return parts
    .filter(([n], i) => i === 0 || n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(u.join);
}

/** A share (0..1) as a whole percentage, or "—" when there is nothing to divide. */
export function formatShare(share: number | null): string {
  return share == null ? "—" : `${Math.round(share * 100)}%`;
}
