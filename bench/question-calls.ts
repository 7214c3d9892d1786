// The question lists that bench/questions.ts measures (issue #9), defined once: each case's API path and the model
// call behind it, which does what GET /api/v1/questions does once the token is checked — build the Viewer (read
// fresh on every request), look up the group or the hashtag, list one page (listQuestions). The model helper
// (questions-models.ts) times these calls and explains their list statement.
import { getViewerById } from "#app/access/viewer.server";
import { requireGroup } from "#app/models/groups/group.server";
import { getHashtag } from "#app/models/hashtags/hashtag.server";
import {
  listQuestions,
  questionListQuery,
  type ListQuestionsInput,
  type QuestionPage,
} from "#app/models/questions/question-lists.server";
import type { QuestionSort, QuestionStatus } from "#app/utils/question-lists";

export type QuestionCase = {
  name: string;
  status: QuestionStatus;
  sort: QuestionSort;
  /** The company's questions (none), the private group's, the most used hashtag's, or "I can answer". */
  scope?: "group" | "hashtag" | "answerable";
};

// The tabs × sorts people use most, and each filter: the Home user's busiest private group, the most used hashtag
// (#회의, which the Home user follows) and "I can answer" (the Home user's five groups and followed hashtags).
export const QUESTION_CASES: QuestionCase[] = [
  { name: "all · newest", status: "all", sort: "newest" },
  { name: "all · votes", status: "all", sort: "votes" },
  { name: "all · activity", status: "all", sort: "activity" },
  { name: "unanswered · newest", status: "unanswered", sort: "newest" },
  { name: "unresolved · activity", status: "unresolved", sort: "activity" },
  { name: "answered · votes", status: "answered", sort: "votes" },
  { name: "group-private · all · newest", status: "all", sort: "newest", scope: "group" },
  { name: "group-private · unresolved · activity", status: "unresolved", sort: "activity", scope: "group" },
  { name: "hashtag · all · newest", status: "all", sort: "newest", scope: "hashtag" },
  { name: "hashtag · unanswered · votes", status: "unanswered", sort: "votes", scope: "hashtag" },
  { name: "can answer · all · newest", status: "all", sort: "newest", scope: "answerable" },
  { name: "can answer · unresolved · votes", status: "unresolved", sort: "votes", scope: "answerable" },
];

export type QuestionSubjects = { viewer: number; group: string; tag: string };

/** The API path of a case's page (cursor: the next_cursor of the page before). */
export function questionPath(c: QuestionCase, s: QuestionSubjects, cursor: string | null): string {
  const q = new URLSearchParams({ status: c.status, sort: c.sort });
  if (c.scope === "group") q.set("group", s.group);
  if (c.scope === "hashtag") q.set("hashtag", s.tag);
  if (c.scope === "answerable") q.set("mine", "answerable");
  if (cursor) q.set("cursor", cursor);
  return `/api/v1/questions?${q}`;
}

/** The listQuestions input of a case, with the lookups the API route makes. */
function input(c: QuestionCase, s: QuestionSubjects, cursor: string | null): ListQuestionsInput {
  const viewer = getViewerById(s.viewer);
  if (!viewer) throw new Error(`user ${s.viewer} not found or not active`);
  const groupId = c.scope === "group" ? requireGroup(viewer, s.group).id : null;
  let hashtagId: number | null = null;
  if (c.scope === "hashtag") {
    const tag = getHashtag(s.tag, viewer);
    if (!tag) throw new Error(`hashtag ${s.tag} not found`);
    hashtagId = tag.id;
  }
  return {
    viewer,
    status: c.status,
    sort: c.sort,
    groupId,
    hashtagId,
    answerableBy: c.scope === "answerable" ? viewer.id : null,
    cursor,
  };
}

/** One page of a case, as the API route lists it. */
export function listQuestionCase(c: QuestionCase, s: QuestionSubjects, cursor: string | null): QuestionPage {
  return listQuestions(input(c, s, cursor));
}

/** The list statement of a case's page (its SQL and parameters), for EXPLAIN QUERY PLAN. */
export function questionCaseQuery(c: QuestionCase, s: QuestionSubjects, cursor: string | null) {
  return questionListQuery(input(c, s, cursor));
}
