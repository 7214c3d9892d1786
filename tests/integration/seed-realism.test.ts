// The demo company reads like a real one (issue #12 item 20): no post is word for word another's, no template is
// filled twice with only numbers, names or links changed, and meeting notes and town halls fall on weekdays — the
// days they are posted and the days they announce. Its details agree with each other: a designer works in 디자인,
// a welcome names the newcomer's own team, a restaurant is recommended for what it serves, a Friday event falls on
// a Friday, and no launch announces a feature Sori lacks. Generic over every post, whichever seed file wrote it.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { posts, users } from "#db/schema";
import { RESTAURANTS, seedDemoCompany, shapeOf } from "#db/seed";
import { getDb } from "#app/infra/db.server";

const KST = 9 * 3_600_000;
const weekdayInSeoul = (at: number) => new Date(at + KST).getUTCDay();
const isWeekend = (at: number) => [0, 6].includes(weekdayInSeoul(at));

/** Dates written in a post, as the seed writes them: "11월 30일 (월)" / "Mon, Nov 30". */
const KO_DAY = /\d{1,2}월 \d{1,2}일 \(([월화수목금토일])\)/g;
const EN_DAY = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}\b/g;

function repeated<T>(items: T[], key: (item: T) => string) {
  const seen = new Map<string, T[]>();
  for (const item of items) seen.set(key(item), [...(seen.get(key(item)) ?? []), item]);
  return [...seen.values()].filter((group) => group.length > 1);
}

describe("the demo company's posts", () => {
  it("has no duplicates, no template clones and no weekend meetings", async () => {
    await seedDemoCompany({ ifEmpty: true, log: () => {} });
    const all = getDb()
      .select({ id: posts.id, body: posts.body, at: posts.createdAt, replyToId: posts.replyToId, author: users.handle })
      .from(posts)
      .innerJoin(users, eq(users.id, posts.authorId))
      .all()
      .map((p) => ({ ...p, at: p.at.getTime() }));
    expect(all.length).toBeGreaterThanOrEqual(300);

    // Word for word: no two posts, replies included.
    const duplicates = repeated(all, (p) => p.body.trim());
    expect(duplicates.map((g) => `${g.length}× ${g[0].body.slice(0, 60)}`)).toEqual([]);

    // Template clones: no two threads that differ only in numbers, mentions or links.
    const roots = all.filter((p) => p.replyToId == null);
    const clones = repeated(roots, (p) => shapeOf(p.body));
    expect(clones.map((g) => `${g.length}× ${g[0].body.slice(0, 60)}`)).toEqual([]);

    // Meetings on weekdays: notes and town halls are not posted on a weekend, and no post announces one for a
    // Saturday or a Sunday.
    const meetings = roots.filter((p) => /#(회의|meeting|타운홀|townhall)\b/iu.test(p.body));
    expect(meetings.length).toBeGreaterThan(5);
    expect(meetings.filter((p) => isWeekend(p.at)).map((p) => p.body.slice(0, 60))).toEqual([]);
    const weekendDates = meetings.filter((p) =>
      [...p.body.matchAll(KO_DAY), ...p.body.matchAll(EN_DAY)].some((m) => ["토", "일", "Sat", "Sun"].includes(m[1])),
    );
    expect(weekendDates.map((p) => p.body.slice(0, 80))).toEqual([]);
  }, 60_000);

  it("has consistent details: departments, welcomes, restaurants, Friday events, launched features", async () => {
    await seedDemoCompany({ ifEmpty: true, log: () => {} });
    const people = getDb()
      .select({ handle: users.handle, department: users.department, title: users.title })
      .from(users)
      .all();
    // Titles say what people do; the department must agree (a designer is not in 인사).
    const rules: [RegExp, string][] = [
      [/디자이너|디자인|designer|UX/i, "디자인 · Design"],
      [/엔지니어|engineer|SRE/i, "개발 · Engineering"],
      [/리크루터|recruit|HR|people/i, "인사 · People"],
    ];
    const misplaced = people.flatMap((p) => {
      // Sales and support engineers are engineers outside 개발, and the Head of People is a lead of 인사.
      if (/세일즈|기술지원|Sales/.test(p.title)) return [];
      const rule = rules.find(([re]) => re.test(p.title));
      return rule && p.department && p.department !== rule[1] ? [`${p.handle}: ${p.title} in ${p.department}`] : [];
    });
    expect(misplaced).toEqual([]);
    expect(people.filter((p) => p.department === "디자인 · Design").length).toBeGreaterThanOrEqual(4);

    const all = getDb().select({ body: posts.body }).from(posts).all();
    const bodies = all.map((p) => p.body);
    const department = new Map(people.map((p) => [p.handle, p.department]));

    // A welcome names the newcomer's team: "(@noah.kim) 님이 오늘 **디자인팀**에" / "(@noah.kim), who joins the **Design** team".
    const welcomes = bodies.flatMap((b) => {
      const ko = /\(@([\w.-]+)\) 님이 오늘 \*\*(.+?)팀\*\*에 합류/.exec(b);
      const en = /\(@([\w.-]+)\), who joins the \*\*(.+?)\*\* team/.exec(b);
      return ko ? [[ko[1], ko[2]]] : en ? [[en[1], en[2]]] : [];
    });
    expect(welcomes.length).toBeGreaterThanOrEqual(2);
    expect(welcomes.filter(([handle, team]) => !department.get(handle!)?.includes(team!))).toEqual([]);

    // Lunch: the place is recommended for what it serves.
    const served = new Map(RESTAURANTS.map((r) => [r.place, r.food]));
    const lunches = bodies.flatMap((b) => {
      const ko = /\*\*(.+?)\*\* 어떠세요\? (.+?) 맛집/.exec(b);
      const en = /Thinking \*\*(.+?)\*\* for (.+?) 😋/.exec(b);
      return ko ? [[ko[1], ko[2], "ko"]] : en ? [[en[1], en[2], "en"]] : [];
    });
    expect(lunches.length).toBeGreaterThan(3);
    expect(lunches.filter(([place, food, lang]) => served.get(place!)?.[lang as "ko" | "en"] !== food)).toEqual([]);

    // An event called a Friday one is dated on a Friday.
    const fridays = bodies.filter((b) => /금요일 보드게임|Friday board game/.test(b));
    const offDay = fridays.filter((b) =>
      [...b.matchAll(KO_DAY), ...b.matchAll(EN_DAY)].some((m) => !["금", "Fri"].includes(m[1]!)),
    );
    expect(offDay).toEqual([]);

    // Launches announce only what Sori has: no dark mode, push notifications, single sign-on, keyboard shortcuts,
    // attachment previews or mobile app, which it lacks (asking for them, in VoC posts, is fine).
    const lacks =
      /다크 모드|dark mode|푸시|push notif|SSO|SCIM|단축키 지원|keyboard shortcuts|첨부파일|attachment preview|모바일 앱|Sori Mobile/i;
    const launches = bodies.filter((b) => /^🚀/.test(b));
    expect(launches.length).toBeGreaterThan(0);
    expect(launches.filter((b) => lacks.test(b)).map((b) => b.slice(0, 80))).toEqual([]);
    // Nor does anyone answer as if it existed.
    expect(bodies.filter((b) => /SCIM 2\.0 지원|다크 모드 너무/.test(b))).toEqual([]);
  }, 60_000);
});
