// Quiet delivery (issue #11 §2, DESIGN.md invariant 6) against a real migrated SQLite database: a notification made
// outside its person's working hours is recorded and listed but neither counted on the bell nor pushed as a frame
// until their next working start — in their own zone, across daylight saving, over company holidays — and then
// arrives gathered: one frame per person however many waited. Urgent ones interrupt at once.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { publishPost, setReaction } from "#app/models/posts/post.server";
import { countUnread, listNotifications } from "#app/models/notifications/notifications.server";
import { notify } from "#app/models/notifications/record.server";
import { drainNotifications as drainOnce } from "#app/events/consumers/notifications.server";
import { getDb } from "#app/infra/db.server";
import {
  addHoliday,
  getCompanyHours,
  setCompanyHours,
  updateMyWorkingHours,
} from "#app/models/people/working-hours.server";
import { localDate, localTime, nextWorkingStart, type WorkingHours } from "#app/utils/working-hours";
import { createTestUser, viewerOf } from "#tests/factories";

const DAY = 24 * 3600 * 1000;

/** The first Monday 22:00 in `timeZone` at least a week from now, so the held rows' times are in the future. */
function mondayNight(timeZone: string, hour = "22:00"): number {
  const rule: WorkingHours = { timeZone, days: ["mon"], start: hour, end: "23:59" };
  return nextWorkingStart(rule, Date.now() + 7 * DAY)!.getTime();
}

async function drainAt(now: number) {
  for (let i = 0; i < 50; i++) {
    const r = await drainOnce({ now: () => now });
    if (r.failed) throw new Error(`notifications failed for ${r.failed} events`);
    if (!r.more && !r.busy) return;
  }
  throw new Error("notification events did not drain");
}

async function officeWorker(handle: string, timeZone = "Asia/Seoul") {
  const user = await createTestUser({ handle, name: handle, email: `${handle}@sori.test` });
  // Back to the company's hours (Mon–Fri 09:00–18:00) in their own zone.
  updateMyWorkingHours({ viewer: viewerOf(user), timeZone, hours: null });
  return user;
}

const frames = (userId: number) =>
  rawStatement(
    `select count(*) from domain_events where type = 'notification.changed' and json_extract(data, '$.userId') = @userId`,
  )
    .pluck()
    .get({ userId }) as number;

const heldUntilOf = (userId: number) =>
  rawStatement(`select deliver_after from notifications where user_id = @userId`).pluck().all({ userId }) as (
    number | null
  )[];

describe("quiet delivery", () => {
  it("holds a mention made at night: listed, not counted, no frame — then one gathered frame at 09:00", async () => {
    const jieun = await officeWorker("jieun");
    const minsu = await createTestUser({ handle: "minsu", name: "김민수", email: "minsu@sori.test" });
    const night = mondayNight("Asia/Seoul");
    const tuesday9 = night + 11 * 3600 * 1000; // Tuesday 09:00 in Seoul
    const post = publishPost({ viewer: viewerOf(minsu), body: "@jieun 내일 아침에 봐 주세요" });
    const other = publishPost({ viewer: viewerOf(minsu), body: "@jieun 이것도요" });
    setReaction({ viewer: viewerOf(minsu), postId: post.id, kind: "like", on: true });
    await drainAt(night);
    const viewer = viewerOf(jieun);
    // Held until her next working start, and listed if she looks (like "do not disturb").
    expect(heldUntilOf(jieun.id)).toEqual([tuesday9, tuesday9]);
    expect(
      listNotifications({ viewer })
        .notifications.map((n) => n.target.id)
        .sort(),
    ).toEqual([post.id, other.id].sort());
    expect(countUnread(viewer)).toBe(0);
    expect(frames(jieun.id)).toBe(0);
    // Not yet at 08:59.
    await drainAt(tuesday9 - 60_000);
    expect(frames(jieun.id)).toBe(0);
    // At 09:00 both arrive, in one frame.
    await drainAt(tuesday9);
    expect(heldUntilOf(jieun.id)).toEqual([null, null]);
    expect(countUnread(viewer)).toBe(2);
    expect(frames(jieun.id)).toBe(1);
    // A second pass releases nothing again.
    await drainAt(tuesday9 + 60_000);
    expect(frames(jieun.id)).toBe(1);
  });

  it("tells someone at work at once, with a frame", async () => {
    const jieun = await officeWorker("jieun");
    const minsu = await createTestUser({ handle: "minsu", name: "김민수", email: "minsu@sori.test" });
    const tuesday10 = mondayNight("Asia/Seoul") + 12 * 3600 * 1000;
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 지금 확인 가능해요?" });
    await drainAt(tuesday10);
    expect(heldUntilOf(jieun.id)).toEqual([null]);
    expect(countUnread(viewerOf(jieun))).toBe(1);
    expect(frames(jieun.id)).toBe(1);
  });

  it("reads the hours in each person's zone: Monday 22:00 in Seoul is 08:00 or 09:00 in New York and afternoon in Paris", async () => {
    const seoul = await officeWorker("seoul");
    const ny = await officeWorker("ny", "America/New_York");
    const paris = await officeWorker("paris", "Europe/Paris");
    const author = await createTestUser({ handle: "author", name: "Author", email: "author@sori.test" });
    const night = mondayNight("Asia/Seoul");
    publishPost({ viewer: viewerOf(author), body: "@seoul @ny @paris 공유드립니다" });
    await drainAt(night);
    const [seoulAt] = heldUntilOf(seoul.id);
    const [nyAt] = heldUntilOf(ny.id);
    const [parisAt] = heldUntilOf(paris.id);
    expect(seoulAt).toBe(night + 11 * 3600 * 1000);
    // 13:00 UTC: 08:00 in New York in winter (held until 09:00 there, an hour later), 09:00 in summer (at work).
    const summer = localTime(night, "America/New_York") === "09:00";
    expect(nyAt).toBe(summer ? null : night + 3600 * 1000);
    // Paris is 7–8 hours behind: 14:00 or 15:00 on Monday — at work, told at once.
    expect(parisAt).toBeNull();
  });

  it("holds over a company holiday to the next working day", async () => {
    const admin = await createTestUser({ handle: "admin", name: "Admin", email: "admin@sori.test", role: "admin" });
    const jieun = await officeWorker("jieun");
    const minsu = await createTestUser({ handle: "minsu", name: "김민수", email: "minsu@sori.test" });
    const night = mondayNight("Asia/Seoul");
    const tuesday = localDate(night + 3 * 3600 * 1000, "Asia/Seoul");
    addHoliday({ viewer: viewerOf(admin), holiday: { date: tuesday, name: "임시공휴일" } });
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 휴일 지나고 봐 주세요" });
    await drainAt(night);
    expect(heldUntilOf(jieun.id)).toEqual([night + (11 + 24) * 3600 * 1000]); // Wednesday 09:00
  });

  it("follows the company's hours as admins change them, for everyone without their own", async () => {
    const admin = await createTestUser({ handle: "admin", name: "Admin", email: "admin@sori.test", role: "admin" });
    const jieun = await officeWorker("jieun");
    const minsu = await createTestUser({ handle: "minsu", name: "김민수", email: "minsu@sori.test" });
    setCompanyHours({ viewer: viewerOf(admin), hours: { ...getCompanyHours(), start: "10:00", end: "19:00" } });
    expect(() => setCompanyHours({ viewer: viewerOf(jieun), hours: getCompanyHours() })).toThrow();
    const night = mondayNight("Asia/Seoul");
    publishPost({ viewer: viewerOf(minsu), body: "@jieun 확인 부탁" });
    await drainAt(night);
    expect(heldUntilOf(jieun.id)).toEqual([night + 12 * 3600 * 1000]); // Tuesday 10:00
  });

  it("delivers an urgent notification at once, and frees the held row it joins", async () => {
    const jieun = await officeWorker("jieun");
    const minsu = await createTestUser({ handle: "minsu", name: "김민수", email: "minsu@sori.test" });
    const post = publishPost({ viewer: viewerOf(minsu), body: "전사 공지: 긴급 점검" });
    const night = mondayNight("Asia/Seoul");
    const target = { type: "post" as const, postId: post.id, threadId: post.id, group: null };
    const event = (n: number) => ({
      kind: "mention" as const,
      recipients: [jieun.id],
      actorId: minsu.id,
      target,
      eventId: n,
      at: night,
      now: night,
    });
    getDb().transaction(() => {
      notify({ ...event(1_000_000), kind: "reaction" });
    });
    expect(heldUntilOf(jieun.id)).toEqual([night + 11 * 3600 * 1000]);
    getDb().transaction(() => {
      notify({ ...event(1_000_001), urgent: true });
      notify({ ...event(1_000_002), kind: "reaction", urgent: true });
    });
    expect(heldUntilOf(jieun.id)).toEqual([null, null]);
    expect(countUnread(viewerOf(jieun))).toBe(2);
    expect(frames(jieun.id)).toBe(2);
  });
});
