import { Link } from "@remix-run/react";
import type { GroupView } from "#app/models/groups/group.server";
import { useT } from "#app/utils/use-t";
import { MembershipButton } from "./group-membership";
import { VisibilityBadge } from "./group-visibility";

export type GroupTab = "posts" | "questions" | "members" | "settings";

/** The top of every group page: what the group is, the viewer's place in it, and its sections. */
export function GroupHeader({ group, tab }: { group: GroupView; tab: GroupTab }) {
  const t = useT();
  const base = `/groups/${group.slug}`;
  const tabs: { key: GroupTab; to: string; label: string; show: boolean }[] = [
    { key: "posts", to: base, label: t("groups.tabPosts"), show: true },
    { key: "questions", to: `${base}/questions`, label: t("groups.tabQuestions"), show: group.can.read },
    { key: "members", to: `${base}/members`, label: t("groups.tabMembers"), show: group.can.read },
    { key: "settings", to: `${base}/settings`, label: t("groups.tabSettings"), show: group.can.edit },
  ];
  return (
    <section className="card group-head">
      <div className="group-title">
        <div>
          <h1>{group.name}</h1>
          <p className="group-facts">
            <VisibilityBadge visibility={group.visibility} />
            <span className="muted">{t("groups.members", { count: group.memberCount })}</span>
            {group.myRole ? (
              <span className="muted">· {group.myRole === "admin" ? t("groups.youAreAdmin") : t("groups.youAre")}</span>
            ) : null}
          </p>
        </div>
        <MembershipButton group={group} />
      </div>
      {group.description ? <p className="group-description">{group.description}</p> : null}
      {group.archived ? (
        <p className="notice" role="note">
          {t("groups.archivedNotice")}
        </p>
      ) : null}
      {!group.can.read ? (
        <p className="notice" role="note">
          {t("groups.privateNotice")}
        </p>
      ) : group.visibility === "secret" ? (
        <p className="muted">{t("groups.secretNotice")}</p>
      ) : null}
      {tabs.filter((x) => x.show).length > 1 ? (
        <nav className="tabs" aria-label={t("groups.sections")}>
          {tabs
            .filter((x) => x.show)
            .map((x) => (
              <Link key={x.key} to={x.to} aria-current={x.key === tab ? "page" : undefined}>
                {x.label}
              </Link>
            ))}
        </nav>
      ) : null}
    </section>
  );
}
