// Editing a question's title (issue #9): through the API's PATCH and the page's edit form, checked as when asking
// (required, at most 150 characters, only on a question), in the caller's language with nothing written on a
// refusal; the new title is what lists and search find.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { createApiToken } from "#app/models/people/api-token.server";
import { searchContent } from "#app/models/search/search.server";
import * as editRoute from "#app/routes/posts.$postId_.edit";
import { callApi } from "#tests/support/api";
import { drainSearch } from "#tests/support/search";
import { createTestUser, makeRequest, sessionCookie, viewerOf } from "#tests/factories";

type Any = any;
const ctx = { context: { clientIp: "1", cspNonce: "", onClose: () => {} } } as Any;

async function account(handle: string) {
  const user = await createTestUser({ handle, name: handle, email: `${handle}@sori.test` });
  return { user, token: createApiToken({ userId: user.id, name: "test" }).token };
}

const patch = (token: string, id: number, json: unknown, lang = "en") =>
  callApi(`/api/v1/posts/${id}`, { method: "PATCH", token, json, headers: { "Accept-Language": lang } });

const stored = (id: number) =>
  rawStatement(`select title, body, edited_at as editedAt from posts where id = @id`).get({ id }) as {
    title: string | null;
    body: string;
    editedAt: number | null;
  };

describe("editing a question's title", () => {
  it("the asker changes the title alone or with the body; search finds the new one", async () => {
    const asker = await account("asker");
    const other = await account("other");
    const q = (
      await callApi("/api/v1/posts", {
        method: "POST",
        token: asker.token,
        json: { kind: "question", title: "프린터가 안 돼요", body: "3층 프린터" },
      })
    ).json;
    const res = await patch(asker.token, q.id, { body: "3층 프린터", title: "3층 복합기 스캔이 안 돼요" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ title: "3층 복합기 스캔이 안 돼요", body: "3층 프린터" });
    expect(stored(q.id).editedAt).not.toBeNull();
    // Only the body changed: no revision of the body for a title change.
    expect(rawStatement(`select count(*) from post_revisions where post_id = @id`).pluck().get({ id: q.id })).toBe(0);
    expect((await patch(other.token, q.id, { body: "x", title: "mine now" })).status).toBe(403);

    await drainSearch();
    const found = await searchContent({ viewer: viewerOf(other.user), q: "복합기", type: "questions" });
    expect(found.type === "questions" && found.results.map((r) => r.post.id)).toContain(q.id);
  });

  it("refuses an empty, too long or misplaced title in the caller's language, writing nothing", async () => {
    const asker = await account("asker");
    const q = (
      await callApi("/api/v1/posts", {
        method: "POST",
        token: asker.token,
        json: { kind: "question", title: "원래 제목", body: "본문" },
      })
    ).json;
    const update = (await callApi("/api/v1/posts", { method: "POST", token: asker.token, json: { body: "소식" } }))
      .json;
    const before = [stored(q.id), stored(update.id)];
    const blank = await patch(asker.token, q.id, { body: "본문 바뀜", title: "   " }, "ko");
    expect(blank.status).toBe(400);
    expect(blank.json.error.fields.title).toBe("질문에는 제목이 필요합니다.");
    const long = await patch(asker.token, q.id, { body: "본문", title: "가".repeat(151) });
    expect(long.status).toBe(400);
    const misplaced = await patch(asker.token, update.id, { body: "소식", title: "A title" });
    expect(misplaced.status).toBe(400);
    expect(misplaced.json.error.message).toBe("Only a question has a title.");
    expect([stored(q.id), stored(update.id)]).toEqual(before);
  });

  it("the edit page (without JavaScript) saves the title and shows its error under the field", async () => {
    const asker = await account("asker");
    const q = (
      await callApi("/api/v1/posts", {
        method: "POST",
        token: asker.token,
        json: { kind: "question", title: "Old title", body: "Body" },
      })
    ).json;
    const submit = async (title: string) => {
      const res = (await editRoute.action({
        request: makeRequest(`/posts/${q.id}/edit`, {
          method: "POST",
          form: { intent: "edit", postId: String(q.id), body: "Body", title },
          cookie: await sessionCookie(asker.user.id),
        }),
        params: { postId: String(q.id) },
        ...ctx,
      })) as Any;
      return res instanceof Response ? { status: res.status } : { status: res.init?.status, errors: res.data?.errors };
    };
    const bad = await submit("");
    expect(bad.status).toBe(400);
    expect(bad.errors?.title).toBeTruthy();
    expect(stored(q.id).title).toBe("Old title");
    expect((await submit("New title")).status).toBe(302);
    expect(stored(q.id).title).toBe("New title");
  });
});
