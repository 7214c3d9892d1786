// Search synonyms (issue #13 item 5), the site admins': groups of words that find each other in search (배포 ↔
// deploy ↔ release). Every change is audited and reaches every worker's search on its next query; the whole
// dictionary also moves as CSV with `npm run sori -- search:synonyms export|import`.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getSearchEngine } from "#app/models/search/engine.server";
import {
  addSynonymGroup,
  deleteSynonymGroup,
  listSynonymGroups,
  syncSynonyms,
  updateSynonymGroup,
} from "#app/models/search/synonyms.server";
import { requireSiteAdmin } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { normalizeText } from "#search/text";
import { useFieldError, useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";
import { Field } from "#app/components/field";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "synonyms.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSiteAdmin(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 64);
  const needle = normalizeText(q).trim();
  const all = listSynonymGroups();
  const groups = needle ? all.filter((g) => g.terms.some((t) => t.includes(needle))) : all;
  return { q, total: all.length, groups };
}

const Id = z.coerce.number({ error: "error.invalid" }).int("error.invalid").positive("error.invalid");
const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), terms: z.string({ error: "error.required" }) }),
  z.object({ intent: z.literal("edit"), id: Id, terms: z.string({ error: "error.required" }) }),
  z.object({ intent: z.literal("delete"), id: Id }),
]);

const splitTerms = (terms: string) => terms.split(/[,，、\n]/);

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireSiteAdmin(request);
  const values = formToObject(await readForm(request));
  const parsed = parseWith(IntentSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, 400, values);
  const input = parsed.data;
  let flash: "synonyms.added" | "synonyms.saved" | "synonyms.deleted";
  try {
    if (input.intent === "add") {
      addSynonymGroup({ viewer, terms: splitTerms(input.terms) });
      flash = "synonyms.added";
    } else if (input.intent === "edit") {
      updateSynonymGroup({ viewer, id: input.id, terms: splitTerms(input.terms) });
      flash = "synonyms.saved";
    } else {
      deleteSynonymGroup({ viewer, id: input.id });
      flash = "synonyms.deleted";
    }
  } catch (error) {
    return appErrorToAction(error, values);
  }
  // This worker at once (Meilisearch's setting too); the others on their next search.
  await syncSynonyms(getSearchEngine()).catch((error: unknown) => {
    console.warn("search: synonyms not applied yet:", error instanceof Error ? error.message : error);
  });
  return redirectWithFlash(`/admin/synonyms`, flash);
}

export default function Synonyms() {
  const { q, total, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fieldError = useFieldError();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values = actionData?.values;
  const rowError = (id: number) =>
    values?.id === String(id) ? (fieldError(errors, "terms") ?? fieldError(errors, "form")) : undefined;
  return (
    <div className="stack" style={{ maxWidth: 860 }}>
      <p>
        <Link to="/admin">{t("admin.title")}</Link>
      </p>
      <h1>{t("synonyms.title")}</h1>
      <p>{t("synonyms.intro")}</p>
      <section className="card stack" aria-labelledby="synonyms-add">
        <h2 id="synonyms-add">{t("synonyms.add")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="add" />
          <Field
            label={t("synonyms.terms")}
            name="terms"
            hint={t("synonyms.termsHint")}
            required
            defaultValue={values?.intent === "add" ? values.terms : undefined}
            error={values?.intent === "add" ? (fieldError(errors, "terms") ?? fieldError(errors, "form")) : undefined}
          />
          <button type="submit" className="primary">
            {t("synonyms.add")}
          </button>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="synonyms-list">
        <h2 id="synonyms-list">{t("synonyms.count", { count: total })}</h2>
        <Form method="get" className="inline" role="search">
          <label>
            {t("synonyms.filter")} <input type="search" name="q" defaultValue={q} maxLength={64} />
          </label>{" "}
          <button type="submit">{t("synonyms.filterButton")}</button>
        </Form>
        {groups.length === 0 ? (
          <p className="muted">{t("synonyms.none")}</p>
        ) : (
          <table>
            <tbody>
              {groups.map((g) => {
                const error = rowError(g.id);
                return (
                  <tr key={g.id}>
                    <td>
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="edit" />
                        <input type="hidden" name="id" value={g.id} />
                        <input
                          name="terms"
                          aria-label={t("synonyms.terms")}
                          defaultValue={values?.id === String(g.id) ? values.terms : g.terms.join(", ")}
                          aria-invalid={error ? true : undefined}
                          size={60}
                        />{" "}
                        <button type="submit">{t("synonyms.save")}</button>
                        {error ? (
                          <p className="error" role="alert">
                            {error}
                          </p>
                        ) : null}
                      </Form>
                    </td>
                    <td>
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={g.id} />
                        <button type="submit" className="link-button">
                          {t("synonyms.delete")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
