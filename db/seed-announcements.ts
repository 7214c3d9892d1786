// The demo company's announcement with acknowledgement (issue #11 §3): the CEO's company-wide notice of the new
// information-security pledge, posted after the timeline's newest post (feeds page by id, so ids and times must
// agree), which most people have acknowledged since (the rest see it pinned on Home, and its "seen by" lists them by
// department). The seed's other announcements (db/seed.ts,
// db/seed-groups.ts) ask for no acknowledgement: their pins end 7 days after they were posted, as if the seed had
// posted them then.
import { sql } from "drizzle-orm";
import { buildViewer } from "#app/access/viewer.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { acknowledgeAnnouncement } from "#app/models/posts/announcements.server";
import { ANNOUNCEMENT_PIN_DAYS } from "#app/models/posts/announcement-publish.server";
import { publishPost } from "#app/models/posts/post.server";

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

const BODY = `📢 **정보보안 서약서 갱신 안내 / Information security pledge renewal**

개인정보보호법 개정에 따라 전 직원의 정보보안 서약을 갱신합니다. 아래 내용을 읽고 **확인했습니다** 버튼을 눌러 주세요.

- 고객 데이터는 업무 목적 외로 열람·반출하지 않습니다.
- 사내 문서는 승인된 저장소(Sori, 사내 드라이브)에만 보관합니다.
- 노트북 분실 시 즉시 IT 헬프데스크(내선 2400)로 신고합니다.

Under the amended Personal Information Protection Act, everyone renews the security pledge this month: please read the three points above and press **I've read this**. Questions → @sungmin.hong #보안 #공지`;

/** Publishes the announcement and the acknowledgements; returns how many of its audience acknowledged it. */
export function seedAnnouncements({ now }: { now: number }): { acknowledged: number; total: number } {
  const db = getDb();
  // Every announcement posted so far was back-dated by the seed: its pin and reminder follow its post's time.
  db.run(sql`update announcements set created_at = (select p.created_at from posts p where p.id = post_id),
      pinned_until = case when requires_ack = 0
        then (select p.created_at from posts p where p.id = post_id) + ${ANNOUNCEMENT_PIN_DAYS * DAY} end`);
  const ceo = rawStatement(`select id, role from users where handle = 'haneul.jung'`).get() as
    { id: number; role: "admin" } | undefined;
  if (!ceo) throw new Error("seed-announcements: the CEO (haneul.jung) is missing");
  const { id: postId } = publishPost({
    viewer: buildViewer(ceo),
    body: BODY,
    kind: "announcement",
    announcement: { requiresAck: true },
  });
  const newest = rawStatement(`select max(created_at) from posts where id <> @id`).pluck().get({ id: postId }) as
    number | null;
  const postedAt = Math.min(now - 2 * HOUR, Math.max(now - 2 * DAY - 5 * HOUR, (newest ?? 0) + 10 * 60 * 1000));
  db.transaction(() => {
    rawStatement(`update posts set created_at = @at where id = @id`).run({ id: postId, at: postedAt });
    // Reminded already when it is old enough to have been (3 days); otherwise the reminder is still to come.
    rawStatement(`update announcements set created_at = @at, reminded_at = @reminded where post_id = @id`).run({
      id: postId,
      at: postedAt,
      reminded: postedAt + 3 * DAY < now ? postedAt + 3 * DAY : null,
    });
  }, IMMEDIATE);
  const audience = rawStatement(
    `select id, role from users where status = 'active' and role <> 'guest' and id <> @ceo order by id`,
  ).all({ ceo: ceo.id }) as { id: number; role: "admin" | "member" }[];
  // Most people, not all: every seventh person (by id, so the seed stays the same) has not got to it yet.
  const readers = audience.filter((_, i) => i % 7 !== 3);
  readers.forEach((person, i) => {
    acknowledgeAnnouncement({ viewer: buildViewer(person), postId });
    // Spread over the time since it was posted (at most a day and a half), from ten minutes on.
    const span = Math.min(36 * HOUR, now - postedAt - 20 * 60 * 1000);
    const at = postedAt + 10 * 60 * 1000 + Math.round((((i * 37) % 100) / 100) * span);
    rawStatement(`update announcement_acks set created_at = @at where post_id = @postId and user_id = @userId`).run({
      at: Math.min(at, now - 5 * 60 * 1000),
      postId,
      userId: person.id,
    });
  });
  return { acknowledged: readers.length, total: audience.length };
}
