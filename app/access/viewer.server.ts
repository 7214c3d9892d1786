// Builds the Viewer of rules.ts from the database: once per request (requireViewer), API call, stream and
// fan-out. Memberships are read fresh each time, so leaving or being removed from a group takes effect on the
// next request, API call or stream event.
import { rawStatement } from "#app/infra/db.server";
import type { Role, Viewer } from "./rules";

export type ViewerIdentity = { id: number; role: Role };

/** The viewer for an active account (the caller has checked the session or token). */
export function buildViewer(user: ViewerIdentity): Viewer {
  const rows = rawStatement(`select group_id as groupId, role from group_members where user_id = @id`).all({
    id: user.id,
  }) as { groupId: number; role: "member" | "admin" }[];
  const memberOf = new Set<number>();
  const adminOf = new Set<number>();
  for (const r of rows) {
    memberOf.add(r.groupId);
    if (r.role === "admin") adminOf.add(r.groupId);
  }
  const guest = user.role === "guest";
  const readable = new Set(memberOf);
  if (!guest) {
    for (const id of rawStatement(`select id from groups where visibility = 'public'`).pluck().all() as number[]) {
      readable.add(id);
    }
  }
  return { id: user.id, role: user.role, guest, memberOf, adminOf, readable };
}

/** The viewer of a given account id, or null when it does not exist or is deactivated. */
export function getViewerById(userId: number): Viewer | null {
  const user = rawStatement(`select id, role from users where id = @id and status = 'active'`).get({ id: userId }) as
    ViewerIdentity | undefined;
  return user ? buildViewer(user) : null;
}
