import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  AddMembersSchema,
  addMembers,
  answerJoinRequest,
  getGroup,
  listJoinRequests,
  listMembers,
  parseEmailList,
  removeMember,
  setMemberRole,
  type MemberView,
} from "#app/models/groups/group.server";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { markNotificationsRead } from "#app/models/notifications/notifications.server";
import type { FieldErrors } from "#app/utils/errors";
import type { MessageKey } from "#app/utils/i18n";
import { HandleSchema } from "#app/utils/validation";
import { useFieldError, useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { Field } from "#app/components/field";
import { GroupHeader } from "#app/components/group-header";
import { GuestBadge } from "#app/components/post-card";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, "groupMembers.title", { name: data.group.name }) : pageTitle(matches, "groups.title");

export const loader = pageLoader(({ viewer, params }) => {
  const slug = params.slug ?? "";
  const group = getGroup({ viewer, slug });
  // listMembers answers 404 to whoever may not read the group (a private group's members are its business).
  const members = listMembers({ viewer, slug });
  // The join requests waiting here are what the admins' notifications pointed at (issue #11).
  if (group.can.manage) markNotificationsRead(viewer, { groupId: group.id, kinds: ["join_request"] });
  return {
    group,
    members,
    requests: group.can.manage ? listJoinRequests({ viewer, slug }).map(({ createdAt: _, ...r }) => r) : [],
  };
});

const Role = z.enum(["member", "admin"], { error: "error.invalid" });

const MemberIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("add"),
      handles: z.string().max(20_000, "error.tooLong").default(""),
      emails: z.string().max(50_000, "error.tooLong").default(""),
      role: Role.default("member"),
    }),
    z.object({ intent: z.literal("role"), handle: HandleSchema, role: Role }),
    z.object({ intent: z.literal("remove"), handle: HandleSchema }),
    z.object({ intent: z.literal("approve"), handle: HandleSchema }),
    z.object({ intent: z.literal("decline"), handle: HandleSchema }),
  ],
  { error: "error.invalid" },
);

const FLASH: Record<"role" | "remove" | "approve" | "decline", MessageKey> = {
  role: "groupMembers.roleChanged",
  remove: "groupMembers.removed",
  approve: "groupMembers.approved",
  decline: "groupMembers.declined",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, viewer } = await requireViewer(request);
  const slug = params.slug ?? "";
  const here = new URL(request.url).pathname;
  const values = formToObject(await readForm(request));
  const parsed = parseWith(MemberIntentSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, values);
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "add": {
        const handles = input.handles
          .split(/[\s,;]+/)
          .map((h) => h.replace(/^@/, ""))
          .filter(Boolean);
        const emails = parseEmailList(input.emails);
        if (handles.length === 0 && emails.length === 0) {
          return invalid({ handles: "groupMembers.addNothing" }, 400, values);
        }
        const members = parseWith(AddMembersSchema, { handles: [...new Set(handles)], emails, role: input.role });
        if (!members.ok) return invalid(members.errors, 400, values);
        const { added, already, notFound } = addMembers({ viewer, slug, input: members.data });
        // One person named twice (by handle and by email) is reported once.
        const report = { added: [...new Set(added)], already: [...new Set(already)], notFound };
        return data({ ok: true as const, report, values: { intent: "add" } });
      }
      case "role":
        setMemberRole({ viewer, slug, handle: input.handle, role: input.role });
        break;
      case "remove":
        removeMember({ viewer, slug, handle: input.handle });
        // Removing oneself may leave a page one can no longer read.
        if (input.handle === user.handle) return redirectWithFlash("/groups", "groups.left");
        break;
      case "approve":
      case "decline":
        answerJoinRequest({ viewer, slug, handle: input.handle, approve: input.intent === "approve" });
        break;
    }
    return redirectWithFlash(here, FLASH[input.intent]);
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

type ActionData = {
  ok?: boolean;
  errors?: FieldErrors;
  values?: Record<string, string>;
  report?: { added: string[]; already: string[]; notFound: string[] };
};

function MemberRow({ member, manage }: { member: MemberView; manage: boolean }) {
  const t = useT();
  return (
    <li className="card person member-row">
      <Avatar user={member} size={40} />
      <div>
        <Link to={`/people/${member.handle}`}>
          <strong>{member.name}</strong>
        </Link>{" "}
        <GuestBadge person={member} />
        {member.role === "admin" ? <span className="badge">{t("groups.roleAdmin")}</span> : null}
        <div className="muted">
          @{member.handle}
          {member.title || member.department
            ? ` · ${[member.title, member.department].filter(Boolean).join(" · ")}`
            : ""}
        </div>
      </div>
      {manage ? (
        <div className="member-actions" role="group" aria-label={t("groupMembers.actionsFor", { name: member.name })}>
          {member.role === "admin" || !member.guest ? (
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="role" />
              <input type="hidden" name="handle" value={member.handle} />
              <input type="hidden" name="role" value={member.role === "admin" ? "member" : "admin"} />
              <button type="submit" className="secondary">
                {member.role === "admin" ? t("groupMembers.makeMember") : t("groupMembers.makeAdmin")}
              </button>
            </Form>
          ) : null}
          <Form
            method="post"
            className="inline"
            onSubmit={(e) => {
              if (!confirm(t("groupMembers.removeConfirm"))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="handle" value={member.handle} />
            <button type="submit" className="secondary danger">
              {t("groupMembers.remove")}
            </button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}

function AddMembers({ actionData }: { actionData: ActionData | undefined }) {
  const t = useT();
  const fieldError = useFieldError();
  const mine = actionData?.values?.intent === "add";
  const errors = mine ? actionData?.errors : undefined;
  const values = mine && !actionData?.ok ? (actionData?.values ?? {}) : {};
  const report = mine ? actionData?.report : undefined;
  return (
    <section className="card stack" aria-labelledby="add-title">
      <h2 id="add-title">{t("groupMembers.add")}</h2>
      {report ? (
        <div className="report" role="status" aria-label={t("groupMembers.report")}>
          {report.added.length ? <p>{t("groupMembers.added", { list: report.added.join(", ") })}</p> : null}
          {report.already.length ? <p>{t("groupMembers.already", { list: report.already.join(", ") })}</p> : null}
          {report.notFound.length ? (
            <p className="error">{t("groupMembers.notFound", { list: report.notFound.join(", ") })}</p>
          ) : null}
          {report.added.length === 0 ? <p>{t("groupMembers.nobodyAdded")}</p> : null}
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="add" />
        <Field
          label={t("groupMembers.addHandles")}
          name="handles"
          hint={t("groupMembers.addHandlesHint")}
          defaultValue={values.handles}
          error={fieldError(errors, "handles")}
        />
        <Field
          label={t("groupMembers.addEmails")}
          name="emails"
          as="textarea"
          hint={t("groupMembers.addEmailsHint")}
          defaultValue={values.emails}
          error={fieldError(errors, "emails")}
        />
        <div className="field">
          <label htmlFor="add-role">{t("groupMembers.addRole")}</label>
          <select id="add-role" name="role" defaultValue={values.role ?? "member"}>
            <option value="member">{t("groups.roleMember")}</option>
            <option value="admin">{t("groups.roleAdmin")}</option>
          </select>
        </div>
        {errors?.form ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        <p>
          <button type="submit" className="primary">
            {t("groupMembers.addSubmit")}
          </button>
        </p>
      </Form>
    </section>
  );
}

export default function GroupMembers() {
  const { group, members, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const fieldError = useFieldError();
  const t = useT();
  const admins = members.filter((m) => m.role === "admin");
  const others = members.filter((m) => m.role !== "admin");
  const manage = group.can.manage;
  const rowError = actionData?.values?.intent !== "add" ? fieldError(actionData?.errors, "form") : undefined;
  return (
    <div className="stack group-page">
      <GroupHeader group={group} tab="members" />
      <h2 className="visually-hidden">{t("groupMembers.title", { name: group.name })}</h2>
      {rowError ? (
        <p className="error" role="alert">
          {rowError}
        </p>
      ) : null}
      {manage && !group.archived ? <AddMembers actionData={actionData} /> : null}
      {manage ? (
        <section className="card stack" aria-labelledby="requests-title">
          <h2 id="requests-title">{t("groupMembers.requests")}</h2>
          {requests.length === 0 ? <p className="muted">{t("groupMembers.noRequests")}</p> : null}
          <ul className="member-list">
            {requests.map((r) => (
              <li key={r.id} className="person member-row">
                <Avatar user={r} size={40} />
                <div>
                  <Link to={`/people/${r.handle}`}>
                    <strong>{r.name}</strong>
                  </Link>
                  <div className="muted">
                    @{r.handle}
                    {r.department ? ` · ${r.department}` : ""}
                  </div>
                </div>
                <Form
                  method="post"
                  className="member-actions"
                  aria-label={t("groupMembers.actionsFor", { name: r.name })}
                >
                  <input type="hidden" name="handle" value={r.handle} />
                  <button type="submit" name="intent" value="approve" className="primary">
                    {t("groupMembers.approve")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="secondary">
                    {t("groupMembers.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="stack" aria-labelledby="admins-title">
        <h2 id="admins-title">{t("groupMembers.admins")}</h2>
        <ul className="member-list">
          {admins.map((m) => (
            <MemberRow key={m.id} member={m} manage={manage} />
          ))}
        </ul>
      </section>
      <section className="stack" aria-labelledby="members-title">
        <h2 id="members-title">
          {t("groupMembers.list")} <span className="muted">({others.length})</span>
        </h2>
        <ul className="member-list">
          {others.map((m) => (
            <MemberRow key={m.id} member={m} manage={manage} />
          ))}
        </ul>
      </section>
    </div>
  );
}
