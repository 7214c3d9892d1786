// A token shown once after it is made (issue #12.17). The token is plain text that selects whole on a click, so it
// can be copied without JavaScript; once hydrated a Copy button puts it on the clipboard and says so in the
// status region a screen reader hears. Where the clipboard is refused (no permission, a non-secure origin) it says to copy
// by hand rather than pretend.
import { useEffect, useState } from "react";
import { useT } from "#app/utils/use-t";

export function NewToken({ token }: { token: string }) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  useEffect(() => setHydrated(true), []);
  return (
    <div role="status" className="stack">
      <p>{t("settings.tokenShown")}</p>
      <p className="token-row">
        <code className="token" id="new-token">
          {token}
        </code>
        {hydrated ? (
          <button
            type="button"
            className="secondary"
            aria-describedby="new-token"
            onClick={() => {
              navigator.clipboard
                .writeText(token)
                .then(() => setCopied("yes"))
                .catch(() => setCopied("failed"));
            }}
          >
            {t("tokens.copy")}
          </button>
        ) : null}
      </p>
      <p className={copied === "failed" ? "error" : "hint"}>
        {copied === "yes" ? t("tokens.copied") : copied === "failed" ? t("tokens.copyFailed") : null}
      </p>
    </div>
  );
}
