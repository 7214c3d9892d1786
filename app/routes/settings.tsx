import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createApiToken, listApiTokens, revokeApiToken } from "#app/models/people/api-token.server";
import { MAX_PHOTO_BYTES, setUserPhoto } from "#app/models/people/photo.server";
import { getSettings, signOutEverywhere, updateProfile } from "#app/models/people/user.server";
import { getLocale, requireUser } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { formatDateTime } from "#app/utils/i18n";
import { parseId } from "#app/utils/ids";
import { ProfileSettingsSchema } from "#app/utils/validation";
import { useFieldError, useLocale, useT } from "#app/utils/use-t";
import { TimeZonePicker } from "#app/components/time-zone-picker";
import { zonePickerOptions } from "#app/utils/time-zones";
import { grantableTokenScopes } from "#app/access/token-scopes";
import { DEFAULT_TOKEN_SCOPES } from "#db/enums";
import { Avatar } from "#app/components/avatar";
import { Field } from "#app/components/field";
import { NewToken } from "#app/components/new-token";
import { TOKEN_EXPIRY_CHOICES, tokenExpiry } from "#app/utils/token-expiry";
import { localDate } from "#app/utils/working-hours";
import { NotificationSettingsSection } from "#app/components/notification-settings";
import { buildViewer } from "#app/access/viewer.server";
import { mailEnabled } from "#app/infra/mailer.server";
import {
  getNotificationSettings,
  notificationSettingsFromForm,
  updateNotificationSettings,
} from "#app/models/notifications/settings.server";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const settings = getSettings(user.id);
  const locale = await getLocale(request);
  const tokens = listApiTokens(user.id).map((t) => ({
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt.getTime(),
    lastUsedAt: t.lastUsedAt?.getTime() ?? null,
    expiresAt: t.expiresAt?.getTime() ?? null,
  }));
  const now = Date.now();
  // The admin scope is offered only to site admins (issue #7); createApiToken checks it again.
  return {
    settings,
    tokens,
    grantableScopes: grantableTokenScopes(user.role),
    notifications: getNotificationSettings(buildViewer(user)),
    emailEnabled: mailEnabled(),
    zones: zonePickerOptions(locale, settings.timeZone),
    // The clock the token list is read against (expired or not) and the expiry date picker's first day.
    now,
    today: localDate(now, settings.timeZone),
  };
}

const LockedProfileSettingsSchema = ProfileSettingsSchema.omit({ name: true, department: true, title: true });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, MAX_PHOTO_BYTES + 64 * 1024);
  const values = formToObject(form);
  try {
    switch (values.intent) {
      case "profile": {
        // While an admin has locked them (issue #8.1) the form does not send name, department and title, and
        // updateProfile ignores them if a forged request does.
        const locked = getSettings(user.id).profileLocked;
        const parsed = parseWith(locked ? LockedProfileSettingsSchema : ProfileSettingsSchema, values);
        if (!parsed.ok) return invalid(parsed.errors, 400, values);
        updateProfile({ actor: user, values: { ...parsed.data, locale: parsed.data.locale || null } });
        return redirectWithFlash("/settings", "settings.saved");
      }
      case "photo": {
        const file = form.get("photo");
        if (!(file instanceof File) || file.size === 0) return invalid({ photo: "error.photoType" });
        await setUserPhoto({ userId: user.id, bytes: new Uint8Array(await file.arrayBuffer()) });
        return redirectWithFlash("/settings", "settings.photoUpdated");
      }
      case "token-create": {
        // One checkbox per scope; formToObject keeps only the first, and the form shows them all again on error.
        const scopes = form.getAll("scopes").filter((s): s is string => typeof s === "string");
        values.scopes = scopes.join(" ");
        const name = (values.name ?? "").trim();
        if (!name) return invalid({ name: "error.required" }, 400, values);
        if (name.length > 100) return invalid({ name: { key: "error.tooLong", vars: { max: 100 } } }, 400, values);
        // "At the end of a day" means the owner's day, in their time zone.
        const expiry = tokenExpiry(values.expires ?? "", values.expiresOn ?? "", {
          now: Date.now(),
          timeZone: getSettings(user.id).timeZone,
        });
        if (!expiry.ok) return invalid({ [expiry.field]: expiry.error }, 400, values);
        // Checks the scopes against the person's role (no scope, an unknown one, admin for a non-admin: nothing made).
        const { token } = createApiToken({ userId: user.id, name, scopes, expiresAt: expiry.expiresAt });
        return { ok: true as const, token };
      }
      case "token-revoke": {
        // One id grammar (issue #8.11): Number() would read "0x1f" or " 31" as a token id.
        const tokenId = parseId(values.tokenId);
        if (tokenId == null) return invalid({ form: "error.badRequest" }, 400, values);
        revokeApiToken({ userId: user.id, tokenId });
        return redirectWithFlash("/settings", "settings.tokenRevoked");
      }
      case "notifications": {
        const input = notificationSettingsFromForm(values);
        updateNotificationSettings(buildViewer(user), input, { emailEnabled: mailEnabled() });
        return redirectWithFlash("/settings", "notifications.settingsSaved");
      }
      case "signout-everywhere": {
        await signOutEverywhere(user.id);
        return redirect("/signin");
      }
      default:
        return invalid({ form: "error.badRequest" });
    }
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function Settings() {
  const { settings, tokens, grantableScopes, notifications, emailEnabled, zones, now, today } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const fieldError = useFieldError();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  // The profile and token forms both have a "name" field: each shows only its own answer.
  const profile = values?.intent === "token-create" ? undefined : { errors, values };
  const tokenForm = values?.intent === "token-create" ? { errors, values } : undefined;
  const checkedScopes = tokenForm?.values?.scopes?.split(" ") ?? DEFAULT_TOKEN_SCOPES;
  const checkedExpiry = tokenForm?.values?.expires ?? "never";
  const when = (ms: number) => formatDateTime(locale, ms, settings.timeZone);
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1>{t("settings.title")}</h1>
      {fieldError(errors, "form") ? (
        <p className="error" role="alert">
          {fieldError(errors, "form")}
        </p>
      ) : null}
      <section className="card">
        <h2>{t("settings.profile")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          {settings.profileLocked ? (
            <div className="field">
              <dl aria-describedby="profile-locked-note">
                <dt>{t("field.name")}</dt>
                <dd>{settings.name}</dd>
                <dt>{t("field.department")}</dt>
                <dd>{settings.department}</dd>
                <dt>{t("field.title")}</dt>
                <dd>{settings.title}</dd>
              </dl>
              <p className="hint" id="profile-locked-note">
                {t("accounts.setByAdmin")}
              </p>
            </div>
          ) : (
            <>
              <Field
                label={t("field.name")}
                name="name"
                required
                defaultValue={profile?.values?.name ?? settings.name}
                error={fieldError(profile?.errors, "name")}
              />
              <Field
                label={t("field.department")}
                name="department"
                defaultValue={profile?.values?.department ?? settings.department}
                error={fieldError(profile?.errors, "department")}
              />
              <Field
                label={t("field.title")}
                name="title"
                defaultValue={profile?.values?.title ?? settings.title}
                error={fieldError(profile?.errors, "title")}
              />
            </>
          )}
          <Field
            label={t("field.bio")}
            name="bio"
            as="textarea"
            defaultValue={profile?.values?.bio ?? settings.bio}
            error={fieldError(profile?.errors, "bio")}
          />
          <div className="field">
            <label htmlFor="locale">{t("field.locale")}</label>
            <select id="locale" name="locale" defaultValue={settings.locale ?? ""}>
              <option value="">{t("settings.auto")}</option>
              <option value="ko">{t("locale.ko")}</option>
              <option value="en">{t("locale.en")}</option>
            </select>
          </div>
          <TimeZonePicker
            label={t("field.timeZone")}
            name="timeZone"
            options={zones}
            defaultValue={profile?.values?.timeZone ?? settings.timeZone}
            error={fieldError(profile?.errors, "timeZone")}
            hint={t("workingHours.zoneHint")}
          />
          <p>
            <Link to="/settings/working-hours">{t("workingHours.link")}</Link>
          </p>
          <button type="submit" className="primary">
            {t("post.save")}
          </button>
        </Form>
      </section>
      <section className="card">
        <h2>{t("settings.photo")}</h2>
        <div className="profile-head">
          <Avatar user={settings} size={72} />
          <Form method="post" encType="multipart/form-data" className="stack">
            <input type="hidden" name="intent" value="photo" />
            <label htmlFor="photo">{t("field.photo")}</label>
            <input
              id="photo"
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby="photo-hint"
            />
            <p className="hint" id="photo-hint">
              {t("settings.photoHint")}
            </p>
            {fieldError(errors, "photo") ? (
              <p className="error" role="alert">
                {fieldError(errors, "photo")}
              </p>
            ) : null}
            <button type="submit" className="secondary">
              {t("settings.upload")}
            </button>
          </Form>
        </div>
      </section>
      <section className="card">
        <h2>{t("settings.tokens")}</h2>
        {actionData && "token" in actionData ? <NewToken token={actionData.token} /> : null}
        {tokens.length === 0 ? <p className="muted">{t("settings.tokensEmpty")}</p> : null}
        <table className="list">
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.name}</td>
                <td>
                  <span className="visually-hidden">{t("tokens.scopes")}: </span>
                  {tok.scopes.map((s) => t(`tokens.scope.${s}`)).join(", ")}
                </td>
                <td className="muted">
                  <span className="token-dates">
                    <span>{t("tokens.created", { date: when(tok.createdAt) })}</span>
                    <span>
                      {tok.lastUsedAt ? t("tokens.lastUsed", { date: when(tok.lastUsedAt) }) : t("tokens.neverUsed")}
                    </span>
                    {tok.expiresAt == null ? (
                      <span>{t("tokens.neverExpires")}</span>
                    ) : tok.expiresAt <= now ? (
                      <strong className="error">{t("tokens.expiredAt", { date: when(tok.expiresAt) })}</strong>
                    ) : (
                      <span>{t("tokens.expiresAt", { date: when(tok.expiresAt) })}</span>
                    )}
                  </span>
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="token-revoke" />
                    <input type="hidden" name="tokenId" value={tok.id} />
                    <button type="submit" className="link-button danger">
                      {t("settings.tokenRevoke")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="token-create" />
          <Field
            label={t("field.tokenName")}
            name="name"
            defaultValue={tokenForm?.values?.name}
            error={fieldError(tokenForm?.errors, "name")}
          />
          <fieldset
            className="field visibility-choice"
            aria-invalid={fieldError(tokenForm?.errors, "scopes") ? true : undefined}
            aria-describedby={
              fieldError(tokenForm?.errors, "scopes") ? "token-scopes-hint token-scopes-error" : "token-scopes-hint"
            }
          >
            <legend>{t("tokens.scopes")}</legend>
            <p className="hint" id="token-scopes-hint">
              {t("tokens.scopesHint")}
            </p>
            {grantableScopes.map((s) => (
              <div key={s} className="radio">
                <input
                  type="checkbox"
                  id={`token-scope-${s}`}
                  name="scopes"
                  value={s}
                  defaultChecked={checkedScopes.includes(s)}
                  aria-describedby={`token-scope-${s}-hint`}
                />
                <label htmlFor={`token-scope-${s}`}>
                  <strong>{t(`tokens.scope.${s}`)}</strong>
                  <span className="hint" id={`token-scope-${s}-hint`}>
                    {t(`tokens.scopeHint.${s}`)}
                  </span>
                </label>
              </div>
            ))}
            {fieldError(tokenForm?.errors, "scopes") ? (
              <p className="error" id="token-scopes-error">
                {fieldError(tokenForm?.errors, "scopes")}
              </p>
            ) : null}
          </fieldset>
          <fieldset
            className="field visibility-choice"
            aria-invalid={fieldError(tokenForm?.errors, "expires") ? true : undefined}
            aria-describedby={
              fieldError(tokenForm?.errors, "expires") ? "token-expires-hint token-expires-error" : "token-expires-hint"
            }
          >
            <legend>{t("tokens.expires")}</legend>
            <p className="hint" id="token-expires-hint">
              {t("tokens.expiresHint")}
            </p>
            {TOKEN_EXPIRY_CHOICES.map((c) => (
              <div key={c} className="radio">
                <input
                  type="radio"
                  id={`token-expires-${c}`}
                  name="expires"
                  value={c}
                  defaultChecked={checkedExpiry === c}
                />
                <label htmlFor={`token-expires-${c}`}>{t(`tokens.expires.${c}`)}</label>
              </div>
            ))}
            <div className="field">
              <label htmlFor="token-expires-on">{t("tokens.expiresOn")}</label>
              {/* Picking a day chooses "at the end of a day" too; without JavaScript the radio is chosen by hand. */}
              <input
                type="date"
                id="token-expires-on"
                name="expiresOn"
                min={today}
                defaultValue={tokenForm?.values?.expiresOn}
                aria-invalid={fieldError(tokenForm?.errors, "expiresOn") ? true : undefined}
                aria-describedby={fieldError(tokenForm?.errors, "expiresOn") ? "token-expires-on-error" : undefined}
                onChange={(e) => {
                  const radio = e.currentTarget.form?.querySelector<HTMLInputElement>("#token-expires-date");
                  if (radio && e.currentTarget.value) radio.checked = true;
                }}
              />
              {fieldError(tokenForm?.errors, "expiresOn") ? (
                <p className="error" id="token-expires-on-error">
                  {fieldError(tokenForm?.errors, "expiresOn")}
                </p>
              ) : null}
            </div>
            {fieldError(tokenForm?.errors, "expires") ? (
              <p className="error" id="token-expires-error">
                {fieldError(tokenForm?.errors, "expires")}
              </p>
            ) : null}
          </fieldset>
          <div>
            <button type="submit" className="secondary">
              {t("settings.tokenCreate")}
            </button>
          </div>
        </Form>
      </section>
      <NotificationSettingsSection settings={notifications} emailEnabled={emailEnabled} />
      <section className="card">
        <h2>{t("settings.sessions")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="signout-everywhere" />
          <p className="hint" id="signout-everywhere-hint">
            {t("accounts.signOutEverywhereHint")}
          </p>
          <button type="submit" className="secondary" aria-describedby="signout-everywhere-hint">
            {t("accounts.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
