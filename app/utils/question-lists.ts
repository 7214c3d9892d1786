// What a question list can show (issue #9 item 5), shared by the model, the API and the pages: the statuses,
// the sorts, "mine", and a list's query string (defaults omitted, so the plain /questions is the default list).
export const QUESTION_STATUSES = ["unanswered", "unresolved", "answered", "all"] as const;
export const QUESTION_SORTS = ["newest", "votes", "activity"] as const;
export const QUESTION_MINE = ["asked", "answerable", "requested"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export type QuestionSort = (typeof QUESTION_SORTS)[number];
export type QuestionMine = (typeof QUESTION_MINE)[number];

export type QuestionListParams = { status: QuestionStatus; sort: QuestionSort; mine: QuestionMine | null };

const pick = <T extends string>(values: readonly T[], value: string | null): T | null =>
  values.find((v) => v === value) ?? null;

/** A page's list parameters from its URL; anything unknown is the default (a page is lenient, the API is not). */
export function parseQuestionListParams(search: URLSearchParams): QuestionListParams {
  return {
    status: pick(QUESTION_STATUSES, search.get("status")) ?? "all",
    sort: pick(QUESTION_SORTS, search.get("sort")) ?? "newest",
    mine: pick(QUESTION_MINE, search.get("mine")),
  };
}

/** The query string of a list (with a leading "?", or "" for the default list). */
export function questionListSearch(params: QuestionListParams & { cursor?: string | null }): string {
  const q = new URLSearchParams();
  if (params.status !== "all") q.set("status", params.status);
  if (params.sort !== "newest") q.set("sort", params.sort);
  if (params.mine) q.set("mine", params.mine);
  if (params.cursor) q.set("cursor", params.cursor);
  const s = q.toString();
  return s ? `?${s}` : "";
}
