// The off-work notice senders see (issue #11 §2): "퇴근 · 09:00에 알림" / "Off work · notified at 09:00" on a profile
// and in the mention suggestions, "they will be notified at 09:00" under a preview — the time in the *viewer's*
// zone and language (the one reading it is the one planning around it). Within a day the time says enough;
// further off (a weekend, a holiday) the weekday comes first.
import { translate, type Locale } from "./i18n";
import { localTime, WEEKDAYS } from "./working-hours";

const DAY = 24 * 3600 * 1000;

function when(locale: Locale, until: number, now: number, timeZone: string) {
  const time = localTime(until, timeZone);
  if (until - now < DAY) return { time, day: null };
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(until).toLowerCase();
  const key = WEEKDAYS.find((d) => weekday.startsWith(d)) ?? "mon";
  return { time, day: translate(locale, `weekday.${key}`) };
}

export function offWorkLabel(locale: Locale, until: number, timeZone: string, now = Date.now()): string {
  const { time, day } = when(locale, until, now, timeZone);
  return day
    ? translate(locale, "workingHours.offUntilDay", { day, time })
    : translate(locale, "workingHours.offUntil", { time });
}

export function willBeNotifiedLabel(
  locale: Locale,
  names: string[],
  until: number,
  timeZone: string,
  now = Date.now(),
): string {
  const { time, day } = when(locale, until, now, timeZone);
  const list = names.join(", ");
  return day
    ? translate(locale, "workingHours.willBeNotifiedDay", { names: list, day, time })
    : translate(locale, "workingHours.willBeNotified", { names: list, time });
}
