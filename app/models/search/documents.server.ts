// Search documents built from the database (docs/decisions/0001-search.md): the current state of posts, people,
// hashtags and groups, with the scopes of app/access/rules.ts that may find them. The search consumer
// (app/events/consumers/search.server.ts) hands them to the engine; a missing id simply has no document.
import type Database from "better-sqlite3";
import { groupScopes, personScopes, postScopes, type GroupVisibility } from "#app/access/rules";
import { getDb } from "#app/infra/db.server";
import { htmlToPlainText } from "#search/text";
import type { GroupDoc, HashtagDoc, PersonDoc, PostDoc, Visibility } from "#search/types";

// Who may see what: the scopes of app/access/rules.ts, computed from the current state of the database.
/** Who may find each hashtag: the union of the scopes of the audiences that use it, for a batch in one query. */
function hashtagVisibilities(tagIds: number[]): Map<number, Visibility> {
  const rows = client()
    .prepare(
      `select c.hashtag_id as tagId, c.group_id as groupId, g.visibility
         from hashtag_counts c left join groups g on g.id = c.group_id
        where c.hashtag_id in (select value from json_each(@ids)) and c.post_count > 0`,
    )
    .all({ ids: ids(tagIds) }) as { tagId: number; groupId: number; visibility: GroupVisibility | null }[];
  const scopes = new Map<number, Set<string>>();
  for (const r of rows) {
    let set = scopes.get(r.tagId);
    if (!set) scopes.set(r.tagId, (set = new Set()));
    for (const s of postScopes(r.groupId === 0 ? null : { id: r.groupId, visibility: r.visibility! })) set.add(s);
  }
  return new Map([...scopes].map(([id, set]) => [id, [...set]]));
}

function client(): Database.Database {
  return getDb().$client;
}

const ids = (list: number[]) => JSON.stringify([...new Set(list)]);

/** Documents of the posts that exist among these ids (missing ones are simply absent). */
export function loadPostDocs(postIds: number[]): PostDoc[] {
  if (postIds.length === 0) return [];
  const db = client();
  const rows = db
    .prepare(
      `select p.id, p.thread_id as threadId, p.reply_to_id as replyToId, p.kind, p.html, p.created_at as createdAt,
              u.id as authorId, u.handle, u.name, p.anonymous, p.group_id as groupId, g.visibility, p.title, a.html as answerHtml
         from posts p join users u on u.id = p.author_id left join groups g on g.id = p.group_id
              left join posts a on a.id = p.accepted_answer_id
        where p.id in (select value from json_each(@ids))`,
    )
    .all({ ids: ids(postIds) }) as {
    id: number;
    threadId: number | null;
    replyToId: number | null;
    kind: PostDoc["kind"];
    html: string;
    createdAt: number;
    authorId: number;
    handle: string;
    name: string;
    anonymous: number;
    groupId: number | null;
    visibility: GroupVisibility | null;
    title: string | null;
    answerHtml: string | null;
  }[];
  const tags = db
    .prepare(
      `select ph.post_id as postId, h.name from post_hashtags ph join hashtags h on h.id = ph.hashtag_id
        where ph.post_id in (select value from json_each(@ids)) order by ph.post_id, h.name`,
    )
    .all({ ids: ids(postIds) }) as { postId: number; name: string }[];
  const tagsOf = new Map<number, string[]>();
  for (const t of tags) {
    const list = tagsOf.get(t.postId);
    if (list) list.push(t.name);
    else tagsOf.set(t.postId, [t.name]);
  }
  return rows.map((r) => ({
    type: "post",
    id: r.id,
    threadId: r.threadId ?? r.id,
    replyToId: r.replyToId,
    kind: r.kind,
    // An anonymous post (issue #10 §7) is found by its words only: no author to match, filter or show.
    author: r.anonymous ? { id: 0, handle: "", name: "" } : { id: r.authorId, handle: r.handle, name: r.name },
    body: htmlToPlainText(r.html),
    hashtags: tagsOf.get(r.id) ?? [],
    createdAt: r.createdAt,
    ...(r.groupId != null ? { groupId: r.groupId } : {}),
    // A question (issue #9): its title, and its best answer's text, which people search for as much as the
    // question's own words.
    ...(r.kind === "question" && r.replyToId == null
      ? {
          title: r.title ?? "",
          answer: r.answerHtml != null ? htmlToPlainText(r.answerHtml) : null,
          answered: r.answerHtml != null,
        }
      : {}),
    visibility: postScopes(r.groupId == null ? null : { id: r.groupId, visibility: r.visibility! }),
  }));
}

export function loadPersonDocs(userIds: number[]): PersonDoc[] {
  if (userIds.length === 0) return [];
  const rows = client()
    .prepare(
      `select id, handle, name, department, title, status, role = 'guest' as guest,
              (select json_group_array(group_id) from group_members m where m.user_id = users.id) as groupIds
         from users where id in (select value from json_each(@ids))`,
    )
    .all({ ids: ids(userIds) }) as {
    id: number;
    handle: string;
    name: string;
    department: string;
    title: string;
    status: string;
    guest: number;
    groupIds: string;
  }[];
  return rows.map((r) => ({
    type: "person",
    id: r.id,
    handle: r.handle,
    name: r.name,
    department: r.department,
    title: r.title,
    active: r.status === "active",
    visibility: personScopes({ guest: !!r.guest, groupIds: JSON.parse(r.groupIds) as number[] }),
  }));
}

/** Hashtags still used by at least one post (an unused one leaves the index). */
export function loadHashtagDocs(tagIds: number[]): HashtagDoc[] {
  if (tagIds.length === 0) return [];
  const rows = client()
    .prepare(
      `select id, name, post_count as postCount from hashtags
        where id in (select value from json_each(@ids)) and post_count > 0`,
    )
    .all({ ids: ids(tagIds) }) as { id: number; name: string; postCount: number }[];
  const visibility = hashtagVisibilities(rows.map((r) => r.id));
  return rows.map((r) => ({
    type: "hashtag",
    id: r.id,
    name: r.name,
    postCount: r.postCount,
    visibility: visibility.get(r.id) ?? [],
  }));
}

/** Groups, with their member counts; visibility follows app/access/rules.ts (secret: members and admins). */
export function loadGroupDocs(groupIds: number[]): GroupDoc[] {
  if (groupIds.length === 0) return [];
  const rows = client()
    .prepare(
      `select g.id, g.slug, g.name, g.description, g.visibility,
              (select count(*) from group_members m where m.group_id = g.id) as memberCount
         from groups g where g.id in (select value from json_each(@ids))`,
    )
    .all({ ids: ids(groupIds) }) as {
    id: number;
    slug: string;
    name: string;
    description: string;
    visibility: GroupVisibility;
    memberCount: number;
  }[];
  return rows.map((r) => ({
    type: "group",
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    memberCount: r.memberCount,
    visibility: groupScopes({ id: r.id, visibility: r.visibility }),
  }));
}
