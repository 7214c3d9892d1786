// Questions and answers (issue #9), in English and Korean: the model's and the API's errors.
export const questionsEn = {
  "question.titleRequired": "A question needs a title.",
  "question.titleTooLong": "A question's title can have at most {max} characters.",
  "question.titleNotAllowed": "Only a question has a title.",
  "question.notVotable": "Only questions and their answers can be voted on.",
  "question.notAnAnswer": "That post is not an answer to this question.",
} as const;

export const questionsKo: Record<keyof typeof questionsEn, string> = {
  "question.titleRequired": "질문에는 제목이 필요합니다.",
  "question.titleTooLong": "질문 제목은 최대 {max}자까지 쓸 수 있습니다.",
  "question.titleNotAllowed": "제목은 질문에만 쓸 수 있습니다.",
  "question.notVotable": "질문과 그 답변에만 투표할 수 있습니다.",
  "question.notAnAnswer": "이 게시물은 이 질문의 답변이 아닙니다.",
};
