// An event's polls (issue #10 §6, docs/decisions/0008-event-live.md). The host writes a poll (single or multiple
// choice, 2–10 options, a question ≤ 200 characters) as a draft only hosts see, opens it, and closes it. Everyone in
// the audience who may take part responds once (a response is the set of options chosen; changeable while the poll
// is open). Results — votes per option and the number of people who responded — are everyone's, except with "hide
// results until closed": then only the hosts see them until the poll closes.
//
//   draft ──open──▶ open ──close──▶ closed        (open and close are idempotent; nothing goes back)
import { z } from "zod";
import { canInEvent } from "#app/access/events";
import type { Viewer } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { AppError, forbidden, notFound } from "#app/utils/errors";
import { cleanDisplayText, isVisible, typeErrors } from "#app/utils/validation";
import type { EventPollStatus } from "#db/enums";
import { effectiveState, requireEvent, type LoadedEvent } from "./event.server";

export const MAX_POLL_QUESTION = 200;
export const MAX_POLL_OPTION = 100;
export const MIN_POLL_OPTIONS = 2;
export const MAX_POLL_OPTIONS = 10;
/** Polls per event at most (a seminar runs a handful; this bounds a runaway script). */
export const MAX_EVENT_POLLS = 100;

const shortText = (max: number, empty: "event.pollQuestionEmpty" | "event.pollOptionEmpty") =>
  z
    .string(typeErrors(empty, "error.invalid"))
    .transform(cleanDisplayText)
    .refine((s) => isVisible(s), empty)
    .refine((s) => [...s].length <= max, "error.tooLong");

export const NewPollSchema = z.object({
  question: shortText(MAX_POLL_QUESTION, "event.pollQuestionEmpty"),
  options: z
    .array(shortText(MAX_POLL_OPTION, "event.pollOptionEmpty"), typeErrors("event.pollOptionCount", "error.invalid"))
    .min(MIN_POLL_OPTIONS, "event.pollOptionCount")
    .max(MAX_POLL_OPTIONS, "event.pollOptionCount"),
  multiple: z.boolean({ error: "error.invalid" }).optional().default(false),
  hide_results: z.boolean({ error: "error.invalid" }).optional().default(false),
});

export const PollVoteSchema = z.object({
  options: z
    .array(
      z.number({ error: "error.invalid" }).int("error.invalid").min(0, "error.invalid"),
      typeErrors("event.pollChoose", "error.invalid"),
    )
    .min(1, "event.pollChoose")
    .max(MAX_POLL_OPTIONS, "error.invalid"),
});

type PollRow = {
  id: number;
  eventId: number;
  question: string;
  options: string[];
  multiple: boolean;
  hideResults: boolean;
  status: EventPollStatus;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
};

const POLL_COLUMNS = `p.id, p.event_id as eventId, p.question, p.options, p.multiple, p.hide_results as hideResults,
  p.status, p.created_at as createdAt, p.opened_at as openedAt, p.closed_at as closedAt`;

function fromRow(row: Record<string, unknown>): PollRow {
  return {
    ...(row as Omit<PollRow, "options" | "multiple" | "hideResults">),
    options: JSON.parse(row.options as string) as string[],
    multiple: row.multiple === 1,
    hideResults: row.hideResults === 1,
  };
}

export function getPollRow(pollId: number): PollRow | null {
  const row = rawStatement(`select ${POLL_COLUMNS} from event_polls p where p.id = @id`).get({ id: pollId }) as
    Record<string, unknown> | undefined;
  return row ? fromRow(row) : null;
}

export type PollResults = { votes: number[]; voters: number };

/** Votes per option and the number of people who responded (banned participants' responses not counted). */
export function pollResults(poll: Pick<PollRow, "id" | "eventId" | "options">): PollResults {
  const rows = rawStatement(
    `select v.option, count(*) as n from event_poll_votes v where v.poll_id = @p
        and not exists (select 1 from event_bans b where b.event_id = @e and b.user_id = v.user_id)
      group by v.option`,
  ).all({ p: poll.id, e: poll.eventId }) as { option: number; n: number }[];
  const votes = poll.options.map(() => 0);
  for (const r of rows) if (r.option < votes.length) votes[r.option] = r.n;
  const voters = rawStatement(
    `select count(distinct v.user_id) from event_poll_votes v where v.poll_id = @p
        and not exists (select 1 from event_bans b where b.event_id = @e and b.user_id = v.user_id)`,
  )
    .pluck()
    .get({ p: poll.id, e: poll.eventId }) as number;
  return { votes, voters };
}

/** Whether results are shown to everyone who sees the poll (otherwise to its hosts alone). */
export const resultsPublic = (poll: Pick<PollRow, "hideResults" | "status">) =>
  !poll.hideResults || poll.status === "closed";

export type EventPollView = {
  id: number;
  question: string;
  options: string[];
  multiple: boolean;
  hideResults: boolean;
  status: EventPollStatus;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  /** Null while hidden from the viewer. */
  results: PollResults | null;
  myVote: number[];
  can: { vote: boolean; manage: boolean };
};

function myVote(pollId: number, userId: number): number[] {
  return rawStatement(`select option from event_poll_votes where poll_id = @p and user_id = @u order by option`)
    .pluck()
    .all({ p: pollId, u: userId }) as number[];
}

function toPollView(viewer: Viewer, event: LoadedEvent, poll: PollRow): EventPollView {
  const host = canInEvent(viewer, "event.host", event.facts);
  return {
    id: poll.id,
    question: poll.question,
    options: poll.options,
    multiple: poll.multiple,
    hideResults: poll.hideResults,
    status: poll.status,
    createdAt: poll.createdAt,
    openedAt: poll.openedAt,
    closedAt: poll.closedAt,
    results: host || resultsPublic(poll) ? pollResults(poll) : null,
    myVote: myVote(poll.id, viewer.id),
    can: { vote: poll.status === "open" && canInEvent(viewer, "event.participate", event.facts), manage: host },
  };
}

/** The poll if the viewer may see it: 404 when missing, of another event, or a draft for anyone but the hosts. */
function requirePoll(viewer: Viewer, event: LoadedEvent, pollId: number): PollRow {
  const poll = getPollRow(pollId);
  if (!poll || poll.eventId !== event.id) throw notFound();
  if (poll.status === "draft" && !canInEvent(viewer, "event.host", event.facts)) throw notFound();
  return poll;
}

export function getEventPoll({ viewer, eventId, pollId }: { viewer: Viewer; eventId: number; pollId: number }) {
  const event = requireEvent(viewer, eventId);
  return toPollView(viewer, event, requirePoll(viewer, event, pollId));
}

/** The event's polls the viewer may see, oldest first. 404 for an event the viewer may not see. */
export function listEventPolls({ viewer, eventId }: { viewer: Viewer; eventId: number }): EventPollView[] {
  const event = requireEvent(viewer, eventId);
  const host = canInEvent(viewer, "event.host", event.facts);
  const rows = rawStatement(
    `select ${POLL_COLUMNS} from event_polls p where p.event_id = @e and (@host = 1 or p.status <> 'draft')
      order by p.id limit ${MAX_EVENT_POLLS}`,
  ).all({ e: event.id, host: host ? 1 : 0 }) as Record<string, unknown>[];
  return rows.map((r) => toPollView(viewer, event, fromRow(r)));
}

function requireHost(viewer: Viewer, eventId: number): LoadedEvent {
  const event = requireEvent(viewer, eventId);
  if (!canInEvent(viewer, "event.host", event.facts)) throw forbidden();
  return event;
}

/** Writes a draft poll (hosts). 400 for bad input; 409 once the event has ended or holds MAX_EVENT_POLLS. */
export function createEventPoll({
  viewer,
  eventId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  input: z.input<typeof NewPollSchema>;
}): number {
  const values = NewPollSchema.parse(input);
  const checked = () => {
    const event = requireHost(viewer, eventId);
    if (effectiveState(event) === "ended") throw new AppError(409, "event_ended", "event.alreadyEnded");
    const count = rawStatement(`select count(*) from event_polls where event_id = @e`).pluck().get({ e: event.id });
    if ((count as number) >= MAX_EVENT_POLLS) throw new AppError(409, "too_many_polls", "event.tooManyPolls");
    return event;
  };
  checked();
  return getDb().transaction(() => {
    const event = checked();
    const id = rawStatement(
      `insert into event_polls (event_id, question, options, multiple, hide_results, created_by_id, created_at)
       values (@e, @question, @options, @multiple, @hide, @me, @now) returning id`,
    )
      .pluck()
      .get({
        e: event.id,
        question: values.question,
        options: JSON.stringify(values.options),
        multiple: values.multiple ? 1 : 0,
        hide: values.hide_results ? 1 : 0,
        me: viewer.id,
        now: Date.now(),
      }) as number;
    recordEvent({
      type: "event_poll.changed",
      eventId: event.id,
      groupId: event.groupId,
      pollId: id,
      change: "created",
      shown: false,
    });
    return id;
  }, IMMEDIATE);
}

/**
 * Opens a draft or closes an open poll (hosts; 404 for a poll the viewer may not see). Idempotent; 409 opening a closed poll (results are final), closing
 * a draft (it never ran) or opening one after the event ended.
 */
export function setEventPollStatus({
  viewer,
  eventId,
  pollId,
  to,
}: {
  viewer: Viewer;
  eventId: number;
  pollId: number;
  to: "open" | "closed";
}): void {
  getDb().transaction(() => {
    const event = requireEvent(viewer, eventId);
    // The poll first: another event's poll, or a draft the viewer may not see, is missing rather than forbidden.
    const poll = requirePoll(viewer, event, pollId);
    if (!canInEvent(viewer, "event.host", event.facts)) throw forbidden();
    if (poll.status === to) return;
    if (to === "open" && poll.status === "closed") throw new AppError(409, "poll_closed", "event.pollClosed");
    if (to === "closed" && poll.status === "draft") throw new AppError(409, "poll_not_open", "event.pollNotOpen");
    if (to === "open" && effectiveState(event) === "ended")
      throw new AppError(409, "event_ended", "event.alreadyEnded");
    rawStatement(
      to === "open"
        ? `update event_polls set status = 'open', opened_at = @now where id = @id`
        : `update event_polls set status = 'closed', closed_at = @now where id = @id`,
    ).run({ id: poll.id, now: Date.now() });
    recordEvent({
      type: "event_poll.changed",
      eventId: event.id,
      groupId: event.groupId,
      pollId: poll.id,
      change: to === "open" ? "opened" : "closed",
      shown: true,
    });
  }, IMMEDIATE);
}

/**
 * The viewer's response: replaces any earlier one while the poll is open. 404 for a poll the viewer may not see;
 * 403 banned (or a guest outside the group); 409 when the poll is not open; 400 for an option that does not exist,
 * the same option twice, or several options on a single-choice poll.
 */
export function voteEventPoll({
  viewer,
  eventId,
  pollId,
  input,
}: {
  viewer: Viewer;
  eventId: number;
  pollId: number;
  input: z.input<typeof PollVoteSchema>;
}): void {
  const values = PollVoteSchema.parse(input);
  getDb().transaction(() => {
    const event = requireEvent(viewer, eventId);
    const poll = requirePoll(viewer, event, pollId);
    if (!canInEvent(viewer, "event.participate", event.facts)) throw forbidden();
    if (poll.status !== "open") {
      throw poll.status === "closed"
        ? new AppError(409, "poll_closed", "event.pollClosed")
        : new AppError(409, "poll_not_open", "event.pollNotOpen");
    }
    const chosen = values.options;
    const bad =
      chosen.some((o) => o >= poll.options.length) ||
      new Set(chosen).size !== chosen.length ||
      (!poll.multiple && chosen.length !== 1);
    if (bad) throw new AppError(400, "validation_failed", "event.pollBadOptions", { options: "event.pollBadOptions" });
    rawStatement(`delete from event_poll_votes where poll_id = @p and user_id = @u`).run({ p: poll.id, u: viewer.id });
    const insert = rawStatement(
      `insert into event_poll_votes (poll_id, user_id, option, created_at) values (@p, @u, @o, @now)`,
    );
    const now = Date.now();
    for (const option of chosen) insert.run({ p: poll.id, u: viewer.id, o: option, now });
    recordEvent({ type: "event_poll.voted", eventId: event.id, groupId: event.groupId, pollId: poll.id });
  }, IMMEDIATE);
}
