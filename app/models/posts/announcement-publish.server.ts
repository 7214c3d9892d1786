// Publishing an announcement (issue #11 §3, docs/decisions/0009-announcements.md): the checks of its options and
// the record of its facts, called by publishPost (post.server.ts). Everything after publishing — pinning,
// acknowledging, "seen by", reminders — is announcements.server.ts, which reads posts through post.server.ts.
import { z } from "zod";
import { can, type GroupRef, type Viewer } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";
import { AppError } from "#app/utils/errors";

/** How long an announcement that asks for no acknowledgement stays pinned (unless dismissed sooner). */
export const ANNOUNCEMENT_PIN_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

export const UrgentReasonSchema = z
  .string({ error: "announcement.urgentReasonRequired" })
  .trim()
  .min(1, "announcement.urgentReasonRequired")
  .max(500, "error.invalid");

export type AnnouncementOptions = { requiresAck?: boolean; urgent?: boolean; urgentReason?: string | null };

/**
 * Checks an announcement's options before anything is written: 400 for options on another kind or an urgent one
 * without a reason, 403 for a kind or an urgency the viewer may not use (with a message that says why).
 */
export function checkAnnouncement({
  viewer,
  kind,
  isRoot,
  group,
  options,
}: {
  viewer: Viewer;
  kind: string;
  isRoot: boolean;
  group: GroupRef | null;
  options: AnnouncementOptions;
}): { requiresAck: boolean; urgent: boolean; urgentReason: string } | null {
  const { requiresAck = false, urgent = false, urgentReason } = options;
  if (kind !== "announcement" || !isRoot) {
    if (requiresAck || urgent || urgentReason) {
      const field = requiresAck ? "requires_ack" : "urgent";
      throw new AppError(400, "validation_failed", "announcement.optionsOnlyForAnnouncements", {
        [field]: "announcement.optionsOnlyForAnnouncements",
      });
    }
    return null;
  }
  if (!can(viewer, "post.announce", group)) {
    throw new AppError(403, "announcement_not_allowed", "announcement.notAllowed");
  }
  if (!urgent) return { requiresAck, urgent: false, urgentReason: "" };
  if (!can(viewer, "announcement.urgent", group)) {
    throw new AppError(403, "urgent_not_allowed", "announcement.urgentNotAllowed");
  }
  const reason = UrgentReasonSchema.safeParse(urgentReason ?? "");
  if (!reason.success) {
    const key =
      reason.error.issues[0]?.message === "error.invalid" ? "error.invalid" : "announcement.urgentReasonRequired";
    throw new AppError(400, "validation_failed", key, { urgent_reason: key });
  }
  return { requiresAck, urgent: true, urgentReason: reason.data };
}

/** Records a published announcement's facts; inside publishPost's transaction. */
export function recordAnnouncement({
  postId,
  actorId,
  at = Date.now(),
  facts,
}: {
  postId: number;
  actorId: number;
  at?: number;
  facts: { requiresAck: boolean; urgent: boolean; urgentReason: string };
}) {
  rawStatement(
    `insert into announcements (post_id, requires_ack, urgent, pinned_until, created_at)
     values (@postId, @requiresAck, @urgent, @pinnedUntil, @at)`,
  ).run({
    postId,
    requiresAck: facts.requiresAck ? 1 : 0,
    urgent: facts.urgent ? 1 : 0,
    pinnedUntil: facts.requiresAck ? null : at + ANNOUNCEMENT_PIN_DAYS * DAY_MS,
    at,
  });
  if (facts.urgent) {
    // Interrupting people outside their working hours is audited (DESIGN.md invariant 6).
    rawStatement(
      `insert into audit_log (actor_id, action, subject_type, subject_id, reason, data)
       values (@actorId, 'announcement.urgent', 'post', @postId, @reason, '{}')`,
    ).run({ actorId, postId, reason: facts.urgentReason });
  }
}
