import { Form } from "@remix-run/react";
import type { GroupView } from "#app/models/groups/group.server";
import { useT } from "#app/utils/use-t";

/**
 * Join / request to join / requested / leave, as app/access decided in `group.can`. Always posts to the group
 * page's action, with where to come back to, so the directory and the group's pages share one handler.
 */
export function MembershipButton({
  group,
  redirectTo,
}: {
  group: Pick<GroupView, "slug" | "name" | "visibility" | "requested" | "can">;
  redirectTo?: string;
}) {
  const t = useT();
  if (group.can.join) {
    const label = group.visibility === "public" ? t("groups.join") : t("groups.requestJoin");
    return (
      <Form method="post" action={`/groups/${group.slug}`} className="inline">
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <button type="submit" name="intent" value="join" className="primary" aria-label={`${label}: ${group.name}`}>
          {label}
        </button>
      </Form>
    );
  }
  if (group.requested) {
    return (
      <button type="button" className="secondary" disabled>
        {t("groups.requested")}
      </button>
    );
  }
  if (group.can.leave) {
    return (
      <Form
        method="post"
        action={`/groups/${group.slug}`}
        className="inline"
        onSubmit={(e) => {
          if (!confirm(t("groups.leaveConfirm"))) e.preventDefault();
        }}
      >
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <button type="submit" name="intent" value="leave" className="secondary">
          {t("groups.leave")}
        </button>
      </Form>
    );
  }
  return null;
}
