// The event page's live comments, polls and archive (issue #10 §4, §6, §7; app/routes/events.$eventId.tsx): what
// its loader reads beside the questions, and the forms it adds to the page's action. Every read is a model call
// that applies app/access/events.ts; nothing here decides who may see or do what.
//
//   live / upcoming ... the newest comments (when the event has comments on), the part showing now, the polls the
//                       viewer may see (drafts for hosts only, results only where public — the model's views)
//   ended ............. the archive: every part that has comments, with its comments oldest first, and the polls
//                       with their final results
//
// The forms are scoped: a refused comment's messages are keyed "comment.body" / "comment.form", a poll's
// "poll.question", a vote's "vote.options" with the poll's id, so the message appears beside the form that was sent
// and not beside the ask box, which has a `body` too.
import { ZodError } from "zod";
import type { Viewer } from "#app/access/rules";
import {
  deleteEventComment,
  listEventComments,
  postEventComment,
  setEventCommentReaction,
  type EventCommentView,
} from "#app/models/events/event-comments.server";
import {
  createEventPoll,
  listEventPolls,
  setEventPollStatus,
  voteEventPoll,
  type EventPollView,
} from "#app/models/events/event-polls.server";
import { currentSegment } from "#app/models/events/event-segments.server";
import type { EventView } from "#app/models/events/event.server";
import { AppError, type FieldErrors } from "#app/utils/errors";
import { parseId } from "#app/utils/ids";
import { LIVE_COMMENTS } from "#app/utils/event-overlay";
import { isReactionKind } from "#app/utils/reactions";
import { toFieldErrors } from "#app/utils/validation";
import { invalid } from "./forms.server";

/** Comments per part in the archive (the API pages through the rest). */
export const ARCHIVE_COMMENTS_PER_PART = 200;

export type EventPart = {
  index: number | null;
  title: string;
  count: number;
  comments: EventCommentView[];
};

export type EventLiveData = {
  segment: { index: number; title: string } | null;
  comments: EventCommentView[] | null;
  /** The parts shown so far with their titles (each comment is labelled with its own). */
  parts: { index: number; title: string }[];
  polls: EventPollView[];
};

/** The live page's comments, current part and polls (the event was read through the access rule already). */
export function eventLiveData(viewer: Viewer, event: EventView): EventLiveData {
  const segment = event.segment == null ? null : currentSegment(event.id);
  const page = event.settings.comments ? listEventComments({ viewer, eventId: event.id, limit: LIVE_COMMENTS }) : null;
  return {
    segment: segment ? { index: segment.index, title: segment.title } : null,
    comments: page?.comments ?? null,
    parts: (page?.segments ?? []).flatMap((s) => (s.index == null ? [] : [{ index: s.index, title: s.title }])),
    // Open polls first (the ones to answer now), then the rest newest first.
    polls: listEventPolls({ viewer, eventId: event.id }).sort(
      (a, b) => Number(b.status === "open") - Number(a.status === "open") || b.id - a.id,
    ),
  };
}

/** The archive's comments grouped by part, in the order the parts were first shown. */
export function eventArchiveParts(viewer: Viewer, eventId: number): EventPart[] {
  // One small page for the part list and counts; then each part's comments, oldest first.
  const { segments } = listEventComments({ viewer, eventId, limit: 1 });
  return segments
    .filter((s) => s.count > 0)
    .map((s) => ({
      index: s.index,
      title: s.title,
      count: s.count,
      comments: listEventComments({ viewer, eventId, segment: s.index, limit: ARCHIVE_COMMENTS_PER_PART }).comments,
    }));
}

export const LIVE_INTENTS = [
  "comment",
  "deleteComment",
  "react",
  "unreact",
  "pollCreate",
  "pollOpen",
  "pollClose",
  "pollVote",
] as const;
export type LiveIntent = (typeof LIVE_INTENTS)[number];
export const isLiveIntent = (intent: unknown): intent is LiveIntent =>
  typeof intent === "string" && (LIVE_INTENTS as readonly string[]).includes(intent);

const SCOPE: Record<LiveIntent, string> = {
  comment: "comment",
  deleteComment: "comment",
  react: "comment",
  unreact: "comment",
  pollCreate: "poll",
  pollOpen: "poll",
  pollClose: "poll",
  pollVote: "vote",
};

/** A refused live form: the model's messages under the form's scope, with the status the model chose. */
function refused(scope: string, error: unknown, values: Record<string, string>) {
  let fields: FieldErrors;
  let status: number = 400;
  if (error instanceof ZodError) fields = toFieldErrors(error);
  else if (error instanceof AppError) {
    fields = error.fields ?? { form: { key: error.messageKey, vars: error.vars } };
    status = error.status;
  } else throw error;
  const scoped: FieldErrors = {};
  for (const [field, message] of Object.entries(fields)) scoped[`${scope}.${field}`] = message;
  return invalid(scoped, status, values);
}

const badRequest = () => new AppError(400, "bad_request", "error.badRequest");

/** An id field of the form: 404 when it is not an id, as for an id that names nothing. */
function idField(form: FormData, name: string): number {
  const id = parseId(String(form.get(name) ?? ""));
  if (id == null) throw new AppError(404, "not_found", "error.notFound");
  return id;
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

/**
 * One of the page's live forms. Returns null once written (the caller redirects back: post/redirect/get), else the
 * 4xx answer with scoped messages; nothing is written when it is refused (the models validate before writing).
 */
export function handleLiveIntent(viewer: Viewer, eventId: number, intent: LiveIntent, form: FormData) {
  const values: Record<string, string> = { intent };
  try {
    switch (intent) {
      case "comment": {
        const body = text(form, "body");
        values.body = body ?? "";
        const shown = text(form, "segment");
        // The part the page showed when the comment was written: the server keeps it only within the grace window.
        const segment = shown && /^\d{1,4}$/.test(shown) ? Number(shown) : undefined;
        postEventComment({ viewer, eventId, input: { body: body as string, segment } });
        return null;
      }
      case "deleteComment":
        deleteEventComment({ viewer, eventId, commentId: idField(form, "commentId") });
        return null;
      case "react":
      case "unreact": {
        const kind = form.get("kind");
        if (!isReactionKind(kind)) throw badRequest();
        const commentId = idField(form, "commentId");
        setEventCommentReaction({ viewer, eventId, commentId, kind, on: intent === "react" });
        return null;
      }
      case "pollCreate": {
        const question = text(form, "question");
        const lines = text(form, "options");
        values.question = question ?? "";
        values.options = lines ?? "";
        createEventPoll({
          viewer,
          eventId,
          input: {
            question: question as string,
            // One option a line; blank lines between them are layout, not options.
            options: (lines ?? "")
              .split(/\r\n?|\n/)
              .map((l) => l.trim())
              .filter((l) => l !== ""),
            multiple: form.get("multiple") === "on",
            hide_results: form.get("hide_results") === "on",
          },
        });
        return null;
      }
      case "pollOpen":
      case "pollClose":
        setEventPollStatus({
          viewer,
          eventId,
          pollId: idField(form, "pollId"),
          to: intent === "pollOpen" ? "open" : "closed",
        });
        return null;
      case "pollVote": {
        values.pollId = String(form.get("pollId") ?? "");
        const pollId = idField(form, "pollId");
        const chosen = form
          .getAll("option")
          .map((v) => (typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : -1));
        voteEventPoll({ viewer, eventId, pollId, input: { options: chosen } });
        return null;
      }
    }
  } catch (error) {
    return refused(SCOPE[intent], error, values);
  }
}
