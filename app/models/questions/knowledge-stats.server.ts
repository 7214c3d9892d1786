// Knowledge stats (issue #9 item 7): how well questions get answered, for site admins (the company, a
// department) and group admins (their group), over the last 30, 90 or 365 days —
//
//   asked ............... questions asked in the period
//   answered / resolved . the share with at least one answer / with a best answer
//   waits ............... the median time from a question to its first answer, and to the answer later chosen
//                         as best (when it was posted: when it was chosen is not recorded)
//   top answerers ....... who answered most of these questions (and how many of their answers are the best);
//                         an asker's replies in their own thread are follow-ups, not answers, so not counted
//   neglected ........... questions of the period still without any answer after 7 days, oldest first
//
// Who may see which stats is the policy's ("question.stats" in app/access/rules.ts); what they count is what the
// viewer may read (VISIBLE_POST). A private group's questions therefore appear in the company's and the
// departments' figures only for an admin who is a member of it, and always in the group's own stats, for its
// admins: invariant 1 holds for counts as for content.
//
// Cost: each query starts from the questions of the period through a partial index on created_at
// (posts_questions_created_idx, or posts_group_questions_created_idx for a group) and reaches their answers
// through posts_replies_idx; both carry the columns read here (migration 0020), so no post row is fetched and the
// cost grows with the questions and answers of the period, not with every post. The medians are computed in SQL
// over those rows. At 1M posts (bench gen-7, 22k questions in the last year) the whole company's 365 days took
// ~0.1 s of queries on a busy machine (~1.4 s when they fetched rows); a group's or 30 days' a few ms.
// tests/integration/knowledge-stats.test.ts reads the plans. Replies are counted as they are now: deleted posts
// are gone from the table (deletePost), and so from every figure.
import { z } from "zod";
import { can, type GroupRef, type Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { groupRef, GroupSlugSchema, requireGroup } from "#app/models/groups/group.server";
import { AppError, notFound } from "#app/utils/errors";
import { toFieldErrors } from "#app/utils/validation";
import {
  DEFAULT_STATS_PERIOD,
  STATS_PERIODS,
  UNANSWERED_AFTER_DAYS,
  type StatsPeriod,
} from "#app/utils/knowledge-stats";

export { DEFAULT_STATS_PERIOD, STATS_PERIODS, type StatsPeriod };

export const TOP_ANSWERERS = 10;
export const UNANSWERED_LIST_SIZE = 20;
/** As long as a department may be (ProfileFieldsSchema). */
export const MAX_DEPARTMENT_LENGTH = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/** `?days=`: 30, 90 or 365 (90 when absent or empty). */
export const StatsDaysSchema = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce
    .number({ error: "knowledgeStats.badPeriod" })
    .refine((n): n is StatsPeriod => (STATS_PERIODS as readonly number[]).includes(n), "knowledgeStats.badPeriod")
    .optional(),
);

/** `?department=`: a department's name as people's profiles hold it ("" or absent: none). */
export const StatsDepartmentSchema = z
  .string({ error: "error.invalid" })
  .max(MAX_DEPARTMENT_LENGTH, "error.tooLong")
  .transform((s) => s.trim().normalize("NFC"))
  .optional();

/** A page's or the API's stats query: the period, and optionally a group and/or a department. */
export const KnowledgeStatsQuerySchema = z.object({
  days: StatsDaysSchema,
  group: z.preprocess((v) => (v === "" ? undefined : v), GroupSlugSchema.optional()),
  department: StatsDepartmentSchema,
});

export type KnowledgeStatsQuery = z.output<typeof KnowledgeStatsQuerySchema>;

/** A page's query string as a stats query; 400 with a message per field for a bad period or department. */
export function parseKnowledgeStatsQuery(search: URLSearchParams): KnowledgeStatsQuery {
  const result = KnowledgeStatsQuerySchema.safeParse({
    days: search.get("days") ?? undefined,
    group: search.get("group") ?? undefined,
    department: search.get("department") ?? undefined,
  });
  if (!result.success) throw new AppError(400, "validation_failed", "error.badRequest", toFieldErrors(result.error));
  return result.data;
}

export type KnowledgeStatsInput = {
  viewer: Viewer;
  days?: StatsPeriod;
  /** A group's slug: only its questions. */
  group?: string | null;
  /** Only questions asked by people of this department. */
  department?: string | null;
  /** The end of the period (tests); now by default. */
  now?: number;
};

export type StatsPerson = { id: number; handle: string; name: string; department: string; photoVersion: number };

export type KnowledgeStats = {
  days: StatsPeriod;
  /** The start and end of the period (ms since the epoch). */
  since: number;
  until: number;
  group: { slug: string; name: string } | null;
  department: string | null;
  asked: number;
  answered: number;
  resolved: number;
  /** answered / asked and resolved / asked, 0..1; null when nothing was asked. */
  answeredShare: number | null;
  resolvedShare: number | null;
  /** Medians in ms; null when no question of the period has one. */
  medianFirstAnswerMs: number | null;
  medianBestAnswerMs: number | null;
  topAnswerers: (StatsPerson & { answers: number; bestAnswers: number })[];
  /** Questions of the period without any answer after UNANSWERED_AFTER_DAYS days: the oldest first, and how many. */
  unanswered: {
    total: number;
    questions: {
      id: number;
      title: string;
      askedAt: number;
      /** Null for an event's anonymous question kept as a thread (issue #10 §7): its author is not its asker. */
      asker: { handle: string; name: string } | null;
      group: { slug: string; name: string } | null;
    }[];
  };
};

/** What the viewer may ask for: the group (checked by the policy) and the department (an existing one). */
function requireScope(viewer: Viewer, input: KnowledgeStatsInput) {
  const groupRow = input.group ? requireGroup(viewer, input.group) : null;
  // Stats one may not see answer like a missing page (404, not 403): a group admin's page is not for others to
  // find, and a secret group's must not be told apart from no group at all.
  if (!can(viewer, "question.stats", groupRow ? groupRef(groupRow) : null)) throw notFound();
  const department = input.department ? input.department.trim().normalize("NFC") : null;
  if (department) {
    // Departments are the company's directory: a site admin's to compare.
    if (!can(viewer, "question.stats", null)) throw notFound();
    if (department.length > MAX_DEPARTMENT_LENGTH) {
      const vars = { max: MAX_DEPARTMENT_LENGTH };
      throw new AppError(
        400,
        "validation_failed",
        "error.tooLong",
        { department: { key: "error.tooLong", vars } },
        vars,
      );
    }
    const known = rawStatement(`select 1 from users where department = @department limit 1`).get({ department });
    if (!known) throw notFound();
  }
  return { group: groupRow, department: department || null };
}

/**
 * The questions of the scope and period as a CTE `q` (id, askerId, askedAt, bestId), starting from the index on
 * created_at that fits the scope. Needs @since, @until, the visibility parameters, and @groupId / @department
 * when the scope has them.
 */
function questionsOfScope(scope: { groupId: number | null; department: string | null }) {
  const from =
    scope.groupId != null
      ? `posts p indexed by posts_group_questions_created_idx`
      : `posts p indexed by posts_questions_created_idx`;
  return `q as materialized (
    select p.id, case when p.anonymous then null else p.author_id end as askerId, p.created_at as askedAt,
      p.accepted_answer_id as bestId
    from ${from}
    ${scope.department != null ? "join users asker on asker.id = p.author_id and asker.department = @department" : ""}
    where p.kind = 'question' and p.reply_to_id is null
      ${scope.department != null ? "and not p.anonymous" : ""}
      ${scope.groupId != null ? "and p.group_id = @groupId" : ""}
      and p.created_at >= @since and p.created_at <= @until
      and ${VISIBLE_POST("p")}
  )`;
}

// Answers (the replies to a question, with their time and author) come from posts_replies_idx alone: named, since
// SQLite would otherwise take posts_reply_to_idx and read every answer's row for those two columns.
const answers = (alias: string) => `posts ${alias} indexed by posts_replies_idx`;

/** The median of column `w` of CTE `t` over its non-null values (the mean of the middle two for an even count). */
const median = (column: string) => `(
  select avg(w) from (
    select ${column} as w from t where ${column} is not null order by w
    limit 2 - (select count(${column}) from t) % 2
    offset ((select count(${column}) from t) - 1) / 2
  ))`;

/** The SQL of each figure, apart so that tests can read their query plans. */
export function knowledgeStatsQueries(scope: { groupId: number | null; department: string | null }) {
  const q = questionsOfScope(scope);
  return {
    summary: `with ${q},
      t as materialized (
        select
          max((select min(a.created_at) from ${answers("a")} where a.reply_to_id = q.id) - q.askedAt, 0) as firstWait,
          max(
            (select b.created_at from ${answers("b")} where b.reply_to_id = q.id and b.id = q.bestId) - q.askedAt, 0
          ) as bestWait
        from q
      )
      select count(*) as asked, count(firstWait) as answered, count(bestWait) as resolved,
        ${median("firstWait")} as medianFirst, ${median("bestWait")} as medianBest
      from t`,
    answerers: `with ${q},
      counted as (
        select a.author_id as id, count(*) as answers, sum(a.id = q.bestId) as bestAnswers
        from q join ${answers("a")} on a.reply_to_id = q.id and a.author_id is not q.askerId
        group by a.author_id
      )
      select u.id, u.handle, u.name, u.department, u.photo_version as photoVersion, c.answers, c.bestAnswers
      from counted c join users u on u.id = c.id
      order by c.answers desc, c.bestAnswers desc, u.name, u.id
      limit ${TOP_ANSWERERS}`,
    unanswered: `with ${q},
      waiting as materialized (
        select q.id, q.askedAt from q
        where q.askedAt <= @weekAgo and not exists (select 1 from ${answers("a")} where a.reply_to_id = q.id)
      ),
      shown as (select id, askedAt from waiting order by askedAt, id limit ${UNANSWERED_LIST_SIZE})
      select w.id, w.askedAt, p.title, p.anonymous, u.handle, u.name, g.slug as groupSlug, g.name as groupName,
        (select count(*) from waiting) as total
      from shown w
      join posts p on p.id = w.id
      join users u on u.id = p.author_id
      left join groups g on g.id = p.group_id
      order by w.askedAt, w.id`,
  };
}

type SummaryRow = {
  asked: number;
  answered: number;
  resolved: number;
  medianFirst: number | null;
  medianBest: number | null;
};
type AnswererRow = StatsPerson & { answers: number; bestAnswers: number };
type WaitingRow = {
  id: number;
  askedAt: number;
  title: string | null;
  anonymous: number;
  handle: string;
  name: string;
  groupSlug: string | null;
  groupName: string | null;
  total: number;
};

/**
 * The stats of the company (no group, no department), a group, a department, or a department within a group,
 * over the last `days` days. 404 when the viewer may not see them (as for a missing group or department).
 */
export function getKnowledgeStats(input: KnowledgeStatsInput): KnowledgeStats {
  const { viewer } = input;
  const days = input.days ?? DEFAULT_STATS_PERIOD;
  const scope = requireScope(viewer, input);
  const until = input.now ?? Date.now();
  const since = until - days * DAY_MS;
  const params = {
    ...visibilityParams(viewer),
    since,
    until,
    weekAgo: until - UNANSWERED_AFTER_DAYS * DAY_MS,
    ...(scope.group ? { groupId: scope.group.id } : {}),
    ...(scope.department != null ? { department: scope.department } : {}),
  };
  const sql = knowledgeStatsQueries({ groupId: scope.group?.id ?? null, department: scope.department });
  const summary = rawStatement(sql.summary).get(params) as SummaryRow;
  const answerers = rawStatement(sql.answerers).all(params) as AnswererRow[];
  const waiting = rawStatement(sql.unanswered).all(params) as WaitingRow[];
  const share = (n: number) => (summary.asked > 0 ? n / summary.asked : null);
  const round = (ms: number | null) => (ms == null ? null : Math.round(ms));
  return {
    days,
    since,
    until,
    group: scope.group ? { slug: scope.group.slug, name: scope.group.name } : null,
    department: scope.department,
    asked: summary.asked,
    answered: summary.answered,
    resolved: summary.resolved,
    answeredShare: share(summary.answered),
    resolvedShare: share(summary.resolved),
    medianFirstAnswerMs: round(summary.medianFirst),
    medianBestAnswerMs: round(summary.medianBest),
    topAnswerers: answerers.map((r) => ({ ...r, bestAnswers: r.bestAnswers ?? 0 })),
    unanswered: {
      total: waiting[0]?.total ?? 0,
      questions: waiting.map((r) => ({
        id: r.id,
        title: r.title ?? "",
        askedAt: r.askedAt,
        asker: r.anonymous ? null : { handle: r.handle, name: r.name },
        group: r.groupSlug != null ? { slug: r.groupSlug, name: r.groupName ?? "" } : null,
      })),
    },
  };
}

/** Whether the viewer may see the stats of a group (or of the company: null), for the links to them. */
export function maySeeKnowledgeStats(viewer: Viewer, group: GroupRef | null): boolean {
  return can(viewer, "question.stats", group);
}

/** The departments that exist (someone's profile names them), for the stats' department selector. */
export function listStatsDepartments(viewer: Viewer): string[] {
  if (!can(viewer, "question.stats", null)) return [];
  return rawStatement(`select distinct department from users where department <> '' order by department`)
    .pluck()
    .all() as string[];
}

/** The groups whose stats the viewer may see, by name, for the stats' group selector. */
export function listStatsGroups(viewer: Viewer): { slug: string; name: string }[] {
  const rows = rawStatement(
    `select id, slug, name, visibility, archived_at as archivedAt from groups
     where id in (select value from json_each(@readable)) order by name, id`,
  ).all(visibilityParams(viewer)) as {
    id: number;
    slug: string;
    name: string;
    visibility: "public" | "private" | "secret";
    archivedAt: number | null;
  }[];
  return rows.filter((g) => can(viewer, "question.stats", groupRef(g))).map(({ slug, name }) => ({ slug, name }));
}
