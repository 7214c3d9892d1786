// The notifications API (issue #11 §5) through the router in-process, every response checked against the OpenAPI
// document: GET /api/v1/notifications (filters, keyset pages, the unread count), POST /api/v1/notifications/read
// ({ids} or {all: true}; another person's ids change nothing for them; more than 100 ids, wrong types or both
// forms at once are a 400 that writes nothing) and GET /api/v1/mentions (only posts the caller may see).
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { publishPost, setReaction } from "#app/models/posts/post.server";
import { callApi } from "#tests/support/api";
import { drainNotifications } from "#tests/support/notifications";
import { createTestUser, viewerOf } from "#tests/factories";

type Any = any;

async function account(handle: string, name = handle) {
  const user = await createTestUser({ handle, name, email: `${handle}@sori.test` });
  return { user, token: createApiToken({ userId: user.id, name: "test" }).token };
}

const get = (path: string, token: string) => callApi(path, { token, headers: { "Accept-Language": "en" } });
const markRead = (token: string, json: unknown) =>
  callApi("/api/v1/notifications/read", { method: "POST", token, json, headers: { "Accept-Language": "en" } });
const unreadRows = () => rawStatement(`select id, user_id, unread from notifications order by id`).all();

async function world() {
  const minsu = await account("minsu", "김민수");
  const jieun = await account("jieun", "이지은");
  const fans = await Promise.all(["f1", "f2", "f3"].map((h) => account(h, h.toUpperCase())));
  const post = publishPost({ viewer: viewerOf(jieun.user), body: "Q3 release plan" });
  for (const f of fans) setReaction({ viewer: viewerOf(f.user), postId: post.id, kind: "like", on: true });
  const mention = publishPost({ viewer: viewerOf(minsu.user), body: "@jieun please check" });
  await drainNotifications();
  return { minsu, jieun, fans, post, mention };
}

describe("GET /api/v1/notifications", () => {
  it("lists grouped notifications newest first with the unread count, filtered and paged", async () => {
    const { jieun, post, mention } = await world();
    const res = await get("/api/v1/notifications", jieun.token);
    expect(res.status).toBe(200);
    const body = (await res.json) as Any;
    expect(body.unread_count).toBe(2);
    expect(body.data).toMatchObject([
      { kind: "mention", target: { type: "post", id: mention.id, url: `/posts/${mention.id}` }, actor_count: 1 },
      {
        kind: "reaction",
        target: { id: post.id, title: "Q3 release plan" },
        actors: [{ handle: "f3" }, { handle: "f2" }, { handle: "f1" }],
        actor_count: 3,
        unread: true,
      },
    ]);
    const mentions = (await (await get("/api/v1/notifications?filter=mentions", jieun.token)).json) as Any;
    expect(mentions.data.map((n: Any) => n.kind)).toEqual(["mention"]);
    const first = (await (await get("/api/v1/notifications?limit=1", jieun.token)).json) as Any;
    expect(first.data).toHaveLength(1);
    const second = (await (
      await get(`/api/v1/notifications?limit=1&cursor=${first.next_cursor}`, jieun.token)
    ).json) as Any;
    expect(second.data.map((n: Any) => n.kind)).toEqual(["reaction"]);
    expect(second.next_cursor).toBeNull();
  });

  it("answers bad filters and cursors with 400", async () => {
    const { jieun } = await world();
    expect((await get("/api/v1/notifications?filter=everything", jieun.token)).status).toBe(400);
    expect((await get("/api/v1/notifications?cursor=nope", jieun.token)).status).toBe(400);
    expect((await get("/api/v1/notifications?limit=1000", jieun.token)).status).toBe(400);
  });
});

describe("POST /api/v1/notifications/read", () => {
  it("marks by id and all; another person's ids change nothing for them", async () => {
    const { jieun, minsu, fans } = await world();
    publishPost({ viewer: viewerOf(fans[0].user), body: "@minsu hi" });
    await drainNotifications();
    const theirs = rawStatement(`select id from notifications where user_id = @u`).pluck().all({ u: minsu.user.id });
    const byOther = await markRead(jieun.token, { ids: theirs });
    expect(byOther.status).toBe(200);
    expect(await byOther.json).toEqual({ marked: 0, unread_count: 2 });
    expect(
      rawStatement(`select unread from notifications where user_id = @u`).pluck().all({ u: minsu.user.id }),
    ).toEqual([1]);
    const [mention] = ((await (await get("/api/v1/notifications", jieun.token)).json) as Any).data;
    expect(await (await markRead(jieun.token, { ids: [mention.id] })).json).toEqual({ marked: 1, unread_count: 1 });
    expect(await (await markRead(jieun.token, { all: true })).json).toEqual({ marked: 1, unread_count: 0 });
    const unread = (await (await get("/api/v1/notifications?filter=unread", jieun.token)).json) as Any;
    expect(unread.data).toEqual([]);
  });

  it("refuses huge arrays, wrong types and mixed forms with 400, writing nothing", async () => {
    const { jieun } = await world();
    const before = unreadRows();
    const bad: unknown[] = [
      { ids: Array.from({ length: 101 }, (_, i) => i + 1) },
      { ids: ["1"] },
      { ids: [1.5] },
      { ids: [-1] },
      { ids: 1 },
      { all: false },
      { all: "yes" },
      { ids: [1], all: true },
      {},
      [],
      "all",
      null,
    ];
    for (const json of bad) {
      const res = await markRead(jieun.token, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    expect(unreadRows()).toEqual(before);
  });
});

describe("GET /api/v1/mentions", () => {
  it("lists posts that mention the caller and that the caller may see", async () => {
    const { jieun, minsu, mention } = await world();
    const outsider = await account("outsider");
    createGroup({ viewer: viewerOf(minsu.user), input: { name: "Team", slug: "team", visibility: "private" } });
    addMembers({ viewer: viewerOf(minsu.user), slug: "team", input: { handles: ["jieun"] } });
    const secret = publishPost({ viewer: viewerOf(minsu.user), group: "team", body: "@jieun @outsider 비밀" });
    await drainNotifications();
    const mine = (await (await get("/api/v1/mentions", jieun.token)).json) as Any;
    expect(mine.data.map((p: Any) => p.id)).toEqual([secret.id, mention.id]);
    const theirs = (await (await get("/api/v1/mentions", outsider.token)).json) as Any;
    expect(theirs.data).toEqual([]);
    const bell = (await (await get("/api/v1/notifications", outsider.token)).json) as Any;
    expect(bell).toMatchObject({ data: [], unread_count: 0 });
  });
});
