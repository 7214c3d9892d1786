import type { FieldErrors } from "#app/utils/errors";
import { useFieldError, useT } from "#app/utils/use-t";
import { Field } from "./field";

/** The fields of a new account, shared by first-run setup and sign-up. */
export function AccountFields({
  errors,
  values,
  email,
}: {
  errors?: FieldErrors;
  values?: Record<string, string>;
  email?: string;
}) {
  const t = useT();
  const fieldError = useFieldError();
  return (
    <>
      <Field
        label={t("field.name")}
        name="name"
        autoComplete="name"
        required
        error={fieldError(errors, "name")}
        defaultValue={values?.name}
      />
      <Field
        label={t("field.email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fieldError(errors, "email")}
        defaultValue={values?.email ?? email}
      />
      <Field
        label={t("field.handle")}
        name="handle"
        hint={t("field.handleHint")}
        required
        error={fieldError(errors, "handle")}
        defaultValue={values?.handle}
      />
      <Field
        label={t("field.department")}
        name="department"
        error={fieldError(errors, "department")}
        defaultValue={values?.department}
      />
      <Field label={t("field.title")} name="title" error={fieldError(errors, "title")} defaultValue={values?.title} />
      <Field
        label={t("field.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(errors, "password")}
      />
    </>
  );
}
