// Live events' topics on the hub (issue #10 §2–3, docs/decisions/0006-events.md): a stream of
// GET /api/v1/events/:id/stream subscribes to `event:<id>`, and only after the access rule let the viewer see the
// event (404 as a missing one, like every other path to it). Scopes beyond the viewer's groups: an event's hosts and
// moderators hold `event-mod:<id>` (pending questions, the moderators' variants), its hosts `event-hosting:<id>`
// (draft polls, hidden poll results) and also `event-host:<id>` when the event lets hosts see anonymous askers.
import { canSeeEvent, eventHostingScope, eventHostScope, eventModScope } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";
import { requireEvent } from "#app/models/events/event.server";
import { parseId } from "#app/utils/ids";
import { notFound } from "#app/utils/errors";
import type { GroupVisibility } from "#db/enums";

export const eventTopic = (eventId: number) => `event:${eventId}`;

/** The event id of an `event:<id>` topic, or null for any other topic. */
export function eventIdOfTopic(topic: string): number | null {
  return topic.startsWith("event:") ? Number(topic.slice(6)) : null;
}

/** The topic of the event `rawId` names, if the viewer may see it; 404 (AppError) otherwise. */
export function eventTopicFor(viewer: Viewer, rawId: string): string {
  const id = parseId(rawId);
  if (id == null) throw notFound();
  return eventTopic(requireEvent(viewer, id).id);
}

/** Whether the viewer may still see the event (re-checked when their memberships change). */
export function maySeeEventTopic(viewer: Viewer, eventId: number): boolean {
  const row = rawStatement(
    `select e.group_id as groupId, g.visibility, g.archived_at as archivedAt
       from events e left join groups g on g.id = e.group_id where e.id = @id`,
  ).get({ id: eventId }) as
    { groupId: number | null; visibility: GroupVisibility | null; archivedAt: number | null } | undefined;
  if (!row) return false;
  const group =
    row.groupId == null
      ? null
      : { id: row.groupId, visibility: row.visibility ?? "private", archived: row.archivedAt != null };
  return canSeeEvent(viewer, { group });
}

/** The event scopes a person's streams hold: their roles in events. */
export function eventScopesOf(userId: number): string[] {
  const rows = rawStatement(
    `select r.event_id as eventId, r.role, e.hosts_see_anonymous as hostsSee
       from event_roles r join events e on e.id = r.event_id where r.user_id = @u`,
  ).all({ u: userId }) as { eventId: number; role: string; hostsSee: number }[];
  const scopes: string[] = [];
  for (const r of rows) {
    scopes.push(eventModScope(r.eventId));
    if (r.role === "host") scopes.push(eventHostingScope(r.eventId));
    if (r.role === "host" && r.hostsSee === 1) scopes.push(eventHostScope(r.eventId));
  }
  return scopes;
}

/** The people who hold a role in the event (their scopes change with its settings). */
export function eventStaffIds(eventId: number): number[] {
  return rawStatement(`select user_id from event_roles where event_id = @e`).pluck().all({ e: eventId }) as number[];
}
