// Helper for bench/fanout.ts (run in its own process with DATABASE_PATH set to a scratch copy): tops the dataset up
// to N people, times Home for a sample of them, posts one company announcement requiring acknowledgement as the
// route does (publishPost), runs the notifications consumer until it has caught up, counts the rows it wrote, and
// times Home (and the pinned announcements) again. Prints one JSON line.
//
//   DATABASE_PATH=… tsx bench/fanout-worker.ts --people 10000 --samples 100
import { parseArgs } from "node:util";
import { getViewerById } from "#app/access/viewer.server";
import { drainNotificationsFully } from "#app/events/consumers/notifications.server";
import { lastEventId } from "#app/events/domain-events.server";
import { getDb, rawStatement } from "#app/infra/db.server";
import { listHomeFeed } from "#app/models/feeds/feed.server";
import { getAckSummary, listPinnedAnnouncementIds } from "#app/models/posts/announcements.server";
import { publishPost } from "#app/models/posts/post.server";
import { summarize, type Summary } from "./lib";

export type FanoutResult = {
  people: number;
  audience: number;
  publishMs: number;
  drainMs: number;
  rows: number;
  rowsPerSecond: number;
  homeBefore: Summary;
  homeAfter: Summary;
  pinned: Summary;
  ackSummaryMs: number;
  dbBytesBefore: number;
  dbBytesAfter: number;
};

const { values } = parseArgs({
  options: { people: { type: "string", default: "10000" }, samples: { type: "string", default: "100" } },
});
const people = Number(values.people);
const samples = Number(values.samples);
getDb();

const dbBytes = () =>
  rawStatement(`select page_count * page_size from pragma_page_count, pragma_page_size`).pluck().get() as number;

// --- N active people: the generated ones, and new employees (following no one) up to N -----------------------
const have = rawStatement(`select count(*) from users`).pluck().get() as number;
if (have < people) {
  rawStatement(
    `with recursive n(i) as (select 1 union all select i + 1 from n where i < @k)
     insert into users (email, handle, name, department, title, locale, role, status, created_at)
     select 'fanout' || i || '@bench.test', 'fanout.' || i, '신입 ' || i,
            (select department from users where id = 1 + (i % @have)), '', case when i % 3 = 0 then 'en' else 'ko' end,
            'member', 'active', unixepoch() * 1000
       from n`,
  ).run({ k: people - have, have });
}
const active = rawStatement(`select count(*) from users where status = 'active'`).pluck().get() as number;
const admin = rawStatement(`select id from users where role = 'admin' and status = 'active' order by id limit 1`)
  .pluck()
  .get() as number | undefined;
const adminId =
  admin ??
  (rawStatement(`update users set role = 'admin' where id = (select min(id) from users) returning id`)
    .pluck()
    .get() as number);

// The sample: people who follow others (their Home has posts to rank), spread over the ids.
const sample = rawStatement(
  `select id from users where status = 'active' and id != @admin
      and exists (select 1 from follows f where f.follower_id = users.id)
    order by (id * 2654435761) % 1000003 limit @n`,
)
  .pluck()
  .all({ admin: adminId, n: samples }) as number[];

function timeHome(): number[] {
  const out: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const id of sample) {
      const t = performance.now();
      listHomeFeed({ viewer: getViewerById(id)!, cursor: null });
      out.push(performance.now() - t);
    }
  }
  return out;
}

// A first post warms the publishing path (Markdown, the sanitiser, prepared statements), so the figure below is the
// announcement's own cost; it and whatever the dataset's own events left for the consumer are done before the clock
// starts.
publishPost({ viewer: getViewerById(adminId)!, body: "워밍업: 이번 주 회의록은 위키에 있습니다." });
await drainNotificationsFully({ timeoutMs: 600_000 });
timeHome(); // warm-up
const homeBefore = summarize(timeHome());
const dbBytesBefore = dbBytes();

const before = lastEventId();
const t0 = performance.now();
const { id: postId } = publishPost({
  viewer: getViewerById(adminId)!,
  body: "**전사 공지** 12월 1일부터 새 보안 정책이 적용됩니다. 확인 부탁드립니다.",
  kind: "announcement",
  announcement: { requiresAck: true },
});
const publishMs = performance.now() - t0;
const t1 = performance.now();
await drainNotificationsFully({ timeoutMs: 600_000 });
const drainMs = performance.now() - t1;
if (lastEventId() <= before) throw new Error("the announcement recorded no event");

const rows = rawStatement(`select count(*) from notifications where post_id = @postId and kind = 'announcement'`)
  .pluck()
  .get({ postId }) as number;
const homeAfter = summarize(timeHome());
const pinnedSamples: number[] = [];
for (const id of sample) {
  const t = performance.now();
  listPinnedAnnouncementIds({ viewer: getViewerById(id)! });
  pinnedSamples.push(performance.now() - t);
}
const ta = performance.now();
getAckSummary({ viewer: getViewerById(adminId)!, postId });
const ackSummaryMs = performance.now() - ta;

const result: FanoutResult = {
  people: active,
  audience: active - 1,
  publishMs,
  drainMs,
  rows,
  rowsPerSecond: rows / (drainMs / 1000),
  homeBefore,
  homeAfter,
  pinned: summarize(pinnedSamples),
  ackSummaryMs,
  dbBytesBefore,
  dbBytesAfter: dbBytes(),
};
console.log(JSON.stringify(result));
