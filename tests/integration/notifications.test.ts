// In-app notifications (issue #11 §1) against a real migrated SQLite database: the consumer of the domain-event
// log turns mentions, replies, reactions, answers, best answers, vote milestones, requests to answer, join requests
// and additions to groups into one grouped row per recipient and target; only for people who may see the target,
// never for the actor, respecting "off" and mutes; applied exactly once (a replay of the log changes nothing);
// gone when the target is deleted or access is lost; and read through the access rule every time.
import { describe, expect, it, vi } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { deletePost, editPost, publishPost, setReaction } from "#app/models/posts/post.server";
import { acceptAnswer, requestAnswers, setVote } from "#app/models/questions/question.server";
import {
  addMembers,
  answerJoinRequest,
  createGroup,
  joinGroup,
  removeMember,
  updateGroup,
} from "#app/models/groups/group.server";
import {
  countUnread,
  listMentions,
  listNotifications,
  markNotificationsRead,
} from "#app/models/notifications/notifications.server";
import { muteGroup, muteThread, updateNotificationSettings } from "#app/models/notifications/settings.server";
import { drainNotifications } from "#tests/support/notifications";
import { drainNotifications as drainNotificationsOnce } from "#app/events/consumers/notifications.server";
import { createTestUser, viewerOf } from "#tests/factories";

async function person(handle: string, name = handle) {
  return createTestUser({ handle, name, email: `${handle}@sori.test` });
}

const list = (user: { id: number }, filter: "all" | "unread" | "mentions" = "all") =>
  listNotifications({ viewer: viewerOf(user), filter }).notifications;

const rowCount = () => rawStatement(`select count(*) from notifications`).pluck().get() as number;

describe("creating notifications from the log", () => {
  it("tells a mentioned colleague once, never the author, and shows the post in their Mentions", async () => {
    const minsu = await person("minsu", "김민수");
    const jieun = await person("jieun", "이지은");
    const post = publishPost({ viewer: viewerOf(minsu), body: "@jieun @minsu 배포 일정 확인 부탁해요" });
    await drainNotifications();
    const [n] = list(jieun);
    expect(n).toMatchObject({
      kind: "mention",
      target: { type: "post", id: post.id, threadId: post.id },
      actors: [{ handle: "minsu", name: "김민수" }],
      actorCount: 1,
      unread: true,
    });
    expect(list(minsu)).toEqual([]);
    expect(countUnread(viewerOf(jieun))).toBe(1);
    expect(listMentions({ viewer: viewerOf(jieun) }).posts.map((p) => p.id)).toEqual([post.id]);
    // An edit that keeps the mention tells nobody again.
    editPost({ viewer: viewerOf(minsu), postId: post.id, body: "@jieun 배포 일정 다시 확인 부탁해요" });
    await drainNotifications();
    expect(list(jieun)).toHaveLength(1);
    expect(list(jieun)[0].actorCount).toBe(1);
  });

  it("groups many reactions into one row with its distinct actors, newest named first", async () => {
    const author = await person("author");
    const post = publishPost({ viewer: viewerOf(author), body: "Q3 release plan" });
    const fans = await Promise.all(Array.from({ length: 13 }, (_, i) => person(`fan${i}`, `Fan ${i}`)));
    for (const fan of fans) setReaction({ viewer: viewerOf(fan), postId: post.id, kind: "like", on: true });
    setReaction({ viewer: viewerOf(fans[12]), postId: post.id, kind: "thanks", on: true });
    setReaction({ viewer: viewerOf(author), postId: post.id, kind: "like", on: true });
    await drainNotifications();
    const rows = list(author);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "reaction", actorCount: 13, target: { id: post.id } });
    expect(rows[0].actors.map((a) => a.handle)).toEqual(["fan12", "fan11", "fan10"]);
  });

  it("groups replies per thread for everyone who started or took part in it, updated rather than duplicated", async () => {
    const [starter, a, b, c] = await Promise.all(["starter", "a", "b", "c"].map((h) => person(h)));
    const root = publishPost({ viewer: viewerOf(starter), body: "Q3 배포 일정" });
    publishPost({ viewer: viewerOf(a), body: "first", replyToId: root.id });
    publishPost({ viewer: viewerOf(b), body: "second", replyToId: root.id });
    publishPost({ viewer: viewerOf(a), body: "third", replyToId: root.id });
    publishPost({ viewer: viewerOf(c), body: "fourth", replyToId: root.id });
    await drainNotifications();
    const [forStarter] = list(starter);
    expect(list(starter)).toHaveLength(1);
    expect(forStarter).toMatchObject({ kind: "reply", count: 4, actorCount: 3, target: { id: root.id } });
    // a took part before b, a (again) and c replied: two replies by others.
    expect(list(a)).toMatchObject([{ kind: "reply", count: 2, actorCount: 2 }]);
    expect(list(c)).toEqual([]);
    // Read, then a new reply: the same row, counting from the read.
    markNotificationsRead(viewerOf(starter), { all: true });
    publishPost({ viewer: viewerOf(b), body: "fifth", replyToId: root.id });
    await drainNotifications();
    expect(list(starter)).toMatchObject([{ id: forStarter.id, count: 1, actorCount: 1, unread: true }]);
  });

  it("tells the asker of answers, the answerer of the best answer, and the author of vote milestones", async () => {
    const [asker, helper, ...voters] = await Promise.all(
      ["asker", "helper", "v1", "v2", "v3", "v4", "v5", "v6"].map((h) => person(h)),
    );
    const q = publishPost({ viewer: viewerOf(asker), kind: "question", title: "VPN이 끊겨요", body: "도와주세요" });
    const answer = publishPost({ viewer: viewerOf(helper), body: "재설치하세요", replyToId: q.id });
    acceptAnswer({ viewer: viewerOf(asker), questionId: q.id, answerId: answer.id });
    for (const v of voters) setVote({ viewer: viewerOf(v), postId: q.id, on: true });
    await drainNotifications();
    const askers = list(asker);
    expect(askers.map((n) => n.kind).sort()).toEqual(["answer", "vote"]);
    expect(askers.find((n) => n.kind === "vote")).toMatchObject({ count: 5, target: { title: "VPN이 끊겨요" } });
    expect(askers.find((n) => n.kind === "answer")).toMatchObject({ count: 1, actors: [{ handle: "helper" }] });
    expect(list(helper)).toMatchObject([
      { kind: "accepted", target: { id: answer.id }, actors: [{ handle: "asker" }] },
    ]);
  });

  it("tells people asked to answer, a group's admins of join requests, and someone added by an admin", async () => {
    const [lead, asker, expert, newcomer, joiner] = await Promise.all(
      ["lead", "asker", "expert", "newcomer", "joiner"].map((h) => person(h)),
    );
    const q = publishPost({ viewer: viewerOf(asker), kind: "question", title: "Who knows Rust?", body: "?" });
    requestAnswers({ viewer: viewerOf(asker), questionId: q.id, handles: ["expert"] });
    createGroup({ viewer: viewerOf(lead), input: { name: "Team", slug: "team", visibility: "private" } });
    addMembers({ viewer: viewerOf(lead), slug: "team", input: { handles: ["newcomer"] } });
    joinGroup({ viewer: viewerOf(joiner), slug: "team" });
    await drainNotifications();
    expect(list(expert)).toMatchObject([{ kind: "answer_request", actors: [{ handle: "asker" }] }]);
    expect(list(newcomer)).toMatchObject([{ kind: "group_added", target: { type: "group", slug: "team" } }]);
    expect(list(lead)).toMatchObject([{ kind: "join_request", actors: [{ handle: "joiner" }] }]);
    // Approved: the joiner is told they were added; the lead created the group and is told of nothing else.
    answerJoinRequest({ viewer: viewerOf(lead), slug: "team", handle: "joiner", approve: true });
    await drainNotifications();
    expect(list(joiner)).toMatchObject([{ kind: "group_added", actors: [{ handle: "lead" }] }]);
  });
});

describe("the access rule", () => {
  async function team() {
    const [lead, member, outsider] = await Promise.all(["lead", "member", "outsider"].map((h) => person(h)));
    createGroup({ viewer: viewerOf(lead), input: { name: "Team", slug: "team", visibility: "private" } });
    addMembers({ viewer: viewerOf(lead), slug: "team", input: { handles: ["member"] } });
    await drainNotifications();
    markNotificationsRead(viewerOf(member), { all: true });
    return { lead, member, outsider };
  }

  it("creates nothing for a non-member mentioned in a private group", async () => {
    const { lead, outsider } = await team();
    const post = publishPost({ viewer: viewerOf(lead), group: "team", body: "@outsider @member 비밀 계획" });
    await drainNotifications();
    expect(rawStatement(`select count(*) from notifications where user_id = @u`).pluck().get({ u: outsider.id })).toBe(
      0,
    );
    expect(listMentions({ viewer: viewerOf(outsider) }).posts).toEqual([]);
    expect(post.id).toBeGreaterThan(0);
  });

  it("removes notifications when their post is deleted, and when the person leaves the group", async () => {
    const { lead, member } = await team();
    const kept = publishPost({ viewer: viewerOf(lead), group: "team", body: "@member 하나" });
    const gone = publishPost({ viewer: viewerOf(lead), group: "team", body: "@member 둘" });
    await drainNotifications();
    expect(list(member, "mentions")).toHaveLength(2);
    deletePost({ viewer: viewerOf(lead), postId: gone.id });
    await drainNotifications();
    expect(list(member, "mentions").map((n) => n.target.id)).toEqual([kept.id]);
    removeMember({ viewer: viewerOf(lead), slug: "team", handle: "member" });
    // Hidden at once by the read filter, before the consumer has run…
    expect(list(member)).toEqual([]);
    expect(countUnread(viewerOf(member))).toBe(0);
    await drainNotifications();
    // …and deleted once it has.
    expect(rawStatement(`select count(*) from notifications where user_id = @u`).pluck().get({ u: member.id })).toBe(0);
  });

  it("hides a public group's notifications from a non-member when the group is made private", async () => {
    const [lead, reader] = await Promise.all(["lead", "reader"].map((h) => person(h)));
    createGroup({ viewer: viewerOf(lead), input: { name: "Open", slug: "open", visibility: "public" } });
    publishPost({ viewer: viewerOf(lead), group: "open", body: "@reader 공개 글" });
    await drainNotifications();
    expect(list(reader)).toHaveLength(1);
    updateGroup({ viewer: viewerOf(lead), slug: "open", patch: { visibility: "private" } });
    expect(list(reader)).toEqual([]);
    expect(listMentions({ viewer: viewerOf(reader) }).posts).toEqual([]);
  });
});

describe("settings, mutes and idempotency", () => {
  it("respects a kind turned off, a muted thread and a muted group (a mention still comes through)", async () => {
    const [me, other] = await Promise.all(["me", "other"].map((h) => person(h)));
    updateNotificationSettings(viewerOf(me), { reaction: "off" }, { emailEnabled: false });
    const mine = publishPost({ viewer: viewerOf(me), body: "내 글" });
    setReaction({ viewer: viewerOf(other), postId: mine.id, kind: "like", on: true });
    muteThread({ viewer: viewerOf(me), postId: mine.id, muted: true });
    publishPost({ viewer: viewerOf(other), body: "답글", replyToId: mine.id });
    publishPost({ viewer: viewerOf(other), body: "@me 여기도", replyToId: mine.id });
    createGroup({ viewer: viewerOf(other), input: { name: "Noisy", slug: "noisy", visibility: "public" } });
    joinGroup({ viewer: viewerOf(me), slug: "noisy" });
    muteGroup({ viewer: viewerOf(me), slug: "noisy", muted: true });
    const noisy = publishPost({ viewer: viewerOf(me), group: "noisy", body: "시끄러운 그룹" });
    publishPost({ viewer: viewerOf(other), body: "답글", replyToId: noisy.id });
    await drainNotifications();
    expect(list(me).map((n) => n.kind)).toEqual(["mention"]);
    expect(() => updateNotificationSettings(viewerOf(me), { mention: "email" }, { emailEnabled: false })).toThrow();
  });

  it("applies each event once: a replay of the whole log creates and changes nothing", async () => {
    const [a, b] = await Promise.all(["a", "b"].map((h) => person(h)));
    const post = publishPost({ viewer: viewerOf(a), body: "@b hello" });
    setReaction({ viewer: viewerOf(b), postId: post.id, kind: "like", on: true });
    publishPost({ viewer: viewerOf(b), body: "reply", replyToId: post.id });
    await drainNotifications();
    markNotificationsRead(viewerOf(a), { ids: [list(a)[0].id] });
    const before = rawStatement(`select * from notifications order by id`).all();
    const events = rawStatement(`select count(*) from domain_events`).pluck().get();
    rawStatement(`update event_consumers set last_event_id = 0 where name = 'notifications'`).run();
    await drainNotifications();
    expect(rawStatement(`select * from notifications order by id`).all()).toEqual(before);
    expect(rawStatement(`select count(*) from domain_events`).pluck().get()).toBe(events);
    expect(rowCount()).toBe(3);
  });
});

describe("marking read", () => {
  it("marks by id (others' ids change nothing for them), a thread, or all", async () => {
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((h) => person(h)));
    const one = publishPost({ viewer: viewerOf(c), body: "@a @b one" });
    const two = publishPost({ viewer: viewerOf(c), body: "@a two" });
    publishPost({ viewer: viewerOf(c), body: "@a three" });
    await drainNotifications();
    const bs = list(b);
    expect(markNotificationsRead(viewerOf(a), { ids: bs.map((n) => n.id) })).toBe(0);
    expect(list(b, "unread")).toHaveLength(1);
    const [three] = list(a);
    expect(markNotificationsRead(viewerOf(a), { ids: [three.id] })).toBe(1);
    expect(markNotificationsRead(viewerOf(a), { threadId: two.id })).toBe(1);
    expect(list(a, "unread").map((n) => n.target.id)).toEqual([one.id]);
    expect(countUnread(viewerOf(a))).toBe(1);
    expect(markNotificationsRead(viewerOf(a), { all: true })).toBe(1);
    expect(countUnread(viewerOf(a))).toBe(0);
    expect(list(a)).toHaveLength(3);
    expect(list(a, "mentions")).toHaveLength(3);
  });

  it("pages newest activity first with a keyset cursor", async () => {
    const [a, c] = await Promise.all(["a", "c"].map((h) => person(h)));
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(publishPost({ viewer: viewerOf(c), body: `@a post ${i}` }).id);
    await drainNotifications();
    const first = listNotifications({ viewer: viewerOf(a), limit: 2 });
    const second = listNotifications({ viewer: viewerOf(a), limit: 2, cursor: first.nextCursor });
    const third = listNotifications({ viewer: viewerOf(a), limit: 2, cursor: second.nextCursor });
    expect([...first.notifications, ...second.notifications, ...third.notifications].map((n) => n.target.id)).toEqual(
      ids.reverse(),
    );
    expect(third.nextCursor).toBeNull();
  });
});

describe("the consumer's lease and backoff", () => {
  it("leaves the log to another process's lease, and takes over once it has expired", async () => {
    const [a, b] = await Promise.all(["a", "b"].map((h) => person(h)));
    publishPost({ viewer: viewerOf(a), body: "@b hello" });
    rawStatement(
      `insert into search_leases (name, owner, expires_at) values ('notifications', 'elsewhere:1:x', @at)`,
    ).run({ at: Date.now() + 60_000 });
    expect(await drainNotificationsOnce()).toMatchObject({ busy: true, processed: 0 });
    expect(list(b)).toEqual([]);
    rawStatement(`update search_leases set expires_at = 0 where name = 'notifications'`).run();
    await drainNotifications();
    expect(list(b)).toHaveLength(1);
  });

  it("rolls a failed batch back whole, keeps the cursor, and retries after its backoff", async () => {
    const [a, b] = await Promise.all(["a", "b"].map((h) => person(h)));
    await drainNotifications();
    publishPost({ viewer: viewerOf(a), body: "@b hello" });
    rawStatement(`alter table notification_actors rename to notification_actors_gone`).run();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const failed = await drainNotificationsOnce();
    expect(failed.failed).toBeGreaterThan(0);
    expect(rowCount()).toBe(0);
    const state = rawStatement(
      `select attempts, available_at from event_consumers where name = 'notifications'`,
    ).get() as {
      attempts: number;
      available_at: number;
    };
    expect(state.attempts).toBe(1);
    expect(state.available_at).toBeGreaterThan(Date.now());
    rawStatement(`alter table notification_actors_gone rename to notification_actors`).run();
    // Not before its time…
    expect((await drainNotificationsOnce()).processed).toBe(0);
    // …then the same events, once.
    expect((await drainNotificationsOnce({ now: () => Date.now() + 10 * 60_000 })).processed).toBeGreaterThan(0);
    expect(list(b)).toMatchObject([{ kind: "mention", actorCount: 1 }]);
  });
});
