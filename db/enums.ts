// The closed sets of values the schema stores, defined once. Pure (no drizzle, no Node): the schema, the domain
// and the browser bundle all import them from here, so db/ imports nothing from app/.
export const POST_KINDS = ["update", "question", "announcement"] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const REACTION_KINDS = ["like", "celebrate", "insightful", "support", "funny", "thanks"] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/** An account's role: a guest is an outside partner limited to the groups they were added to. */
export const ROLES = ["member", "admin", "guest"] as const;
export type Role = (typeof ROLES)[number];

export const GROUP_VISIBILITIES = ["public", "private", "secret"] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

export const GROUP_ROLES = ["member", "admin"] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** What a personal access token may be used for (issue #7): read = GET; write = creating and changing content;
 * admin = admin-only operations, and only for a site admin. No scope implies another. */
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
/** What a token gets unless its creator chooses: what every token could do before scopes existed. */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ["read", "write"];

/** Live events (issue #10 §2): a CEO's open Q&A or a seminar; its state; the roles people hold in one. */
export const EVENT_KINDS = ["town_hall", "seminar"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATES = ["upcoming", "live", "ended"] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const EVENT_ROLES = ["host", "moderator"] as const;
export type EventRole = (typeof EVENT_ROLES)[number];
/** An event question's life (issue #10 §3): pending only with pre-moderation; one answering at a time. */
export const EVENT_QUESTION_STATUSES = ["pending", "approved", "answering", "answered", "dismissed"] as const;
export type EventQuestionStatus = (typeof EVENT_QUESTION_STATUSES)[number];
/** An event poll's life (issue #10 §6): a draft only its hosts see, then open to responses, then closed. */
export const EVENT_POLL_STATUSES = ["draft", "open", "closed"] as const;
export type EventPollStatus = (typeof EVENT_POLL_STATUSES)[number];

/**
 * In-app notifications (issue #11 §1, app/models/notifications): each kind is grouped per target — a post, a thread
 * or a group — into one row that later activity updates. NOTIFICATION_CHANNELS is a person's choice per kind
 * ("email": in-app as well, and mailed as soon as it may interrupt, §4).
 */
export const NOTIFICATION_KINDS = [
  "mention",
  "reply",
  "reaction",
  "answer",
  "accepted",
  "vote",
  "answer_request",
  "join_request",
  "group_added",
  // A company or group announcement, and the reminder to acknowledge it (issue #11 §3): one row per announcement.
  "announcement",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ["in_app", "email", "off"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * How often a person gets the email digest of the notifications they have not seen (issue #11 §4). No choice made
 * means DEFAULT_DIGEST_FREQUENCY (docs/decisions/0010-email-delivery.md says why daily).
 */
export const DIGEST_FREQUENCIES = ["off", "daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export const DEFAULT_DIGEST_FREQUENCY: DigestFrequency = "daily";
