// The time-zone picker's list (issue #11 §2, #12 item 17): the runtime's IANA zones, not free text, each labelled in
// the viewer's language — "서울 (한국 표준시 · GMT+9)", "Paris (Central European Time · GMT+1)". Intl names the
// zone's time ("longGeneric") but not its city in Korean, so the cities people pick most have Korean names here;
// any other shows its IANA city ("Buenos Aires").
import type { Locale } from "./i18n";

const KOREAN_CITIES: Record<string, string> = {
  "Asia/Seoul": "서울",
  "Asia/Pyongyang": "평양",
  "Asia/Tokyo": "도쿄",
  "Asia/Shanghai": "상하이",
  "Asia/Hong_Kong": "홍콩",
  "Asia/Taipei": "타이베이",
  "Asia/Singapore": "싱가포르",
  "Asia/Bangkok": "방콕",
  "Asia/Ho_Chi_Minh": "호찌민",
  "Asia/Saigon": "호찌민",
  "Asia/Jakarta": "자카르타",
  "Asia/Manila": "마닐라",
  "Asia/Kuala_Lumpur": "쿠알라룸푸르",
  "Asia/Kolkata": "콜카타",
  "Asia/Calcutta": "콜카타",
  "Asia/Dubai": "두바이",
  "Asia/Riyadh": "리야드",
  "Asia/Tashkent": "타슈켄트",
  "Asia/Almaty": "알마티",
  "Asia/Ulaanbaatar": "울란바토르",
  "Asia/Vladivostok": "블라디보스토크",
  "Australia/Sydney": "시드니",
  "Australia/Melbourne": "멜버른",
  "Pacific/Auckland": "오클랜드",
  "Pacific/Honolulu": "호놀룰루",
  "Europe/London": "런던",
  "Europe/Paris": "파리",
  "Europe/Berlin": "베를린",
  "Europe/Amsterdam": "암스테르담",
  "Europe/Madrid": "마드리드",
  "Europe/Rome": "로마",
  "Europe/Stockholm": "스톡홀름",
  "Europe/Warsaw": "바르샤바",
  "Europe/Istanbul": "이스탄불",
  "Europe/Moscow": "모스크바",
  "Africa/Cairo": "카이로",
  "Africa/Johannesburg": "요하네스버그",
  "America/New_York": "뉴욕",
  "America/Chicago": "시카고",
  "America/Denver": "덴버",
  "America/Los_Angeles": "로스앤젤레스",
  "America/Vancouver": "밴쿠버",
  "America/Toronto": "토론토",
  "America/Mexico_City": "멕시코시티",
  "America/Sao_Paulo": "상파울루",
  "America/Argentina/Buenos_Aires": "부에노스아이레스",
  "America/Buenos_Aires": "부에노스아이레스",
  UTC: "협정 세계시",
};

let zones: readonly string[] | null = null;

/** The zones a person may choose: the runtime's IANA list plus UTC. */
export function listTimeZones(): readonly string[] {
  zones ??= [...Intl.supportedValuesOf("timeZone"), "UTC"];
  return zones;
}

/**
 * The listed zone `value` names (an alias such as "Asia/Kolkata" resolves to the runtime's own "Asia/Calcutta"),
 * or null when it is not a zone on the list — "GMT+9", "Mars/Olympus" or a typo are refused, not stored.
 */
export function canonicalTimeZone(value: string): string | null {
  const list = listTimeZones();
  if (list.includes(value)) return value;
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
    return list.includes(resolved) ? resolved : resolved === "UTC" || resolved === "Etc/UTC" ? "UTC" : null;
  } catch {
    return null;
  }
}

function zoneName(timeZone: string, locale: Locale, style: "longGeneric" | "shortOffset", at: Date): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
}

/** The zone's city: Korean where known, otherwise the IANA id's last part ("America/Argentina/Buenos_Aires"). */
export function timeZoneCity(timeZone: string, locale: Locale): string {
  if (locale === "ko" && KOREAN_CITIES[timeZone]) return KOREAN_CITIES[timeZone];
  if (timeZone === "UTC") return "UTC";
  return (timeZone.split("/").at(-1) ?? timeZone).replaceAll("_", " ");
}

/** "서울 (한국 표준시 · GMT+9)" / "Seoul (Korean Standard Time · GMT+9)". */
export function timeZoneLabel(timeZone: string, locale: Locale, at = new Date()): string {
  const generic = zoneName(timeZone, locale, "longGeneric", at);
  const offset = zoneName(timeZone, locale, "shortOffset", at);
  const city = timeZoneCity(timeZone, locale);
  return generic === offset ? `${city} (${offset})` : `${city} (${generic} · ${offset})`;
}

export type TimeZoneOption = { value: string; label: string; offsetMinutes: number };

const OFFSET_RE = /GMT([+-])(\d{1,2})(?::(\d{2}))?/;

/** Every zone as a picker option, west to east, then by label in the viewer's collation. */
export function timeZoneOptions(locale: Locale, at = new Date()): TimeZoneOption[] {
  const collator = new Intl.Collator(locale);
  return listTimeZones()
    .map((value) => {
      const m = OFFSET_RE.exec(zoneName(value, "en", "shortOffset", at));
      const offsetMinutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
      return { value, label: timeZoneLabel(value, locale, at), offsetMinutes };
    })
    .sort((a, b) => a.offsetMinutes - b.offsetMinutes || collator.compare(a.label, b.label));
}

/** The picker's options, with the person's current zone kept even if this runtime lists it under another name. */
export function zonePickerOptions(locale: Locale, current: string): { value: string; label: string }[] {
  const options = timeZoneOptions(locale).map(({ value, label }) => ({ value, label }));
  if (!options.some((o) => o.value === current) && canonicalTimeZone(current) != null)
    options.unshift({ value: current, label: timeZoneLabel(current, locale) });
  return options;
}
