// A grouped notification as one sentence in the viewer's language (issue #11 §1): "김민수님 외 12명이 회원님의
// 게시물에 반응했습니다" / "Kim Minsu and 12 others reacted to your post", "‘Q3 배포 일정’에 새 답글 5개" /
// "5 new replies in ‘Q3 release plan’". Pure: the page and any client that renders frames share it.
import type { MessageKey } from "#app/utils/i18n";
import type { NotificationKind } from "#db/enums";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export type NotificationForText = {
  kind: NotificationKind;
  actors: { name: string }[];
  actorCount: number;
  count: number;
  target: { type: "post"; title: string } | { type: "group"; name: string };
};

/** "A", "A and B", "A and 12 others" (the newest actor first). */
export function actorsText(t: Translate, actors: { name: string }[], actorCount: number): string {
  const [a, b] = actors;
  if (!a) return t("notifications.someone");
  if (actorCount <= 1) return t("notifications.actorsOne", { a: a.name });
  if (actorCount === 2 && b) return t("notifications.actorsTwo", { a: a.name, b: b.name });
  return t("notifications.actorsMany", { a: a.name, others: actorCount - 1 });
}

export function notificationText(t: Translate, n: NotificationForText): string {
  const actors = actorsText(t, n.actors, n.actorCount);
  const title = n.target.type === "post" ? n.target.title : n.target.name;
  const vars = { actors, title, count: n.count };
  switch (n.kind) {
    case "reply":
      return t(n.count > 1 ? "notifications.reply" : "notifications.replyOne", vars);
    case "answer":
      return t(n.count > 1 ? "notifications.answer" : "notifications.answerOne", vars);
    case "vote":
      return t(n.count > 1 ? "notifications.vote" : "notifications.voteOne", vars);
    default:
      return t(`notifications.${n.kind}`, vars);
  }
}
