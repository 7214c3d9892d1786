// What an event's live comments, segments (issue #10 §4) and polls (§6) become on its stream `event:<id>`, beside
// event-messages.server.ts (questions, votes, state) and in its manner — decided when the frame is encoded:
//
//   comment ...... the audience: `{id, change: "created", body, html, author, segment, created_at}` (never for a
//                  banned author), `{id, change: "deleted"}`; a ban: `{change: "hidden", ids}` (their comments)
//   reactions .... the audience: `{id, change: "reactions", reactions, as_of}` through the hub's coalescer, without
//                  an id (as_of: the log id of the newest change counted)
//   segment ...... the audience: `{index, title, started_at}`
//   poll change .. hosts (event-hosting:<id>) and site admins first: the poll with its results; then the audience
//                  (not for a draft): the poll, with results only when they are public (results hidden until
//                  closed: `results: null`)
//   poll votes ... `{id, results, as_of}` through the hub's coalescer, without an id: to the audience when results are
//                  public, else to the hosts alone (key per variant, so neither holds back the other)
import { eventHostingScope } from "#app/access/events";
import { ADMIN_SCOPE, postScopes } from "#app/access/rules";
import type { StoredEvent } from "#app/events/domain-events.server";
import { rawStatement } from "#app/infra/db.server";
import { commentReactionCounts, getCommentRow } from "#app/models/events/event-comments.server";
import { getPollRow, pollResults, resultsPublic } from "#app/models/events/event-polls.server";
import type { GroupVisibility } from "#db/enums";
import { encodeFrame, encodeUnnumbered } from "./frames";
import type { StreamMessage } from "./messages.server";

function audienceOfEvent(eventId: number): string[] | null {
  const row = rawStatement(
    `select e.group_id as groupId, g.visibility from events e left join groups g on g.id = e.group_id where e.id = @id`,
  ).get({ id: eventId }) as { groupId: number | null; visibility: GroupVisibility | null } | undefined;
  if (!row) return null;
  return postScopes(row.groupId == null ? null : { id: row.groupId, visibility: row.visibility ?? "private" });
}

export type EventCommentFrame = {
  id?: number;
  change: "created" | "deleted" | "hidden" | "reactions";
  reactions?: Record<string, number>;
  ids?: number[];
  body?: string;
  html?: string;
  author?: { handle: string; name: string };
  segment?: number | null;
  created_at?: string;
  /** Coalesced counts: the log id of the newest change they include. */
  as_of?: number;
};

export type EventPollFrame = {
  id: number;
  change?: string;
  question?: string;
  options?: string[];
  multiple?: boolean;
  hide_results?: boolean;
  status?: string;
  results: { votes: number[]; voters: number } | null;
  /** Coalesced results: the log id of the newest response they include. */
  as_of?: number;
};

function commentMessages(stored: StoredEvent): StreamMessage[] {
  const eventId = stored.data.eventId as number;
  const audience = audienceOfEvent(eventId);
  if (!audience) return [];
  const topic = `event:${eventId}`;
  const commentId = stored.data.commentId as number;
  let data: EventCommentFrame;
  if (stored.data.change === "deleted") data = { id: commentId, change: "deleted" };
  else {
    const c = getCommentRow(commentId);
    // Deleted since, or its author banned since: nothing to show.
    if (!c || c.eventId !== eventId || c.banned) return [];
    data = {
      id: c.id,
      change: "created",
      body: c.body,
      html: c.html,
      author: { handle: c.authorHandle, name: c.authorName },
      segment: c.segment,
      created_at: new Date(c.createdAt).toISOString(),
    };
  }
  return [{ id: stored.id, topic, audience, frame: encodeFrame(stored.id, "comment", data) }];
}

function reactionMessages(stored: StoredEvent): StreamMessage[] {
  const eventId = stored.data.eventId as number;
  const audience = audienceOfEvent(eventId);
  const c = getCommentRow(stored.data.commentId as number);
  if (!audience || !c || c.eventId !== eventId || c.banned) return [];
  const data: EventCommentFrame = {
    id: c.id,
    change: "reactions",
    reactions: commentReactionCounts(eventId, c.id),
    as_of: stored.id,
  };
  return [
    {
      id: stored.id,
      topic: `event:${eventId}`,
      audience,
      frame: encodeUnnumbered("comment", data),
      coalesce: `comment-reactions:${c.id}`,
    },
  ];
}

function banMessages(stored: StoredEvent): StreamMessage[] {
  if (stored.data.on !== true) return [];
  const eventId = stored.data.eventId as number;
  const audience = audienceOfEvent(eventId);
  if (!audience) return [];
  const ids = rawStatement(`select id from event_comments where event_id = @e and author_id = @u order by id`)
    .pluck()
    .all({ e: eventId, u: stored.data.userId }) as number[];
  if (ids.length === 0) return [];
  const data: EventCommentFrame = { change: "hidden", ids };
  return [{ id: stored.id, topic: `event:${eventId}`, audience, frame: encodeFrame(stored.id, "comment", data) }];
}

function segmentMessages(stored: StoredEvent): StreamMessage[] {
  const eventId = stored.data.eventId as number;
  const audience = audienceOfEvent(eventId);
  if (!audience) return [];
  // The change as this log event recorded it (the host may have moved on since).
  const data = {
    index: stored.data.segment as number,
    title: stored.data.title as string,
    started_at: new Date(stored.data.startedAt as number).toISOString(),
  };
  return [{ id: stored.id, topic: `event:${eventId}`, audience, frame: encodeFrame(stored.id, "segment", data) }];
}

function pollMessages(stored: StoredEvent): StreamMessage[] {
  const eventId = stored.data.eventId as number;
  const audience = audienceOfEvent(eventId);
  const poll = getPollRow(stored.data.pollId as number);
  if (!audience || !poll || poll.eventId !== eventId) return [];
  const topic = `event:${eventId}`;
  const hosts = [eventHostingScope(eventId), ADMIN_SCOPE];
  const results = pollResults(poll);
  const shown = resultsPublic(poll);

  if (stored.type === "event_poll.voted") {
    const data: EventPollFrame = { id: poll.id, results, as_of: stored.id };
    const frame = encodeUnnumbered("poll", data);
    return shown
      ? [{ id: stored.id, topic, audience, frame, coalesce: `poll:${poll.id}` }]
      : [{ id: stored.id, topic, audience: hosts, frame, coalesce: `poll:${poll.id}:hosts` }];
  }
  const base = {
    id: poll.id,
    change: stored.data.change as string,
    question: poll.question,
    options: poll.options,
    multiple: poll.multiple,
    hide_results: poll.hideResults,
    status: poll.status,
  };
  // The hub gives each client the first variant it may see: hosts get the one with results.
  const messages: StreamMessage[] = [
    { id: stored.id, topic, audience: hosts, frame: encodeFrame(stored.id, "poll", { ...base, results }) },
  ];
  if (poll.status !== "draft" && stored.data.shown === true) {
    const data: EventPollFrame = { ...base, results: shown ? results : null };
    messages.push({ id: stored.id, topic, audience, frame: encodeFrame(stored.id, "poll", data) });
  }
  return messages;
}

/** The stream messages of an event's comments, segments and polls (none for other types). */
export function eventLiveMessagesOf(stored: StoredEvent): StreamMessage[] {
  switch (stored.type) {
    case "event_comment.changed":
      return commentMessages(stored);
    case "event_comment.reacted":
      return reactionMessages(stored);
    case "event.banned":
      return banMessages(stored);
    case "event.segment":
      return segmentMessages(stored);
    case "event_poll.changed":
    case "event_poll.voted":
      return pollMessages(stored);
    default:
      return [];
  }
}
