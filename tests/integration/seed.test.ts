import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { follows, groups, hashtagFollows, hashtags, mentions, posts, reactions, users } from "#db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoCompany } from "#db/seed";
import { GUEST, LEADERSHIP_ONLY_TAG, LEADERSHIP_SLUG, PARTNER_SLUG } from "#db/seed-groups";
import type { Viewer } from "#app/access/rules";
import { countUsers, getSignInRecord, listDepartments } from "#app/models/people/user.server";
import {
  listCompanyFeed,
  listGroupFeed,
  listHashtagFeed,
  listHomeFeed,
  type FeedPage,
  type PostView,
} from "#app/models/feeds/feed.server";
import { getHashtag, listTrendingHashtags } from "#app/models/hashtags/hashtag.server";
import { verifyPassword } from "#app/infra/passwords.server";
import { listQuestions, type QuestionStatus } from "#app/models/questions/question-lists.server";
import { getDb, rawStatement } from "#app/infra/db.server";
import { listEventComments } from "#app/models/events/event-comments.server";
import { listEventPolls } from "#app/models/events/event-polls.server";
import { listEventQuestions } from "#app/models/events/event-questions.server";
import { listEvents } from "#app/models/events/event.server";
import { getThread } from "#app/models/posts/read-model.server";
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
    const employees = people.filter((u) => u.role !== "guest");
    expect(employees.every((u) => u.email.endsWith("@sori.demo"))).toBe(true);
    expect(people.some((u) => u.locale === "ko" && /\p{Script=Hangul}/u.test(u.name))).toBe(true);
    expect(people.some((u) => u.locale === "en" && /^[A-Z][a-z]+ [A-Z]/.test(u.name))).toBe(true);
    expect(employees.every((u) => u.title && u.bio && u.department)).toBe(true);
    expect(people.filter((u) => u.role === "guest").map((u) => [u.email, u.organization])).toEqual([
      [GUEST.email, "Hanbit Logistics"],
    ]);

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

    // Questions (issue #9): 30+ with titles, in Korean and English, in every state; most answered by several
    // people with votes, several with a best answer, some waiting for days
    const ceo = viewerOf(viewer);
    const byStatus = (status: QuestionStatus) => listQuestions({ viewer: ceo, status, limit: 100 }).posts;
    const questions = byStatus("all");
    expect(questions.length).toBeGreaterThanOrEqual(30);
    expect(questions.every((q) => q.title && q.kind === "question")).toBe(true);
    expect(questions.some((q) => /\p{Script=Hangul}/u.test(q.title!))).toBe(true);
    expect(questions.some((q) => /^[A-Z][a-z]+ [a-z]/.test(q.title!))).toBe(true);
    const answered = byStatus("answered");
    expect(answered.length).toBeGreaterThanOrEqual(8);
    expect(answered.filter((q) => q.replyCount >= 2 && q.votes > 0).length).toBeGreaterThanOrEqual(5);
    expect(byStatus("unresolved").length).toBeGreaterThanOrEqual(5);
    const unanswered = byStatus("unanswered");
    expect(unanswered.length).toBeGreaterThanOrEqual(3);
    expect(unanswered.filter((q) => q.createdAt < Date.now() - 2 * DAY).length).toBeGreaterThanOrEqual(2);
    expect(questions.filter((q) => q.replyCount > 0).length).toBeGreaterThan(questions.length / 2);
    // Some waiting questions have asked colleagues for an answer ("Ask someone").
    expect(unanswered.filter((q) => q.askedOf.length > 0).length).toBeGreaterThanOrEqual(2);
    // Best answers show under their questions in the lists.
    const withBest = byStatus("answered").filter((q) => q.acceptedAnswer?.excerpt);
    expect(withBest.length).toBe(byStatus("answered").length);
    const groupsOf = new Set(questions.map((q) => q.group?.slug ?? "company"));
    expect([...groupsOf]).toEqual(expect.arrayContaining(["company", "engineering", "people-team"]));
    // Most votes first and recent activity follow the seeded votes and back-dated answers.
    const byVotes = listQuestions({ viewer: ceo, sort: "votes", limit: 100 }).posts.map((q) => q.votes);
    expect(byVotes).toEqual([...byVotes].sort((a, b) => b - a));
    expect(byVotes[0]).toBeGreaterThanOrEqual(8);
    const activity = rawStatement(
      `select coalesce(last_reply_at, created_at) from posts where kind = 'question' and reply_to_id is null`,
    )
      .pluck()
      .all() as number[];
    expect(Math.max(...activity)).toBeLessThanOrEqual(Date.now());

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

  it("creates the groups through the use cases: departments, projects, 경영진, 러닝 크루 and the partner group", async () => {
    await seedDemoCompany({ ifEmpty: true, log: () => {} });
    const all = getDb()
      .select({ slug: groups.slug, name: groups.name, visibility: groups.visibility })
      .from(groups)
      .all();
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(Object.fromEntries(all.map((g) => [g.slug, g.visibility]))).toEqual({
      management: "public",
      engineering: "public",
      design: "public",
      sales: "public",
      marketing: "public",
      "people-team": "public",
      "customer-success": "public",
      "sori-2-launch": "public",
      "project-aurora": "private",
      [LEADERSHIP_SLUG]: "private",
      "running-crew": "public",
      [PARTNER_SLUG]: "private",
    });
    expect(all.find((g) => g.slug === LEADERSHIP_SLUG)!.name).toBe("경영진");
    expect(all.find((g) => g.slug === "running-crew")!.name).toContain("러닝 크루");

    const perGroup = rawStatement(
      `select g.slug,
              (select count(*) from posts p where p.group_id = g.id and p.reply_to_id is null) as roots,
              (select count(*) from posts p where p.group_id = g.id and p.reply_to_id is not null) as replies,
              (select count(*) from posts p join group_members m on m.group_id = p.group_id and m.user_id = p.author_id
                where p.group_id = g.id and p.kind = 'announcement' and m.role = 'admin') as adminAnnouncements
         from groups g`,
    ).all() as { slug: string; roots: number; replies: number; adminAnnouncements: number }[];
    for (const g of perGroup) {
      expect(g.roots, g.slug).toBeGreaterThanOrEqual(1);
      expect(g.replies, g.slug).toBeGreaterThanOrEqual(1);
      expect(g.adminAnnouncements, g.slug).toBeGreaterThanOrEqual(1);
    }
    // Replies inherit their root's group; several groups have pinned posts; the Korean and English mix holds.
    expect(
      rawStatement(
        `select count(*) from posts p join posts root on root.id = p.thread_id
          where p.reply_to_id is not null and p.group_id is not root.group_id`,
      )
        .pluck()
        .get(),
    ).toBe(0);
    expect(rawStatement(`select count(distinct group_id) from group_pins`).pluck().get()).toBeGreaterThanOrEqual(2);
    const groupBodies = rawStatement(`select body from posts where group_id is not null`).pluck().all() as string[];
    expect(groupBodies.some((b) => /\p{Script=Hangul}/u.test(b))).toBe(true);
    expect(groupBodies.some((b) => !/\p{Script=Hangul}/u.test(b))).toBe(true);
  });

  it("shows the guest only the partner group, and no one outside 경영진 its posts or its hashtag", async () => {
    await seedDemoCompany({ ifEmpty: true, log: () => {} });
    const groupId = (slug: string) => getDb().select().from(groups).where(eq(groups.slug, slug)).get()!.id;
    const partnerId = groupId(PARTNER_SLUG);
    const leadershipId = groupId(LEADERSHIP_SLUG);
    const viewerByEmail = (email: string) =>
      viewerOf(getDb().select().from(users).where(eq(users.email, email)).get()!);
    const everything = (next: (cursor: string | null) => FeedPage) => {
      const found: PostView[] = [];
      let cursor: string | null = null;
      do {
        const page = next(cursor);
        found.push(...page.posts);
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    };
    const tagFeed = (viewer: Viewer, name: string) => {
      const id = rawStatement(`select id from hashtags where name = @name`).pluck().get({ name }) as number;
      return everything((cursor) => listHashtagFeed({ viewer, hashtagId: id, cursor }));
    };

    // The guest: one group, no company feed, no hashtag outside it, a home feed of partner posts only.
    const guest = viewerByEmail(GUEST.email);
    expect(guest.guest).toBe(true);
    expect([...guest.memberOf]).toEqual([partnerId]);
    expect(() => listCompanyFeed({ viewer: guest })).toThrow(expect.objectContaining({ status: 403 }));
    const home = everything((cursor) => listHomeFeed({ viewer: guest, cursor }));
    expect(home.length).toBeGreaterThanOrEqual(3);
    expect(home.every((p) => p.group?.slug === PARTNER_SLUG)).toBe(true);
    expect(everything((cursor) => listGroupFeed({ viewer: guest, groupId: partnerId, cursor })).length).toBe(
      home.length,
    );
    expect(() => listGroupFeed({ viewer: guest, groupId: leadershipId })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(() => listGroupFeed({ viewer: guest, groupId: groupId("engineering") })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(getHashtag(LEADERSHIP_ONLY_TAG, guest)).toBeNull();
    expect(getHashtag("공지", guest)).toBeNull();
    expect(tagFeed(guest, "공지")).toEqual([]);
    expect(getHashtag("hanbit", guest)?.postCount).toBeGreaterThan(0);
    expect(listTrendingHashtags(guest)).toEqual([]);

    // A member outside 경영진 (and the network admin outside the partner group) sees none of it.
    const emily = viewerByEmail("emily.carter@sori.demo");
    expect(emily.memberOf.has(leadershipId)).toBe(false);
    expect(() => listGroupFeed({ viewer: emily, groupId: leadershipId })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(getHashtag(LEADERSHIP_ONLY_TAG, emily)).toBeNull();
    expect(tagFeed(emily, LEADERSHIP_ONLY_TAG)).toEqual([]);
    expect(listTrendingHashtags(emily).map((t) => t.name)).not.toContain(LEADERSHIP_ONLY_TAG);
    const company = everything((cursor) => listCompanyFeed({ viewer: emily, cursor }));
    expect(company.some((p) => p.group?.visibility === "public")).toBe(true);
    expect(company.filter((p) => p.group != null && p.group.visibility !== "public")).toEqual([]);
    // A hashtag used in public and in 경영진 counts only what she may see.
    const busan = tagFeed(emily, "부산");
    expect(busan.every((p) => p.group?.slug !== LEADERSHIP_SLUG)).toBe(true);
    expect(getHashtag("부산", emily)?.postCount).toBe(busan.length);
    const ceo = viewerByEmail("ceo@sori.demo");
    expect(ceo.role).toBe("admin");
    expect(() => listGroupFeed({ viewer: ceo, groupId: partnerId })).toThrow(expect.objectContaining({ status: 404 }));

    // A member of 경영진 does see it: the checks above are not vacuous.
    const minsu = viewerByEmail("minsu.kim@sori.demo");
    expect(minsu.memberOf.has(leadershipId)).toBe(true);
    expect(getHashtag(LEADERSHIP_ONLY_TAG, minsu)?.postCount).toBe(2);
    expect(tagFeed(minsu, LEADERSHIP_ONLY_TAG).every((p) => p.group?.slug === LEADERSHIP_SLUG)).toBe(true);
    expect(getHashtag("부산", minsu)!.postCount).toBe(tagFeed(minsu, "부산").length);
    expect(getHashtag("부산", minsu)!.postCount).toBeGreaterThan(getHashtag("부산", emily)!.postCount);
  });

  it("runs the events (issue #10 §9): a past town hall archived into Q&A threads, an open Q&A ahead, a seminar by slide", async () => {
    await seedDemoCompany({ ifEmpty: true, log: () => {} });
    const user = (handle: string) => viewerOf(getDb().select().from(users).where(eq(users.handle, handle)).get()!);
    const ceo = user("haneul.jung");
    const emily = user("emily.carter");
    const past = listEvents({ viewer: emily, state: "ended" });
    const upcoming = listEvents({ viewer: emily, state: "upcoming" });

    // The town hall: answered (in writing and aloud) and open questions, some anonymous, named to nobody.
    const townHall = past.find((e) => e.title === "2026 하반기 타운홀")!;
    expect(townHall).toMatchObject({ kind: "town_hall", state: "ended", group: null });
    expect(townHall.endedAt).toBeLessThan(Date.now() - 7 * DAY);
    const asked = listEventQuestions({ viewer: emily, eventId: townHall.id });
    const answered = asked.filter((q) => q.status === "answered");
    expect(answered.filter((q) => q.answer).length).toBeGreaterThanOrEqual(5);
    expect(answered.some((q) => !q.answer)).toBe(true);
    expect(asked.some((q) => q.status === "approved")).toBe(true);
    expect(asked.filter((q) => q.anonymous).every((q) => q.author === null)).toBe(true);
    expect(asked.filter((q) => q.anonymous).length).toBeGreaterThanOrEqual(2);
    expect(answered.every((q) => q.answeredBy?.handle === "haneul.jung")).toBe(true);
    expect(asked[0].votes).toBeGreaterThanOrEqual(20);
    // Comments by segment, under titled segments; a closed poll with its results.
    const comments = listEventComments({ viewer: emily, eventId: townHall.id });
    expect(comments.segments.filter((s) => s.index != null && s.title && s.count >= 3).length).toBe(4);
    const polls = listEventPolls({ viewer: emily, eventId: townHall.id });
    expect(polls).toHaveLength(1);
    expect(polls[0].status).toBe("closed");
    expect(polls[0].results?.voters).toBeGreaterThanOrEqual(30);

    // Archived through §7: each written answer is a Q&A thread whose best answer is the CEO's; anonymous ones
    // show nobody; a summary post in the company feed links to the event.
    const threads = rawStatement(
      `select post_id from event_questions where event_id = @e and post_id is not null order by id`,
    )
      .pluck()
      .all({ e: townHall.id }) as number[];
    expect(threads.length).toBe(answered.filter((q) => q.answer).length);
    const views = threads.map((id) => getThread({ postId: id, viewer: emily }).root);
    expect(views.every((p) => p.kind === "question" && p.acceptedAnswer?.author.handle === "haneul.jung")).toBe(true);
    const anonymous = views.filter((p) => p.anonymous);
    expect(anonymous.length).toBeGreaterThanOrEqual(2);
    expect(anonymous.every((p) => p.author.handle === "" && p.author.name === "익명 / Anonymous")).toBe(true);
    const summary = listCompanyFeed({ viewer: emily }).posts.find((p) => p.html.includes(`/events/${townHall.id}`));
    expect(summary?.body).toMatch(/^타운홀 \d+\/\d+: 질문 12개, 답변 9개/);
    expect(summary?.author.handle).toBe("haneul.jung");

    // The upcoming open Q&A, with questions asked ahead and voted on.
    const openQa = upcoming.find((e) => e.title.startsWith("CEO 오픈 Q&A"))!;
    expect(openQa.questionsOpen).toBe(true);
    const ahead = listEventQuestions({ viewer: ceo, eventId: openQa.id });
    expect(ahead.length).toBeGreaterThanOrEqual(5);
    expect(ahead.some((q) => q.votes >= 10)).toBe(true);
    expect(ahead.every((q) => q.createdAt < Date.now())).toBe(true);

    // The seminar in the engineering group: comments on each titled slide, its answered questions archived there.
    const seminar = past.find((e) => e.kind === "seminar")!;
    expect(seminar.group?.slug).toBe("engineering");
    const slides = listEventComments({ viewer: emily, eventId: seminar.id });
    expect(slides.segments.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
    expect(slides.segments.every((s) => s.title !== "" && s.count >= 2)).toBe(true);
    const seminarThreads = rawStatement(
      `select post_id from event_questions where event_id = @e and post_id is not null`,
    )
      .pluck()
      .all({ e: seminar.id }) as number[];
    expect(seminarThreads).toHaveLength(2);
    expect(
      seminarThreads.every((id) => getThread({ postId: id, viewer: emily }).root.group?.slug === "engineering"),
    ).toBe(true);
  });
});
