// Announcements with acknowledgement (issue #11 §3) against a real migrated SQLite database: who may post one and
// mark it urgent (audited), its audience (the company's employees, or a private group's members only), pinning
// until acknowledged, idempotent acknowledgement, "seen by" by department with the list of who has not, the CSV,
// reminders once after N days, and bad input answered with a 4xx that writes nothing.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { addMembers, createGroup } from "#app/models/groups/group.server";
import { publishPost } from "#app/models/posts/post.server";
import {
  acknowledgeAnnouncement,
  csvCell,
  exportAcksCsv,
  getAckSummary,
  listPinnedAnnouncementIds,
  sendAnnouncementReminders,
} from "#app/models/posts/announcements.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { listNotifications } from "#app/models/notifications/notifications.server";
import { AppError } from "#app/utils/errors";
import { createApiToken } from "#app/models/people/api-token.server";
import { callApi } from "#tests/support/api";
import { drainNotifications } from "#tests/support/notifications";
import { createTestUser, viewerOf } from "#tests/factories";

const DAY = 24 * 3600 * 1000;

function failure(fn: () => unknown): { status: number; code: string; fields?: unknown } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, fields: e.fields };
    throw e;
  }
  throw new Error("expected a failure");
}

const count = (table: string) => rawStatement(`select count(*) from ${table}`).pluck().get() as number;

async function company() {
  const admin = await createTestUser({ handle: "ceo", name: "정대표", role: "admin", department: "경영지원" });
  const minsu = await createTestUser({ handle: "minsu", name: "김민수", department: "개발" });
  const jieun = await createTestUser({ handle: "jieun", name: "이지은", department: "개발" });
  const sora = await createTestUser({ handle: "sora", name: "박소라", department: "인사" });
  const guest = await createTestUser({ handle: "partner", name: "Partner", role: "guest", department: "" });
  return { admin, minsu, jieun, sora, guest };
}

describe("posting an announcement", () => {
  it("is for admins company-wide and group admins in their group; others get a 403 that says why", async () => {
    const { admin, minsu, jieun } = await company();
    const before = count("posts");
    const refused = failure(() =>
      publishPost({ viewer: viewerOf(minsu), body: "공지", kind: "announcement", announcement: { requiresAck: true } }),
    );
    expect(refused).toMatchObject({ status: 403, code: "announcement_not_allowed" });
    createGroup({ viewer: viewerOf(minsu), input: { name: "개발팀", slug: "dev", visibility: "private" } });
    addMembers({ viewer: viewerOf(minsu), slug: "dev", input: { handles: ["jieun"] } });
    // A member of the group is not its admin.
    expect(
      failure(() => publishPost({ viewer: viewerOf(jieun), body: "공지", group: "dev", kind: "announcement" })).status,
    ).toBe(403);
    expect(count("posts")).toBe(before);
    expect(count("announcements")).toBe(0);

    const groupOne = publishPost({
      viewer: viewerOf(minsu),
      body: "팀 공지",
      group: "dev",
      kind: "announcement",
      announcement: { requiresAck: true },
    });
    const companyOne = publishPost({ viewer: viewerOf(admin), body: "전사 공지", kind: "announcement" });
    expect(requirePostView(groupOne.id, viewerOf(jieun)).announcement).toEqual({
      requiresAck: true,
      urgent: false,
      acknowledged: false,
    });
    expect(requirePostView(companyOne.id, viewerOf(jieun)).announcement?.requiresAck).toBe(false);
  });

  it("urgent is for admins only, needs a reason, and is recorded in the audit log and on the event", async () => {
    const { admin, minsu } = await company();
    createGroup({ viewer: viewerOf(minsu), input: { name: "개발팀", slug: "dev", visibility: "public" } });
    const before = { posts: count("posts"), audit: count("audit_log"), events: count("domain_events") };
    expect(
      failure(() =>
        publishPost({
          viewer: viewerOf(minsu),
          body: "급함",
          group: "dev",
          kind: "announcement",
          announcement: { urgent: true, urgentReason: "서버 장애" },
        }),
      ),
    ).toMatchObject({ status: 403, code: "urgent_not_allowed" });
    expect(
      failure(() =>
        publishPost({ viewer: viewerOf(admin), body: "급함", kind: "announcement", announcement: { urgent: true } }),
      ),
    ).toMatchObject({ status: 400, fields: { urgent_reason: "announcement.urgentReasonRequired" } });
    // Options on anything but an announcement are refused, not ignored.
    expect(
      failure(() => publishPost({ viewer: viewerOf(admin), body: "x", announcement: { requiresAck: true } })),
    ).toMatchObject({ status: 400, fields: { requires_ack: "announcement.optionsOnlyForAnnouncements" } });
    expect({ posts: count("posts"), audit: count("audit_log"), events: count("domain_events") }).toEqual(before);

    const post = publishPost({
      viewer: viewerOf(admin),
      body: "**긴급** 사내망 점검으로 21시부터 VPN이 끊깁니다.",
      kind: "announcement",
      announcement: { urgent: true, urgentReason: "  보안 패치 긴급 적용  " },
    });
    expect(
      rawStatement(
        `select action, subject_type as type, subject_id as id, reason, actor_id as actor from audit_log`,
      ).all(),
    ).toEqual([
      { action: "announcement.urgent", type: "post", id: post.id, reason: "보안 패치 긴급 적용", actor: admin.id },
    ]);
    const event = rawStatement(`select data from domain_events where type = 'post.published' order by id desc`)
      .pluck()
      .get() as string;
    expect(JSON.parse(event)).toMatchObject({ postId: post.id, urgent: true });
    expect(requirePostView(post.id, viewerOf(minsu)).announcement?.urgent).toBe(true);
  });

  it("notifies its whole audience once, never its author", async () => {
    const { admin, minsu, sora, guest } = await company();
    const post = publishPost({ viewer: viewerOf(admin), body: "전사 공지: 연말 휴무", kind: "announcement" });
    await drainNotifications();
    for (const person of [minsu, sora]) {
      expect(listNotifications({ viewer: viewerOf(person), filter: "all" }).notifications).toMatchObject([
        { kind: "announcement", target: { id: post.id } },
      ]);
    }
    expect(listNotifications({ viewer: viewerOf(admin), filter: "all" }).notifications).toEqual([]);
    expect(listNotifications({ viewer: viewerOf(guest), filter: "all" }).notifications).toEqual([]);
  });
});

describe("pinning and acknowledging", () => {
  it("stays pinned for each person until they acknowledge it; acknowledging twice changes nothing", async () => {
    const { admin, minsu, jieun, guest } = await company();
    const post = publishPost({
      viewer: viewerOf(admin),
      body: "보안 교육 이수 필수",
      kind: "announcement",
      announcement: { requiresAck: true },
    });
    const later = Date.now() + 30 * DAY;
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(minsu), now: later })).toEqual([post.id]);
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(jieun) })).toEqual([post.id]);
    // Not for its author, and not for a guest (not in the company's audience, and cannot see it).
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(admin) })).toEqual([]);
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(guest) })).toEqual([]);
    expect(failure(() => acknowledgeAnnouncement({ viewer: viewerOf(guest), postId: post.id })).status).toBe(404);
    expect(failure(() => acknowledgeAnnouncement({ viewer: viewerOf(admin), postId: post.id })).status).toBe(403);

    const events = count("domain_events");
    expect(acknowledgeAnnouncement({ viewer: viewerOf(minsu), postId: post.id })).toEqual({ changed: true });
    expect(acknowledgeAnnouncement({ viewer: viewerOf(minsu), postId: post.id })).toEqual({ changed: false });
    expect(count("announcement_acks")).toBe(1);
    expect(count("domain_events")).toBe(events + 1);
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(minsu) })).toEqual([]);
    expect(requirePostView(post.id, viewerOf(minsu)).announcement?.acknowledged).toBe(true);
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(jieun) })).toEqual([post.id]);
  });

  it("one without acknowledgement is pinned for 7 days or until dismissed", async () => {
    const { admin, minsu, jieun } = await company();
    const post = publishPost({ viewer: viewerOf(admin), body: "사내 카페 리뉴얼 오픈", kind: "announcement" });
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(minsu), now: Date.now() + 6 * DAY })).toEqual([post.id]);
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(minsu), now: Date.now() + 8 * DAY })).toEqual([]);
    acknowledgeAnnouncement({ viewer: viewerOf(jieun), postId: post.id });
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(jieun) })).toEqual([]);
    // A dismissal is not an acknowledgement anyone watches: no event for the live counts.
    expect(count("domain_events where type = 'announcement.acked'")).toBe(0);
  });

  it("a private group's announcement reaches its members only", async () => {
    const { admin, minsu, jieun, sora } = await company();
    createGroup({ viewer: viewerOf(minsu), input: { name: "오로라", slug: "aurora", visibility: "private" } });
    addMembers({ viewer: viewerOf(minsu), slug: "aurora", input: { handles: ["jieun"] } });
    const post = publishPost({
      viewer: viewerOf(minsu),
      body: "킥오프 자료 확인 부탁",
      group: "aurora",
      kind: "announcement",
      announcement: { requiresAck: true },
    });
    await drainNotifications();
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(jieun) })).toEqual([post.id]);
    expect(listPinnedAnnouncementIds({ viewer: viewerOf(jieun), groupId: 1 })).toEqual([post.id]);
    for (const outsider of [sora, admin]) {
      expect(listPinnedAnnouncementIds({ viewer: viewerOf(outsider) })).toEqual([]);
      expect(failure(() => acknowledgeAnnouncement({ viewer: viewerOf(outsider), postId: post.id })).status).toBe(404);
      expect(failure(() => getAckSummary({ viewer: viewerOf(outsider), postId: post.id })).status).toBe(404);
      expect(listNotifications({ viewer: viewerOf(outsider), filter: "all" }).notifications).toEqual([]);
    }
    expect(getAckSummary({ viewer: viewerOf(minsu), postId: post.id })).toMatchObject({
      acknowledged: 0,
      total: 1,
      notYet: [{ handle: "jieun" }],
    });
  });
});

describe("seen by", () => {
  it("counts by department and lists who has not, a page at a time, for the author and admins only", async () => {
    const { admin, minsu, jieun, sora } = await company();
    for (let i = 0; i < 3; i++) {
      await createTestUser({ handle: `sales${i}`, name: `영업${i}`, department: "영업" });
    }
    const post = publishPost({
      viewer: viewerOf(admin),
      body: "개인정보 처리방침 개정",
      kind: "announcement",
      announcement: { requiresAck: true },
    });
    acknowledgeAnnouncement({ viewer: viewerOf(minsu), postId: post.id });
    acknowledgeAnnouncement({ viewer: viewerOf(sora), postId: post.id });
    expect(failure(() => getAckSummary({ viewer: viewerOf(jieun), postId: post.id })).status).toBe(403);

    const first = getAckSummary({ viewer: viewerOf(admin), postId: post.id, limit: 2 });
    expect(first).toMatchObject({ requiresAck: true, acknowledged: 2, total: 6 });
    expect(first.departments).toEqual([
      { department: "개발", acknowledged: 1, total: 2 },
      { department: "영업", acknowledged: 0, total: 3 },
      { department: "인사", acknowledged: 1, total: 1 },
    ]);
    expect(first.notYet.map((p) => p.handle)).toEqual(["sales0", "sales1"]);
    const second = getAckSummary({ viewer: viewerOf(admin), postId: post.id, limit: 2, cursor: first.nextCursor });
    expect(second.notYet.map((p) => p.handle)).toEqual(["sales2", "jieun"]);
    expect(second.nextCursor).toBeNull();
    expect(failure(() => getAckSummary({ viewer: viewerOf(admin), postId: post.id, cursor: "nope" })).status).toBe(400);
  });

  it("exports CSV with cells a spreadsheet cannot take for formulas", async () => {
    const { admin, minsu } = await company();
    await createTestUser({ handle: "evil", name: '=HYPERLINK("http://x")', department: "+영업" });
    const post = publishPost({
      viewer: viewerOf(admin),
      body: "공지",
      kind: "announcement",
      announcement: { requiresAck: true },
    });
    acknowledgeAnnouncement({ viewer: viewerOf(minsu), postId: post.id });
    const csv = exportAcksCsv({ viewer: viewerOf(admin), postId: post.id });
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe('"name","handle","department","acknowledged","acknowledged_at"');
    expect(lines).toContain(`"'=HYPERLINK(""http://x"")","evil","'+영업","no",""`);
    expect(lines.find((l) => l.includes('"minsu"'))).toMatch(/^"김민수","minsu","개발","yes","\d{4}-/);
    expect(["-1", "@SUM(A1)", "plain"].map(csvCell)).toEqual([`"'-1"`, `"'@SUM(A1)"`, `"plain"`]);
  });
});

describe("reminders", () => {
  it("remind those who have not acknowledged, once, after N days", async () => {
    const { admin, minsu, jieun } = await company();
    const post = publishPost({
      viewer: viewerOf(admin),
      body: "연말정산 서류 제출",
      kind: "announcement",
      announcement: { requiresAck: true },
    });
    acknowledgeAnnouncement({ viewer: viewerOf(minsu), postId: post.id });
    await drainNotifications();
    rawStatement(`update notifications set unread = 0`).run();
    expect(sendAnnouncementReminders({ now: Date.now() + 2 * DAY })).toBe(0);
    expect(sendAnnouncementReminders({ now: Date.now() + 3 * DAY + 1000 })).toBe(1);
    expect(sendAnnouncementReminders({ now: Date.now() + 4 * DAY })).toBe(0);
    await drainNotifications();
    expect(listNotifications({ viewer: viewerOf(jieun), filter: "unread" }).notifications).toMatchObject([
      { kind: "announcement", target: { id: post.id } },
    ]);
    expect(listNotifications({ viewer: viewerOf(minsu), filter: "unread" }).notifications).toEqual([]);
  });
});

describe("API", () => {
  const call = (path: string, token: string, method = "GET", json?: unknown) =>
    callApi(path, { method, token, json, headers: { "Accept-Language": "en" } });
  const tokenOf = (user: { id: number }, admin = false) =>
    createApiToken({ userId: user.id, name: "test", scopes: admin ? ["read", "write", "admin"] : undefined }).token;

  it("publishes, acknowledges idempotently and reads 'seen by'; refuses others and bad input with nothing written", async () => {
    const { admin, minsu } = await company();
    const adminToken = tokenOf(admin, true);
    const member = tokenOf(minsu);
    const before = { posts: count("posts"), audit: count("audit_log") };
    const refused = await call("/api/v1/posts", member, "POST", {
      body: "공지",
      kind: "announcement",
      requires_ack: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({
      code: "announcement_not_allowed",
      message: expect.stringMatching(/admins/),
    });
    for (const json of [
      { body: "공지", kind: "announcement", requires_ack: "yes" },
      { body: "공지", kind: "announcement", urgent: true },
      { body: "공지", kind: "announcement", urgent: true, urgent_reason: "x".repeat(501) },
      { body: "공지", requires_ack: true },
    ]) {
      const r = await call("/api/v1/posts", adminToken, "POST", json);
      expect([json, r.status]).toEqual([json, 400]);
    }
    expect({ posts: count("posts"), audit: count("audit_log") }).toEqual(before);

    const posted = await call("/api/v1/posts", adminToken, "POST", {
      body: "**정보보안 서약서** 제출 부탁드립니다.",
      kind: "announcement",
      requires_ack: true,
      urgent: true,
      urgent_reason: "감사 일정",
    });
    expect(posted.status).toBe(201);
    expect(posted.json).toMatchObject({
      kind: "announcement",
      announcement: { requires_ack: true, urgent: true, acknowledged_by_me: false },
    });
    const id = posted.json.id as number;
    expect((await call(`/api/v1/posts/${id}/ack`, member, "POST")).json).toEqual({
      post_id: id,
      acknowledged: true,
      changed: true,
    });
    expect((await call(`/api/v1/posts/${id}/ack`, member, "POST")).json).toMatchObject({ changed: false });
    expect((await call(`/api/v1/posts/${id}`, member)).json.announcement.acknowledged_by_me).toBe(true);
    expect((await call(`/api/v1/posts/${id}/acks`, member)).status).toBe(403);
    const seen = await call(`/api/v1/posts/${id}/acks?limit=1`, adminToken);
    expect(seen.status).toBe(200);
    expect(seen.json).toMatchObject({
      requires_ack: true,
      acknowledged: 1,
      total: 3,
      not_yet: [{ handle: "sora" }],
      departments: [
        { department: "개발", acknowledged: 1, total: 2 },
        { department: "인사", acknowledged: 0, total: 1 },
      ],
    });
    const next = await call(`/api/v1/posts/${id}/acks?limit=1&cursor=${seen.json.next_cursor}`, adminToken);
    expect(next.json.not_yet).toEqual([{ handle: "jieun", name: "이지은", department: "개발" }]);
    expect((await call(`/api/v1/posts/${id}/acks?cursor=bad`, adminToken)).status).toBe(400);
  });
});
