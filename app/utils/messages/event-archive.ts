// An ended event's archive (issue #10 §7): the summary post in the event's feed, written in its host's language,
// and the name an anonymous Q&A thread shows instead of its asker.
export const eventArchiveEn = {
  "archive.kind.town_hall": "Town hall",
  "archive.kind.seminar": "Seminar",
  "archive.summary": "{kind} {date}: {questions} questions, {answered} answered",
  "archive.summaryLink": "Questions, answers and comments: [{title}]({url})",
  "post.anonymous": "Anonymous",
  "post.anonymousHint": "Asked anonymously at an event",
} as const;

export const eventArchiveKo: Record<keyof typeof eventArchiveEn, string> = {
  "archive.kind.town_hall": "타운홀",
  "archive.kind.seminar": "세미나",
  "archive.summary": "{kind} {date}: 질문 {questions}개, 답변 {answered}개",
  "archive.summaryLink": "질문과 답변, 댓글: [{title}]({url})",
  "post.anonymous": "익명",
  "post.anonymousHint": "이벤트에서 익명으로 한 질문",
};
