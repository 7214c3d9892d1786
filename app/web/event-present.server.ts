// The presenter view's data and keys (issue #10 §5, app/routes/events.$eventId_.present.tsx). Everyone who may see
// the event may open it read-only (a remote office puts it on its own screen); what it shows is what the audience
// sees — approved questions only, and never an anonymous asker's name, even for a host allowed to see askers, since
// the screen faces the room. Driving it is the access rule's: segments for hosts, highlight and answered for
// moderators and hosts (the models refuse anyone else with 403).
import type { Viewer } from "#app/access/rules";
import { listEventComments } from "#app/models/events/event-comments.server";
import { moderateEventQuestion } from "#app/models/events/event-moderation.server";
import { listEventPolls } from "#app/models/events/event-polls.server";
import { listEventQuestions, type EventQuestionView } from "#app/models/events/event-questions.server";
import { currentSegment, setEventSegment } from "#app/models/events/event-segments.server";
import { getEvent } from "#app/models/events/event.server";
import { attendeesOf } from "#app/realtime/realtime.server";
import { forbidden } from "#app/utils/errors";
import { joinUrl, qrSvg } from "./event-pages.server";

export const PRESENT_TOP = 5;
export const PRESENT_COMMENTS = 8;
export const PRESENT_KEYS = ["next", "prev", "highlight", "answered"] as const;
export type PresentKey = (typeof PRESENT_KEYS)[number];

type ScreenQuestion = { id: number; body: string; votes: number; author: string | null };

const onScreen = (q: EventQuestionView): ScreenQuestion => ({
  id: q.id,
  body: q.body,
  votes: q.votes,
  // The room sees no anonymous asker, whoever is driving.
  author: q.anonymous ? null : (q.author?.name ?? null),
});

export async function presenterData(request: Request, viewer: Viewer, eventId: number) {
  const event = getEvent({ viewer, eventId });
  const segment = currentSegment(event.id);
  const answering = listEventQuestions({ viewer, eventId, filter: "answering", sort: "top", limit: 1 })[0] ?? null;
  const top = listEventQuestions({ viewer, eventId, filter: "approved", sort: "top", limit: PRESENT_TOP });
  const comments = listEventComments({ viewer, eventId, limit: PRESENT_COMMENTS }).comments;
  const poll = [...listEventPolls({ viewer, eventId })].reverse().find((p) => p.status === "open") ?? null;
  const join = joinUrl(request, event.code);
  return {
    event: { id: event.id, title: event.title, code: event.code, state: event.state },
    segment: segment ? { index: segment.index, title: segment.title } : null,
    answering: answering ? onScreen(answering) : null,
    top: top.map(onScreen),
    comments: comments.map((c) => ({ id: c.id, author: c.author.name, html: c.html })),
    // What the audience may see of it: results only when public (the screen faces the room).
    poll: poll
      ? {
          id: poll.id,
          question: poll.question,
          options: poll.options,
          results: poll.hideResults ? null : poll.results,
        }
      : null,
    attendees: attendeesOf(event.id),
    join,
    qr: await qrSvg(join),
    can: { drive: event.can.host, moderate: event.can.moderate },
  };
}

export type PresenterData = Awaited<ReturnType<typeof presenterData>>;

/**
 * One key of the presenter: → / ← segment (hosts), H highlight the top question, A mark it answered (with the written
 * answer typed beside the button, if any: the model checks its length like the moderation queue's).
 */
export function pressPresenterKey(viewer: Viewer, eventId: number, key: PresentKey, answer?: string): void {
  const { can } = getEvent({ viewer, eventId });
  if (key === "next" || key === "prev" ? !can.host : !can.moderate) throw forbidden();
  switch (key) {
    case "next":
    case "prev": {
      const current = currentSegment(eventId)?.index ?? 0;
      const index = key === "next" ? current + 1 : Math.max(0, current - 1);
      setEventSegment({ viewer, eventId, input: { index } });
      return;
    }
    case "highlight": {
      const top = listEventQuestions({ viewer, eventId, filter: "approved", sort: "top", limit: 1 })[0];
      if (top) moderateEventQuestion({ viewer, eventId, questionId: top.id, change: { action: "answering" } });
      return;
    }
    case "answered": {
      const now = listEventQuestions({ viewer, eventId, filter: "answering", sort: "top", limit: 1 })[0];
      if (now) moderateEventQuestion({ viewer, eventId, questionId: now.id, change: { action: "answered", answer } });
      return;
    }
  }
}
