// "Ask someone" (issue #9 item 4) and the best answer shown on a question's card, in English and Korean.
export const answerRequestsEn = {
  "askSomeone.label": "Ask someone to answer",
  "askSomeone.hint": "Up to {max} colleagues, by handle (@jiyoon @minsu). They are asked and mentioned.",
  "askSomeone.submit": "Ask",
  "askSomeone.asked": "Asked to answer:",
  "askSomeone.doneFlash": "Asked for an answer. They can see the request on the question.",
  "askSomeone.none": "Name at least one person to ask, by handle.",
  "askSomeone.tooMany": "A question can ask at most {max} people for an answer.",
  "askSomeone.unknown": "No active account has the handle {handles}.",
  "askSomeone.self": "You cannot ask yourself to answer your own question.",
  "askSomeone.cannotSee": "{names} cannot see this question, so they cannot be asked.",
  "askSomeone.notQuestion": "Only a question can ask someone for an answer.",
  "question.bestAnswerBy": "Best answer by {name}",
  "question.readBestAnswer": "Read the best answer",
} as const;

export const answerRequestsKo: Record<keyof typeof answerRequestsEn, string> = {
  "askSomeone.label": "답변 요청",
  "askSomeone.hint": "동료를 핸들로 최대 {max}명까지 (@jiyoon @minsu). 요청받은 사람은 언급됩니다.",
  "askSomeone.submit": "요청",
  "askSomeone.asked": "답변 요청:",
  "askSomeone.doneFlash": "답변을 요청했습니다. 요청받은 사람은 질문에서 요청을 볼 수 있습니다.",
  "askSomeone.none": "답변을 요청할 사람을 핸들로 한 명 이상 적어 주세요.",
  "askSomeone.tooMany": "한 질문에 답변 요청은 최대 {max}명까지 할 수 있습니다.",
  "askSomeone.unknown": "{handles} 핸들을 가진 활성 계정이 없습니다.",
  "askSomeone.self": "자신의 질문에 자신에게 답변을 요청할 수는 없습니다.",
  "askSomeone.cannotSee": "{names}님은 이 질문을 볼 수 없어서 요청할 수 없습니다.",
  "askSomeone.notQuestion": "답변 요청은 질문에서만 할 수 있습니다.",
  "question.bestAnswerBy": "{name}님의 채택된 답변",
  "question.readBestAnswer": "채택된 답변 보기",
};
