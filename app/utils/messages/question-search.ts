// Questions in search and similar questions while asking (issue #9), in English and Korean: the search page's
// Questions tab and its answered filter, and the composer's list of similar questions.
export const questionSearchEn = {
  "search.questions": "Questions",
  "questionSearch.answered": "Best answer",
  "questionSearch.answeredAll": "Any",
  "questionSearch.answeredYes": "Answered",
  "questionSearch.answeredNo": "Not answered yet",
  "questionSearch.similarHeading": "Already asked? Similar questions",
} as const;

export const questionSearchKo: Record<keyof typeof questionSearchEn, string> = {
  "search.questions": "질문",
  "questionSearch.answered": "채택된 답변",
  "questionSearch.answeredAll": "전체",
  "questionSearch.answeredYes": "답변 채택됨",
  "questionSearch.answeredNo": "아직 답변 없음",
  "questionSearch.similarHeading": "이미 올라온 질문일까요? 비슷한 질문",
};
