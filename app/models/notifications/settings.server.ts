// A person's notification settings (issue #11 §1): a channel per kind — in_app (the default, no row), email or
// off — and muted threads and groups. The consumer reads them when it creates notifications (record.server.ts);
// "email" is in-app as well and also mails each one (§4, email.server.ts); it cannot be chosen while SMTP_URL is
// unset (the settings page shows the column disabled).
import { z } from "zod";
import type { Viewer } from "#app/access/rules";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { requireVisiblePost } from "#app/models/posts/post.server";
import { requireGroup } from "#app/models/groups/group.server";
import { AppError } from "#app/utils/errors";
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from "#db/enums";

export type NotificationSettings = Record<NotificationKind, NotificationChannel>;

export const NotificationSettingsSchema = z
  .object(
    Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, z.enum(NOTIFICATION_CHANNELS, { error: "error.invalid" }).optional()]),
    ) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [C in NotificationChannel]: C }>>>,
  )
  .strict();

export function getNotificationSettings(viewer: Viewer): NotificationSettings {
  const settings = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, "in_app"])) as NotificationSettings;
  const rows = rawStatement(`select kind, channel from notification_settings where user_id = @me`).all({
    me: viewer.id,
  }) as { kind: NotificationKind; channel: NotificationChannel }[];
  for (const r of rows) if (r.kind in settings) settings[r.kind] = r.channel;
  return settings;
}

/** Changes the channels given (the others stay); "email" only when email can be sent. */
export function updateNotificationSettings(
  viewer: Viewer,
  input: Partial<NotificationSettings>,
  { emailEnabled }: { emailEnabled: boolean },
) {
  const parsed = NotificationSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError(400, "validation_failed", "error.invalid");
  const entries = Object.entries(parsed.data).filter(([, c]) => c != null) as [NotificationKind, NotificationChannel][];
  if (!emailEnabled && entries.some(([, c]) => c === "email")) {
    throw new AppError(400, "email_off", "notifications.emailOff");
  }
  getDb().transaction(() => {
    for (const [kind, channel] of entries) {
      if (channel === "in_app") {
        rawStatement(`delete from notification_settings where user_id = @me and kind = @kind`).run({
          me: viewer.id,
          kind,
        });
      } else {
        rawStatement(
          `insert into notification_settings (user_id, kind, channel) values (@me, @kind, @channel)
           on conflict (user_id, kind) do update set channel = excluded.channel`,
        ).run({ me: viewer.id, kind, channel });
      }
    }
  }, IMMEDIATE);
}

// ---------------------------------------------------------------------------------------------------------
// Mutes
// ---------------------------------------------------------------------------------------------------------

/** Mutes or unmutes a thread the viewer may see (404 otherwise); any post of it names the thread. */
export function muteThread({ viewer, postId, muted }: { viewer: Viewer; postId: number; muted: boolean }) {
  const post = requireVisiblePost(viewer, postId);
  getDb().transaction(() => {
    if (muted) {
      rawStatement(`insert into thread_mutes (user_id, thread_id) values (@me, @t) on conflict do nothing`).run({
        me: viewer.id,
        t: post.threadId,
      });
    } else {
      rawStatement(`delete from thread_mutes where user_id = @me and thread_id = @t`).run({
        me: viewer.id,
        t: post.threadId,
      });
    }
  }, IMMEDIATE);
}

export function isThreadMuted(viewer: Viewer, threadId: number): boolean {
  return !!rawStatement(`select 1 from thread_mutes where user_id = @me and thread_id = @t`).get({
    me: viewer.id,
    t: threadId,
  });
}

/** Mutes or unmutes a group the viewer may find (404 otherwise). */
export function muteGroup({ viewer, slug, muted }: { viewer: Viewer; slug: string; muted: boolean }) {
  const group = requireGroup(viewer, slug);
  getDb().transaction(() => {
    if (muted) {
      rawStatement(`insert into group_mutes (user_id, group_id) values (@me, @g) on conflict do nothing`).run({
        me: viewer.id,
        g: group.id,
      });
    } else {
      rawStatement(`delete from group_mutes where user_id = @me and group_id = @g`).run({ me: viewer.id, g: group.id });
    }
  }, IMMEDIATE);
}

export function isGroupMuted(viewer: Viewer, groupId: number): boolean {
  return !!rawStatement(`select 1 from group_mutes where user_id = @me and group_id = @g`).get({
    me: viewer.id,
    g: groupId,
  });
}

/** The settings form's fields (`kind.<kind>` = channel) as updateNotificationSettings takes them. */
export function notificationSettingsFromForm(values: Record<string, string>): Partial<NotificationSettings> {
  const input: Record<string, string> = {};
  for (const kind of NOTIFICATION_KINDS) {
    const value = values[`kind.${kind}`];
    if (value != null) input[kind] = value;
  }
  return input as Partial<NotificationSettings>;
}
