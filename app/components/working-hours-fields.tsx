// Working days and times (issue #11 §2), shared by a person's settings and the admin's company hours.
import { useId } from "react";
import { WEEKDAYS, type Weekday } from "#app/utils/working-hours";
import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";

export function WorkingHoursFields({
  days,
  start,
  end,
  errors,
  disabled,
}: {
  days: readonly Weekday[];
  start: string;
  end: string;
  errors?: FieldErrors;
  disabled?: boolean;
}) {
  const t = useT();
  const fieldError = useFieldError();
  const id = useId();
  const daysError = fieldError(errors, "days");
  return (
    <>
      <fieldset className="field" disabled={disabled} aria-describedby={daysError ? `${id}-days-error` : undefined}>
        <legend>{t("workingHours.days")}</legend>
        <div className="weekdays">
          {WEEKDAYS.map((d) => (
            <label key={d}>
              <input type="checkbox" name="days" value={d} defaultChecked={days.includes(d)} /> {t(`weekday.${d}`)}
            </label>
          ))}
        </div>
        {daysError ? (
          <p className="error" id={`${id}-days-error`}>
            {daysError}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-start`}>{t("workingHours.start")}</label>
        <input id={`${id}-start`} type="time" name="start" defaultValue={start} required disabled={disabled} />
        {fieldError(errors, "start") ? <p className="error">{fieldError(errors, "start")}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-end`}>{t("workingHours.end")}</label>
        <input
          id={`${id}-end`}
          type="time"
          name="end"
          defaultValue={end}
          required
          disabled={disabled}
          aria-describedby={`${id}-end-hint`}
        />
        <p className="hint" id={`${id}-end-hint`}>
          {t("workingHours.endHint")}
        </p>
        {fieldError(errors, "end") ? <p className="error">{fieldError(errors, "end")}</p> : null}
      </div>
    </>
  );
}

/** "월–금 09:00–18:00" / "Mon–Fri 09:00–18:00" (a run of days as a range, otherwise listed). */
export function hoursSummary(
  t: (key: `weekday.${Weekday}`) => string,
  { days, start, end }: { days: readonly Weekday[]; start: string; end: string },
): string {
  const idx = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const run = idx.length > 2 && idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  const dayText = run
    ? `${t(`weekday.${WEEKDAYS[idx[0]]}`)}–${t(`weekday.${WEEKDAYS[idx.at(-1)!]}`)}`
    : idx.map((i) => t(`weekday.${WEEKDAYS[i]}`)).join(", ");
  return `${dayText} ${start}–${end}`;
}
