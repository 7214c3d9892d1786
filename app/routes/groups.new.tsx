import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { can, type Viewer } from "#app/access/rules";
import { createGroup, membersMayCreateGroups, NewGroupSchema } from "#app/models/groups/group.server";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "#app/components/field";
import { VisibilityFieldset } from "#app/components/group-visibility";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "groups.new");

function requireMayCreate(viewer: Viewer) {
  if (!can(viewer, "group.create", { membersMayCreateGroups: membersMayCreateGroups() })) {
    throw new Response("Forbidden", { status: 403 });
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  requireMayCreate(viewer);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  requireMayCreate(viewer);
  const values = formToObject(await readForm(request));
  const parsed = parseWith(NewGroupSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, values);
  try {
    const group = createGroup({ viewer, input: parsed.data });
    return redirectWithFlash(`/groups/${group.slug}`, "groupForm.created");
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function NewGroup() {
  const actionData = useActionData<{ errors?: FieldErrors; values?: Record<string, string> }>();
  const navigation = useNavigation();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  return (
    <div className="stack narrow">
      <h1>{t("groupForm.createTitle")}</h1>
      <Form method="post" className="card stack" noValidate>
        {errors?.form ? (
          <p className="error" role="alert">
            {fieldError(errors, "form")}
          </p>
        ) : null}
        <Field
          label={t("groupForm.name")}
          name="name"
          required
          defaultValue={values.name}
          error={fieldError(errors, "name")}
        />
        <Field
          label={t("groupForm.slug")}
          name="slug"
          hint={t("groupForm.slugHint")}
          defaultValue={values.slug}
          error={fieldError(errors, "slug")}
        />
        <Field
          label={t("groupForm.description")}
          name="description"
          as="textarea"
          defaultValue={values.description}
          error={fieldError(errors, "description")}
        />
        <VisibilityFieldset defaultValue={values.visibility} error={fieldError(errors, "visibility")} />
        <p>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("groupForm.create")}
          </button>
        </p>
      </Form>
    </div>
  );
}
