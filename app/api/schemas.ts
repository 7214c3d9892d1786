// Schemas made elsewhere (the models' PostBodySchema, GroupSlugSchema…) were built before zod was extended with
// `.openapi()`, so they take zod's own `.describe()`; the rest use `.openapi()` for names and examples.
//
// The API's objects, defined once in zod: the same schemas validate requests, type the handlers' responses and
// produce the OpenAPI document (GET /api/v1/openapi.json). The `…ToJson` functions shape the domain's views into
// them; their return types are checked against the schemas, so the document cannot drift from what is sent.
import { z } from "@hono/zod-openapi";
import type { FeedPage, PostView } from "#app/models/feeds/feed.server";
import type { GroupView, MemberView } from "#app/models/groups/group.server";
import { GroupPatchSchema, GroupSlugSchema, NewGroupSchema } from "#app/models/groups/group.server";
import { PostKindSchema } from "#app/models/posts/post.server";
import {
  StatsDepartmentSchema,
  TOP_ANSWERERS,
  UNANSWERED_LIST_SIZE,
  type KnowledgeStats,
} from "#app/models/questions/knowledge-stats.server";
import { STATS_PERIODS, UNANSWERED_AFTER_DAYS } from "#app/utils/knowledge-stats";
import { QUESTION_MINE, QUESTION_SORTS, QUESTION_STATUSES } from "#app/utils/question-lists";
import { EmailSchema, HandleSchema, PostBodySchema, QuestionTitleSchema, typeErrors } from "#app/utils/validation";
import { GROUP_VISIBILITIES, NOTIFICATION_KINDS, POST_KINDS, REACTION_KINDS, ROLES } from "#db/enums";
import { MAX_MARK_IDS, NOTIFICATION_FILTERS } from "#app/models/notifications/notifications.server";

const DateTime = z.string().openapi({ format: "date-time", example: "2026-11-22T02:12:20.153Z" });
const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());
/** A body that is not an object at all is a bad request, not a list of field errors. */
const bodyErrors = typeErrors("error.badRequest", "error.badRequest");

// ---------------------------------------------------------------------------
// Errors and pages
// ---------------------------------------------------------------------------

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string().openapi({ description: "In the token owner's language (Korean or English)." }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .openapi({ description: "A message per invalid field, when the request had any." }),
    }),
  })
  .openapi("Error");

export const NextCursor = z
  .string()
  .nullable()
  .openapi({ description: "Pass as `cursor` for the next page; null on the last page." });

/** `?cursor=` and `?limit=` (1..100) of a list endpoint; the models validate the cursor itself. */
export const PageQuerySchema = z.object({
  cursor: z.string().optional().openapi({ description: "`next_cursor` of the previous page." }),
  limit: z
    .preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ error: "error.invalid" })
        .int("error.invalid")
        .min(1, "error.invalid")
        .max(100, "error.invalid")
        .optional(),
    )
    .openapi({ type: "integer", minimum: 1, maximum: 100, description: "Page size; 20 when omitted." }),
});

// ---------------------------------------------------------------------------
// Posts
// ---------------------------------------------------------------------------

const AuthorSchema = z
  .object({
    handle: z.string(),
    name: z.string(),
    department: z.string(),
    title: z.string(),
    guest: z.boolean(),
    organization: z.string().optional().openapi({ description: "A guest's organization; only for guests." }),
  })
  .openapi("Author");

export const PostSchema = z
  .object({
    id: z.number().int(),
    author: AuthorSchema.nullable().openapi({
      description: "Who wrote it; null for an anonymous post (an event's anonymous question kept as a Q&A thread).",
    }),
    anonymous: z.boolean().openapi({ description: "Asked anonymously at an event: no author is ever given." }),
    kind: z.enum(POST_KINDS),
    group: z
      .object({ slug: z.string(), name: z.string(), visibility: z.enum(GROUP_VISIBILITIES) })
      .nullable()
      .openapi({ description: "The group it was posted in; null for the company feed." }),
    body: z.string().openapi({ description: "Markdown as written." }),
    html: z.string().openapi({ description: "The body rendered and sanitised." }),
    hashtags: z.array(z.string()),
    mentions: z.array(z.string()).openapi({ description: "Handles of the people mentioned." }),
    reply_to_id: z.number().int().nullable(),
    thread_id: z.number().int(),
    reply_count: z.number().int(),
    reactions: z.object(
      Object.fromEntries(REACTION_KINDS.map((k) => [k, z.number().int()])) as Record<
        (typeof REACTION_KINDS)[number],
        z.ZodNumber
      >,
    ),
    my_reactions: z.array(z.enum(REACTION_KINDS)),
    created_at: DateTime,
    edited_at: DateTime.nullable(),
    title: z.string().nullable().openapi({ description: "A question's title; null for every other kind." }),
    votes: z.number().int().openapi({ description: "Votes on a question or an answer; 0 for other posts." }),
    voted_by_me: z.boolean(),
    answer_count: z
      .number()
      .int()
      .optional()
      .openapi({ description: "Only for a question: its answers (the replies in its thread)." }),
    accepted_answer_id: z
      .number()
      .int()
      .nullable()
      .optional()
      .openapi({ description: "Only for a question: its best answer, or null." }),
    is_accepted: z
      .boolean()
      .optional()
      .openapi({ description: "Only for an answer (a reply to a question): whether it is the best answer." }),
    announcement: z
      .object({
        requires_ack: z.boolean(),
        urgent: z.boolean(),
        acknowledged_by_me: z.boolean().openapi({
          description: "The caller acknowledged it (or dismissed it, when no acknowledgement is asked).",
        }),
      })
      .optional()
      .openapi({ description: "Only for an announcement (issue #11 §3)." }),
    accepted_answer: z
      .object({
        id: z.number().int(),
        author: z.object({ handle: z.string(), name: z.string() }),
        excerpt: z.string().openapi({ description: "The start of its text (plain text, at most 280 characters)." }),
        votes: z.number().int(),
      })
      .nullable()
      .optional()
      .openapi({ description: "Only for a question: its best answer as a card shows it, or null." }),
    asked: z
      .array(z.object({ handle: z.string(), name: z.string() }))
      .optional()
      .openapi({ description: "Only for a question: the people its asker asked for an answer." }),
  })
  .openapi("Post");

export type PostJson = z.infer<typeof PostSchema>;

export function postToJson(post: PostView): PostJson {
  return {
    id: post.id,
    author: post.anonymous
      ? null
      : {
          handle: post.author.handle,
          name: post.author.name,
          department: post.author.department,
          title: post.author.title,
          guest: post.author.guest,
          ...(post.author.guest ? { organization: post.author.organization } : {}),
        },
    anonymous: post.anonymous,
    kind: post.kind,
    group: post.group ? { slug: post.group.slug, name: post.group.name, visibility: post.group.visibility } : null,
    body: post.body,
    html: post.html,
    hashtags: post.hashtags,
    mentions: post.mentions,
    reply_to_id: post.replyToId,
    thread_id: post.threadId,
    reply_count: post.replyCount,
    // Every kind is present so clients need not treat a missing key as zero.
    reactions: Object.fromEntries(
      REACTION_KINDS.map((kind) => [kind, post.reactions[kind] ?? 0]),
    ) as PostJson["reactions"],
    my_reactions: post.myReactions,
    created_at: iso(post.createdAt)!,
    edited_at: iso(post.editedAt),
    title: post.title,
    votes: post.votes,
    voted_by_me: post.votedByMe,
    ...(post.kind === "question" && post.replyToId == null
      ? {
          answer_count: post.replyCount,
          accepted_answer_id: post.acceptedAnswerId,
          accepted_answer: post.acceptedAnswer,
          asked: post.askedOf,
        }
      : {}),
    ...(post.isAnswer ? { is_accepted: post.isAccepted } : {}),
    ...(post.announcement
      ? {
          announcement: {
            requires_ack: post.announcement.requiresAck,
            urgent: post.announcement.urgent,
            acknowledged_by_me: post.announcement.acknowledged,
          },
        }
      : {}),
  };
}

export const FeedSchema = z.object({ data: z.array(PostSchema), next_cursor: NextCursor }).openapi("PostPage");

export function feedToJson(page: FeedPage): z.infer<typeof FeedSchema> {
  return { data: page.posts.map(postToJson), next_cursor: page.nextCursor };
}

/** `GET /api/v1/questions` (issue #9): the question lists' filters; a page is a PostPage of questions. */
export const QuestionListQuerySchema = PageQuerySchema.extend({
  status: z.enum(QUESTION_STATUSES, { error: "error.invalid" }).optional().openapi({
    description:
      "`unanswered` (no answers), `unresolved` (answers but no best answer), `answered` (a best answer) or `all` (default).",
  }),
  sort: z
    .enum(QUESTION_SORTS, { error: "error.invalid" })
    .optional()
    .openapi({ description: "`newest` (default), `votes` (most first) or `activity` (newest answer first)." }),
  group: GroupSlugSchema.optional().openapi({ description: "Only this group's questions (slug)." }),
  hashtag: z.string().optional().openapi({ description: "Only questions with this hashtag (with or without '#')." }),
  mine: z.enum(QUESTION_MINE, { error: "error.invalid" }).optional().openapi({
    description:
      "`asked`: the caller's questions; `answerable`: questions in the caller's groups or with a hashtag they follow, not theirs, without a best answer; `requested`: questions whose askers asked the caller for an answer.",
  }),
});

// Handles asked to answer a question: bounded here (a request is small); the model says which are wrong and why.
const AskHandlesSchema = z
  .array(z.string({ error: "error.invalid" }).max(41, "error.tooLong"), { error: "error.invalid" })
  .max(20, "error.tooLong");

export const NewPostSchema = z
  .object(
    {
      body: PostBodySchema.describe("Markdown, at most 10,000 characters."),
      reply_to_id: z
        .number({ error: "error.invalid" })
        .int("error.invalid")
        .positive("error.invalid")
        .nullish()
        .openapi({ description: "Makes it a reply in that post's thread (it inherits the thread's group)." }),
      group: GroupSlugSchema.nullish().describe("Slug of a group the caller may post in."),
      kind: PostKindSchema.optional().describe("`update` when omitted."),
      title: QuestionTitleSchema.nullish().describe(
        "A question's title, at most 150 characters: required with `kind: question`, refused otherwise.",
      ),
      ask: AskHandlesSchema.optional().describe(
        "Only with `kind: question`: handles of up to 5 colleagues asked to answer (each must be able to see it).",
      ),
      requires_ack: z.boolean({ error: "error.invalid" }).optional().openapi({
        description:
          "Only with `kind: announcement`: it stays pinned for everyone in its audience until they acknowledge it.",
      }),
      urgent: z.boolean({ error: "error.invalid" }).optional().openapi({
        description:
          "Only with `kind: announcement`, admins only: notifies at once, even outside working hours; needs `urgent_reason`, recorded in the audit log.",
      }),
      urgent_reason: z
        .string({ error: "error.invalid" })
        .max(500, "error.invalid")
        .optional()
        .openapi({ description: "Why it is urgent (required with `urgent: true`)." }),
    },
    bodyErrors,
  )
  .openapi("NewPost");

/** `POST /api/v1/posts/{id}/ask` (issue #9 item 4): whom the asker asks for an answer. */
export const AskSchema = z
  .object(
    { handles: AskHandlesSchema.describe("Handles, with or without `@`; up to 5 per question in all.") },
    bodyErrors,
  )
  .openapi("AskSomeone");

export const EditPostSchema = z
  .object(
    {
      body: PostBodySchema,
      title: QuestionTitleSchema.optional().describe(
        "Only on a question: its new title (1–150 characters); left as it is when omitted.",
      ),
    },
    bodyErrors,
  )
  .openapi("EditPost");

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

type ProfileLike = {
  handle: string;
  name: string;
  department: string;
  title: string;
  bio: string;
  followers: number;
  following: number;
  postCount: number;
};

export const UserSchema = z
  .object({
    handle: z.string(),
    name: z.string(),
    department: z.string(),
    title: z.string(),
    bio: z.string(),
    followers: z.number().int(),
    following: z.number().int(),
    posts: z.number().int().openapi({ description: "Posts the caller may see." }),
  })
  .openapi("User");

/** The public user object; an email address is never part of it (see /me). */
export function userToJson(user: ProfileLike): z.infer<typeof UserSchema> {
  return {
    handle: user.handle,
    name: user.name,
    department: user.department,
    title: user.title,
    bio: user.bio,
    followers: user.followers,
    following: user.following,
    posts: user.postCount,
  };
}

export const MeSchema = UserSchema.extend({
  email: z.string(),
  role: z.enum(ROLES),
  locale: z.string().nullable(),
  time_zone: z.string(),
  scopes: z.array(z.string()).openapi({ description: "What the token in use may do: read, write, admin." }),
}).openapi("Me");

// ---------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------

export const GroupSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: z.enum(GROUP_VISIBILITIES),
    archived: z.boolean(),
    member_count: z.number().int(),
    my_role: z.enum(["admin", "member"]).nullable(),
    join_requested: z.boolean(),
    can: z
      .object({
        read: z.boolean(),
        post: z.boolean(),
        edit: z.boolean(),
        manage: z.boolean(),
        join: z.boolean(),
        leave: z.boolean(),
      })
      .openapi({ description: "What the caller may do with the group, decided by the access rule." }),
  })
  .openapi("Group");

/** The group object (issue #6): what the caller may do with it is in `can`, decided by app/access. */
export function groupToJson(group: GroupView): z.infer<typeof GroupSchema> {
  return {
    slug: group.slug,
    name: group.name,
    description: group.description,
    visibility: group.visibility,
    archived: group.archived,
    member_count: group.memberCount,
    my_role: group.myRole,
    join_requested: group.requested,
    can: group.can,
  };
}

export const GroupEnvelope = z.object({ group: GroupSchema });
export const GroupPageSchema = z.object({ data: z.array(GroupSchema), next_cursor: NextCursor }).openapi("GroupPage");

export const CreateGroupSchema = z.object(NewGroupSchema.shape, bodyErrors).openapi("NewGroup");

export const PatchGroupSchema = z
  .object(
    {
      ...GroupPatchSchema.shape,
      archived: z.boolean({ error: "error.invalid" }).optional(),
    },
    bodyErrors,
  )
  .refine((p) => Object.values(p).some((v) => v !== undefined), "error.badRequest")
  .openapi("GroupPatch");

const FlagSchema = z.enum(["", "0", "1", "false", "true"], { error: "error.invalid" });
export const GroupListQuerySchema = PageQuerySchema.extend({
  mine: FlagSchema.optional().openapi({ description: "`1` or `true`: only the caller's groups." }),
  q: z.string().max(200, "error.tooLong").optional().openapi({ description: "Part of the group's name." }),
});

export const MemberSchema = z
  .object({
    handle: z.string(),
    name: z.string(),
    department: z.string(),
    title: z.string(),
    role: z.enum(["admin", "member"]),
    guest: z.boolean(),
    organization: z.string().optional(),
  })
  .openapi("Member");

export function memberToJson(m: MemberView): z.infer<typeof MemberSchema> {
  return {
    handle: m.handle,
    name: m.name,
    department: m.department,
    title: m.title,
    role: m.role,
    guest: m.guest,
    ...(m.guest ? { organization: m.organization } : {}),
  };
}

export const MemberPageSchema = z.object({ data: z.array(MemberSchema), next_cursor: NextCursor });

const MAX_BATCH = 500;
export const AddMembersSchema = z
  .object(
    {
      handle: HandleSchema.optional(),
      email: EmailSchema.optional(),
      handles: z.array(HandleSchema, { error: "error.invalid" }).max(MAX_BATCH, "error.tooLong").optional(),
      emails: z.array(EmailSchema, { error: "error.invalid" }).max(MAX_BATCH, "error.tooLong").optional(),
      role: z.enum(["member", "admin"], { error: "error.invalid" }).default("member"),
    },
    bodyErrors,
  )
  .refine(
    (b) => (b.handle ? 1 : 0) + (b.email ? 1 : 0) + (b.handles?.length ?? 0) + (b.emails?.length ?? 0) > 0,
    "error.required",
  )
  .refine(
    (b) => (b.handle ? 1 : 0) + (b.email ? 1 : 0) + (b.handles?.length ?? 0) + (b.emails?.length ?? 0) <= MAX_BATCH,
    "error.tooLong",
  )
  .openapi("AddMembers", { description: "Who to add: any of handle, email, handles, emails (at most 500 in all)." });

export const AddMembersResultSchema = z.object({
  added: z.array(z.string()),
  already: z.array(z.string()),
  not_found: z.array(z.string()),
});

export const RoleSchema = z
  .object({ role: z.enum(["member", "admin"], { error: "error.invalid" }) }, bodyErrors)
  .openapi("MemberRole");

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

const Snippet = z.string().openapi({ description: "The matching text with <mark> around what matched." });
const SearchMeta = {
  total: z.number().int(),
  total_exact: z.boolean(),
  next_cursor: NextCursor,
  did_you_mean: z
    .string()
    .nullable()
    .openapi({
      description:
        "When nothing was found: the query with misspelt words corrected, if that finds posts the caller may see " +
        "(issue #13); otherwise null.",
      example: "deploy",
    }),
};

export const SearchResultSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("posts"), ...SearchMeta, data: z.array(PostSchema.extend({ snippet: Snippet })) }),
    // Questions (issue #9): posts of kind "question", with their title, votes and best answer.
    z.object({ type: z.literal("questions"), ...SearchMeta, data: z.array(PostSchema.extend({ snippet: Snippet })) }),
    z.object({
      type: z.literal("people"),
      ...SearchMeta,
      data: z.array(
        z.object({
          handle: z.string(),
          name: z.string(),
          department: z.string(),
          title: z.string(),
          guest: z.boolean(),
          organization: z.string().optional(),
          snippet: Snippet,
        }),
      ),
    }),
    z.object({
      type: z.literal("hashtags"),
      ...SearchMeta,
      data: z.array(z.object({ name: z.string(), post_count: z.number().int(), snippet: Snippet })),
    }),
    z.object({
      type: z.literal("groups"),
      ...SearchMeta,
      data: z.array(
        z.object({
          slug: z.string(),
          name: z.string(),
          description: z.string(),
          visibility: z.enum(GROUP_VISIBILITIES),
          member_count: z.number().int(),
          snippet: Snippet,
        }),
      ),
    }),
  ])
  .openapi("SearchPage");

// ---------------------------------------------------------------------------
// Knowledge stats (issue #9 item 7)
// ---------------------------------------------------------------------------

/** `GET /api/v1/questions/stats`: the period, and the scope (the company's when neither group nor department). */
export const KnowledgeStatsQuerySchema = z.object({
  days: z
    .preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ error: "knowledgeStats.badPeriod" })
        .refine((n) => (STATS_PERIODS as readonly number[]).includes(n), "knowledgeStats.badPeriod")
        .optional(),
    )
    .openapi({ type: "integer", enum: [...STATS_PERIODS], description: "The last 30, 90 (default) or 365 days." }),
  group: GroupSlugSchema.optional().openapi({
    description: "Only this group's questions (slug): for its admins, and site admins who may read it.",
  }),
  department: StatsDepartmentSchema.describe(
    "Only questions asked by people of this department (as their profiles name it): site admins only.",
  ),
});

const StatsGroupSchema = z.object({ slug: z.string(), name: z.string() });
const StatsWait = (what: string) =>
  z
    .number()
    .int()
    .nullable()
    .openapi({ description: `The median time from a question to ${what}, in seconds; null when none has one.` });
const StatsShare = (what: string) =>
  z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .openapi({ description: `${what} / asked (0..1); null when nothing was asked.` });

export const KnowledgeStatsSchema = z
  .object({
    days: z
      .number()
      .int()
      .openapi({ enum: [...STATS_PERIODS] }),
    since: DateTime,
    until: DateTime,
    group: StatsGroupSchema.nullable().openapi({ description: "The group asked for; null for the company." }),
    department: z.string().nullable(),
    asked: z.number().int().openapi({ description: "Questions asked in the period that the caller may read." }),
    answered: z.number().int().openapi({ description: "…with at least one answer." }),
    resolved: z.number().int().openapi({ description: "…with a best answer." }),
    answered_share: StatsShare("answered"),
    resolved_share: StatsShare("resolved"),
    median_first_answer_seconds: StatsWait("its first answer"),
    median_best_answer_seconds: StatsWait("the answer later chosen as best (when it was posted)"),
    top_answerers: z
      .array(
        z.object({
          handle: z.string(),
          name: z.string(),
          department: z.string(),
          answers: z.number().int(),
          best_answers: z.number().int(),
        }),
      )
      .max(TOP_ANSWERERS)
      .openapi({
        description: `Who answered most of the period's questions (not their own), most answers first; at most ${TOP_ANSWERERS}.`,
      }),
    unanswered: z.object({
      total: z.number().int(),
      questions: z
        .array(
          z.object({
            id: z.number().int(),
            title: z.string(),
            asked_at: DateTime,
            asker: z
              .object({ handle: z.string(), name: z.string() })
              .nullable()
              .openapi({ description: "Null for an event's anonymous question kept as a thread." }),
            group: StatsGroupSchema.nullable(),
          }),
        )
        .max(UNANSWERED_LIST_SIZE)
        .openapi({
          description: `Questions of the period without any answer after ${UNANSWERED_AFTER_DAYS} days, oldest first; at most ${UNANSWERED_LIST_SIZE} (total counts them all).`,
        }),
    }),
  })
  .openapi("KnowledgeStats");

const seconds = (ms: number | null) => (ms == null ? null : Math.round(ms / 1000));

export function knowledgeStatsToJson(s: KnowledgeStats): z.infer<typeof KnowledgeStatsSchema> {
  return {
    days: s.days,
    since: iso(s.since)!,
    until: iso(s.until)!,
    group: s.group,
    department: s.department,
    asked: s.asked,
    answered: s.answered,
    resolved: s.resolved,
    answered_share: s.answeredShare,
    resolved_share: s.resolvedShare,
    median_first_answer_seconds: seconds(s.medianFirstAnswerMs),
    median_best_answer_seconds: seconds(s.medianBestAnswerMs),
    top_answerers: s.topAnswerers.map((p) => ({
      handle: p.handle,
      name: p.name,
      department: p.department,
      answers: p.answers,
      best_answers: p.bestAnswers,
    })),
    unanswered: {
      total: s.unanswered.total,
      questions: s.unanswered.questions.map((q) => ({
        id: q.id,
        title: q.title,
        asked_at: iso(q.askedAt)!,
        asker: q.asker,
        group: q.group,
      })),
    },
  };
}

// ---------------------------------------------------------------------------
// Notifications (issue #11 §1, §5)
// ---------------------------------------------------------------------------

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTIFICATION_KINDS),
    target: z
      .discriminatedUnion("type", [
        z.object({
          type: z.literal("post"),
          id: z.number().int(),
          thread_id: z.number().int(),
          title: z.string().openapi({ description: "A question's title, or the start of the post's text." }),
          group: z.object({ slug: z.string(), name: z.string() }).nullable(),
          url: z.string().openapi({ example: "/posts/42#post-57" }),
        }),
        z.object({
          type: z.literal("group"),
          id: z.number().int(),
          slug: z.string(),
          name: z.string(),
          url: z.string().openapi({ example: "/groups/platform" }),
        }),
      ])
      .openapi({ description: "What it is about: a post or thread, or a group." }),
    actors: z
      .array(z.object({ handle: z.string(), name: z.string() }))
      .openapi({ description: "The newest people who did it (up to three)." }),
    actor_count: z.number().int().openapi({ description: "How many different people did it since it was last read." }),
    count: z.number().int().openapi({
      description:
        "New replies or answers since it was last read, or the vote milestone reached (1, 5, 10, 25, 50, 100).",
    }),
    unread: z.boolean(),
    updated_at: DateTime.openapi({ description: "The newest activity: the list's order." }),
  })
  .openapi("Notification");

export const NotificationPageSchema = z
  .object({ data: z.array(NotificationSchema), next_cursor: NextCursor, unread_count: z.number().int() })
  .openapi("NotificationPage");

export const NotificationsQuerySchema = PageQuerySchema.extend({
  filter: z
    .enum(NOTIFICATION_FILTERS, { error: "error.invalid" })
    .optional()
    .openapi({ description: "all (default), unread, or mentions." }),
});

export const MarkReadSchema = z
  .union(
    [
      z
        .object(
          {
            ids: z
              .array(z.number({ error: "error.invalid" }).int("error.invalid").positive("error.invalid"), {
                error: "error.invalid",
              })
              .max(MAX_MARK_IDS, "error.tooLong")
              .openapi({
                description: `Up to ${MAX_MARK_IDS} of the caller's notification ids (others' change nothing).`,
              }),
          },
          bodyErrors,
        )
        .strict(),
      z.object({ all: z.literal(true, { error: "error.invalid" }) }, bodyErrors).strict(),
    ],
    { error: "error.invalid" },
  )
  .openapi("MarkNotificationsRead", { description: "`{ids: [...]}` or `{all: true}`." });

export const MarkedSchema = z.object({ marked: z.number().int(), unread_count: z.number().int() }).openapi("Marked");
