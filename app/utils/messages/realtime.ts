// Live streams (issue #10 §1): the feed's "new posts" notice and the stream's own errors.
export const realtimeEn = {
  "realtime.newPosts": "{count} new posts",
  "realtime.newPost": "1 new post",
  "realtime.newPostsHint": "Show the newest posts",
  "realtime.badLastEventId": "Last-Event-ID must be an event id the server sent (a whole number).",
} as const;

export const realtimeKo: Record<keyof typeof realtimeEn, string> = {
  "realtime.newPosts": "새 게시물 {count}개",
  "realtime.newPost": "새 게시물 1개",
  "realtime.newPostsHint": "최신 게시물 보기",
  "realtime.badLastEventId": "Last-Event-ID는 서버가 보낸 이벤트 번호(정수)여야 합니다.",
} as const;
