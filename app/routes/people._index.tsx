import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listDepartments } from "#app/models/people/user.server";
import { listDirectory } from "#app/models/people/directory.server";
import { can } from "#app/access/rules";
import { getLocale } from "#app/web/auth.server";
import { pageLoader } from "#app/web/page.server";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "people.title");

export const loader = pageLoader(async ({ request, url, viewer }) => {
  // The company directory is for employees; a guest knows the members of their groups.
  if (!can(viewer, "people.browse", null)) throw new Response("Not found", { status: 404 });
  const department = url.searchParams.get("department") || null;
  // Searched by name (Korean or English), handle or title, sorted for the viewer's language (issue #12 item 15).
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  return {
    department,
    q,
    departments: listDepartments(),
    ...listDirectory({ locale: await getLocale(request), department, q, cursor: url.searchParams.get("cursor") }),
  };
});

export default function People() {
  const { department, q, departments, people, nextCursor } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack">
      <h1>{t("people.title")}</h1>
      <Form method="get" className="card post-actions people-filter" role="search">
        <label htmlFor="people-q">{t("people.searchLabel")}</label>
        <input
          id="people-q"
          type="search"
          name="q"
          defaultValue={q}
          maxLength={100}
          placeholder={t("people.searchPlaceholder")}
          style={{ maxWidth: 260 }}
        />
        <label htmlFor="department">{t("field.department")}</label>
        <select id="department" name="department" defaultValue={department ?? ""} style={{ maxWidth: 260 }}>
          <option value="">{t("people.allDepartments")}</option>
          {departments.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("people.search")}
        </button>
      </Form>
      {people.length === 0 && q ? <p className="card muted">{t("people.none", { q })}</p> : null}
      <ul className="people-grid">
        {people.map((p) => (
          <li key={p.id} className="card person">
            <Avatar user={p} size={48} />
            <div>
              <Link to={`/people/${p.handle}`}>
                <strong>{p.name}</strong>
              </Link>
              <div className="muted">@{p.handle}</div>
              <div className="muted">{[p.title, p.department].filter(Boolean).join(" · ")}</div>
            </div>
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <Link
          className="button"
          to={`?${new URLSearchParams({ ...(department ? { department } : {}), ...(q ? { q } : {}), cursor: nextCursor })}`}
        >
          {t("feed.more")}
        </Link>
      ) : null}
    </div>
  );
}
