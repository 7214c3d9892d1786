// What an event page applies from its stream itself, without asking the server again (issue #10 §1, §4, §6): new
// and deleted comments, reaction counts, vote counts and poll results. These are most of an event's frames — in a
// hall of 10,000 every comment and every vote burst used to make every open page reload its data, 10,000 loader
// requests for one comment. The stream already filtered each frame for this viewer when it was sent (the access
// rule), so what a frame says may be shown as it is; the per-viewer parts a frame lacks come from what the page
// already knows (its own handle; whether it may comment or moderate).
//
// Everything else — a question asked, approved or answered, the state, the part showing, a poll opened or closed —
// changes what the page offers, and still reloads the page's data (EventLive).
import type { EventCommentView } from "#app/models/events/event-comments.server";
import type { EventPollView, PollResults } from "#app/models/events/event-polls.server";
import type { EventQuestionView } from "#app/models/events/event-questions.server";
import type { EventCommentFrame, EventPollFrame } from "#app/realtime/event-live-messages.server";
import { REACTION_KINDS, type ReactionKind } from "./reactions";

/** Comments the live page shows (the newest; the stream adds to them). */
export const LIVE_COMMENTS = 50;

/** What the page knows of its viewer, for the per-viewer parts of a comment the stream does not carry. */
export type OverlayViewer = { handle: string; canComment: boolean; canModerate: boolean };

/**
 * The frames applied since the page loaded, each with the log id it is as of. The page's lists are always derived
 * as "the loaded data, plus the frames newer than the log id it was read at" (foldOverlay): a reload that read the
 * database before a frame arrived keeps the frame, and one that read it after drops it, so nothing flickers back.
 */
export type EventOverlay = {
  /** Comment changes (created, deleted, hidden), oldest first, at most MAX_PENDING_COMMENTS. */
  comments: { at: number; frame: EventCommentFrame }[];
  /** The newest count per question, per comment's reactions, per poll's results. */
  votes: ReadonlyMap<number, { at: number; votes: number }>;
  reactions: ReadonlyMap<number, { at: number; reactions: Partial<Record<ReactionKind, number>> }>;
  results: ReadonlyMap<number, { at: number; results: PollResults }>;
};

/** Bounded: a page that has not reloaded for this many comments has long since shown them (50 at a time). */
const MAX_PENDING_COMMENTS = 500;

export const emptyOverlay = (): EventOverlay => ({
  comments: [],
  votes: new Map(),
  reactions: new Map(),
  results: new Map(),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function reactionsOf(v: unknown): Partial<Record<ReactionKind, number>> | null {
  if (!isObject(v)) return null;
  const out: Partial<Record<ReactionKind, number>> = {};
  for (const kind of REACTION_KINDS) {
    const n = v[kind];
    if (n === undefined) continue;
    if (!isCount(n)) return null;
    if (n > 0) out[kind] = n;
  }
  return out;
}

/**
 * A numbered `comment` frame (created, deleted, hidden) applied to the newest-first list of at most `limit`
 * comments; null when malformed. (Reaction counts are folded in by foldOverlay, newest count per comment.)
 */
export function applyCommentFrame(
  comments: EventCommentView[],
  frame: EventCommentFrame,
  viewer: OverlayViewer,
  limit: number,
): EventCommentView[] | null {
  switch (frame.change) {
    case "created": {
      const { id, author, html, body, created_at: createdAt } = frame;
      if (!isCount(id) || !isObject(author) || typeof html !== "string" || typeof body !== "string") return null;
      if (typeof author.handle !== "string" || typeof author.name !== "string") return null;
      // Already shown (the page's own reload got there first).
      if (comments.some((c) => c.id === id)) return comments;
      const mine = author.handle === viewer.handle;
      const comment: EventCommentView = {
        id,
        body,
        html,
        author: { handle: author.handle, name: author.name },
        segment: isCount(frame.segment) ? frame.segment : null,
        createdAt: typeof createdAt === "string" ? Date.parse(createdAt) || Date.now() : Date.now(),
        mine,
        reactions: {},
        myReactions: [],
        can: { delete: mine || viewer.canModerate, react: viewer.canComment },
      };
      // Newest first; frames arrive in id order, but a reload may have brought newer ones already.
      const next = [...comments, comment].sort((a, b) => b.id - a.id);
      return next.slice(0, limit);
    }
    case "deleted":
      return isCount(frame.id) ? comments.filter((c) => c.id !== frame.id) : null;
    case "hidden": {
      if (!Array.isArray(frame.ids) || !frame.ids.every(isCount)) return null;
      const hidden = new Set(frame.ids);
      return comments.filter((c) => !hidden.has(c.id));
    }
    default:
      return null;
  }
}

/** A `poll` frame that only carries new results (`{id, results}`, coalesced); null for any other poll frame. */
export function pollResultsFrame(frame: EventPollFrame): { id: number; results: PollResults } | null {
  if (frame.change !== undefined || !isCount(frame.id) || !isObject(frame.results)) return null;
  const { votes, voters } = frame.results;
  if (!Array.isArray(votes) || !votes.every(isCount) || !isCount(voters)) return null;
  return { id: frame.id, results: { votes, voters } };
}

/** A `vote` frame (`{id, votes, as_of}`, coalesced); null when malformed. */
export function voteFrame(frame: unknown): { id: number; votes: number; at: number } | null {
  if (!isObject(frame) || !isCount(frame.id) || !isCount(frame.votes) || !isCount(frame.as_of)) return null;
  return { id: frame.id, votes: frame.votes, at: frame.as_of };
}

const NOBODY: OverlayViewer = { handle: "", canComment: false, canModerate: false };

function newer<V extends { at: number }>(map: ReadonlyMap<number, V>, id: number, value: V): ReadonlyMap<number, V> {
  const have = map.get(id);
  if (have && have.at >= value.at) return map;
  return new Map(map).set(id, value);
}

/**
 * One stream frame added to the overlay; null when the page cannot apply it itself (it reloads instead). `eventId` is
 * the frame's `id:` line (numbered frames: comments created, deleted, hidden).
 */
export function addFrame(
  overlay: EventOverlay,
  type: string,
  data: unknown,
  eventId: number | null,
): EventOverlay | null {
  if (!isObject(data)) return null;
  if (type === "vote") {
    const v = voteFrame(data);
    return v ? { ...overlay, votes: newer(overlay.votes, v.id, { at: v.at, votes: v.votes }) } : null;
  }
  if (type === "poll") {
    const r = pollResultsFrame(data as EventPollFrame);
    if (!r || !isCount(data.as_of)) return null;
    return { ...overlay, results: newer(overlay.results, r.id, { at: data.as_of, results: r.results }) };
  }
  if (type !== "comment") return null;
  const frame = data as EventCommentFrame;
  if (frame.change === "reactions") {
    const reactions = reactionsOf(frame.reactions);
    if (!isCount(frame.id) || !reactions || !isCount(frame.as_of)) return null;
    return { ...overlay, reactions: newer(overlay.reactions, frame.id, { at: frame.as_of, reactions }) };
  }
  // Checked now, so that a frame this page cannot show reloads it instead of being dropped at fold time.
  if (eventId == null || applyCommentFrame([], frame, NOBODY, 1) === null) return null;
  const comments = [...overlay.comments, { at: eventId, frame }];
  return { ...overlay, comments: comments.slice(-MAX_PENDING_COMMENTS) };
}

/** The lists the page shows: what it loaded (as of log id `from`) with the newer frames applied. */
export function foldOverlay(
  loaded: {
    from: number;
    comments: EventCommentView[] | null;
    questions: EventQuestionView[];
    polls: EventPollView[];
    sort: "top" | "recent";
  },
  overlay: EventOverlay,
  viewer: OverlayViewer,
  limit: number,
): { comments: EventCommentView[] | null; questions: EventQuestionView[]; polls: EventPollView[] } {
  const since = <V extends { at: number }>(map: ReadonlyMap<number, V>) =>
    new Map([...map].filter(([, v]) => v.at > loaded.from));
  let comments = loaded.comments;
  if (comments) {
    for (const { at, frame } of overlay.comments) {
      if (at <= loaded.from) continue;
      comments = applyCommentFrame(comments, frame, viewer, limit) ?? comments;
    }
    const reactions = since(overlay.reactions);
    if (reactions.size > 0) {
      comments = comments.map((c) => {
        const r = reactions.get(c.id);
        return r ? { ...c, reactions: r.reactions } : c;
      });
    }
  }
  const votes = new Map([...since(overlay.votes)].map(([id, v]) => [id, v.votes]));
  const results = new Map([...since(overlay.results)].map(([id, v]) => [id, v.results]));
  return {
    comments,
    questions: withVotes(loaded.questions, votes, loaded.sort),
    polls: withResults(loaded.polls, results),
  };
}

/**
 * The loaded questions with the newer vote counts, in the order the server would give them: the one being answered
 * first, then by votes (ties: older first) when sorted by top; as they are when sorted by newest.
 */
export function withVotes(
  questions: EventQuestionView[],
  votes: ReadonlyMap<number, number>,
  sort: "top" | "recent",
): EventQuestionView[] {
  if (votes.size === 0) return questions;
  const next = questions.map((q) => {
    const n = votes.get(q.id);
    return n === undefined || n === q.votes ? q : { ...q, votes: n };
  });
  if (sort !== "top") return next;
  const rank = (q: EventQuestionView) => (q.status === "answering" ? 0 : 1);
  return next.sort((a, b) => rank(a) - rank(b) || b.votes - a.votes || a.createdAt - b.createdAt || a.id - b.id);
}

/** The loaded polls with the newer results (only where the page was shown results: hidden ones stay hidden). */
export function withResults(polls: EventPollView[], results: ReadonlyMap<number, PollResults>): EventPollView[] {
  if (results.size === 0) return polls;
  return polls.map((p) => {
    const r = results.get(p.id);
    return r && p.results && r.votes.length === p.options.length ? { ...p, results: r } : p;
  });
}
