// The one post read model (issue #6): every path that turns post ids into posts — feeds, threads, profiles,
// hashtag and group pages, search results, the API, and later notifications and streams — goes through
// hydratePosts, which applies the visibility rule in its own WHERE. An id that leaks from anywhere still
// cannot render; a hidden post is simply absent, and single-post reads answer 404 for it.
import { postCan, type GroupVisibility, type PostCan, type Viewer } from "#app/access/rules";
import { VISIBLE_POST, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { htmlToPlainText } from "#search/text";
import { decodeKeyCursor, encodeKeyCursor } from "#app/models/pagination.server";
import { notFound } from "#app/utils/errors";
import type { ReactionKind } from "#app/utils/reactions";
import type { PostKind } from "#db/enums";
import type { PublicUser } from "#app/models/people/user.server";

export type PostAuthor = PublicUser & { guest: boolean; organization: string };

export type PostGroup = { id: number; slug: string; name: string; visibility: GroupVisibility; archived: boolean };

export type PostView = {
  id: number;
  /** ANONYMOUS_AUTHOR for an anonymous post: who wrote it is never part of a view (see `anonymous`). */
  author: PostAuthor;
  /**
   * An event's anonymous question kept as a Q&A thread (issue #10 §7): shown as "익명 / Anonymous", without a
   * profile link; the API gives `author: null`. Its stored author is the host who published the archive, never
   * the asker, so no query can find the asker through it.
   */
  anonymous: boolean;
  kind: PostKind;
  body: string;
  html: string;
  hashtags: string[];
  mentions: string[];
  replyToId: number | null;
  threadId: number;
  replyCount: number;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  createdAt: number;
  editedAt: number | null;
  group: PostGroup | null;
  pinned: boolean;
  /** An announcement's facts (issue #11 §3); null for every other post (and an announcement from before them). */
  announcement: AnnouncementFacts | null;
  /** A question's title (issue #9); null for every other kind. */
  title: string | null;
  /** Votes on a question or an answer (0 for other posts), and whether one of them is the viewer's. */
  votes: number;
  votedByMe: boolean;
  /** A reply in a question's thread. */
  isAnswer: boolean;
  /** A question's best answer, if chosen (null otherwise, and for every other post). */
  acceptedAnswerId: number | null;
  /** An answer that is its question's best answer. */
  isAccepted: boolean;
  /**
   * A question's best answer as its card shows it in feeds and search results: who wrote it and the start of
   * its text (issue #9 item 2); null when none is chosen, and for every other post.
   */
  acceptedAnswer: AcceptedAnswer | null;
  /** The people a question's asker asked to answer ("Ask someone", issue #9 item 4); empty for other posts. */
  askedOf: { handle: string; name: string }[];
  /** What the viewer may do with it, decided by app/access (components never decide on their own). */
  can: PostCan;
};

export type AnnouncementFacts = {
  requiresAck: boolean;
  urgent: boolean;
  /** The viewer acknowledged it (or dismissed it, when no acknowledgement is asked). */
  acknowledged: boolean;
};

export type AcceptedAnswer = {
  id: number;
  author: { handle: string; name: string };
  /** Plain text, at most ANSWER_EXCERPT_CHARS characters (and an ellipsis when cut). */
  excerpt: string;
  votes: number;
};

/** How much of a best answer a question's card shows. */
export const ANSWER_EXCERPT_CHARS = 280;

/** The start of an answer's text, cut at a word boundary near the limit when it is longer. */
export function answerExcerpt(html: string): string {
  // Only the start of the HTML is read: an answer may be long, its excerpt never is.
  const head =
    html.length > ANSWER_EXCERPT_CHARS * 8 ? html.slice(0, ANSWER_EXCERPT_CHARS * 8).replace(/<[^<>]*$/, "") : html;
  const text = htmlToPlainText(head);
  const chars = Array.from(text);
  if (chars.length <= ANSWER_EXCERPT_CHARS) return text;
  const cut = chars.slice(0, ANSWER_EXCERPT_CHARS).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > ANSWER_EXCERPT_CHARS * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The author every view of an anonymous post shows (no id, no handle: nothing links to a person). */
export const ANONYMOUS_AUTHOR: PostAuthor = Object.freeze({
  id: 0,
  handle: "",
  name: "익명 / Anonymous",
  department: "",
  title: "",
  photoVersion: 0,
  guest: false,
  organization: "",
});

type HydrateRow = {
  id: number;
  anonymous: number;
  kind: PostKind;
  body: string;
  html: string;
  replyToId: number | null;
  threadId: number | null;
  replyCount: number;
  createdAt: number;
  editedAt: number | null;
  authorId: number;
  handle: string;
  name: string;
  department: string;
  title: string;
  photoVersion: number;
  authorRole: string;
  organization: string;
  groupId: number | null;
  groupSlug: string | null;
  groupName: string | null;
  groupVisibility: GroupVisibility | null;
  groupArchivedAt: number | null;
  pinned: number;
  announcement: string | null;
  postTitle: string | null;
  votes: number;
  votedByMe: number;
  acceptedAnswerId: number | null;
  rootKind: PostKind | null;
  rootAcceptedAnswerId: number | null;
  acceptedAnswer: string | null;
  askedOf: string | null;
  hashtags: string;
  mentions: string;
  reactions: string;
  mine: string;
};

// One prepared statement for a whole page: the hot path of every feed, thread and API response
// (bench: building five drizzle queries per page cost a quarter of the server's CPU).
const HYDRATE_SQL = `
  select p.id, p.anonymous, p.kind, p.body, p.html, p.reply_to_id as replyToId, p.thread_id as threadId,
         p.reply_count as replyCount, p.created_at as createdAt, p.edited_at as editedAt,
         u.id as authorId, u.handle, u.name, u.department, u.title, u.photo_version as photoVersion,
         u.role as authorRole, u.organization,
         g.id as groupId, g.slug as groupSlug, g.name as groupName, g.visibility as groupVisibility,
         g.archived_at as groupArchivedAt,
         exists (select 1 from group_pins gp where gp.post_id = p.id) as pinned,
         (select json_object('requiresAck', an.requires_ack, 'urgent', an.urgent, 'acknowledged',
                 exists (select 1 from announcement_acks ak where ak.post_id = an.post_id and ak.user_id = @viewer))
            from announcements an where an.post_id = p.id) as announcement,
         p.title as postTitle, p.vote_count as votes, p.accepted_answer_id as acceptedAnswerId,
         exists (select 1 from post_votes pv where pv.post_id = p.id and pv.user_id = @viewer) as votedByMe,
         root.kind as rootKind, root.accepted_answer_id as rootAcceptedAnswerId,
         -- A question's best answer and the people asked to answer it (issue #9). The answer is in the question's
         -- thread, so the question's visibility is its own.
         (select json_object('id', a.id, 'html', a.html, 'votes', a.vote_count, 'handle', au.handle, 'name', au.name)
            from posts a join users au on au.id = a.author_id
           where a.id = p.accepted_answer_id and a.thread_id = p.id) as acceptedAnswer,
         case when p.kind = 'question' and p.reply_to_id is null then
           (select json_group_array(json_object('handle', ru.handle, 'name', ru.name) order by ar.created_at, ar.rowid)
              from answer_requests ar join users ru on ru.id = ar.user_id where ar.question_id = p.id) end as askedOf,
         (select json_group_array(h.name) from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
           where ph.post_id = p.id) as hashtags,
         (select json_group_array(mu.handle) from mentions m join users mu on mu.id = m.user_id
           where m.post_id = p.id) as mentions,
         (select json_group_object(kind, n) from
           (select r.kind, count(*) as n from reactions r where r.post_id = p.id group by r.kind)) as reactions,
         (select json_group_array(r.kind) from reactions r where r.post_id = p.id and r.user_id = @viewer) as mine
    from json_each(@ids) j
    join posts p on p.id = j.value
    join users u on u.id = p.author_id
    left join groups g on g.id = p.group_id
    left join posts root on root.id = p.reply_to_id
   where ${VISIBLE_POST("p")}`;

function toAnnouncement(json: string): AnnouncementFacts {
  const a = JSON.parse(json) as { requiresAck: number; urgent: number; acknowledged: number };
  return { requiresAck: !!a.requiresAck, urgent: !!a.urgent, acknowledged: !!a.acknowledged };
}

function toAcceptedAnswer(json: string): AcceptedAnswer {
  const a = JSON.parse(json) as { id: number; html: string; votes: number; handle: string; name: string };
  return { id: a.id, author: { handle: a.handle, name: a.name }, excerpt: answerExcerpt(a.html), votes: a.votes };
}

/** Views of the given post ids that the viewer may see, in the given order, in one query. */
export function hydratePosts(ids: number[], viewer: Viewer): PostView[] {
  if (ids.length === 0) return [];
  const rows = rawStatement(HYDRATE_SQL).all({
    ids: JSON.stringify(ids),
    viewer: viewer.id,
    ...visibilityParams(viewer),
  }) as HydrateRow[];
  const byId = new Map<number, PostView>();
  for (const r of rows) {
    const group: PostGroup | null =
      r.groupId == null
        ? null
        : {
            id: r.groupId,
            slug: r.groupSlug!,
            name: r.groupName!,
            visibility: r.groupVisibility!,
            archived: r.groupArchivedAt != null,
          };
    const isQuestion = r.kind === "question" && r.replyToId == null;
    const isAnswer = r.rootKind === "question";
    byId.set(r.id, {
      id: r.id,
      kind: r.kind,
      body: r.body,
      html: r.html,
      replyToId: r.replyToId,
      threadId: r.threadId ?? r.id,
      replyCount: r.replyCount,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      author: r.anonymous
        ? ANONYMOUS_AUTHOR
        : {
            id: r.authorId,
            handle: r.handle,
            name: r.name,
            department: r.department,
            title: r.title,
            photoVersion: r.photoVersion,
            guest: r.authorRole === "guest",
            organization: r.organization,
          },
      anonymous: r.anonymous === 1,
      hashtags: JSON.parse(r.hashtags),
      mentions: JSON.parse(r.mentions),
      reactions: JSON.parse(r.reactions),
      myReactions: JSON.parse(r.mine),
      group,
      pinned: !!r.pinned,
      announcement: r.announcement ? toAnnouncement(r.announcement) : null,
      title: r.postTitle,
      votes: r.votes,
      votedByMe: !!r.votedByMe,
      isAnswer,
      acceptedAnswerId: isQuestion ? r.acceptedAnswerId : null,
      isAccepted: isAnswer && r.rootAcceptedAnswerId === r.id,
      acceptedAnswer: isQuestion && r.acceptedAnswer ? toAcceptedAnswer(r.acceptedAnswer) : null,
      askedOf: r.askedOf ? JSON.parse(r.askedOf) : [],
      can: postCan(
        viewer,
        { authorId: r.authorId, group, isRoot: r.replyToId == null },
        {
          isQuestion,
          isAnswer,
          isAnnouncement: r.announcement != null && r.replyToId == null,
        },
      ),
    });
  }
  return ids.map((id) => byId.get(id)).filter((p): p is PostView => !!p);
}

/** One post the viewer may see; 404 for a missing or hidden one alike. */
export function requirePostView(postId: number, viewer: Viewer): PostView {
  const [view] = hydratePosts([postId], viewer);
  if (!view) throw notFound();
  return view;
}

/** A whole conversation the viewer may see: the root first, then its replies oldest first. */
export function getThread({ postId, viewer }: { postId: number; viewer: Viewer }) {
  const post = rawStatement(`select thread_id as threadId from posts where id = @id`).get({ id: postId }) as
    { threadId: number | null } | undefined;
  if (!post) throw notFound();
  const threadId = post.threadId ?? postId;
  const idsInThread = rawStatement(`select id from posts where thread_id = @t order by id`)
    .pluck()
    .all({ t: threadId }) as number[];
  const views = hydratePosts(idsInThread, viewer);
  const root = views.find((v) => v.id === threadId);
  if (!root) throw notFound();
  return { root, replies: views.filter((v) => v.id !== threadId), focusId: postId };
}

export const REPLIES_PAGE_SIZE = 20;

export type ReplyPage = { posts: PostView[]; nextCursor: string | null };

/**
 * The replies to a post the viewer may see (404 otherwise), a page at a time (keyset). A question's are its
 * answers in answer order — the best answer first, then votes descending, then oldest first (issue #9); an
 * ordinary thread's are oldest first. A reply has no replies of its own (threads are flat).
 *
 * The sort key of an answer is (best ? 0 : 1, -votes, id), ascending; the cursor is the last one sent. Votes
 * move while someone pages, so an answer whose count changed may be seen twice or not at all: acceptable for a
 * thread, which is read whole far more often than paged. A thread's replies are found by posts_reply_to_idx and
 * sorted in memory: threads stay small next to the feeds, which never sort.
 */
export function listReplies({
  viewer,
  postId,
  cursor,
  limit = REPLIES_PAGE_SIZE,
}: {
  viewer: Viewer;
  postId: number;
  cursor?: string | null;
  limit?: number;
}): ReplyPage {
  const post = rawStatement(
    `select p.kind, p.reply_to_id as replyToId, p.accepted_answer_id as acceptedAnswerId from posts p
      where p.id = @id and ${VISIBLE_POST("p")}`,
  ).get({ id: postId, ...visibilityParams(viewer) }) as
    { kind: PostKind; replyToId: number | null; acceptedAnswerId: number | null } | undefined;
  if (!post) throw notFound();
  const byAnswerOrder = post.kind === "question" && post.replyToId == null;
  const params = { id: postId, n: limit + 1, accepted: post.acceptedAnswerId ?? 0 };
  let rows: { id: number; best: number; votes: number }[];
  if (byAnswerOrder) {
    const [best, negVotes, after] = decodeKeyCursor(cursor, 3) ?? [-1, 0, 0];
    rows = rawStatement(
      `select id, (id <> @accepted) as best, -vote_count as votes from posts
        where reply_to_id = @id and (@first = 1 or ((id <> @accepted), -vote_count, id) > (@best, @negVotes, @after))
        order by 2, 3, id limit @n`,
    ).all({ ...params, first: cursor ? 0 : 1, best, negVotes, after }) as typeof rows;
  } else {
    const [after] = decodeKeyCursor(cursor, 1) ?? [0];
    rows = rawStatement(
      `select id, 0 as best, 0 as votes from posts where reply_to_id = @id and id > @after order by id limit @n`,
    ).all({ ...params, after }) as typeof rows;
  }
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor =
    more && last ? encodeKeyCursor(byAnswerOrder ? [last.best, last.votes, last.id] : [last.id]) : null;
  return {
    posts: hydratePosts(
      pageRows.map((r) => r.id),
      viewer,
    ),
    nextCursor,
  };
}

/** Who reacted, by kind, on a post the viewer may see (404 otherwise). */
export function listReactors({ postId, viewer }: { postId: number; viewer: Viewer }) {
  requirePostView(postId, viewer);
  return rawStatement(
    `select r.kind, u.handle, u.name from reactions r join users u on u.id = r.user_id
      where r.post_id = @id order by r.created_at limit 200`,
  ).all({ id: postId }) as { kind: ReactionKind; handle: string; name: string }[];
}

/** Earlier versions of a post the viewer may see (404 otherwise), oldest first. */
export function listRevisions({ postId, viewer }: { postId: number; viewer: Viewer }) {
  requirePostView(postId, viewer);
  return rawStatement(
    `select id, body, created_at as createdAt from post_revisions where post_id = @id order by id`,
  ).all({ id: postId }) as { id: number; body: string; createdAt: number }[];
}
