// Grouped notifications as sentences in Korean and English (issue #11 §1; app/utils/notification-text.ts).
import { describe, expect, it } from "vitest";
import { translate, type Locale, type MessageKey } from "#app/utils/i18n";
import { notificationText, type NotificationForText } from "#app/utils/notification-text";

const say = (locale: Locale, n: NotificationForText) =>
  notificationText((key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars), n);

const people = (names: string[]) => names.map((name) => ({ name }));

describe("notification sentences", () => {
  it("names the newest actor and counts the others", () => {
    const reaction: NotificationForText = {
      kind: "reaction",
      actors: people(["김민수", "이지은", "박서준"]),
      actorCount: 13,
      count: 14,
      target: { type: "post", title: "Q3 배포 일정" },
    };
    expect(say("ko", reaction)).toBe("김민수님 외 12명이 회원님의 게시물 ‘Q3 배포 일정’에 반응했습니다");
    expect(say("en", { ...reaction, actors: people(["Kim Minsu"]) })).toBe(
      "Kim Minsu and 12 others reacted to your post ‘Q3 배포 일정’",
    );
    expect(say("en", { ...reaction, actors: people(["A", "B"]), actorCount: 2 })).toBe(
      "A and B reacted to your post ‘Q3 배포 일정’",
    );
  });

  it("counts new replies in a thread, and names a single replier", () => {
    const replies: NotificationForText = {
      kind: "reply",
      actors: people(["Kim Minsu"]),
      actorCount: 3,
      count: 5,
      target: { type: "post", title: "Q3 release plan" },
    };
    expect(say("en", replies)).toBe("5 new replies in ‘Q3 release plan’");
    expect(say("ko", { ...replies, target: { type: "post", title: "Q3 배포 일정" } })).toBe(
      "‘Q3 배포 일정’에 새 답글 5개",
    );
    expect(say("ko", { ...replies, actors: people(["김민수"]), actorCount: 1, count: 1 })).toBe(
      "김민수님이 ‘Q3 release plan’에 답글을 남겼습니다",
    );
  });

  it("speaks of groups, milestones and requests", () => {
    const group = { type: "group" as const, name: "Platform" };
    expect(say("en", { kind: "join_request", actors: people(["Lee"]), actorCount: 1, count: 1, target: group })).toBe(
      "Lee asked to join Platform",
    );
    expect(say("ko", { kind: "group_added", actors: people(["이지은"]), actorCount: 1, count: 1, target: group })).toBe(
      "이지은님이 회원님을 Platform 그룹에 추가했습니다",
    );
    const vote: NotificationForText = {
      kind: "vote",
      actors: people(["A"]),
      actorCount: 1,
      count: 10,
      target: { type: "post", title: "VPN" },
    };
    expect(say("en", vote)).toBe("Your post ‘VPN’ reached 10 votes");
    expect(say("ko", { ...vote, count: 1 })).toBe("회원님의 게시물 ‘VPN’이 첫 추천을 받았습니다");
  });
});
