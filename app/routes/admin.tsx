import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  createGuestInvitation,
  createInvitation,
  GuestInvitationSchema,
  listInvitableGroups,
} from "#app/models/people/invitation.server";
import { getUserIdByHandle, listUsers, setProfileLock, setUserStatus } from "#app/models/people/user.server";
import { setSetting } from "#app/models/admin/settings.server";
import { membersMayCreateGroups } from "#app/models/groups/group.server";
import { membersMayCreateEvents } from "#app/models/events/event.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { EmailSchema, HandleSchema, ProfileFieldsSchema } from "#app/utils/validation";
import { forbidden, type FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.title");

// Site admins see everything here; a group admin sees only the guest invitation for the groups they manage.
async function requireInviter(request: Request) {
  const { user, viewer } = await requireViewer(request);
  const siteAdmin = viewer.role === "admin";
  if (!siteAdmin && (viewer.guest || viewer.adminOf.size === 0)) {
    throw new Response(forbidden().code, { status: 403 });
  }
  return { user, viewer, siteAdmin };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, siteAdmin } = await requireInviter(request);
  return {
    siteAdmin,
    users: siteAdmin ? listUsers() : [],
    membersMayCreateGroups: membersMayCreateGroups(),
    membersMayCreateEvents: membersMayCreateEvents(),
    groups: listInvitableGroups(viewer).map((g) => ({ slug: g.slug, name: g.name })),
  };
}

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: EmailSchema }),
  z.object({ intent: z.literal("inviteGuest") }).passthrough(),
  // A checkbox: present ("on") or absent.
  z.object({ intent: z.literal("groupSettings"), membersMayCreate: z.literal("on").optional() }),
  z.object({ intent: z.literal("eventSettings"), membersMayCreate: z.literal("on").optional() }),
  z.object({ intent: z.literal("deactivate"), handle: HandleSchema }),
  z.object({ intent: z.literal("reactivate"), handle: HandleSchema }),
  // The directory is authoritative (issue #8.1): the admin sets these three and the person can no longer change them.
  ProfileFieldsSchema.extend({ intent: z.literal("lockProfile"), handle: HandleSchema }),
  z.object({ intent: z.literal("unlockProfile"), handle: HandleSchema }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, siteAdmin } = await requireInviter(request);
  const form = await readForm(request);
  const values = formToObject(form);
  const parsed = parseWith(IntentSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, values);
  const link = (token: string) => new URL(`/signup?invite=${token}`, request.url).toString();
  try {
    if (parsed.data.intent === "groupSettings") {
      if (!siteAdmin) throw forbidden();
      setSetting("groups.membersMayCreate", parsed.data.membersMayCreate ? "1" : "0");
      return redirectWithFlash("/admin", "admin.settingsSaved");
    }
    // Company-wide live events by every employee (issue #10 §2); a group's admins always may in their group.
    if (parsed.data.intent === "eventSettings") {
      if (!siteAdmin) throw forbidden();
      setSetting("events.membersMayCreate", parsed.data.membersMayCreate ? "1" : "0");
      return redirectWithFlash("/admin", "admin.settingsSaved");
    }
    if (parsed.data.intent === "deactivate" || parsed.data.intent === "reactivate") {
      if (!siteAdmin) throw forbidden();
      const deactivate = parsed.data.intent === "deactivate";
      await setUserStatus({
        actor: viewer,
        userId: getUserIdByHandle(parsed.data.handle),
        status: deactivate ? "deactivated" : "active",
      });
      return redirectWithFlash("/admin", deactivate ? "accounts.deactivated" : "accounts.reactivated");
    }
    if (parsed.data.intent === "lockProfile" || parsed.data.intent === "unlockProfile") {
      const input = parsed.data;
      const lock = input.intent === "lockProfile";
      setProfileLock({
        actor: viewer,
        userId: getUserIdByHandle(input.handle),
        lock: lock ? { name: input.name, department: input.department, title: input.title } : null,
      });
      return redirectWithFlash("/admin", lock ? "accounts.profileLockSaved" : "accounts.profileUnlocked");
    }
    if (parsed.data.intent === "invite") {
      if (!siteAdmin) throw forbidden();
      const { token } = createInvitation({ actor: viewer, email: parsed.data.email });
      return { ok: true as const, intent: "invite", link: link(token) };
    }
    const guest = parseWith(GuestInvitationSchema, {
      email: values.email ?? "",
      organization: values.organization ?? "",
      groups: form.getAll("groups").filter((g): g is string => typeof g === "string"),
    });
    if (!guest.ok) return invalid(guest.errors, 400, values);
    const { token } = createGuestInvitation({ viewer, input: guest.data });
    return { ok: true as const, intent: "inviteGuest", link: link(token) };
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function Admin() {
  const { siteAdmin, users, groups, membersMayCreateGroups, membersMayCreateEvents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const failed = actionData && "errors" in actionData ? actionData : undefined;
  const errorsFor = (intent: string) => (failed?.values?.intent === intent ? failed.errors : undefined);
  const linkFor = (intent: string) =>
    actionData && "link" in actionData && actionData.intent === intent ? actionData.link : null;
  const inviteErrors = errorsFor("invite");
  const guestErrors = errorsFor("inviteGuest");
  const guestLink = linkFor("inviteGuest");
  const inviteLink = linkFor("invite");
  const rowErrors =
    errorsFor("deactivate") ?? errorsFor("reactivate") ?? errorsFor("lockProfile") ?? errorsFor("unlockProfile");
  return (
    <div className="stack">
      <h1>{t("admin.title")}</h1>
      {siteAdmin ? (
        <p>
          <Link to="/admin/working-hours">{t("workingHours.company")}</Link> · {t("workingHours.holidays")} ·{" "}
          <Link to="/admin/synonyms">{t("synonyms.link")}</Link>
        </p>
      ) : null}
      {siteAdmin ? (
        <section className="card">
          <h2>{t("admin.invite")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <Field label={t("field.email")} name="email" type="email" error={fieldError(inviteErrors, "email")} />
            {fieldError(inviteErrors, "form") ? (
              <p className="error" role="alert">
                {fieldError(inviteErrors, "form")}
              </p>
            ) : null}
            <button type="submit" className="primary">
              {t("admin.inviteSubmit")}
            </button>
          </Form>
          {inviteLink ? (
            <div role="status">
              <p>{t("admin.inviteLink")}</p>
              <p className="token">{inviteLink}</p>
            </div>
          ) : null}
        </section>
      ) : null}
      {siteAdmin ? (
        <>
          <MembersMayCreate
            intent="groupSettings"
            checked={membersMayCreateGroups}
            heading={t("admin.groupSettings")}
            label={t("admin.membersMayCreateGroups")}
            hint={t("admin.membersMayCreateGroupsHint")}
          />
          <MembersMayCreate
            intent="eventSettings"
            checked={membersMayCreateEvents}
            heading={t("admin.eventSettings")}
            label={t("admin.membersMayCreateEvents")}
            hint={t("admin.membersMayCreateEventsHint")}
          />
        </>
      ) : null}
      <section className="card">
        <h2>{t("guest.invite")}</h2>
        <p className="hint">{t("guest.inviteHelp")}</p>
        {groups.length === 0 ? (
          <p>{t("guest.noGroups")}</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="inviteGuest" />
            <Field label={t("field.email")} name="email" type="email" error={fieldError(guestErrors, "email")} />
            <Field
              label={t("guest.organization")}
              name="organization"
              error={fieldError(guestErrors, "organization")}
            />
            <fieldset aria-describedby={fieldError(guestErrors, "groups") ? "guest-groups-error" : undefined}>
              <legend>{t("guest.groups")}</legend>
              {groups.map((g) => (
                <label key={g.slug} className="check">
                  <input type="checkbox" name="groups" value={g.slug} /> {g.name}
                </label>
              ))}
              {fieldError(guestErrors, "groups") ? (
                <p className="error" id="guest-groups-error">
                  {fieldError(guestErrors, "groups")}
                </p>
              ) : null}
            </fieldset>
            {fieldError(guestErrors, "form") ? (
              <p className="error" role="alert">
                {fieldError(guestErrors, "form")}
              </p>
            ) : null}
            <button type="submit" className="primary">
              {t("guest.inviteSubmit")}
            </button>
          </Form>
        )}
        {guestLink ? (
          <div role="status">
            <p>{t("guest.inviteLink")}</p>
            <p className="token">{guestLink}</p>
          </div>
        ) : null}
      </section>
      {siteAdmin ? (
        <section className="card">
          <h2>{t("people.count", { count: users.length })}</h2>
          <p className="hint">{t("accounts.deactivateHint")}</p>
          <p className="hint">{t("accounts.lockProfileHint")}</p>
          {fieldError(rowErrors, "form") ? (
            <p className="error" role="alert">
              {fieldError(rowErrors, "form")}
            </p>
          ) : null}
          <table className="list">
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/people/${u.handle}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{u.department}</td>
                  <td>{u.role}</td>
                  <td>{t(u.status === "active" ? "accounts.status.active" : "accounts.status.deactivated")}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="handle" value={u.handle} />
                      <button
                        type="submit"
                        name="intent"
                        value={u.status === "active" ? "deactivate" : "reactivate"}
                        className={u.status === "active" ? "link-button danger" : "link-button"}
                        aria-label={`${t(u.status === "active" ? "accounts.deactivate" : "accounts.reactivate")}: ${u.name}`}
                      >
                        {t(u.status === "active" ? "accounts.deactivate" : "accounts.reactivate")}
                      </button>
                    </Form>
                  </td>
                  <td>
                    <ProfileLockForm
                      user={u}
                      failed={
                        failed?.values?.intent === "lockProfile" && failed.values.handle === u.handle
                          ? failed
                          : undefined
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

/** One person's name, department and title as the directory has them, saved and locked in one step (issue #8.1). */
function ProfileLockForm({
  user,
  failed,
}: {
  user: { handle: string; name: string; department: string; title: string; profileLocked: boolean };
  /** This row's failed attempt: its errors, and what the admin typed. */
  failed?: { errors: FieldErrors; values?: Record<string, string> };
}) {
  const t = useT();
  const fieldError = useFieldError();
  const typed = failed?.values;
  return (
    <details open={!!failed}>
      <summary>
        {t("accounts.profile")}
        {user.profileLocked ? ` · ${t("accounts.profileLocked")}` : null}
      </summary>
      <Form method="post" noValidate>
        <input type="hidden" name="handle" value={user.handle} />
        <Field
          label={t("field.name")}
          name="name"
          required
          defaultValue={typed?.name ?? user.name}
          error={fieldError(failed?.errors, "name")}
        />
        <Field
          label={t("field.department")}
          name="department"
          defaultValue={typed?.department ?? user.department}
          error={fieldError(failed?.errors, "department")}
        />
        <Field
          label={t("field.title")}
          name="title"
          defaultValue={typed?.title ?? user.title}
          error={fieldError(failed?.errors, "title")}
        />
        <button type="submit" name="intent" value="lockProfile" className="secondary">
          {t("accounts.lockProfile")}
        </button>
      </Form>
      {user.profileLocked ? (
        <Form method="post">
          <input type="hidden" name="handle" value={user.handle} />
          <button
            type="submit"
            name="intent"
            value="unlockProfile"
            className="link-button"
            aria-label={`${t("accounts.unlockProfile")}: ${user.name}`}
          >
            {t("accounts.unlockProfile")}
          </button>
        </Form>
      ) : null}
    </details>
  );
}

/** A company setting that lets every employee create something (groups, events) instead of admins only. */
function MembersMayCreate({
  intent,
  checked,
  heading,
  label,
  hint,
}: {
  intent: "groupSettings" | "eventSettings";
  checked: boolean;
  heading: string;
  label: string;
  hint: string;
}) {
  const t = useT();
  return (
    <section className="card">
      <h2>{heading}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value={intent} />
        <label className="check">
          <input type="checkbox" name="membersMayCreate" defaultChecked={checked} /> {label}
        </label>
        <p className="hint">{hint}</p>
        <button type="submit" className="secondary">
          {t("admin.save")}
        </button>
      </Form>
    </section>
  );
}
