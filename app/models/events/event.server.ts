// Live events (issue #10 §2, docs/decisions/0006-events.md): a town hall or a seminar, company-wide or in one group,
// with hosts and moderators, a schedule, a short join code and the settings of its open Q&A. Every use case takes
// the acting Viewer and asks app/access/events.ts; an event the viewer may not see answers 404 exactly like one
// that does not exist — by id, by code and in lists. Changes and their domain events commit together. Its fields,
// input schemas and the state people see are event-fields.ts.
import { randomInt } from "node:crypto";
import type { z } from "zod";
import {
  canCreateEvent,
  canInEvent,
  canSeeEvent,
  eventCan,
  type EventAccessFacts,
  type EventCan,
} from "#app/access/events";
import type { GroupRef, Viewer } from "#app/access/rules";
import { whoMaySeeAudience } from "#app/access/visibility.server";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { getSetting } from "#app/models/admin/settings.server";
import { requireGroup } from "#app/models/groups/group.server";
import { findActiveHandles } from "#app/models/people/user.server";
import { renderPost } from "#app/models/posts/markdown.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import type { EventKind, EventRole, EventState, GroupVisibility } from "#db/enums";
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  CODE_RE,
  EFFECTIVE_STATE,
  effectiveState,
  EVENT_LIST_SIZE,
  eventError,
  EventPatchSchema,
  NewEventSchema,
  questionsOpen,
} from "./event-fields";
import { archiveEndedEvent } from "./event-archive.server";

// What callers import from here too.
export {
  CODE_RE,
  effectiveState,
  EventPatchSchema,
  EventSettingsSchema,
  NewEventSchema,
  questionsOpen,
} from "./event-fields";

// ---------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------

export type EventRow = {
  id: number;
  title: string;
  description: string;
  descriptionHtml: string;
  kind: EventKind;
  startsAt: number;
  endsAt: number;
  groupId: number | null;
  state: EventState;
  startedAt: number | null;
  endedAt: number | null;
  code: string;
  questionsOpenAt: number | null;
  anonymousQuestions: boolean;
  preModeration: boolean;
  comments: boolean;
  hostsSeeAnonymous: boolean;
  segment: number | null;
  segmentGraceSeconds: number;
  createdById: number | null;
  createdAt: number;
  archivedAt: number | null;
  summaryPostId: number | null;
  groupSlug: string | null;
  groupName: string | null;
  groupVisibility: GroupVisibility | null;
  groupArchivedAt: number | null;
};

const EVENT_COLUMNS = `e.id, e.title, e.description, e.description_html as descriptionHtml, e.kind,
  e.starts_at as startsAt, e.ends_at as endsAt, e.group_id as groupId, e.state, e.started_at as startedAt,
  e.ended_at as endedAt, e.code, e.questions_open_at as questionsOpenAt, e.anonymous_questions as anonymousQuestions,
  e.pre_moderation as preModeration, e.comments, e.hosts_see_anonymous as hostsSeeAnonymous, e.segment,
  e.segment_grace_seconds as segmentGraceSeconds,
  e.created_by_id as createdById, e.created_at as createdAt, e.archived_at as archivedAt,
  e.summary_post_id as summaryPostId, g.slug as groupSlug, g.name as groupName,
  g.visibility as groupVisibility, g.archived_at as groupArchivedAt`;

const BOOLEANS = ["anonymousQuestions", "preModeration", "comments", "hostsSeeAnonymous"] as const;
function fromRow(row: Record<string, unknown> | undefined): EventRow | undefined {
  if (!row) return undefined;
  for (const key of BOOLEANS) row[key] = row[key] === 1;
  return row as EventRow;
}

export const eventGroupRef = (e: EventRow): GroupRef | null =>
  e.groupId == null
    ? null
    : { id: e.groupId, visibility: e.groupVisibility ?? "private", archived: e.groupArchivedAt != null };

/** An event with the viewer's place in it: what app/access/events.ts decides on. */
export type LoadedEvent = EventRow & { facts: EventAccessFacts };

export function roleOf(eventId: number, userId: number): EventRole | null {
  return (
    (rawStatement(`select role from event_roles where event_id = @e and user_id = @u`)
      .pluck()
      .get({ e: eventId, u: userId }) as EventRole | undefined) ?? null
  );
}

export function isBanned(eventId: number, userId: number): boolean {
  return !!rawStatement(`select 1 from event_bans where event_id = @e and user_id = @u`).get({ e: eventId, u: userId });
}

function load(viewer: Viewer, row: EventRow | undefined): LoadedEvent {
  if (!row) throw notFound();
  const facts: EventAccessFacts = {
    group: eventGroupRef(row),
    role: roleOf(row.id, viewer.id),
    banned: isBanned(row.id, viewer.id),
    hostsSeeAnonymous: row.hostsSeeAnonymous,
  };
  // Hidden and missing answer alike (DESIGN.md invariant 1).
  if (!canSeeEvent(viewer, facts)) throw notFound();
  return { ...row, facts };
}

/** The event, if the viewer may see it; 404 otherwise (a private group's event and a missing one look the same). */
export function requireEvent(viewer: Viewer, eventId: number): LoadedEvent {
  return load(
    viewer,
    fromRow(
      rawStatement(
        `select ${EVENT_COLUMNS} from events e left join groups g on g.id = e.group_id where e.id = @id`,
      ).get({
        id: eventId,
      }) as Record<string, unknown> | undefined,
    ),
  );
}

/** The event a join code names (any case, spaces ignored), under the same rule: 404 for a hidden one. */
export function requireEventByCode(viewer: Viewer, code: string): LoadedEvent {
  const normalised = String(code).replace(/\s+/g, "").toUpperCase();
  if (!CODE_RE.test(normalised)) throw notFound();
  return load(
    viewer,
    fromRow(
      rawStatement(
        `select ${EVENT_COLUMNS} from events e left join groups g on g.id = e.group_id where e.code = @code`,
      ).get({
        code: normalised,
      }) as Record<string, unknown> | undefined,
    ),
  );
}

/** An event as people and API clients see it. */
export type EventView = {
  id: number;
  code: string;
  title: string;
  description: string;
  html: string;
  kind: EventKind;
  state: EventState;
  startsAt: number;
  endsAt: number;
  startedAt: number | null;
  endedAt: number | null;
  group: { slug: string; name: string; visibility: GroupVisibility } | null;
  settings: {
    anonymousQuestions: boolean;
    preModeration: boolean;
    comments: boolean;
    questionsOpenAt: number | null;
    hostsSeeAnonymous: boolean;
    segmentGraceSeconds: number;
  };
  hosts: { handle: string; name: string }[];
  moderators: { handle: string; name: string }[];
  myRole: EventRole | null;
  /** Questions the audience sees (approved, being answered or answered; never pending ones). */
  questionCount: number;
  /** Whether questions may be asked now. */
  questionsOpen: boolean;
  segment: number | null;
  /**
   * The archive (issue #10 §7): when the ended event's answered questions became Q&A threads (each question's
   * `threadId`) and its summary post, which links here; null until then.
   */
  archive: { archivedAt: number; summaryPostId: number | null } | null;
  can: EventCan;
};

function staffOf(eventId: number) {
  return rawStatement(
    `select u.handle, u.name, r.role from event_roles r join users u on u.id = r.user_id
      where r.event_id = @e order by r.created_at, u.handle`,
  ).all({ e: eventId }) as { handle: string; name: string; role: EventRole }[];
}

export function toEventView(viewer: Viewer, e: LoadedEvent, now = Date.now()): EventView {
  const staff = staffOf(e.id);
  const questionCount = rawStatement(
    `select count(*) from event_questions q where q.event_id = @e and q.status in ('approved', 'answering', 'answered')
        and q.merged_into_id is null
        and not exists (select 1 from event_bans b where b.event_id = q.event_id and b.user_id = q.author_id)`,
  )
    .pluck()
    .get({ e: e.id }) as number;
  return {
    id: e.id,
    code: e.code,
    title: e.title,
    description: e.description,
    html: e.descriptionHtml,
    kind: e.kind,
    state: effectiveState(e, now),
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    startedAt: e.startedAt,
    endedAt: e.endedAt,
    group:
      e.groupId != null
        ? { slug: e.groupSlug ?? "", name: e.groupName ?? "", visibility: e.groupVisibility ?? "private" }
        : null,
    settings: {
      anonymousQuestions: e.anonymousQuestions,
      preModeration: e.preModeration,
      comments: e.comments,
      questionsOpenAt: e.questionsOpenAt,
      hostsSeeAnonymous: e.hostsSeeAnonymous,
      segmentGraceSeconds: e.segmentGraceSeconds,
    },
    hosts: staff.filter((s) => s.role === "host").map(({ handle, name }) => ({ handle, name })),
    moderators: staff.filter((s) => s.role === "moderator").map(({ handle, name }) => ({ handle, name })),
    myRole: e.facts.role,
    questionCount,
    questionsOpen: questionsOpen(e, now),
    segment: e.segment,
    archive: e.archivedAt != null ? { archivedAt: e.archivedAt, summaryPostId: e.summaryPostId } : null,
    can: eventCan(viewer, e.facts),
  };
}

export function getEvent({ viewer, eventId }: { viewer: Viewer; eventId: number }): EventView {
  return toEventView(viewer, requireEvent(viewer, eventId));
}

/**
 * The events the viewer may see, by state: upcoming soonest first, live and ended latest start first (at most
 * EVENT_LIST_SIZE; a company holds a few events a week, so one page is years of them).
 */
export function listEvents({
  viewer,
  state,
  now = Date.now(),
}: {
  viewer: Viewer;
  state?: EventState;
  now?: number;
}): EventView[] {
  const order = state === "upcoming" ? "e.starts_at asc, e.id asc" : "e.starts_at desc, e.id desc";
  const rows = rawStatement(
    `select ${EVENT_COLUMNS} from events e left join groups g on g.id = e.group_id
      where (e.group_id is null and @employee = 1 or e.group_id in (select value from json_each(@readable)))
        and (@state is null or ${EFFECTIVE_STATE("e")} = @state)
      order by ${order} limit @limit`,
  ).all({
    employee: viewer.guest ? 0 : 1,
    readable: JSON.stringify([...viewer.readable]),
    state: state ?? null,
    now,
    limit: EVENT_LIST_SIZE,
  }) as Record<string, unknown>[];
  return rows.map((r) => toEventView(viewer, load(viewer, fromRow(r)), now));
}

// ---------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------

/** Company-wide events by every employee: off unless an admin allows it (groups' membersMayCreate, mirrored). */
export function membersMayCreateEvents(): boolean {
  return getSetting("events.membersMayCreate") === "1";
}

/**
 * Where the viewer may create an event: their groups they administer (not archived), and whether company-wide —
 * for the new-event form (canCreateEvent decides each).
 */
export function listEventAudiences(viewer: Viewer): { company: boolean; groups: { slug: string; name: string }[] } {
  const groups = (
    rawStatement(
      `select g.id, g.slug, g.name, g.visibility from group_members m join groups g on g.id = m.group_id
        where m.user_id = @me and m.role = 'admin' and g.archived_at is null order by g.name`,
    ).all({ me: viewer.id }) as { id: number; slug: string; name: string; visibility: GroupVisibility }[]
  ).filter((g) =>
    canCreateEvent(viewer, { id: g.id, visibility: g.visibility, archived: false }, { membersMayCreateEvents: false }),
  );
  return {
    company: canCreateEvent(viewer, null, { membersMayCreateEvents: membersMayCreateEvents() }),
    groups: groups.map(({ slug, name }) => ({ slug, name })),
  };
}

function newCode(): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!rawStatement(`select 1 from events where code = @code`).get({ code })) return code;
  }
}

function renderDescription(description: string): string {
  if (description === "") return "";
  let known = new Map<string, number>();
  return renderPost(description, {
    prepare: (candidates) => void (known = findActiveHandles(candidates)),
    isKnownHandle: (h) => known.has(h),
  }).html;
}

/** The ids of the people named, checked to exist and to be able to see the event (400 naming them otherwise). */
function resolveStaff(handles: string[], group: GroupRef | null, field: string): number[] {
  if (handles.length === 0) return [];
  const known = findActiveHandles(handles);
  const unknown = handles.filter((h) => !known.has(h));
  if (unknown.length > 0)
    throw eventError("event.unknownPeople", field, { handles: unknown.map((h) => `@${h}`).join(", ") });
  const ids = handles.map((h) => known.get(h)!);
  const allowed = whoMaySeeAudience(ids, group);
  const blind = handles.filter((h) => !allowed.has(known.get(h)!));
  if (blind.length > 0) throw eventError("event.cannotSee", field, { handles: blind.map((h) => `@${h}`).join(", ") });
  return ids;
}

/** Writes hosts and moderators (a person is one or the other; host wins); returns whose role changed. */
function writeStaff(eventId: number, hosts: number[], moderators: number[]): number[] {
  const before = new Map(
    (
      rawStatement(`select user_id as userId, role from event_roles where event_id = @e`).all({ e: eventId }) as {
        userId: number;
        role: EventRole;
      }[]
    ).map((r) => [r.userId, r.role]),
  );
  const after = new Map<number, EventRole>();
  for (const id of moderators) after.set(id, "moderator");
  for (const id of hosts) after.set(id, "host");
  rawStatement(`delete from event_roles where event_id = @e`).run({ e: eventId });
  const insert = rawStatement(`insert into event_roles (event_id, user_id, role) values (@e, @u, @role)`);
  for (const [u, role] of after) insert.run({ e: eventId, u, role });
  const changed = new Set<number>();
  for (const [u, role] of after) if (before.get(u) !== role) changed.add(u);
  for (const u of before.keys()) if (!after.has(u)) changed.add(u);
  return [...changed];
}

function checkTimes(startsAt: number, endsAt: number) {
  if (endsAt <= startsAt) throw eventError("event.endsBeforeStart", "ends_at");
}

/** Creates an event; the creator is its first host. 403 when the viewer may not create it there. */
export function createEvent({ viewer, input }: { viewer: Viewer; input: z.input<typeof NewEventSchema> }): number {
  const values = NewEventSchema.parse(input);
  const group = values.group ? requireGroup(viewer, values.group) : null;
  const ref: GroupRef | null = group
    ? { id: group.id, visibility: group.visibility, archived: group.archivedAt != null }
    : null;
  if (!canCreateEvent(viewer, ref, { membersMayCreateEvents: membersMayCreateEvents() })) throw forbidden();
  checkTimes(values.starts_at, values.ends_at);
  const hosts = resolveStaff(values.hosts, ref, "hosts");
  const moderators = resolveStaff(values.moderators, ref, "moderators");
  const html = renderDescription(values.description);
  const s = values.settings;
  return getDb().transaction(() => {
    const id = rawStatement(
      `insert into events (title, description, description_html, kind, starts_at, ends_at, group_id, code,
         questions_open_at, anonymous_questions, pre_moderation, comments, hosts_see_anonymous, segment_grace_seconds,
         created_by_id)
       values (@title, @description, @html, @kind, @startsAt, @endsAt, @groupId, @code, @openAt, @anon, @premod,
         @comments, @hostsSee, @grace, @me) returning id`,
    )
      .pluck()
      .get({
        title: values.title,
        description: values.description,
        html,
        kind: values.kind,
        startsAt: values.starts_at,
        endsAt: values.ends_at,
        groupId: ref?.id ?? null,
        code: newCode(),
        openAt: s.questions_open_at ?? null,
        anon: s.anonymous_questions ? 1 : 0,
        premod: s.pre_moderation ? 1 : 0,
        comments: s.comments === false ? 0 : 1,
        hostsSee: s.hosts_see_anonymous ? 1 : 0,
        grace: s.segment_grace_seconds ?? 20,
        me: viewer.id,
      }) as number;
    const changed = writeStaff(
      id,
      [viewer.id, ...hosts],
      moderators.filter((m) => m !== viewer.id),
    );
    recordEvent({ type: "event.created", eventId: id, groupId: ref?.id ?? null });
    recordEvent({ type: "event.roles_changed", eventId: id, groupId: ref?.id ?? null, userIds: changed });
    return id;
  }, IMMEDIATE);
}

/** Edits an event (its hosts, and site admins who may see it). The audience (group) never changes. */
export function updateEvent({
  viewer,
  eventId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  input: z.input<typeof EventPatchSchema>;
}) {
  const values = EventPatchSchema.parse(input);
  const event = requireEvent(viewer, eventId);
  if (!canInEvent(viewer, "event.host", event.facts)) throw forbidden();
  const startsAt = values.starts_at ?? event.startsAt;
  const endsAt = values.ends_at ?? event.endsAt;
  checkTimes(startsAt, endsAt);
  const ref = event.facts.group;
  const hosts = values.hosts ? resolveStaff(values.hosts, ref, "hosts") : null;
  const moderators = values.moderators ? resolveStaff(values.moderators, ref, "moderators") : null;
  const html = values.description !== undefined ? renderDescription(values.description) : event.descriptionHtml;
  const s = values.settings ?? {};
  getDb().transaction(() => {
    requireEvent(viewer, eventId);
    rawStatement(
      `update events set title = @title, description = @description, description_html = @html, kind = @kind,
         starts_at = @startsAt, ends_at = @endsAt, questions_open_at = @openAt, anonymous_questions = @anon,
         pre_moderation = @premod, comments = @comments, hosts_see_anonymous = @hostsSee,
         segment_grace_seconds = @grace, updated_at = @now
       where id = @id`,
    ).run({
      id: eventId,
      title: values.title ?? event.title,
      description: values.description ?? event.description,
      html,
      kind: values.kind ?? event.kind,
      startsAt,
      endsAt,
      openAt: s.questions_open_at !== undefined ? s.questions_open_at : event.questionsOpenAt,
      anon: (s.anonymous_questions ?? event.anonymousQuestions) ? 1 : 0,
      premod: (s.pre_moderation ?? event.preModeration) ? 1 : 0,
      comments: (s.comments ?? event.comments) ? 1 : 0,
      hostsSee: (s.hosts_see_anonymous ?? event.hostsSeeAnonymous) ? 1 : 0,
      grace: s.segment_grace_seconds ?? event.segmentGraceSeconds,
      now: Date.now(),
    });
    recordEvent({ type: "event.updated", eventId, groupId: event.groupId });
    if (hosts || moderators) {
      const current = staffIds(eventId);
      const nextHosts = hosts ?? current.hosts;
      // An event always keeps a host: removing every host keeps the one who is editing.
      const keptHosts = nextHosts.length > 0 ? nextHosts : [viewer.id];
      const changed = writeStaff(
        eventId,
        keptHosts,
        (moderators ?? current.moderators).filter((m) => !keptHosts.includes(m)),
      );
      if (changed.length > 0)
        recordEvent({ type: "event.roles_changed", eventId, groupId: event.groupId, userIds: changed });
    }
  }, IMMEDIATE);
}

function staffIds(eventId: number) {
  const rows = rawStatement(`select user_id as userId, role from event_roles where event_id = @e`).all({
    e: eventId,
  }) as {
    userId: number;
    role: EventRole;
  }[];
  return {
    hosts: rows.filter((r) => r.role === "host").map((r) => r.userId),
    moderators: rows.filter((r) => r.role === "moderator").map((r) => r.userId),
  };
}

/**
 * The host starts (live) or ends the event. Idempotent; starting an event the host ended is 409 (an ended event
 * is its archive, issue #10 §7). Ending it archives it in the same transaction (event-archive.server.ts: Q&A
 * threads and the summary post, signed by the host who ended it). Returns the state people now see.
 */
export function setEventState({
  viewer,
  eventId,
  to,
}: {
  viewer: Viewer;
  eventId: number;
  to: "live" | "ended";
}): EventState {
  const event = requireEvent(viewer, eventId);
  if (!canInEvent(viewer, "event.host", event.facts)) throw forbidden();
  if (to === "live" && event.state === "ended") throw new AppError(409, "event_ended", "event.alreadyEnded");
  if (event.state === to) return effectiveState(event);
  return getDb().transaction(() => {
    const now = Date.now();
    rawStatement(
      to === "live"
        ? `update events set state = 'live', started_at = @now, updated_at = @now where id = @id and state <> 'ended'`
        : `update events set state = 'ended', ended_at = @now, updated_at = @now where id = @id`,
    ).run({ id: eventId, now });
    recordEvent({ type: "event.state", eventId, groupId: event.groupId, state: to });
    if (to === "ended") archiveEndedEvent(eventId, { publisherId: event.facts.role === "host" ? viewer.id : null });
    return to;
  }, IMMEDIATE);
}
