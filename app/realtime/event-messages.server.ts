// What a live event's log events become on its stream (issue #10 §2–3, docs/decisions/0006-events.md), decided
// when the frame is encoded, once per variant, so one frame still serves everyone it may reach:
//
//   question change ─┬─ the asker ............ audience user:<asker>       mine: true (never who else voted…)
//                    ├─ hosts who may see .... audience event-host:<id>    author even when anonymous
//                    ├─ moderators, admins ... audience event-mod:<id>, admin   starred, dismiss reason, pending
//                    └─ the audience ......... the event's group scopes    only when the change is theirs to know
//                                                                          (never a pending question; no author
//                                                                          field at all when anonymous)
//   vote ............ the audience, `{id, votes, as_of}`, through the hub's coalescer (no id: frames.ts; as_of is
//                     the log id of the vote the count includes)
//   state ........... the audience, `{state, questions_open}`
//
// The hub gives a client the first variant whose audience it meets (one frame per log id), so the order above —
// the most particular first — is what makes the asker see `mine: true` and a moderator the moderators' variant.
import { eventHostScope, eventModScope } from "#app/access/events";
import { ADMIN_SCOPE, postScopes } from "#app/access/rules";
import type { StoredEvent } from "#app/events/domain-events.server";
import { rawStatement } from "#app/infra/db.server";
import { authorOf, getQuestionRow, shownToAudience, type QuestionRow } from "#app/models/events/event-questions.server";
import { effectiveState, questionsOpen, type EventRow } from "#app/models/events/event.server";
import type { GroupVisibility } from "#db/enums";
import { encodeFrame, encodeUnnumbered } from "./frames";
import type { StreamMessage } from "./messages.server";

type EventFacts = Pick<EventRow, "id" | "state" | "startsAt" | "endsAt" | "questionsOpenAt" | "hostsSeeAnonymous"> & {
  groupId: number | null;
  visibility: GroupVisibility | null;
};

function eventFacts(eventId: number): EventFacts | null {
  const row = rawStatement(
    `select e.id, e.state, e.starts_at as startsAt, e.ends_at as endsAt, e.questions_open_at as questionsOpenAt,
            e.hosts_see_anonymous as hostsSeeAnonymous, e.group_id as groupId, g.visibility
       from events e left join groups g on g.id = e.group_id where e.id = @id`,
  ).get({ id: eventId }) as (Omit<EventFacts, "hostsSeeAnonymous"> & { hostsSeeAnonymous: number }) | undefined;
  return row ? { ...row, hostsSeeAnonymous: row.hostsSeeAnonymous === 1 } : null;
}

const audienceOf = (e: EventFacts) =>
  postScopes(e.groupId == null ? null : { id: e.groupId, visibility: e.visibility ?? "private" });

/** A question as a stream carries it (the API's EventQuestion without the per-viewer `voted_by_me` and `can`). */
export type EventQuestionFrame = {
  id: number;
  change: string;
  /** True when the audience no longer sees it (dismissed, merged, its asker banned): drop it from lists. */
  hidden: boolean;
  body?: string;
  status?: string;
  votes?: number;
  author?: { handle: string; name: string } | null;
  anonymous?: boolean;
  mine?: boolean;
  segment?: number | null;
  edited?: boolean;
  answer?: string | null;
  answered_by?: { handle: string; name: string } | null;
  reply_count?: number;
  created_at?: string;
  starred?: boolean;
  dismiss_reason?: string | null;
  merged_into?: number | null;
};

function questionFrame(
  q: QuestionRow,
  change: string,
  { mine, moderator, seesAskers }: { mine: boolean; moderator: boolean; seesAskers: boolean },
): EventQuestionFrame {
  // authorOf is the one place that names an asker: null for anonymous unless `seesAskers` (a host allowed to).
  const author = authorOf(q, {
    group: null,
    role: seesAskers ? "host" : null,
    banned: false,
    hostsSeeAnonymous: seesAskers,
  });
  return {
    id: q.id,
    change,
    hidden: moderator || mine ? false : !shownToAudience(q),
    body: q.body,
    status: q.status,
    votes: q.voteCount,
    author,
    anonymous: q.anonymous,
    mine,
    segment: q.segment,
    edited: q.editedAt != null,
    answer: q.answer,
    answered_by: q.answeredByHandle ? { handle: q.answeredByHandle, name: q.answeredByName ?? "" } : null,
    reply_count: q.replyCount,
    created_at: new Date(q.createdAt).toISOString(),
    ...(moderator ? { starred: q.starred } : {}),
    ...(moderator || mine ? { dismiss_reason: q.dismissReason, merged_into: q.mergedIntoId } : {}),
  };
}

function questionMessages(stored: StoredEvent, change: string, shown: boolean): StreamMessage[] {
  const e = eventFacts(stored.data.eventId as number);
  const q = getQuestionRow(stored.data.questionId as number);
  if (!e || !q || q.eventId !== e.id) return [];
  const topic = `event:${e.id}`;
  const id = stored.id;
  const frame = (data: EventQuestionFrame) => encodeFrame(id, "question", data);
  const messages: StreamMessage[] = [];
  // Stars are the moderators' own marks: the asker is not told of them.
  if (change !== "starred" && change !== "unstarred") {
    messages.push({
      id,
      topic,
      audience: [`user:${q.authorId}`],
      frame: frame(questionFrame(q, change, { mine: true, moderator: false, seesAskers: !q.anonymous })),
    });
  }
  if (q.anonymous && e.hostsSeeAnonymous) {
    messages.push({
      id,
      topic,
      audience: [eventHostScope(e.id)],
      frame: frame(questionFrame(q, change, { mine: false, moderator: true, seesAskers: true })),
    });
  }
  messages.push({
    id,
    topic,
    audience: [eventModScope(e.id), ADMIN_SCOPE],
    frame: frame(questionFrame(q, change, { mine: false, moderator: true, seesAskers: false })),
  });
  if (shown) {
    const visible = shownToAudience(q);
    // What the audience may no longer see is named by its id alone.
    const data: EventQuestionFrame = visible
      ? questionFrame(q, change, { mine: false, moderator: false, seesAskers: false })
      : { id: q.id, change, hidden: true };
    messages.push({ id, topic, audience: audienceOf(e), frame: frame(data) });
  }
  return messages;
}

/** The stream messages of a live event's log events (none for other types). */
export function eventMessagesOf(stored: StoredEvent): StreamMessage[] {
  switch (stored.type) {
    case "event_question.changed":
      return questionMessages(stored, stored.data.change as string, stored.data.shown === true);
    case "event_question.replied":
      return questionMessages(stored, "replied", true);
    case "event_question.voted": {
      const e = eventFacts(stored.data.eventId as number);
      const q = getQuestionRow(stored.data.questionId as number);
      if (!e || !q || !shownToAudience(q)) return [];
      return [
        {
          id: stored.id,
          topic: `event:${e.id}`,
          audience: audienceOf(e),
          // as_of: the log id the count is as of, so a page can tell it from the (older or newer) count it loaded.
          frame: encodeUnnumbered("vote", { id: q.id, votes: q.voteCount, as_of: stored.id }),
          coalesce: `vote:${q.id}`,
        },
      ];
    }
    case "event.state":
    case "event.updated": {
      const e = eventFacts(stored.data.eventId as number);
      if (!e) return [];
      return [
        {
          id: stored.id,
          topic: `event:${e.id}`,
          audience: audienceOf(e),
          frame: encodeFrame(stored.id, "state", {
            state: effectiveState(e),
            questions_open: questionsOpen(e),
          }),
        },
      ];
    }
    default:
      return [];
  }
}
