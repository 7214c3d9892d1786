// The single source of truth for Sori's tables. Migrations in db/migrations are generated from this file by
// drizzle-kit (`npm run db:generate`) and never edited after they land.
import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import {
  DEFAULT_TOKEN_SCOPES,
  DIGEST_FREQUENCIES,
  EVENT_KINDS,
  EVENT_POLL_STATUSES,
  EVENT_QUESTION_STATUSES,
  EVENT_ROLES,
  EVENT_STATES,
  GROUP_ROLES,
  GROUP_VISIBILITIES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  POST_KINDS,
  REACTION_KINDS,
  ROLES,
} from "./enums";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    handle: text("handle").notNull(),
    name: text("name").notNull(),
    department: text("department").notNull().default(""),
    title: text("title").notNull().default(""),
    bio: text("bio").notNull().default(""),
    locale: text("locale", { enum: ["ko", "en"] }),
    timeZone: text("time_zone").notNull().default("Asia/Seoul"),
    // Working hours (issue #11 §2, app/utils/working-hours.ts), local to time_zone: days "mon,tue,…", "HH:MM".
    // Null: the company's hours (admin page), so a change there reaches everyone who never chose their own.
    workDays: text("work_days"),
    workStart: text("work_start"),
    workEnd: text("work_end"),
    photoVersion: integer("photo_version").notNull().default(0),
    // A guest is an outside partner who sees only the groups they were added to (app/access/rules.ts).
    role: text("role", { enum: ROLES }).notNull().default("member"),
    // A guest's company, shown as "게스트 · Guest (Company)" wherever their name appears.
    organization: text("organization").notNull().default(""),
    status: text("status", { enum: ["active", "deactivated"] })
      .notNull()
      .default("active"),
    createdAt: createdAt(),
    deactivatedAt: integer("deactivated_at", { mode: "timestamp_ms" }),
    // Set when a site admin fixes name, department and title from the directory (issue #8.1): the person can no
    // longer change them in their settings. Null: they are what the person typed.
    profileLockedAt: integer("profile_locked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_handle_unique").on(t.handle),
    index("users_department_idx").on(t.department, t.name),
  ],
);

// Kept apart from users so that no query over people can ever select a hash by accident.
export const passwords = sqliteTable("passwords", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
});

export const userPhotos = sqliteTable("user_photos", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  webp: blob("webp", { mode: "buffer" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

// lucia's drizzle adapter reads id, user_id and expires_at (seconds).
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedById: integer("invited_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    // A guest invitation (issue #6) creates a guest account in these groups.
    role: text("role", { enum: ["member", "guest"] })
      .notNull()
      .default("member"),
    groupIds: text("group_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
    organization: text("organization").notNull().default(""),
  },
  (t) => [
    uniqueIndex("invitations_token_unique").on(t.tokenHash),
    index("invitations_invited_by_idx").on(t.invitedById),
  ],
);

// A company-domain sign-up waiting for its emailed link (issue #8.1): no account, no handle taken until the
// address is confirmed. One per email: signing up again replaces it; an expired one is simply ignored/deleted.
export const pendingSignups = sqliteTable(
  "pending_signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    handle: text("handle").notNull(),
    name: text("name").notNull(),
    department: text("department").notNull().default(""),
    title: text("title").notNull().default(""),
    locale: text("locale", { enum: ["ko", "en"] }),
    passwordHash: text("password_hash").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("pending_signups_email_unique").on(t.email),
    uniqueIndex("pending_signups_token_unique").on(t.tokenHash),
    index("pending_signups_expires_idx").on(t.expiresAt),
  ],
);

// Password reset links (issue #11 §4): only the SHA-256 of the emailed token is kept; a link works once (the row is
// deleted when it is used) and until expires_at; asking again replaces the person's earlier link.
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("password_resets_token_unique").on(t.tokenHash),
    index("password_resets_user_idx").on(t.userId),
    index("password_resets_expires_idx").on(t.expiresAt),
  ],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    // TOKEN_SCOPES (db/enums.ts), space-separated like OAuth's scope parameter, read and written only through
    // app/access/token-scopes.ts. Tokens made before scopes existed keep the default: read and write, never admin.
    scopes: text("scopes").notNull().default(DEFAULT_TOKEN_SCOPES.join(" ")),
    createdAt: createdAt(),
    // Throttled (app/models/people/api-token.server.ts): at most one write a minute per token, not one a request.
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    // Chosen at creation (issue #12.17); null = never. Past it the token answers 401 `token_expired`, and it no
    // longer counts towards MAX_API_TOKENS.
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

// Groups (issue #6): teams, projects and communities. Who may see what is decided in app/access/rules.ts.
export const groups = sqliteTable(
  "groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: GROUP_VISIBILITIES }).notNull().default("public"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    // An archived group is read-only; its content stays readable by whoever could read it.
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("groups_slug_unique").on(t.slug),
    index("groups_name_idx").on(t.name, t.id),
    index("groups_visibility_idx").on(t.visibility),
    index("groups_created_by_idx").on(t.createdById),
  ],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: GROUP_ROLES }).notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId, t.groupId)],
);

export const groupJoinRequests = sqliteTable(
  "group_join_requests",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_join_requests_user_idx").on(t.userId)],
);

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: POST_KINDS }).notNull().default("update"),
    body: text("body").notNull(),
    html: text("html").notNull(),
    // Roots have replyToId null and threadId = their own id; a reply points at the root of its thread.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- drizzle self-reference: typed any to break the cycle
    replyToId: integer("reply_to_id").references((): any => posts.id, { onDelete: "cascade" }),
    threadId: integer("thread_id"),
    replyCount: integer("reply_count").notNull().default(0),
    // null: company-wide. A reply has its root's group: it inherits the root's audience.
    groupId: integer("group_id").references(() => groups.id),
    createdAt: createdAt(),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    // Questions and answers (issue #9). A question's title (null for every other kind); votes kept as a count
    // here, maintained with post_votes in the same transaction, so reading a page never counts rows; a question's
    // best answer (a direct reply to it; deletePost clears it when that answer goes, since drizzle-kit adds the
    // column without an ON DELETE action).
    title: text("title"),
    voteCount: integer("vote_count").notNull().default(0),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- drizzle self-reference: typed any to break the cycle
    acceptedAnswerId: integer("accepted_answer_id").references((): any => posts.id),
    // When a thread last got a reply (null: none yet), kept by publishPost: a question list's "recent activity"
    // sorts on it or else created_at through posts_questions_activity_idx (issue #9; a CASE, since drizzle-kit
    // splits an index expression at its commas).
    lastReplyAt: integer("last_reply_at", { mode: "timestamp_ms" }),
    // An event's anonymous question kept as a Q&A thread (issue #10 §7, app/models/events/event-archive.server.ts):
    // author_id is then the host who published the archive, never the asker, and every view shows "익명 /
    // Anonymous" instead of the author (the read model, the API, search documents).
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("posts_author_idx").on(t.authorId, t.id),
    index("posts_accepted_answer_idx")
      .on(t.acceptedAnswerId)
      .where(sql`accepted_answer_id is not null`),
    index("posts_thread_idx").on(t.threadId, t.id),
    index("posts_reply_to_idx").on(t.replyToId),
    // The company feed walks roots newest first.
    index("posts_roots_idx")
      .on(t.id)
      .where(sql`reply_to_id is null`),
    // A group's feed walks its roots newest first.
    index("posts_group_roots_idx")
      .on(t.groupId, t.id)
      .where(sql`reply_to_id is null`),
    // Question lists (issue #9, app/models/questions/question-lists.server.ts) walk questions by each sort key.
    index("posts_questions_idx")
      .on(t.id)
      .where(sql`kind = 'question' and reply_to_id is null`),
    index("posts_questions_votes_idx")
      .on(t.voteCount, t.id)
      .where(sql`kind = 'question' and reply_to_id is null`),
    index("posts_questions_activity_idx")
      .on(sql`(case when last_reply_at is null then created_at else last_reply_at end)`, t.id)
      .where(sql`kind = 'question' and reply_to_id is null`),
    // …and a group's questions the same way (its page and ?group=), since a group's share of all questions
    // shrinks as the company grows.
    index("posts_group_questions_idx")
      .on(t.groupId, t.id)
      .where(sql`kind = 'question' and reply_to_id is null`),
    index("posts_group_questions_votes_idx")
      .on(t.groupId, t.voteCount, t.id)
      .where(sql`kind = 'question' and reply_to_id is null`),
    index("posts_group_questions_activity_idx")
      .on(t.groupId, sql`(case when last_reply_at is null then created_at else last_reply_at end)`, t.id)
      .where(sql`kind = 'question' and reply_to_id is null`),
    // Knowledge stats (issue #9 item 7) read the questions asked in a period, the company's or a group's: a
    // range of created_at, so their cost follows the questions of the period, not every question or post. The
    // columns they need ride along (covering), and answers are read from posts_replies_idx the same way: at 1M
    // posts a year's 22k questions took ~1.4 s fetching rows and ~0.1 s from the indexes alone.
    index("posts_questions_created_idx")
      .on(t.createdAt, t.groupId, t.authorId, t.acceptedAnswerId)
      .where(sql`kind = 'question' and reply_to_id is null`),
    index("posts_group_questions_created_idx")
      .on(t.groupId, t.createdAt, t.authorId, t.acceptedAnswerId)
      .where(sql`kind = 'question' and reply_to_id is null`),
    index("posts_replies_idx")
      .on(t.replyToId, t.createdAt, t.authorId)
      .where(sql`reply_to_id is not null`),
    // The home feed takes the newest roots of each followed person.
    index("posts_author_roots_idx")
      .on(t.authorId, t.id)
      .where(sql`reply_to_id is null`),
  ],
);

// One vote per person per question or answer (issue #9); posts.vote_count is their count.
export const postVotes = sqliteTable(
  "post_votes",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("post_votes_user_idx").on(t.userId)],
);

// "Ask someone" (issue #9 item 4): the people a question's asker asked for an answer — up to five per question,
// each someone who may see it. Kept apart from mentions (which follow the body and are rewritten on every edit);
// the notifications of issue #11 and the "asked of me" list read it by person.
export const answerRequests = sqliteTable(
  "answer_requests",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.userId] }),
    index("answer_requests_user_idx").on(t.userId, t.questionId),
  ],
);

// Up to five pinned posts per group (issue #6).
export const groupPins = sqliteTable(
  "group_pins",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    pinnedById: integer("pinned_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.postId] }),
    uniqueIndex("group_pins_post_unique").on(t.postId),
    index("group_pins_pinned_by_idx").on(t.pinnedById),
  ],
);

// Announcements (issue #11 §3, app/models/posts/announcements.server.ts, docs/decisions/0009-announcements.md): the
// facts of a post of kind 'announcement' beyond the post itself. Its audience is the company's employees (no group)
// or its group's members. One that requires acknowledgement stays pinned for each of them until they acknowledge
// it; one that does not is pinned until pinned_until (7 days) or until they dismiss it. urgent is recorded with its
// reason in audit_log; reminded_at is when those who had not acknowledged were last reminded.
export const announcements = sqliteTable(
  "announcements",
  {
    postId: integer("post_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    requiresAck: integer("requires_ack", { mode: "boolean" }).notNull().default(false),
    urgent: integer("urgent", { mode: "boolean" }).notNull().default(false),
    pinnedUntil: integer("pinned_until", { mode: "timestamp_ms" }),
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  // Reminders walk the announcements that require acknowledgement and were not reminded yet, oldest first.
  (t) => [
    index("announcements_reminders_idx")
      .on(t.createdAt)
      .where(sql`requires_ack = 1 and reminded_at is null`),
  ],
);

// Who acknowledged an announcement ("seen by"), or dismissed one that needs no acknowledgement: one row per person.
export const announcementAcks = sqliteTable(
  "announcement_acks",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => announcements.postId, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("announcement_acks_user_idx").on(t.userId, t.postId)],
);

// How many posts use a hashtag, per audience (groupId 0: company-wide), so that a viewer's count is the sum
// over what they may read and never reveals that private posts exist.
export const hashtagCounts = sqliteTable(
  "hashtag_counts",
  {
    hashtagId: integer("hashtag_id")
      .notNull()
      .references(() => hashtags.id, { onDelete: "cascade" }),
    groupId: integer("group_id").notNull(),
    postCount: integer("post_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hashtagId, t.groupId] }), index("hashtag_counts_group_idx").on(t.groupId)],
);

// The domain-event log (issue #6, app/events/domain-events.server.ts): what changed, in order, written in the
// same transaction as the change, stamped with who may learn of it (JSON array of scopes).
export const domainEvents = sqliteTable("domain_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  type: text("type").notNull(),
  audience: text("audience").notNull(),
  data: text("data").notNull(),
  createdAt: createdAt(),
});

// Company-wide settings that admins change at run time.
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// Company holidays (issue #11 §2): local dates on which nobody's working period starts, so quiet delivery holds
// notifications over 설날 and 추석. Admins add and remove them on the admin page.
export const companyHolidays = sqliteTable("company_holidays", {
  date: text("date").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

// Search synonyms (issue #13 item 5): groups of terms that mean the same at work (배포 = deploy = release), which both
// search engines apply (search/synonyms.ts). The shipped dictionary (search/synonyms-default.ts) is written here on
// first use; admins then edit it on /admin/synonyms or with `sori search:synonyms import`. Every change bumps the
// settings row "search.synonymsVersion" in the same transaction, which each worker compares before a search.
export const synonymGroups = sqliteTable("synonym_groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** A JSON array of two or more normalised terms (search/text.ts normalizeText); a term is in one group only. */
  terms: text("terms").notNull(),
  createdAt: createdAt(),
});

export const postRevisions = sqliteTable(
  "post_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("post_revisions_post_idx").on(t.postId, t.id)],
);

export const hashtags = sqliteTable(
  "hashtags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    postCount: integer("post_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("hashtags_name_unique").on(t.name)],
);

export const postHashtags = sqliteTable(
  "post_hashtags",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    hashtagId: integer("hashtag_id")
      .notNull()
      .references(() => hashtags.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.hashtagId, t.postId] }),
    index("post_hashtags_post_idx").on(t.postId),
    index("post_hashtags_created_idx").on(t.createdAt, t.hashtagId),
  ],
);

export const mentions = sqliteTable(
  "mentions",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("mentions_user_idx").on(t.userId, t.postId)],
);

export { REACTION_KINDS, type ReactionKind } from "./enums";

export const reactions = sqliteTable(
  "reactions",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REACTION_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId, t.kind] }), index("reactions_user_idx").on(t.userId)],
);

export const follows = sqliteTable(
  "follows",
  {
    followerId: integer("follower_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    followeeId: integer("followee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.followerId, t.followeeId] }), index("follows_followee_idx").on(t.followeeId)],
);

export const hashtagFollows = sqliteTable(
  "hashtag_follows",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    hashtagId: integer("hashtag_id")
      .notNull()
      .references(() => hashtags.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.hashtagId] }), index("hashtag_follows_hashtag_idx").on(t.hashtagId)],
);

// Live events (issue #10 §2–3, docs/decisions/0006-events.md): a town hall or a seminar, company-wide (group null)
// or in one group, whose access rule is its group's. `state` is what the host did (upcoming until started, live,
// ended); the state people see also follows the schedule (app/models/events/event-state.ts).
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    descriptionHtml: text("description_html").notNull().default(""),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    state: text("state", { enum: EVENT_STATES }).notNull().default("upcoming"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    // The join code of /e/CODE: short, unique, from an alphabet without look-alikes.
    code: text("code").notNull(),
    // Questions may be asked before the start from this time (null: only once it is live).
    questionsOpenAt: integer("questions_open_at", { mode: "timestamp_ms" }),
    anonymousQuestions: integer("anonymous_questions", { mode: "boolean" }).notNull().default(false),
    preModeration: integer("pre_moderation", { mode: "boolean" }).notNull().default(false),
    comments: integer("comments", { mode: "boolean" }).notNull().default(true),
    hostsSeeAnonymous: integer("hosts_see_anonymous", { mode: "boolean" }).notNull().default(false),
    // The current segment (agenda item or slide) for issue #10 §4; null until the host sets one.
    segment: integer("segment"),
    // When the current segment began, and how long after a change a comment or question may still claim the
    // segment before it (issue #10 §4: a remote attendee's delayed comment attaches to the slide it was about).
    segmentChangedAt: integer("segment_changed_at", { mode: "timestamp_ms" }),
    segmentGraceSeconds: integer("segment_grace_seconds").notNull().default(20),
    // The archive (issue #10 §7, app/models/events/event-archive.server.ts): when the ended event's answered
    // questions became Q&A threads and its summary post was written (null: not yet), and that post. Set once, in
    // the same transaction, so ending twice or a restart writes nothing twice.
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    summaryPostId: integer("summary_post_id").references(() => posts.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("events_code_unique").on(t.code),
    index("events_starts_at_idx").on(t.startsAt, t.id),
    index("events_group_idx").on(t.groupId, t.startsAt),
    index("events_created_by_idx").on(t.createdById),
    index("events_summary_post_idx").on(t.summaryPostId),
  ],
);

// Who runs an event besides the audience: hosts (start, end, answer, settings) and moderators (the queue).
export const eventRoles = sqliteTable(
  "event_roles",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: EVENT_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("event_roles_user_idx").on(t.userId, t.eventId)],
);

// An event's open Q&A (issue #10 §3). author_id is always stored (bans, "mine", the audited reveal) but never
// leaves the model for an anonymous question unless the event lets hosts see it (app/models/events/questions).
export const eventQuestions = sqliteTable(
  "event_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    body: text("body").notNull(),
    status: text("status", { enum: EVENT_QUESTION_STATUSES }).notNull(),
    dismissReason: text("dismiss_reason"),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    starred: integer("starred", { mode: "boolean" }).notNull().default(false),
    // A duplicate merged into another question: hidden, its votes counted on the target.
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => eventQuestions.id, {
      onDelete: "set null",
    }),
    voteCount: integer("vote_count").notNull().default(0),
    answer: text("answer"),
    answeredById: integer("answered_by_id").references(() => users.id, { onDelete: "set null" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    // When it was first shown to the audience (approved, or asked without pre-moderation): a later dismissal is
    // then news to everyone; a pending question dismissed was never anyone's but its asker's and the moderators'.
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    // The segment showing when it was asked (issue #10 §4, later); null without segments.
    segment: integer("segment"),
    createdAt: createdAt(),
    // The Q&A thread (a question post) this answered question became when the event was archived (§7).
    postId: integer("post_id").references(() => posts.id, { onDelete: "set null" }),
  },
  (t) => [
    index("event_questions_post_idx").on(t.postId),
    index("event_questions_top_idx").on(t.eventId, t.status, t.voteCount, t.createdAt),
    index("event_questions_recent_idx").on(t.eventId, t.createdAt),
    index("event_questions_author_idx").on(t.authorId, t.eventId),
    index("event_questions_merged_idx").on(t.mergedIntoId),
    index("event_questions_answered_by_idx").on(t.answeredById),
  ],
);

// One vote per person per event question; event_questions.vote_count is their count.
export const eventQuestionVotes = sqliteTable(
  "event_question_votes",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => eventQuestions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] }), index("event_question_votes_user_idx").on(t.userId)],
);

// Attendees' replies under an event question (issue #10 §3): short, plain text, always by name.
export const eventQuestionReplies = sqliteTable(
  "event_question_replies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    questionId: integer("question_id")
      .notNull()
      .references(() => eventQuestions.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("event_question_replies_question_idx").on(t.questionId, t.createdAt),
    index("event_question_replies_author_idx").on(t.authorId),
  ],
);

// People banned from taking part in an event: their questions and replies are hidden, and they cannot add more.
export const eventBans = sqliteTable(
  "event_bans",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bannedById: integer("banned_by_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("event_bans_user_idx").on(t.userId)],
);

// Every segment change of an event (issue #10 §4, app/models/events/event-segments.server.ts): the host showed
// segment `segment` (agenda item or slide) titled `title` from started_at. events.segment is the latest; these
// rows are what the grace window and the after-the-event view by segment read.
export const eventSegments = sqliteTable(
  "event_segments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    segment: integer("segment").notNull(),
    title: text("title").notNull().default(""),
    startedById: integer("started_by_id").references(() => users.id, { onDelete: "set null" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("event_segments_event_idx").on(t.eventId, t.startedAt),
    index("event_segments_started_by_idx").on(t.startedById),
  ],
);

// Live comments beside the talk (issue #10 §4, app/models/events/event-comments.server.ts): ≤ 500 characters,
// rendered once at write time (restricted Markdown), stamped with the segment showing when they were written.
export const eventComments = sqliteTable(
  "event_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    html: text("html").notNull(),
    segment: integer("segment"),
    createdAt: createdAt(),
  },
  (t) => [
    index("event_comments_event_idx").on(t.eventId, t.id),
    index("event_comments_segment_idx").on(t.eventId, t.segment, t.id),
    index("event_comments_author_idx").on(t.authorId),
  ],
);

// Reactions on live comments (issue #10 §4), as on posts: one row per person, comment and kind.
export const eventCommentReactions = sqliteTable(
  "event_comment_reactions",
  {
    commentId: integer("comment_id")
      .notNull()
      .references(() => eventComments.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REACTION_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.commentId, t.userId, t.kind] }),
    index("event_comment_reactions_user_idx").on(t.userId),
  ],
);

// An event's polls (issue #10 §6, app/models/events/event-polls.server.ts): options as a JSON array of strings.
export const eventPolls = sqliteTable(
  "event_polls",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    question: text("question").notNull(),
    options: text("options").notNull(),
    multiple: integer("multiple", { mode: "boolean" }).notNull().default(false),
    // Results seen only by the hosts until the poll closes.
    hideResults: integer("hide_results", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: EVENT_POLL_STATUSES }).notNull().default("draft"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    openedAt: integer("opened_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("event_polls_event_idx").on(t.eventId, t.id), index("event_polls_created_by_idx").on(t.createdById)],
);

// One response per person per poll: a row per chosen option (one for a single-choice poll), replaced as a whole
// when the person changes their answer while the poll is open.
export const eventPollVotes = sqliteTable(
  "event_poll_votes",
  {
    pollId: integer("poll_id")
      .notNull()
      .references(() => eventPolls.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    option: integer("option").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.pollId, t.userId, t.option] }),
    index("event_poll_votes_option_idx").on(t.pollId, t.option),
    index("event_poll_votes_user_idx").on(t.userId),
  ],
);

// Actions that need a record of who did what and why (issue #10: revealing an anonymous asker, banning from an
// event). Append-only; read by site admins.
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: integer("subject_id").notNull(),
    reason: text("reason").notNull().default(""),
    data: text("data").notNull().default("{}"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId, t.createdAt),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

// In-app notifications (issue #11 §1, app/models/notifications, app/events/consumers/notifications.server.ts): one
// row per recipient, kind and target — a post (a mention, a reaction, a vote milestone, a best answer), a thread
// (replies, answers, a request to answer) or a group (join requests, being added) — updated by later activity
// rather than duplicated. Written only by the notifications consumer of the domain-event log; last_event_id makes
// a replay of the log a no-op. A read row that gets new activity starts a new group ("5 new replies" counts
// since it was read). deliver_after holds a row made outside its person's working hours (§2: listed, not counted
// or pushed until then; null once released); emailed_at is the seam of email (§4).
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    // "post:<id>" or "group:<id>": what the row groups on (unique with the recipient and kind).
    targetKey: text("target_key").notNull(),
    postId: integer("post_id").references(() => posts.id, { onDelete: "cascade" }),
    threadId: integer("thread_id").references(() => posts.id, { onDelete: "cascade" }),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    actorCount: integer("actor_count").notNull().default(0),
    // What happened since the group started: replies or answers counted, a vote milestone reached.
    count: integer("count").notNull().default(0),
    unread: integer("unread", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    firstEventId: integer("first_event_id").notNull(),
    lastEventId: integer("last_event_id").notNull(),
    deliverAfter: integer("deliver_after", { mode: "timestamp_ms" }),
    emailedAt: integer("emailed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("notifications_target_unique").on(t.userId, t.kind, t.targetKey),
    index("notifications_recent_idx").on(t.userId, t.updatedAt, t.id),
    index("notifications_unread_idx")
      .on(t.userId, t.updatedAt, t.id)
      .where(sql`unread = 1`),
    index("notifications_post_idx").on(t.postId),
    index("notifications_thread_idx").on(t.threadId, t.userId),
    index("notifications_group_idx").on(t.groupId, t.userId),
    // Quiet delivery's release walks the rows held until a time that has come (few: only those still held).
    index("notifications_held_idx")
      .on(t.deliverAfter)
      .where(sql`deliver_after is not null`),
  ],
);

// Who did what a notification groups (distinct people: actor_count is their number; the newest are named).
export const notificationActors = sqliteTable(
  "notification_actors",
  {
    notificationId: integer("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: integer("event_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.userId] }),
    index("notification_actors_recent_idx").on(t.notificationId, t.eventId),
    index("notification_actors_user_idx").on(t.userId),
  ],
);

// A person's choice per kind (no row: in_app). "email" is honoured by the email sender of issue #11 §4.
export const notificationSettings = sqliteTable(
  "notification_settings",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

// The email digest (issue #11 §4): a person's frequency and when their next digest is due (the start of a working
// period, app/utils/working-hours.ts). No row yet: the default frequency, scheduled by the sender when it first
// looks. next_at null: to be scheduled (a new row, or the frequency just changed).
export const emailDigests = sqliteTable(
  "email_digests",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    frequency: text("frequency", { enum: DIGEST_FREQUENCIES }).notNull(),
    nextAt: integer("next_at", { mode: "timestamp_ms" }),
    lastSentAt: integer("last_sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("email_digests_next_idx").on(t.nextAt)],
);

// Muted threads and groups: their activity notifies nobody who muted them (direct addresses still do).
export const threadMutes = sqliteTable(
  "thread_mutes",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] }), index("thread_mutes_thread_idx").on(t.threadId)],
);

export const groupMutes = sqliteTable(
  "group_mutes",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] }), index("group_mutes_group_idx").on(t.groupId)],
);

export type User = typeof users.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type Hashtag = typeof hashtags.$inferSelect;

// Where each consumer of domain_events is (app/events/consumer.server.ts): the last event it has fully handled,
// advanced only after its work was acknowledged, and a backoff after a failure.
export const eventConsumers = sqliteTable("event_consumers", {
  name: text("name").primaryKey(),
  lastEventId: integer("last_event_id").notNull().default(0),
  attempts: integer("attempts").notNull().default(0),
  availableAt: integer("available_at").notNull().default(0),
  lastError: text("last_error"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

// Bulk rebuilds for the search consumer that are not changes themselves (reindexAll, a renamed author's posts, a
// group's posts after its visibility changed): drained after the events, deleted once the engine has them.
export const searchBacklog = sqliteTable(
  "search_backlog",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entity: text("entity", { enum: ["post", "user", "hashtag", "group"] }).notNull(),
    entityId: integer("entity_id").notNull(),
    createdAt: createdAt(),
    attempts: integer("attempts").notNull().default(0),
    availableAt: integer("available_at").notNull().default(0),
  },
  (t) => [index("search_backlog_available_idx").on(t.availableAt, t.id)],
);

// Event consumers' leases (issue #3, docs/decisions/0001-search.md): one process at a time consumes (the search
// consumer's row is "search"): it holds this lease (renewed per batch, taken over when it expires or its
// process is gone), so two drains never write the same document out of order.
export const searchLeases = sqliteTable("search_leases", {
  name: text("name").primaryKey(),
  owner: text("owner").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

// The author name and handle last indexed for each person: when they change, that person's posts (which carry
// them) are queued for reindexing.
export const searchIndexedAuthors = sqliteTable("search_indexed_authors", {
  userId: integer("user_id").primaryKey(),
  handle: text("handle").notNull(),
  name: text("name").notNull(),
});

// The embedded engine's own tables (search_post_docs, search_post_fts, …) are FTS5 virtual tables and their
// companions, created by the custom migration 0002_search_fts.sql: drizzle-kit cannot describe FTS5, and only
// search/sqlite-fts.ts reads or writes them.
