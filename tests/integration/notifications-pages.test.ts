// The notification pages (issue #11 §1) through their loaders and actions as Remix calls them, with a real session
// cookie and a real migrated database: the header's server-rendered count, /notifications with its tabs and plain
// mark-read forms (no JavaScript), opening a thread marks its notifications read, muting a thread and a group from
// their pages, and the per-kind settings of /settings (email refused while SMTP_URL is unset).
import { describe, expect, it } from "vitest";
import * as root from "#app/root";
import * as notificationsRoute from "#app/routes/notifications";
import * as muteRoute from "#app/routes/notifications_.mute";
import * as threadRoute from "#app/routes/posts.$postId";
import * as settingsRoute from "#app/routes/settings";
import * as groupRoute from "#app/routes/groups.$slug";
import * as membersRoute from "#app/routes/groups.$slug_.members";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup, joinGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import { countUnread } from "#app/models/notifications/notifications.server";
import { getNotificationSettings } from "#app/models/notifications/settings.server";
import { drainNotifications } from "#tests/support/notifications";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

async function world() {
  const minsu = await createTestUser({ handle: "minsu", name: "김민수" });
  const jieun = await createTestUser({ handle: "jieun", name: "이지은", locale: "ko" });
  const cookie = await sessionCookie(jieun.id);
  const first = publishPost({ viewer: viewerOf(minsu), body: "@jieun Q3 배포 일정 확인 부탁해요" });
  const second = publishPost({ viewer: viewerOf(minsu), body: "@jieun 두 번째" });
  await drainNotifications();
  return { minsu, jieun, cookie, first, second };
}

const load = async (mod: Any, path: string, cookie: string, params: Record<string, string> = {}) =>
  (await mod.loader({ request: makeRequest(path, { cookie }), params, ...ctx })) as Any;

const post = async (mod: Any, path: string, cookie: string, form: Record<string, string>) => {
  try {
    return (await mod.action({
      request: makeRequest(path, { method: "POST", cookie, form }),
      params: {},
      ...ctx,
    })) as Any;
  } catch (thrown) {
    return thrown as Any;
  }
};

describe("the bell and /notifications", () => {
  it("shows the unread count in the layout and the grouped rows in Korean, each with a link to its target", async () => {
    const { cookie, first } = await world();
    const layout = await load(root, "/home", cookie);
    expect((layout.data ?? layout).unreadNotifications).toBe(2);
    const page = await load(notificationsRoute, "/notifications", cookie);
    expect(page.notifications).toHaveLength(2);
    expect(page.notifications[1]).toMatchObject({ kind: "mention", unread: true, url: `/posts/${first.id}` });
  });

  it("marks one and then all read with plain forms, and lists the Mentions tab as posts", async () => {
    const { jieun, cookie, first, second } = await world();
    const page = await load(notificationsRoute, "/notifications?tab=unread", cookie);
    const one = await post(notificationsRoute, "/notifications", cookie, {
      intent: "read",
      id: String(page.notifications[0].id),
      tab: "unread",
    });
    expect(one.status).toBe(302);
    expect(one.headers.get("Location")).toBe("/notifications?tab=unread");
    expect(countUnread(viewerOf(jieun))).toBe(1);
    const all = await post(notificationsRoute, "/notifications", cookie, { intent: "readAll" });
    expect(all.status).toBe(302);
    expect(countUnread(viewerOf(jieun))).toBe(0);
    expect((await load(notificationsRoute, "/notifications?tab=unread", cookie)).notifications).toEqual([]);
    const mentions = await load(notificationsRoute, "/notifications?tab=mentions", cookie);
    expect(mentions.posts.map((p: Any) => p.id)).toEqual([second.id, first.id]);
    // A bad id is a 400 that changes nothing.
    const bad = await post(notificationsRoute, "/notifications", cookie, { intent: "read", id: "1e3" });
    expect(bad.status ?? bad.init?.status).toBe(400);
  });

  it("marks a thread's notifications read when it is opened", async () => {
    const { jieun, cookie, first } = await world();
    await load(threadRoute, `/posts/${first.id}`, cookie, { postId: String(first.id) });
    expect(countUnread(viewerOf(jieun))).toBe(1);
    expect(
      rawStatement(`select unread from notifications where post_id = @p and user_id = @u`).pluck().get({
        p: first.id,
        u: jieun.id,
      }),
    ).toBe(0);
  });
});

describe("opening a group", () => {
  it("reads 'you were added' on the group's page and join requests on its members page", async () => {
    const { minsu, jieun, cookie } = await world();
    const other = await createTestUser({ handle: "other" });
    createGroup({ viewer: viewerOf(jieun), input: { name: "Team", slug: "team", visibility: "private" } });
    createGroup({ viewer: viewerOf(minsu), input: { name: "Ops", slug: "ops", visibility: "private" } });
    addMembers({ viewer: viewerOf(minsu), slug: "ops", input: { handles: ["jieun"] } });
    joinGroup({ viewer: viewerOf(other), slug: "team" });
    await drainNotifications();
    const unreadKinds = () =>
      rawStatement(`select kind from notifications where user_id = @u and unread = 1 and post_id is null order by kind`)
        .pluck()
        .all({ u: jieun.id });
    expect(unreadKinds()).toEqual(["group_added", "join_request"]);
    await load(groupRoute, "/groups/ops", cookie, { slug: "ops" });
    expect(unreadKinds()).toEqual(["join_request"]);
    await load(membersRoute, "/groups/team/members", cookie, { slug: "team" });
    expect(unreadKinds()).toEqual([]);
  });
});

describe("mutes and settings", () => {
  it("mutes a thread and a group from their pages; a hidden thread is a 404", async () => {
    const { jieun, minsu, cookie, first } = await world();
    const muted = await post(muteRoute, "/notifications/mute", cookie, {
      intent: "mute",
      postId: String(first.id),
      redirectTo: `/posts/${first.id}`,
    });
    expect(muted.status).toBe(302);
    expect(muted.headers.get("Location")).toBe(`/posts/${first.id}`);
    const thread = await load(threadRoute, `/posts/${first.id}`, cookie, { postId: String(first.id) });
    expect(thread.muted).toBe(true);
    publishPost({ viewer: viewerOf(minsu), body: "reply", replyToId: first.id });
    createGroup({ viewer: viewerOf(minsu), input: { name: "Private", slug: "private", visibility: "private" } });
    const hidden = publishPost({ viewer: viewerOf(minsu), group: "private", body: "secret" });
    const refused = await post(muteRoute, "/notifications/mute", cookie, { intent: "mute", postId: String(hidden.id) });
    expect(refused.status).toBe(404);
    createGroup({ viewer: viewerOf(minsu), input: { name: "Open", slug: "open", visibility: "public" } });
    const group = await post(muteRoute, "/notifications/mute", cookie, { intent: "mute", group: "open" });
    expect(group.status).toBe(302);
    expect(rawStatement(`select count(*) from group_mutes where user_id = @u`).pluck().get({ u: jieun.id })).toBe(1);
  });

  it("saves per-kind channels; email is refused while SMTP_URL is unset", async () => {
    const { jieun, cookie } = await world();
    const page = await load(settingsRoute, "/settings", cookie);
    expect(page.emailEnabled).toBe(false);
    expect(page.notifications.reaction).toBe("in_app");
    const saved = await post(settingsRoute, "/settings", cookie, {
      intent: "notifications",
      "kind.reaction": "off",
      "kind.mention": "in_app",
    });
    expect(saved.status).toBe(302);
    expect(getNotificationSettings(viewerOf(jieun))).toMatchObject({ reaction: "off", mention: "in_app" });
    const email = await post(settingsRoute, "/settings", cookie, { intent: "notifications", "kind.mention": "email" });
    expect(email.init?.status ?? email.status).toBe(400);
    const junk = await post(settingsRoute, "/settings", cookie, { intent: "notifications", "kind.mention": "loud" });
    expect(junk.init?.status ?? junk.status).toBe(400);
    expect(getNotificationSettings(viewerOf(jieun)).mention).toBe("in_app");
  });
});
