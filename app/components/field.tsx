import { useId } from "react";

/** A labelled input with its hint and error wired up for screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  type = "text",
  defaultValue,
  autoComplete,
  required,
  as,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
  as?: "textarea";
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    defaultValue,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {as === "textarea" ? <textarea {...common} /> : <input {...common} type={type} autoComplete={autoComplete} />}
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
