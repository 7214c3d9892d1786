// The demo company reads like a real one (issue #12 item 20): no post is word for word another's, no template is
// filled twice with only numbers, names or links changed, and meeting notes and town halls fall on weekdays — the
// days they are posted and the days they announce. Generic over every post, whichever seed file wrote it.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { posts, users } from "#db/schema";
import { seedDemoCompany, shapeOf } from "#db/seed";
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
});
