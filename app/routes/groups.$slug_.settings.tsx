import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { archiveGroup, getGroup, GroupFieldsSchema, updateGroup } from "#app/models/groups/group.server";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { GroupHeader } from "#app/components/group-header";
import { VisibilityFieldset } from "#app/components/group-visibility";
import { contentTitle, localeOfMatches } from "#app/utils/page-title";
import { translate } from "#app/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(
    matches,
    data && `${translate(localeOfMatches(matches), "settings.title")} · ${data.group.name}`,
    "groups.title",
  );

export const loader = pageLoader(({ viewer, params }) => {
  const group = getGroup({ viewer, slug: params.slug ?? "" });
  if (!group.can.edit) throw new Response("Forbidden", { status: 403 });
  return { group };
});

const SettingsIntentSchema = z.discriminatedUnion(
  "intent",
  [
    GroupFieldsSchema.extend({ intent: z.literal("update") }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("unarchive") }),
  ],
  { error: "error.invalid" },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const slug = params.slug ?? "";
  const here = new URL(request.url).pathname;
  const values = formToObject(await readForm(request));
  const parsed = parseWith(SettingsIntentSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, values);
  const input = parsed.data;
  try {
    if (input.intent === "update") {
      const { intent: _, ...patch } = input;
      updateGroup({ viewer, slug, patch });
      return redirectWithFlash(here, "groupSettings.groupSaved");
    }
    archiveGroup({ viewer, slug, archived: input.intent === "archive" });
    return redirectWithFlash(
      here,
      input.intent === "archive" ? "groupSettings.archivedDone" : "groupSettings.unarchivedDone",
    );
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function GroupSettings() {
  const { group } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const fieldError = useFieldError();
  const t = useT();
  const editing = actionData?.values?.intent === "update";
  const errors = editing ? actionData?.errors : undefined;
  const values = editing ? (actionData?.values ?? {}) : {};
  const archiveError = !editing ? fieldError(actionData?.errors, "form") : undefined;
  return (
    <div className="stack group-page">
      <GroupHeader group={group} tab="settings" />
      <section className="card stack" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("groupSettings.groupTitle")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="update" />
          {errors?.form ? (
            <p className="error" role="alert">
              {fieldError(errors, "form")}
            </p>
          ) : null}
          <Field
            label={t("groupForm.name")}
            name="name"
            required
            defaultValue={values.name ?? group.name}
            error={fieldError(errors, "name")}
          />
          <Field
            label={t("groupForm.description")}
            name="description"
            as="textarea"
            defaultValue={values.description ?? group.description}
            error={fieldError(errors, "description")}
          />
          <VisibilityFieldset
            defaultValue={values.visibility ?? group.visibility}
            error={fieldError(errors, "visibility")}
          />
          <p>
            <button type="submit" className="primary">
              {t("groupSettings.groupSave")}
            </button>
          </p>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="archive-title">
        <h2 id="archive-title">{t("groupSettings.archiveTitle")}</h2>
        <p className="muted">{t("groupSettings.archiveHint")}</p>
        {archiveError ? (
          <p className="error" role="alert">
            {archiveError}
          </p>
        ) : null}
        <Form
          method="post"
          onSubmit={(e) => {
            if (!group.archived && !confirm(t("groupSettings.archiveConfirm"))) e.preventDefault();
          }}
        >
          <button
            type="submit"
            name="intent"
            value={group.archived ? "unarchive" : "archive"}
            className={group.archived ? "secondary" : "secondary danger"}
          >
            {group.archived ? t("groupSettings.unarchive") : t("groupSettings.archive")}
          </button>
        </Form>
      </section>
    </div>
  );
}
