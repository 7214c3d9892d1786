// Question lists (issue #9 item 5): the company's, a group's or a hashtag's questions by status — unanswered
// (no answers), unresolved (answers but no best answer), answered (a best answer), all — sorted by newest, most
// votes or recent activity (the newest answer, else the question itself), a keyset page at a time; "questions I
// asked" and "questions I can answer" (in my groups or with a hashtag I follow, not mine, without a best
// answer). Like the feeds, the list filters by VISIBLE_POST inside its query (a page is never short because of
// hidden questions) before the read model applies the rule again.
//
// Each sort walks its own partial index of questions (db/schema.ts: posts_questions_idx, _votes_idx,
// _activity_idx; a group's list posts_group_questions_*), highest key first, and stops after a page: the status
// and the filters are checked on the rows walked, so a page costs what it takes to find `limit` matching
// questions, not the number of posts. A person's questions start from their roots (posts_author_roots_idx), sorted
// by votes or activity in memory: that set stays small. A hashtag's questions start from its uses (post_hashtags)
// while it has few, else from the sort's index with the tag checked on each question (walkTagUses): a popular
// tag's uses grow with the company (#회의 has 113,000 at 1M posts), and reading them all to sort by votes took
// 1.7 s at 1M posts (bench/questions.ts, bench/README.md).
// Votes and activity move while someone pages; a question whose key changed may then be seen twice or skipped,
// as with any keyset over a live sort key.
import { canReadGroup, type Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { decodeKeyCursor, encodeKeyCursor } from "#app/models/pagination.server";
import { hydratePosts, type PostView } from "#app/models/posts/read-model.server";
import { forbidden, notFound } from "#app/utils/errors";
import { QUESTION_SORTS, QUESTION_STATUSES, type QuestionSort, type QuestionStatus } from "#app/utils/question-lists";

export { QUESTION_SORTS, QUESTION_STATUSES, type QuestionSort, type QuestionStatus };

export const QUESTIONS_PAGE_SIZE = 20;

export type QuestionPage = { posts: PostView[]; nextCursor: string | null };

const STATUS_SQL: Record<QuestionStatus, string> = {
  unanswered: "p.reply_count = 0",
  unresolved: "p.reply_count > 0 and p.accepted_answer_id is null",
  answered: "p.accepted_answer_id is not null",
  all: "1 = 1",
};

// Written as in the indexes' definitions, so that SQLite matches them (the activity one is an expression index).
const SORT_KEY: Record<QuestionSort, string> = {
  newest: "p.id",
  votes: "p.vote_count",
  activity: "(case when p.last_reply_at is null then p.created_at else p.last_reply_at end)",
};

// Named, since SQLite without statistics prefers posts_reply_to_idx (reply_to_id is null), which reads every
// root; the sort's index reads questions in order and stops after a page. A hashtag's uses are joined to
// posts_questions_idx too: most uses are not questions, and a seek of that small index turns them away without
// reading their rows (2–4× less per use than the posts table at 1M posts). A group's list has its own indexes
// (group first); a person's questions are found by posts_author_roots_idx and sorted (one person's are few).
const SORT_INDEX: Record<QuestionSort, string> = {
  newest: "posts_questions_idx",
  votes: "posts_questions_votes_idx",
  activity: "posts_questions_activity_idx",
};
const GROUP_SORT_INDEX: Record<QuestionSort, string> = {
  newest: "posts_group_questions_idx",
  votes: "posts_group_questions_votes_idx",
  activity: "posts_group_questions_activity_idx",
};

export type ListQuestionsInput = {
  viewer: Viewer;
  status?: QuestionStatus;
  sort?: QuestionSort;
  /** Only this group's questions; 404 for a group whose posts the viewer may not read. */
  groupId?: number | null;
  /** Only questions with this hashtag. */
  hashtagId?: number | null;
  /** Only this person's questions. */
  askedBy?: number | null;
  /**
   * Only questions this person can answer: in their groups or with a hashtag they follow, not theirs, without a
   * best answer. Only the viewer's own (whose groups and hashtags are theirs to know); 403 for anyone else.
   */
  answerableBy?: number | null;
  /** Only questions whose askers asked this person for an answer ("Ask someone"); only the viewer's own. */
  requestedOf?: number | null;
  cursor?: string | null;
  limit?: number;
};

/**
 * The query of a question list: its SQL and parameters, apart so that tests and benchmarks can read its query
 * plan (EXPLAIN QUERY PLAN) — each sort must seek its index, never scan posts.
 */
export function questionListQuery({
  viewer,
  status = "all",
  sort = "newest",
  groupId,
  hashtagId,
  askedBy,
  answerableBy,
  requestedOf,
  cursor,
  limit = QUESTIONS_PAGE_SIZE,
}: ListQuestionsInput): { sql: string; params: Record<string, unknown> } {
  if (groupId != null && !canReadGroup(viewer, { id: groupId })) throw notFound();
  if (answerableBy != null && answerableBy !== viewer.id) throw forbidden();
  if (requestedOf != null && requestedOf !== viewer.id) throw forbidden();
  const key = SORT_KEY[sort];
  // "I can answer" leaves out answered questions: its answered tab is empty by definition, not by a long walk.
  const nothing = answerableBy != null && status === "answered";
  const where = [`p.kind = 'question' and p.reply_to_id is null`, VISIBLE_POST("p"), STATUS_SQL[status]];
  const params: Record<string, unknown> = { ...visibilityParams(viewer), n: limit + 1 };
  if (groupId != null) {
    where.push("p.group_id = @group");
    params.group = groupId;
  }
  // Where the walk starts: the most selective filter's index, else the sort's.
  const fewUses = hashtagId != null && walkTagUses(hashtagUses(hashtagId), limit);
  const drive =
    groupId != null
      ? "group"
      : askedBy != null
        ? "author"
        : requestedOf != null
          ? "requested"
          : fewUses
            ? "hashtag"
            : "sort";
  if (requestedOf != null) {
    // A person is asked about few questions: SQLite finds them by id from the requests and sorts them.
    where.push("p.id in (select ar.question_id from answer_requests ar where ar.user_id = @requestedOf)");
    params.requestedOf = requestedOf;
  }
  if (hashtagId != null) {
    // From the tag's uses (post_hashtags' primary key), newest first; else each question walked is checked for
    // the tag first, by a seek of that key, before its row is read (correlated: an IN list would read every use of
    // the tag first).
    if (drive === "hashtag") where.push("ph.hashtag_id = @tag");
    else where.unshift("exists (select 1 from post_hashtags t where t.hashtag_id = @tag and t.post_id = p.id)");
    params.tag = hashtagId;
  }
  if (askedBy != null) {
    // An anonymous event question's stored author is the host who published it (issue #10 §7), not its asker.
    where.push("p.author_id = @askedBy and p.anonymous = 0");
    params.askedBy = askedBy;
  }
  // "I can answer" alone: merged from a walk per group of the viewer's and per hashtag they follow (below).
  const merged = answerableBy != null && drive === "sort";
  if (answerableBy != null) {
    where.push("p.author_id <> @me and p.accepted_answer_id is null");
    if (!merged) {
      where.push(`(p.group_id in (select value from json_each(@member)) or exists (
        select 1 from post_hashtags aph join hashtag_follows hf on hf.hashtag_id = aph.hashtag_id and hf.user_id = @me
         where aph.post_id = p.id))`);
    }
  }
  const after = decodeKeyCursor(cursor, sort === "newest" ? 1 : 2);
  // Ordered by ph.post_id (the same id) when walking a hashtag's uses, so that its primary key gives the order.
  const id = drive === "hashtag" ? "ph.post_id" : "p.id";
  if (after && sort === "newest") {
    where.push(`${id} < @afterId`);
    params.afterId = after[0];
  } else if (after) {
    // Not the row value (key, id) < (…): SQLite seeks an expression index (activity) only on a plain range of its
    // expression, and scanned from the top of the index to the cursor instead, a cost that grew with every page.
    where.push(`${key} <= @afterKey and (${key} < @afterKey or p.id < @afterId)`);
    params.afterKey = after[0];
    params.afterId = after[1];
  }
  if (nothing) where.push("0 = 1");
  if (merged) {
    // As the home feed: the first page-and-one of each of the viewer's groups (its sort's index) and of each
    // hashtag they follow with few uses (its uses), then the best of those; json_each over a subquery acts as a
    // lateral join. The followed tags with many uses are found in one walk of the sort's index of questions, each
    // checked for those tags (walkTagUses).
    const filters = where.join(" and ");
    const followed = followedHashtags(answerableBy);
    params.fewUseTags = JSON.stringify(followed.filter((t) => walkTagUses(t, limit)).map((t) => t.id));
    const manyUseTags = followed.filter((t) => !walkTagUses(t, limit)).map((t) => t.id);
    if (manyUseTags.length) params.manyUseTags = JSON.stringify(manyUseTags);
    return {
      sql: `select p.id, ${key} as k from posts p where p.id in (
              select j.value from json_each(@member) g, json_each((select json_group_array(id) from (
                select p.id from posts p indexed by ${GROUP_SORT_INDEX[sort]} where p.group_id = g.value and ${filters}
                 order by ${key} desc, p.id desc limit @n))) j
              union
              select j.value from json_each(@fewUseTags) hf, json_each((select json_group_array(post_id) from (
                select ph.post_id from post_hashtags ph cross join posts p indexed by posts_questions_idx on p.id = ph.post_id
                 where ph.hashtag_id = hf.value and ${filters}
                 order by ${sort === "newest" ? "ph.post_id" : key} desc, ph.post_id desc limit @n))) j${
                   manyUseTags.length
                     ? `
              union
              select id from (select p.id from posts p indexed by ${SORT_INDEX[sort]} where ${filters}
                 and exists (select 1 from post_hashtags t where t.post_id = p.id
                              and t.hashtag_id in (select value from json_each(@manyUseTags)))
                 order by ${key} desc, p.id desc limit @n)`
                     : ""
                 })
            order by ${key} desc, p.id desc limit @n`,
      params,
    };
  }
  const from = {
    group: `posts p indexed by ${GROUP_SORT_INDEX[sort]}`,
    author: "posts p indexed by posts_author_roots_idx",
    requested: "posts p",
    hashtag: "post_hashtags ph cross join posts p indexed by posts_questions_idx on p.id = ph.post_id",
    sort: `posts p indexed by ${SORT_INDEX[sort]}`,
  }[drive];
  return {
    sql: `select p.id, ${key} as k from ${from} where ${where.join(" and ")}
           order by ${sort === "newest" ? id : key} desc, ${id} desc limit @n`,
    params,
  };
}

type TagUses = { uses: number; allUses: number };

/**
 * Whether a hashtag's questions are found for less from its uses than from the sort's index of questions. Reading
 * its U uses costs up to U rows (all of them to sort by votes or activity); walking the index until a page is found
 * costs ~page × T / U rows, T being all hashtags' uses, if questions carry a tag as often as other posts. So its
 * uses while U² ≤ page × T: a tag's cost is then at most ~√(page × T) rows, ~4,000 at 1M posts (bench/README.md).
 */
function walkTagUses({ uses, allUses }: TagUses, limit: number): boolean {
  return uses * uses <= (limit + 1) * allUses;
}

/** A hashtag's uses in every audience (hashtags.post_count, kept by publishPost), and all hashtags' uses. */
function hashtagUses(hashtagId: number): TagUses {
  return (
    (rawStatement(
      `select post_count as uses, (select sum(post_count) from hashtags) as allUses from hashtags where id = @id`,
    ).get({ id: hashtagId }) as TagUses | undefined) ?? { uses: 0, allUses: 0 }
  );
}

/** The hashtags a person follows, with their uses (as hashtagUses). */
function followedHashtags(userId: number): ({ id: number } & TagUses)[] {
  return rawStatement(
    `select h.id, h.post_count as uses, (select sum(post_count) from hashtags) as allUses
       from hashtag_follows hf join hashtags h on h.id = hf.hashtag_id where hf.user_id = @userId`,
  ).all({ userId }) as ({ id: number } & TagUses)[];
}

/** One page of the questions the viewer may see, and the cursor of the next (null on the last page). */
export function listQuestions(input: ListQuestionsInput): QuestionPage {
  const { sql, params } = questionListQuery(input);
  const limit = input.limit ?? QUESTIONS_PAGE_SIZE;
  const rows = rawStatement(sql).all(params) as { id: number; k: number }[];
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    posts: hydratePosts(
      pageRows.map((r) => r.id),
      input.viewer,
    ),
    nextCursor:
      more && last ? encodeKeyCursor(input.sort && input.sort !== "newest" ? [last.k, last.id] : [last.id]) : null,
  };
}
