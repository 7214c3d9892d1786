// The domain-event log (issue #6, docs/decisions/0002-groups-and-access.md): a durable, ordered record of what
// changed, written by the use case in the same transaction as the change and stamped with its audience (the
// search scopes of rules.ts: "company", "group:<id>", plus "user:<id>" for one person). Consumers — search
// first; realtime, notifications and webhooks next — read it in id order from their own cursor.
import { groupScopes, postScopes, type GroupVisibility } from "#app/access/rules";
import { rawStatement } from "#app/infra/db.server";
import { enqueueSearchUpdate } from "#app/models/search/outbox.server";

export type DomainEvent =
  | { type: "post.published"; postId: number; threadId: number; groupId: number | null }
  | { type: "post.edited"; postId: number; groupId: number | null; hashtagIds: number[] }
  | { type: "post.deleted"; postIds: number[]; groupId: number | null; hashtagIds: number[] }
  | { type: "reaction.changed"; postId: number; groupId: number | null; userId: number; kind: string; on: boolean }
  | { type: "user.changed"; userId: number }
  | { type: "group.created"; groupId: number }
  | { type: "group.updated"; groupId: number; visibilityChanged: boolean }
  | { type: "membership.changed"; groupId: number; userId: number; role: "admin" | "member" | null }
  | { type: "group.join_requested"; groupId: number; userId: number };

export type DomainEventType = DomainEvent["type"];

function groupOf(groupId: number | null): { id: number; visibility: GroupVisibility } | null {
  if (groupId == null) return null;
  return (
    (rawStatement(`select id, visibility from groups where id = @id`).get({ id: groupId }) as
      { id: number; visibility: GroupVisibility } | undefined) ?? null
  );
}

/** Who may learn of the event. */
function audienceOf(event: DomainEvent): string[] {
  switch (event.type) {
    case "post.published":
    case "post.edited":
    case "post.deleted":
    case "reaction.changed":
      return postScopes(groupOf(event.groupId));
    case "group.created":
    case "group.updated": {
      const group = groupOf(event.groupId);
      return group ? groupScopes(group) : [];
    }
    case "membership.changed":
    case "group.join_requested":
      return [`user:${event.userId}`, `group:${event.groupId}`];
    case "user.changed":
      return [`user:${event.userId}`];
  }
}

/**
 * Appends an event. Call it inside the transaction of the change (better-sqlite3 is synchronous: the insert runs
 * on the connection that holds the transaction), so the change and its record commit or roll back together.
 */
export function recordEvent(event: DomainEvent): number {
  const { type, ...data } = event;
  const id = rawStatement(
    `insert into domain_events (type, audience, data) values (@type, @audience, @data) returning id`,
  )
    .pluck()
    .get({ type, audience: JSON.stringify(audienceOf(event)), data: JSON.stringify(data) }) as number;
  feedSearch(event);
  return id;
}

// Search's view of the events (its first consumer): which documents to rebuild from the database.
function feedSearch(event: DomainEvent) {
  switch (event.type) {
    case "post.published":
      enqueueSearchUpdate("post", [event.postId]);
      return;
    case "post.edited":
      enqueueSearchUpdate("post", [event.postId]);
      enqueueSearchUpdate("hashtag", event.hashtagIds);
      return;
    case "post.deleted":
      enqueueSearchUpdate("post", event.postIds);
      enqueueSearchUpdate("hashtag", event.hashtagIds);
      return;
    case "user.changed":
      enqueueSearchUpdate("user", [event.userId]);
      return;
    case "membership.changed":
      // A person's document carries their groups (a guest is found only by the members of their groups), and a
      // group's carries its member count.
      enqueueSearchUpdate("user", [event.userId]);
      enqueueSearchUpdate("group", [event.groupId]);
      return;
    case "group.created":
      enqueueSearchUpdate("group", [event.groupId]);
      return;
    case "group.updated":
      enqueueSearchUpdate("group", [event.groupId]);
      if (event.visibilityChanged) {
        // Who may find the group's posts and hashtags changed with it.
        enqueueSearchUpdate(
          "post",
          rawStatement(`select id from posts where group_id = @g`).pluck().all({ g: event.groupId }) as number[],
        );
        enqueueSearchUpdate(
          "hashtag",
          rawStatement(`select hashtag_id from hashtag_counts where group_id = @g`)
            .pluck()
            .all({ g: event.groupId }) as number[],
        );
      }
      return;
    case "reaction.changed":
    case "group.join_requested":
      return;
  }
}

/** Events after `afterId`, oldest first (for consumers). */
export function readEvents(afterId: number, limit = 500) {
  return (
    rawStatement(
      `select id, type, audience, data, created_at as createdAt from domain_events where id > @after order by id limit @n`,
    ).all({ after: afterId, n: limit }) as {
      id: number;
      type: DomainEventType;
      audience: string;
      data: string;
      createdAt: number;
    }[]
  ).map((r) => ({
    ...r,
    audience: JSON.parse(r.audience) as string[],
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}
