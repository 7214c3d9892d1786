// "Ask someone" (issue #9 item 4): a question's asker asks colleagues, by handle, for an answer — when asking or
// later from the question's page. Each asked person must be able to see the question (asking a non-member about a
// private group's question would tell them nothing and leak its title to no one, so it is refused with their
// names); at most five per question, as in Apache Answer. A request is stored in answer_requests (apart from
// mentions, which follow the body and are rewritten on each edit), shown on the question as "Asked to answer",
// lists the question in the person's "asked of me" list and records an answer.requested event addressed to each of
// them, which the notifications of issue #11 will turn into a notice.
import type { GroupRef } from "#app/access/rules";
import { whoMaySeeAudience } from "#app/access/visibility.server";
import { recordEvent } from "#app/events/domain-events.server";
import { rawStatement } from "#app/infra/db.server";
import { findActiveHandles } from "#app/models/people/user.server";
import { AppError } from "#app/utils/errors";
import { HANDLE_RE, MAX_ANSWER_REQUESTS } from "#app/utils/validation";

/** A person asked to answer, as a question shows them. */
export type AskedPerson = { handle: string; name: string };

export function askError(
  key:
    | "askSomeone.none"
    | "askSomeone.tooMany"
    | "askSomeone.unknown"
    | "askSomeone.self"
    | "askSomeone.cannotSee"
    | "askSomeone.notQuestion",
  vars?: Record<string, string | number>,
) {
  return new AppError(400, "validation_failed", key, { ask: vars ? { key, vars } : key }, vars);
}

/**
 * The handles in what a person typed: "@jiyoon, @minsu" or "jiyoon minsu"; lower-cased, without duplicates, in
 * the order given. A word that cannot be a handle is refused (listed), never silently dropped. Linear: one split.
 */
export function parseAskHandles(input: string | readonly string[]): string[] {
  const words = (typeof input === "string" ? input.split(/[\s,，、]+/u) : input)
    .map((w) => w.trim().replace(/^@/, "").toLowerCase())
    .filter((w) => w !== "");
  const bad = words.filter((w) => w.length > 40 || !HANDLE_RE.test(w));
  if (bad.length > 0) throw askError("askSomeone.unknown", { handles: bad.slice(0, 5).join(", ") });
  return [...new Set(words)];
}

/** The question being asked about: a new one (id null, not yet written) or a stored one. */
export type AskedQuestion = { id: number | null; authorId: number; group: GroupRef | null };

/**
 * The ids of the people `handles` names who are not yet asked, checked: someone, at most five in all, active
 * accounts, not the asker, able to see the question (400, field `ask`, naming them). Writes nothing: publishing
 * runs it before its transaction and again inside it.
 */
export function resolveAnswerRequests(question: AskedQuestion, handles: string[]): number[] {
  if (handles.length === 0) throw askError("askSomeone.none");
  if (handles.length > MAX_ANSWER_REQUESTS) throw askError("askSomeone.tooMany", { max: MAX_ANSWER_REQUESTS });
  const known = findActiveHandles(handles);
  const unknown = handles.filter((h) => !known.has(h));
  if (unknown.length > 0) throw askError("askSomeone.unknown", { handles: unknown.map((h) => `@${h}`).join(", ") });
  const ids = handles.map((h) => known.get(h)!);
  if (ids.includes(question.authorId)) throw askError("askSomeone.self");
  const allowed = whoMaySeeAudience(ids, question.group);
  const blind = handles.filter((h) => !allowed.has(known.get(h)!));
  if (blind.length > 0) throw askError("askSomeone.cannotSee", { names: blind.map((h) => `@${h}`).join(", ") });
  const already =
    question.id == null
      ? []
      : (rawStatement(`select user_id from answer_requests where question_id = @q`)
          .pluck()
          .all({ q: question.id }) as number[]);
  const fresh = ids.filter((id) => !already.includes(id));
  if (already.length + fresh.length > MAX_ANSWER_REQUESTS) {
    throw askError("askSomeone.tooMany", { max: MAX_ANSWER_REQUESTS });
  }
  return fresh;
}

/**
 * Inside the transaction that holds the write lock (publishing a question, or requestAnswers): records the
 * requests and the event addressed to the people asked. Asking someone already asked changes nothing.
 */
export function recordAnswerRequests(
  question: { id: number; group: GroupRef | null },
  userIds: number[],
  requestedBy: number,
) {
  if (userIds.length === 0) return;
  const insert = rawStatement(
    `insert into answer_requests (question_id, user_id, requested_by) values (@q, @u, @by) on conflict do nothing`,
  );
  for (const userId of userIds) insert.run({ q: question.id, u: userId, by: requestedBy });
  recordEvent({
    type: "answer.requested",
    questionId: question.id,
    userIds,
    groupId: question.group?.id ?? null,
    requestedBy,
  });
}

/** Who was asked to answer a question, in the order they were asked. */
export function askedOf(questionId: number): AskedPerson[] {
  return rawStatement(
    `select u.handle, u.name from answer_requests ar join users u on u.id = ar.user_id
      where ar.question_id = @q order by ar.created_at, ar.rowid`,
  ).all({ q: questionId }) as AskedPerson[];
}
