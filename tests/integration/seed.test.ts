import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { follows, hashtagFollows, hashtags, mentions, posts, reactions, users } from "#db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoCompany } from "#db/seed";
import { countUsers, getSignInRecord, listDepartments } from "#app/models/people/user.server";
import { listCompanyFeed } from "#app/models/feeds/feed.server";
import { verifyPassword } from "#app/web/auth.server";
import { getDb } from "#app/infra/db.server";
import { createTestUser, viewerOf } from "#tests/factories";

const DAY = 86_400_000;
const count = (
  table: typeof posts | typeof users | typeof follows | typeof reactions | typeof mentions | typeof hashtagFollows,
) =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .get()!.n;

describe("seedDemoCompany", () => {
  it("builds a bilingual company with people, follows, a two-month timeline, threads and reactions", async () => {
    const lines: string[] = [];
    const t0 = performance.now();
    const result = await seedDemoCompany({ ifEmpty: true, log: (l) => lines.push(l) });
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(result.skipped).toBe(false);
    const db = getDb();

    // People
    const people = db.select().from(users).all();
    expect(people.filter((u) => u.status === "active").length).toBeGreaterThanOrEqual(40);
    expect(result.users).toBe(people.length);
    expect(listDepartments().length).toBeGreaterThanOrEqual(6);
    expect(people.filter((u) => u.role === "admin").map((u) => u.email)).toEqual(["ceo@sori.demo"]);
    expect(people.every((u) => u.email.endsWith("@sori.demo"))).toBe(true);
    expect(people.some((u) => u.locale === "ko" && /\p{Script=Hangul}/u.test(u.name))).toBe(true);
    expect(people.some((u) => u.locale === "en" && /^[A-Z][a-z]+ [A-Z]/.test(u.name))).toBe(true);
    expect(people.every((u) => u.title && u.bio && u.department)).toBe(true);

    // Follows: everyone follows 5–15 people
    const following = db
      .select({ n: sql<number>`count(*)` })
      .from(follows)
      .groupBy(follows.followerId)
      .all()
      .map((r) => r.n);
    expect(following.length).toBe(people.length);
    expect(Math.min(...following)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...following)).toBeLessThanOrEqual(16);
    expect(count(hashtagFollows)).toBeGreaterThan(0);

    // Posts: ≥ 300 over ≥ 50 days, ids increasing with time (feeds page on id)
    const all = db
      .select({
        id: posts.id,
        createdAt: posts.createdAt,
        replyToId: posts.replyToId,
        kind: posts.kind,
        body: posts.body,
      })
      .from(posts)
      .orderBy(posts.id)
      .all();
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(result.posts).toBe(all.length);
    for (let i = 1; i < all.length; i++) {
      expect(all[i].createdAt.getTime()).toBeGreaterThanOrEqual(all[i - 1].createdAt.getTime());
    }
    const span = all.at(-1)!.createdAt.getTime() - all[0].createdAt.getTime();
    expect(span).toBeGreaterThanOrEqual(50 * DAY);
    expect(all.at(-1)!.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(all.filter((p) => p.replyToId != null).length).toBeGreaterThanOrEqual(60);
    expect(all.some((p) => p.kind === "question")).toBe(true);
    expect(all.some((p) => p.kind === "announcement")).toBe(true);
    expect(
      all.some(
        (p) => /\p{Script=Hangul}/u.test(p.body) && !/[A-Za-z]{4,}/.test(p.body.replace(/[@#`([][^\s)\]]*/g, "")),
      ),
    ).toBe(true);
    expect(all.some((p) => !/\p{Script=Hangul}/u.test(p.body))).toBe(true);
    for (const word of ["회의", "공지", "팀", "서울은"]) {
      expect(all.filter((p) => p.body.includes(word)).length, word).toBeGreaterThan(2);
    }

    // Hashtags (Hangul and Latin), back-dated with their posts; mentions; reactions of several kinds
    const tags = db
      .select({ name: hashtags.name })
      .from(hashtags)
      .all()
      .map((t) => t.name);
    expect(tags).toEqual(
      expect.arrayContaining(["공지", "회의", "채용", "온보딩", "신제품", "launch2026", "remix", "deploy"]),
    );
    const tagDates = db
      .select({ min: sql<number>`min(created_at)`, max: sql<number>`max(created_at)` })
      .from(sql`post_hashtags`)
      .get()!;
    expect(tagDates.max - tagDates.min).toBeGreaterThanOrEqual(50 * DAY);
    expect(count(mentions)).toBeGreaterThanOrEqual(100);
    expect(count(reactions)).toBeGreaterThanOrEqual(300);
    const kinds = db.selectDistinct({ kind: reactions.kind }).from(reactions).all();
    expect(kinds.length).toBeGreaterThanOrEqual(5);

    // The company feed shows the seeded content newest first
    const viewer = people.find((u) => u.email === "ceo@sori.demo")!;
    const feed = listCompanyFeed({ viewer: viewerOf(viewer) });
    expect(feed.posts.length).toBeGreaterThan(0);
    expect(feed.posts[0].id).toBeGreaterThan(feed.posts.at(-1)!.id);

    // The demo logins are printed with the password
    const printed = lines.join("\n");
    expect(printed).toContain(DEMO_PASSWORD);
    for (const l of DEMO_LOGINS) expect(printed).toContain(l.email);
  });

  it("lets every demo login sign in with the demo password", async () => {
    await seedDemoCompany({ ifEmpty: false, log: () => {} });
    for (const login of DEMO_LOGINS) {
      const record = getSignInRecord(login.email);
      expect(record, login.email).not.toBeNull();
      expect(record!.status).toBe("active");
      expect(await verifyPassword(record!.hash, DEMO_PASSWORD)).toBe(true);
    }
    expect(await verifyPassword(getSignInRecord("ceo@sori.demo")!.hash, "wrong password")).toBe(false);
    const admin = getDb()
      .select({ role: users.role })
      .from(users)
      .where(sql`email = 'ceo@sori.demo'`)
      .get();
    expect(admin?.role).toBe("admin");
  });

  it("skips with --if-empty when people exist, and never seeds the demo company twice", async () => {
    await createTestUser();
    const lines: string[] = [];
    const skipped = await seedDemoCompany({ ifEmpty: true, log: (l) => lines.push(l) });
    expect(skipped).toMatchObject({ skipped: true, users: 1 });
    expect(countUsers()).toBe(1);
    expect(lines.join("\n")).toMatch(/skipping/);
    expect(lines.join("\n")).toContain(DEMO_PASSWORD);

    // Without --if-empty it seeds next to existing people, but a second run is a no-op.
    const seeded = await seedDemoCompany({ ifEmpty: false, log: () => {} });
    expect(seeded.skipped).toBe(false);
    const before = count(posts);
    const again = await seedDemoCompany({ ifEmpty: false, log: (l) => lines.push(l) });
    expect(again).toMatchObject({ skipped: true, posts: before });
    expect(count(posts)).toBe(before);
    const third = await seedDemoCompany({ ifEmpty: true, log: () => {} });
    expect(third.skipped).toBe(true);
  });
});
