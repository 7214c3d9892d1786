// The notification settings of /settings (issue #11 §1): a channel per kind — in app, email, off — as radio
// buttons in one plain form. "Email" mails each one as soon as it may interrupt (§4); the digest is chosen on
// /settings/email. Without SMTP_URL the email column is shown disabled, with a note saying what that means.
import { Form, Link } from "@remix-run/react";
import type { MessageKey } from "#app/utils/i18n";
import { useT } from "#app/utils/use-t";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from "#db/enums";

const CHANNEL_LABEL: Record<NotificationChannel, MessageKey> = {
  in_app: "notifications.channelInApp",
  email: "notifications.channelEmail",
  off: "notifications.channelOff",
};

export function NotificationSettingsSection({
  settings,
  emailEnabled,
}: {
  settings: Record<NotificationKind, NotificationChannel>;
  emailEnabled: boolean;
}) {
  const t = useT();
  return (
    <section className="card notification-settings" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title">{t("notifications.settingsTitle")}</h2>
      <p className="hint">{t("notifications.settingsIntro")}</p>
      {!emailEnabled ? (
        <p className="muted" id="email-off-note" role="note">
          {t("digest.emailOff")}
        </p>
      ) : null}
      <p>
        <Link to="/settings/email">{t("digest.title")}</Link>
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="notifications" />
        <table>
          <thead>
            <tr>
              <th scope="col">{t("notifications.settingsKind")}</th>
              {NOTIFICATION_CHANNELS.map((c) => (
                <th scope="col" key={c}>
                  {t(CHANNEL_LABEL[c])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`notifications.kind.${kind}`)}</th>
                {NOTIFICATION_CHANNELS.map((c) => {
                  const disabled = c === "email" && !emailEnabled;
                  return (
                    <td key={c}>
                      <input
                        type="radio"
                        name={`kind.${kind}`}
                        value={c}
                        defaultChecked={settings[kind] === c}
                        disabled={disabled}
                        aria-label={`${t(`notifications.kind.${kind}`)}: ${t(CHANNEL_LABEL[c])}`}
                        aria-describedby={disabled ? "email-off-note" : undefined}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">{t("notifications.settingsSave")}</button>
      </Form>
    </section>
  );
}
