// Questions and answers (issue #9): a question is a post of kind "question" with a title; its answers are the
// replies in its thread (every reply points at its thread's root). People vote on questions and answers, one
// vote each, never on their own; the asker, an admin of the question's group or a site admin chooses one best
// answer and may change or clear it. Publishing questions and answers is publishPost's (post.server.ts); this
// module holds the rest of the workflow. Each use case takes the acting Viewer, asks app/access (404 for what
// it may not see, 403 for what it may see but not do) and writes its change and its domain event in one
// transaction.
import { can, type Viewer } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { requireVisiblePost, type StoredPost } from "#app/models/posts/post.server";
import {
  askedOf,
  askError,
  recordAnswerRequests,
  resolveAnswerRequests,
  type AskedPerson,
} from "#app/models/questions/answer-requests.server";
import { AppError, forbidden } from "#app/utils/errors";

const notVotable = () => new AppError(400, "not_votable", "question.notVotable");
const notAnAnswer = () => new AppError(400, "not_an_answer", "question.notAnAnswer");

/** A question, or a reply in a question's thread (an answer). */
export function isVotable(post: Pick<StoredPost, "kind" | "isRoot" | "rootKind">): boolean {
  return post.isRoot ? post.kind === "question" : post.rootKind === "question";
}

/**
 * Casts (`on`) or withdraws the viewer's vote on a question or an answer; idempotent either way. 404 for a post
 * the viewer may not see, 400 for one that is neither a question nor an answer, 403 for one's own post.
 */
export function setVote({ viewer, postId, on }: { viewer: Viewer; postId: number; on: boolean }) {
  const post = requireVisiblePost(viewer, postId);
  if (!isVotable(post)) throw notVotable();
  if (!can(viewer, "post.vote", post)) throw forbidden();
  getDb().transaction(() => {
    // Checked again under the write lock: the API may wait for it between the checks and here.
    requireVisiblePost(viewer, postId);
    const changed = on
      ? rawStatement(`insert into post_votes (post_id, user_id) values (@postId, @userId) on conflict do nothing`).run({
          postId,
          userId: viewer.id,
        }).changes
      : rawStatement(`delete from post_votes where post_id = @postId and user_id = @userId`).run({
          postId,
          userId: viewer.id,
        }).changes;
    if (!changed) return;
    rawStatement(`update posts set vote_count = max(vote_count + @d, 0) where id = @postId`).run({
      postId,
      d: on ? 1 : -1,
    });
    recordEvent({ type: "vote.changed", postId, groupId: post.groupId, userId: viewer.id, on });
  }, IMMEDIATE);
}

type AcceptInput = { viewer: Viewer; questionId: number; answerId: number };

/** The question and the answer, checked: 404 hidden, 400 not an answer of this question, 403 not theirs to choose. */
function requireQuestionAndAnswer({ viewer, questionId, answerId }: AcceptInput) {
  const question = requireVisiblePost(viewer, questionId);
  const answer = requireVisiblePost(viewer, answerId);
  if (!question.isRoot || question.kind !== "question" || answer.isRoot || answer.replyToId !== question.id) {
    throw notAnAnswer();
  }
  if (!can(viewer, "question.accept", question)) throw forbidden();
  return { question, answer };
}

function setAccepted(input: AcceptInput, accept: boolean) {
  requireQuestionAndAnswer(input);
  const { viewer, questionId, answerId } = input;
  getDb().transaction(() => {
    const { question } = requireQuestionAndAnswer(input);
    const previous = question.acceptedAnswerId;
    // Clearing is only of this answer: undoing an answer that is not (or no longer) the best one changes nothing.
    const next = accept ? answerId : previous === answerId ? null : previous;
    if (next === previous) return;
    rawStatement(`update posts set accepted_answer_id = @next where id = @questionId`).run({ next, questionId });
    recordEvent({
      type: "answer.accepted",
      questionId,
      answerId: next,
      previousAnswerId: previous,
      groupId: question.groupId,
      userId: viewer.id,
    });
  }, IMMEDIATE);
}

/** Marks `answerId` as the question's best answer, replacing any other; idempotent. */
export function acceptAnswer(input: AcceptInput) {
  setAccepted(input, true);
}

/** Clears the best answer if it is `answerId`; idempotent. */
export function unacceptAnswer(input: AcceptInput) {
  setAccepted(input, false);
}

/** The question an answer belongs to (its thread's root), for callers that start from the answer (the API). */
export function questionOfAnswer({ viewer, answerId }: { viewer: Viewer; answerId: number }): number {
  const answer = requireVisiblePost(viewer, answerId);
  if (answer.isRoot || answer.rootKind !== "question") throw notAnAnswer();
  return answer.replyToId!;
}

/**
 * "Ask someone" (issue #9 item 4) on a question already asked: 404 for a question the viewer may not see, 400
 * for a post that is not a question, 403 when it is not theirs, and resolveAnswerRequests' 400s. Returns everyone
 * asked so far.
 */
export function requestAnswers({
  viewer,
  questionId,
  handles,
}: {
  viewer: Viewer;
  questionId: number;
  handles: string[];
}): AskedPerson[] {
  const checked = () => {
    const question = requireVisiblePost(viewer, questionId);
    if (!question.isRoot || question.kind !== "question") throw askError("askSomeone.notQuestion");
    if (!can(viewer, "question.request", question)) throw forbidden();
    return { question, fresh: resolveAnswerRequests(question, handles) };
  };
  checked();
  getDb().transaction(() => {
    // Checked again under the write lock: the API may wait for it between the checks and here.
    const { question, fresh } = checked();
    recordAnswerRequests(question, fresh, viewer.id);
  }, IMMEDIATE);
  return askedOf(questionId);
}
