// Segments of a live event (issue #10 §4, docs/decisions/0008-event-live.md): the agenda items or slides the host
// advances (number and title). Every change is a row of event_segments; events.segment and segment_changed_at are
// the current one. Comments and questions are stamped with the segment showing when they were written:
//
//   claimed segment (what the client displayed)
//        │
//        ├─ none, or the current one ─────────────────────────────▶ the current segment
//        ├─ one that was showing at some moment in [now − grace, now] ▶ the claimed one (a remote attendee's
//        │                                                            delayed comment stays on its slide)
//        └─ anything else (older, never shown, in the future) ──────▶ the current segment
//
// The grace window is events.segment_grace_seconds (20 s by default).
import { z } from "zod";
import { canInEvent } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { AppError, forbidden } from "#app/utils/errors";
import { cleanDisplayText } from "#app/utils/validation";
import { effectiveState, requireEvent } from "./event.server";

export const MAX_SEGMENT = 9_999;
export const MAX_SEGMENT_TITLE = 150;
/** How many past changes the grace window looks back over (a host clicking through slides fast). */
const GRACE_LOOKBACK = 50;

/** A segment number a client says it displayed (shared by comments and questions). */
export const SegmentNumberSchema = z
  .number({ error: "error.invalid" })
  .int("error.invalid")
  .min(0, "error.invalid")
  .max(MAX_SEGMENT, "error.invalid");

export const SetSegmentSchema = z.object({
  index: SegmentNumberSchema,
  title: z
    .string({ error: "error.invalid" })
    .transform(cleanDisplayText)
    .refine((s) => [...s].length <= MAX_SEGMENT_TITLE, "error.tooLong")
    .optional(),
});

export type SegmentView = { index: number; title: string; startedAt: number };

/** The segment showing now, or null before the host set one. */
export function currentSegment(eventId: number): SegmentView | null {
  return (
    (rawStatement(
      `select s.segment as "index", s.title, s.started_at as startedAt from event_segments s
        where s.event_id = @e order by s.started_at desc, s.id desc limit 1`,
    ).get({ e: eventId }) as SegmentView | undefined) ?? null
  );
}

/** Each segment shown, once, with its latest title and when it was first shown, in the order first shown. */
export function listSegments(eventId: number): SegmentView[] {
  return rawStatement(
    `select s.segment as "index",
            (select t.title from event_segments t where t.event_id = s.event_id and t.segment = s.segment
              order by t.started_at desc, t.id desc limit 1) as title,
            min(s.started_at) as startedAt
       from event_segments s where s.event_id = @e group by s.segment order by startedAt, s.segment`,
  ).all({ e: eventId }) as SegmentView[];
}

/**
 * The segment to stamp on a comment or question written at `now` whose writer displayed `claimed` (see the header).
 * Call it inside the write's transaction so a concurrent change is seen.
 */
export function stampSegment(eventId: number, claimed: number | undefined, now = Date.now()): number | null {
  const event = rawStatement(`select segment, segment_grace_seconds as grace from events where id = @e`).get({
    e: eventId,
  }) as { segment: number | null; grace: number } | undefined;
  if (!event) return null;
  const changes = rawStatement(
    `select segment, started_at as startedAt from event_segments where event_id = @e and started_at <= @now
      order by started_at desc, id desc limit ${GRACE_LOOKBACK}`,
  ).all({ e: eventId, now }) as { segment: number; startedAt: number }[];
  if (changes.length === 0) return event.segment;
  const current = changes[0]!.segment;
  if (claimed === undefined || claimed === current) return current;
  const since = now - event.grace * 1000;
  // changes[i] showed until changes[i - 1] began: it was current within the window if that was at or after `since`.
  for (let i = 1; i < changes.length && changes[i - 1]!.startedAt >= since; i++) {
    if (changes[i]!.segment === claimed) return claimed;
  }
  return current;
}

/**
 * The host shows segment `index` (titled `title`; without one, the title it had before). 404 for an event the
 * viewer may not see, 403 for anyone but its hosts, 409 once it has ended. Showing the segment already shown with
 * the same title changes nothing.
 */
export function setEventSegment({
  viewer,
  eventId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  input: z.input<typeof SetSegmentSchema>;
}): SegmentView {
  const values = SetSegmentSchema.parse(input);
  const checked = () => {
    const event = requireEvent(viewer, eventId);
    if (!canInEvent(viewer, "event.host", event.facts)) throw forbidden();
    if (effectiveState(event) === "ended") throw new AppError(409, "event_ended", "event.alreadyEnded");
    return event;
  };
  checked();
  return getDb().transaction(() => {
    const event = checked();
    const current = currentSegment(event.id);
    const title =
      values.title ??
      ((rawStatement(
        `select title from event_segments where event_id = @e and segment = @s order by started_at desc, id desc limit 1`,
      )
        .pluck()
        .get({ e: event.id, s: values.index }) as string | undefined) ||
        "");
    if (current && current.index === values.index && current.title === title) return current;
    // Never earlier than the change before it, so the order of changes is the order of their times.
    const now = Math.max(Date.now(), current?.startedAt ?? 0);
    rawStatement(
      `insert into event_segments (event_id, segment, title, started_by_id, started_at) values (@e, @s, @title, @me, @now)`,
    ).run({ e: event.id, s: values.index, title, me: viewer.id, now });
    rawStatement(`update events set segment = @s, segment_changed_at = @now where id = @e`).run({
      e: event.id,
      s: values.index,
      now,
    });
    recordEvent({
      type: "event.segment",
      eventId: event.id,
      groupId: event.groupId,
      segment: values.index,
      title,
      startedAt: now,
    });
    return { index: values.index, title, startedAt: now };
  }, IMMEDIATE);
}
