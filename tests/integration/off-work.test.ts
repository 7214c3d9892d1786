// Senders see when someone is off work (issue #11 §2): the profile and the mention suggestions say
// "퇴근 · 09:00에 알림" — the next working start in the viewer's zone and language — and nothing while they work.
import { describe, expect, it } from "vitest";
import * as suggestRoute from "#app/routes/people.suggest";
import * as profileRoute from "#app/routes/people.$handle";
import * as previewRoute from "#app/routes/posts.preview";
import { updateMyWorkingHours } from "#app/models/people/working-hours.server";
import { localTime } from "#app/utils/working-hours";
import { createTestUser, sessionCookie, viewerOf } from "#tests/factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as any;
const get = (path: string, cookie: string, lang: string) =>
  new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie, "Accept-Language": lang } });

/** "HH:MM" `hours` from now in Seoul. */
const seoulIn = (hours: number) => localTime(Date.now() + hours * 3600 * 1000, "Asia/Seoul");

describe("the off-work notice", () => {
  it("shows on the profile and in the mention suggestions, in the viewer's zone and language", async () => {
    const jieun = await createTestUser({ handle: "jieun.lee", name: "이지은", email: "jieun@sori.test" });
    // Her day starts two hours from now, every day, in Seoul: she is off work now.
    updateMyWorkingHours({
      viewer: viewerOf(jieun),
      timeZone: "Asia/Seoul",
      hours: { days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: seoulIn(2), end: seoulIn(3) },
    });
    const awake = await createTestUser({ handle: "jieun.park", name: "박지은", email: "park@sori.test" });
    const viewer = await createTestUser({ handle: "minsu", name: "김민수", email: "minsu@sori.test" });
    const cookie = await sessionCookie(viewer.id);

    const ko = (await (await suggestRoute.loader(args(get("/people/suggest?q=jieun", cookie, "ko")))).json()) as {
      people: { handle: string; offWork: string | null }[];
    };
    expect(ko.people.find((p) => p.handle === "jieun.lee")?.offWork).toBe(`퇴근 · ${seoulIn(2)}에 알림`);
    expect(ko.people.find((p) => p.handle === awake.handle)?.offWork).toBeNull();

    // A viewer in Paris reads her start on their own clock, in English.
    updateMyWorkingHours({ viewer: viewerOf(viewer), timeZone: "Europe/Paris" });
    const parisStart = localTime(Date.now() + 2 * 3600 * 1000, "Europe/Paris");
    const en = (await (await suggestRoute.loader(args(get("/people/suggest?q=jieun", cookie, "en")))).json()) as {
      people: { handle: string; offWork: string | null }[];
    };
    expect(en.people.find((p) => p.handle === "jieun.lee")?.offWork).toBe(`Off work · notified at ${parisStart}`);

    const profile = (await profileRoute.loader(
      args(get("/people/jieun.lee", cookie, "en"), { handle: "jieun.lee" }),
    )) as { offWork: string | null };
    expect(profile.offWork).toBe(`Off work · notified at ${parisStart}`);
    const working = (await profileRoute.loader(
      args(get(`/people/${awake.handle}`, cookie, "en"), { handle: awake.handle }),
    )) as { offWork: string | null };
    expect(working.offWork).toBeNull();

    // The composer's preview of a post mentioning her says when she will be told.
    const preview = (await previewRoute.action(
      args(
        new Request("http://localhost:3000/posts/preview", {
          method: "POST",
          headers: {
            Cookie: cookie,
            "Accept-Language": "en",
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ body: `@jieun.lee @${awake.handle} 내일 회의 자료 공유드려요` }).toString(),
        }),
      ),
    )) as { offWork: string | null };
    expect(preview.offWork).toBe(`@jieun.lee will be notified at ${parisStart}.`);
  });
});
