import { useCallback } from "react";
import { translate, type Locale, type MessageKey } from "./i18n";
import type { FieldErrors } from "./errors";
import { useRootData } from "./root-data";

export function useLocale(): Locale {
  return useRootData()?.locale ?? "en";
}

/** The viewer's time zone (their setting; the company's Seoul when signed out), for every date a page shows. */
export function useTimeZone(): string {
  return useRootData()?.user?.timeZone ?? "Asia/Seoul";
}

export function useT() {
  const locale = useLocale();
  return useCallback(
    (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
    [locale],
  );
}

/** The translated message of one field error, if any. */
export function useFieldError() {
  const t = useT();
  return (errors: FieldErrors | undefined, field: string) => {
    const e = errors?.[field];
    if (!e) return undefined;
    return typeof e === "string" ? t(e) : t(e.key, e.vars);
  };
}
