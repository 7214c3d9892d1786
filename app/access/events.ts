// Who may see and do what in a live event (issue #10 §2–3, docs/decisions/0006-events.md). Pure, like rules.ts.
//
//   see the event ........ its audience: company-wide → every employee; a group's → whoever may read the group's
//                          posts (canSeePost). A private group's event does not exist for anyone else (404).
//   take part ............ ask, vote, reply: the audience, not banned; a guest only in an event of their group
//   moderate ............. approve, dismiss, edit, merge, star, answer, ban, export: hosts and moderators, and
//                          site admins who may see it
//   host ................. start, end, edit the event and its settings: hosts and site admins who may see it
//   reveal an asker ...... site admins only, through the audited action (never hosts or moderators)
//   see anonymous askers . hosts, and only when the event's hosts_see_anonymous setting is on
//   comment .............. the audience, not banned (issue #10 §4), when the event's comments setting is on
//   delete a comment ..... its author, and the event's moderators and hosts (and site admins who may see it)
//   segments, polls ...... hosts (advance segments; create, open and close polls); a draft poll and hidden results
//                          are the hosts' alone until the poll opens or closes (issue #10 §4, §6)
import { canSeePost, type GroupRef, type Viewer } from "./rules";
import type { EventRole } from "#db/enums";

/** What the rules need to know about an event and the viewer's place in it. */
export type EventAccessFacts = {
  group: GroupRef | null;
  /** The viewer's role in the event, if any. */
  role: EventRole | null;
  banned: boolean;
  hostsSeeAnonymous: boolean;
};

/** The scope of an event's moderators and hosts on its stream (pending questions, bans: messages.server.ts). */
export const eventModScope = (eventId: number) => `event-mod:${eventId}`;
/** The scope of an event's hosts when they may see anonymous askers. */
export const eventHostScope = (eventId: number) => `event-host:${eventId}`;

/** The scope of an event's hosts (draft polls, results hidden until a poll closes: issue #10 §6). */
export const eventHostingScope = (eventId: number) => `event-hosting:${eventId}`;

export function canSeeEvent(viewer: Viewer, event: Pick<EventAccessFacts, "group">): boolean {
  return canSeePost(viewer, event);
}

/**
 * Creating an event: in a group, its admins (not in an archived group); company-wide, site admins, or every
 * employee when an admin allows it (events.membersMayCreate, mirroring groups.membersMayCreate). Never guests.
 */
export function canCreateEvent(
  viewer: Viewer,
  group: GroupRef | null,
  { membersMayCreateEvents }: { membersMayCreateEvents: boolean },
): boolean {
  if (group != null) return !group.archived && viewer.adminOf.has(group.id);
  return !viewer.guest && (viewer.role === "admin" || membersMayCreateEvents);
}

const siteAdmin = (viewer: Viewer, event: EventAccessFacts) => viewer.role === "admin" && canSeeEvent(viewer, event);

export type EventAction = "event.host" | "event.moderate" | "event.participate" | "event.reveal";

export function canInEvent(viewer: Viewer, action: EventAction, event: EventAccessFacts): boolean {
  if (!canSeeEvent(viewer, event)) return false;
  switch (action) {
    case "event.host":
      return event.role === "host" || siteAdmin(viewer, event);
    case "event.moderate":
      return event.role != null || siteAdmin(viewer, event);
    case "event.participate":
      if (event.banned || event.group?.archived) return false;
      return !viewer.guest || (event.group != null && viewer.memberOf.has(event.group.id));
    case "event.reveal":
      return viewer.role === "admin" && !viewer.guest;
  }
}

/** Whether the viewer may delete a live comment written by `authorId` (issue #10 §4). */
export function canDeleteEventComment(viewer: Viewer, event: EventAccessFacts, authorId: number): boolean {
  if (!canSeeEvent(viewer, event)) return false;
  return authorId === viewer.id || canInEvent(viewer, "event.moderate", event);
}

/** Whether the viewer may learn who asked an anonymous question of this event (the asker aside). */
export function seesAnonymousAskers(event: EventAccessFacts): boolean {
  return event.role === "host" && event.hostsSeeAnonymous;
}

/** The actions an event page offers, decided here so components never decide on their own. */
export type EventCan = { host: boolean; moderate: boolean; participate: boolean; reveal: boolean };

export function eventCan(viewer: Viewer, event: EventAccessFacts): EventCan {
  return {
    host: canInEvent(viewer, "event.host", event),
    moderate: canInEvent(viewer, "event.moderate", event),
    participate: canInEvent(viewer, "event.participate", event),
    reveal: canInEvent(viewer, "event.reveal", event),
  };
}
