import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listDepartments, listPeople } from "#app/models/people/user.server";
import { can } from "#app/access/rules";
import { pageLoader } from "#app/web/page.server";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";

export const meta: MetaFunction = () => [{ title: "Sori — People" }];

export const loader = pageLoader(({ url, viewer }) => {
  // The company directory is for employees; a guest knows the members of their groups.
  if (!can(viewer, "people.browse", null)) throw new Response("Not found", { status: 404 });
  const department = url.searchParams.get("department") || null;
  return {
    department,
    departments: listDepartments(),
    ...listPeople({ department, cursor: url.searchParams.get("cursor") }),
  };
});

export default function People() {
  const { department, departments, people, nextCursor } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack">
      <h1>{t("people.title")}</h1>
      <Form method="get" className="card post-actions">
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
          {t("people.filter")}
        </button>
      </Form>
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
          to={`?${new URLSearchParams({ ...(department ? { department } : {}), cursor: nextCursor })}`}
        >
          {t("feed.more")}
        </Link>
      ) : null}
    </div>
  );
}
