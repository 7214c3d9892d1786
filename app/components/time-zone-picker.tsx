// The time-zone picker (issue #11 §2, #12 item 17): a <select> of the IANA zones with labels in the viewer's
// language, which works without JavaScript; with it, a search box above narrows the list as one types (a city in
// Korean or English, a zone's name, "GMT+9"). Not free text: the server checks the choice against the same list.
import { useEffect, useId, useMemo, useState } from "react";
import { useT } from "#app/utils/use-t";

export type ZoneOption = { value: string; label: string };

export function TimeZonePicker({
  name,
  label,
  options,
  defaultValue,
  error,
  hint,
}: {
  name: string;
  label: string;
  options: ZoneOption[];
  defaultValue: string;
  error?: string;
  hint?: string;
}) {
  const t = useT();
  const id = useId();
  const [hydrated, setHydrated] = useState(false);
  const [query, setQuery] = useState("");
  const [value, setValue] = useState(defaultValue);
  useEffect(() => setHydrated(true), []);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase().normalize("NFC");
    if (!q) return options;
    const words = q.split(/\s+/);
    // The chosen zone stays in the list, so the select never shows something other than what will be sent.
    return options.filter(
      (o) =>
        o.value === value || words.every((w) => `${o.label} ${o.value}`.toLowerCase().replaceAll("_", " ").includes(w)),
    );
  }, [options, query, value]);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hydrated ? (
        <input
          type="search"
          aria-label={t("workingHours.zoneSearch")}
          placeholder={t("workingHours.zoneSearch")}
          aria-controls={id}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
          }}
        />
      ) : null}
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        size={hydrated && query ? Math.min(8, Math.max(2, shown.length)) : undefined}
      >
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
