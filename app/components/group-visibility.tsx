import { useId } from "react";
import { GROUP_VISIBILITIES, type GroupVisibility } from "#app/access/rules";
import { useT } from "#app/utils/use-t";

const ICON: Record<GroupVisibility, string> = { public: "", private: "🔒 ", secret: "㊙ " };

/** 공개 / 비공개 / 비밀 · Public / Private / Secret. */
export function VisibilityBadge({ visibility }: { visibility: GroupVisibility }) {
  const t = useT();
  return (
    <span className={`badge visibility-${visibility}`}>
      <span aria-hidden="true">{ICON[visibility]}</span>
      {t(`visibility.${visibility}`)}
    </span>
  );
}

/** The visibility choice of the group forms: one radio per level, each with what it means. */
export function VisibilityFieldset({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const t = useT();
  const id = useId();
  return (
    <fieldset
      className="field visibility-choice"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t("visibility.label")}</legend>
      {GROUP_VISIBILITIES.map((v) => (
        <div key={v} className="radio">
          <input
            type="radio"
            id={`${id}-${v}`}
            name="visibility"
            value={v}
            defaultChecked={(defaultValue ?? "public") === v}
            aria-describedby={`${id}-${v}-hint`}
          />
          <label htmlFor={`${id}-${v}`}>
            <strong>{t(`visibility.${v}`)}</strong>
            <span className="hint" id={`${id}-${v}-hint`}>
              {t(`visibility.${v}Hint`)}
            </span>
          </label>
        </div>
      ))}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
