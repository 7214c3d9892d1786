// The one access rule (docs/decisions/0002-groups-and-access.md). Pure: no database, so the server, the UI and
// tests share it. The same visibility rule exists once more as SQL in visibility.server.ts; both are tested
// against each other in tests/unit/access-rules.test.ts.
//
//   company-wide post (groupId null) ........ every employee (not guests)
//   post in a public group ................... every employee, and the group's members (guests included)
//   post in a private or secret group ........ the group's members only
//
// Network admins moderate what they can see; they do not read private groups they are not members of.

import { GROUP_VISIBILITIES, type GroupVisibility, type Role } from "#db/enums";

export { GROUP_VISIBILITIES, type GroupVisibility, type Role };

/** Who is looking: built once per request, API call, stream and fan-out (viewer.server.ts). */
export type Viewer = {
  id: number;
  role: Role;
  guest: boolean;
  /** Groups the viewer belongs to. */
  memberOf: ReadonlySet<number>;
  /** Groups the viewer administers (a subset of memberOf). */
  adminOf: ReadonlySet<number>;
  /** Groups whose posts the viewer may read: their own and, for employees, every public group. */
  readable: ReadonlySet<number>;
};

export type GroupRef = { id: number; visibility: GroupVisibility; archived: boolean };

/** What the rule needs to know about a post. */
export type PostAccessFacts = {
  authorId: number;
  /** null for company-wide posts. */
  group: GroupRef | null;
  isRoot: boolean;
};

export function canSeePost(viewer: Viewer, post: Pick<PostAccessFacts, "group">): boolean {
  if (post.group == null) return !viewer.guest;
  return viewer.readable.has(post.group.id);
}

/**
 * Whether the viewer may see a person's profile: employees know each other; a guest is known to the members of
 * their groups (and admins), and knows only the members of their own groups.
 */
export function canSeePerson(viewer: Viewer, person: { id: number; guest: boolean; groupIds: number[] }): boolean {
  if (person.id === viewer.id) return true;
  const sharesGroup = person.groupIds.some((g) => viewer.memberOf.has(g));
  if (viewer.guest) return sharesGroup;
  return !person.guest || sharesGroup || viewer.role === "admin";
}

/** Whether the group itself (name, description) can be found by the viewer. */
export function canFindGroup(viewer: Viewer, group: Pick<GroupRef, "id" | "visibility">): boolean {
  if (viewer.memberOf.has(group.id)) return true;
  if (viewer.guest) return false;
  return group.visibility !== "secret" || viewer.role === "admin";
}

export function canReadGroup(viewer: Viewer, group: Pick<GroupRef, "id">): boolean {
  return viewer.readable.has(group.id);
}

export type Action =
  | "post.reply"
  | "post.react"
  | "post.vote"
  | "question.accept"
  | "question.request"
  | "question.stats"
  | "post.edit"
  | "post.delete"
  | "post.pin"
  | "post.announce"
  | "announcement.urgent"
  | "announcement.acks"
  | "group.post"
  | "group.edit"
  | "group.manage"
  | "group.join"
  | "group.leave"
  | "group.create"
  | "company.post"
  | "people.browse"
  | "people.administer"
  | "company.read";

type Subject = {
  "post.reply": PostAccessFacts;
  "post.react": PostAccessFacts;
  /** A question or an answer (whether the post can be voted on at all is the questions model's to say). */
  "post.vote": PostAccessFacts;
  /** The question whose best answer is chosen or cleared. */
  "question.accept": PostAccessFacts;
  /** The question whose asker asks colleagues for an answer. */
  "question.request": PostAccessFacts;
  /** Knowledge stats (issue #9 item 7): of a group, or of the company or a department (null). */
  "question.stats": GroupRef | null;
  "post.edit": PostAccessFacts;
  "post.delete": PostAccessFacts;
  "post.pin": PostAccessFacts;
  /** The group the announcement would go to (null: company-wide). */
  "post.announce": GroupRef | null;
  /** Marking an announcement urgent (issue #11 §2): delivered at once, even outside working hours; audited. */
  "announcement.urgent": GroupRef | null;
  /** "Seen by" of an announcement (issue #11 §3): who acknowledged it and who has not. */
  "announcement.acks": PostAccessFacts;
  "group.post": GroupRef;
  "group.edit": GroupRef;
  "group.manage": GroupRef;
  "group.join": GroupRef;
  "group.leave": GroupRef;
  "group.create": { membersMayCreateGroups: boolean };
  "company.post": null;
  "people.browse": null;
  /** Deactivating accounts, setting and locking names, departments and titles (the directory is the admin's). */
  "people.administer": null;
  "company.read": null;
};

const isGroupAdmin = (viewer: Viewer, group: GroupRef | null) =>
  group != null && (viewer.adminOf.has(group.id) || (viewer.role === "admin" && canFindGroup(viewer, group)));

/** The policy: what the viewer may do to a thing. Callers have already checked that they may see it. */
export function can<A extends Action>(viewer: Viewer, action: A, subject: Subject[A]): boolean {
  switch (action) {
    case "post.reply":
    case "post.react": {
      const post = subject as PostAccessFacts;
      if (!canSeePost(viewer, post)) return false;
      if (post.group?.archived) return false;
      // Guests take part only inside their own groups (a public group's post is readable, not open to them).
      return !viewer.guest || (post.group != null && viewer.memberOf.has(post.group.id));
    }
    case "post.vote": {
      // Taking part, as for reactions, and never on one's own post (issue #9).
      const post = subject as PostAccessFacts;
      return post.authorId !== viewer.id && can(viewer, "post.react", post);
    }
    case "question.accept": {
      // The asker, an admin of the question's group, or a site admin (issue #9); not in an archived group.
      const post = subject as PostAccessFacts;
      if (!canSeePost(viewer, post) || post.group?.archived) return false;
      return post.authorId === viewer.id || viewer.role === "admin" || isGroupAdmin(viewer, post.group);
    }
    case "question.stats": {
      // A group's stats are for its admins, and for site admins who may read it: the stats list its unanswered
      // questions, and a site admin does not read a private group they are not in. The company's and the
      // departments' stats are the site admins' (and count only what they may read: knowledge-stats.server.ts).
      const group = subject as GroupRef | null;
      if (viewer.guest) return false;
      if (group == null) return viewer.role === "admin";
      return canReadGroup(viewer, group) && (viewer.adminOf.has(group.id) || viewer.role === "admin");
    }
    // "Ask someone" is the asker's (issue #9 item 4), like editing the question.
    case "question.request":
    case "post.edit": {
      const post = subject as PostAccessFacts;
      return canSeePost(viewer, post) && post.authorId === viewer.id && !post.group?.archived;
    }
    case "post.delete": {
      const post = subject as PostAccessFacts;
      if (!canSeePost(viewer, post)) return false;
      return post.authorId === viewer.id || viewer.role === "admin" || isGroupAdmin(viewer, post.group);
    }
    case "post.pin": {
      const post = subject as PostAccessFacts;
      return post.isRoot && post.group != null && !post.group.archived && isGroupAdmin(viewer, post.group);
    }
    case "post.announce": {
      const group = subject as GroupRef | null;
      return group == null ? viewer.role === "admin" : !group.archived && viewer.adminOf.has(group.id);
    }
    case "announcement.urgent":
      // Admins only: Sori has no "comms" role; a group admin's announcement waits for working hours like any other.
      return viewer.role === "admin" && !viewer.guest && can(viewer, "post.announce", subject as GroupRef | null);
    case "announcement.acks": {
      // Its author, site admins and its group's admins — who can see it (a site admin does not read a private group
      // they are not in, so its list of names is not theirs either).
      const post = subject as PostAccessFacts;
      if (!canSeePost(viewer, post) || viewer.guest) return false;
      return post.authorId === viewer.id || viewer.role === "admin" || isGroupAdmin(viewer, post.group);
    }
    case "group.post": {
      const group = subject as GroupRef;
      return !group.archived && viewer.memberOf.has(group.id);
    }
    case "group.edit":
    case "group.manage":
      return isGroupAdmin(viewer, subject as GroupRef);
    case "group.join": {
      const group = subject as GroupRef;
      return !viewer.guest && !group.archived && !viewer.memberOf.has(group.id) && group.visibility !== "secret";
    }
    case "group.leave":
      return viewer.memberOf.has((subject as GroupRef).id);
    case "group.create":
      return !viewer.guest && (viewer.role === "admin" || (subject as Subject["group.create"]).membersMayCreateGroups);
    case "people.administer":
      return viewer.role === "admin" && !viewer.guest;
    case "company.post":
    case "people.browse":
    case "company.read":
      return !viewer.guest;
  }
  return false;
}

/** The actions a post card offers, decided here so components never decide on their own. */
export type PostCan = {
  reply: boolean;
  react: boolean;
  edit: boolean;
  delete: boolean;
  pin: boolean;
  /** Vote on it: only a question or an answer, never one's own (issue #9). */
  vote: boolean;
  /** Choose or clear the best answer: only on a question. */
  accept: boolean;
  /** Ask colleagues for an answer: only the asker, on a question. */
  request: boolean;
  /** See who acknowledged it ("seen by"): only on an announcement (issue #11 §3). */
  acks: boolean;
};

/** What the card needs to know beyond the access facts: whether it is a question, or an answer to one. */
export type QuestionFacts = { isQuestion: boolean; isAnswer: boolean; isAnnouncement?: boolean };

export function postCan(
  viewer: Viewer,
  post: PostAccessFacts,
  { isQuestion, isAnswer, isAnnouncement = false }: QuestionFacts = { isQuestion: false, isAnswer: false },
): PostCan {
  return {
    reply: can(viewer, "post.reply", post),
    react: can(viewer, "post.react", post),
    edit: can(viewer, "post.edit", post),
    delete: can(viewer, "post.delete", post),
    pin: can(viewer, "post.pin", post),
    vote: (isQuestion || isAnswer) && can(viewer, "post.vote", post),
    accept: isQuestion && can(viewer, "question.accept", post),
    request: isQuestion && can(viewer, "question.request", post),
    acks: isAnnouncement && can(viewer, "announcement.acks", post),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Search scopes: the same rule in the engines' terms. A document lists the scopes that may see it; a viewer
// holds scopes; they see a document when they share one (search/types.ts).
// ---------------------------------------------------------------------------------------------------------

export const COMPANY_SCOPE = "company";
export const ADMIN_SCOPE = "admin";
export const groupScope = (groupId: number) => `group:${groupId}`;

export function viewerScopes(viewer: Viewer): string[] {
  const scopes = [...viewer.memberOf].map(groupScope);
  if (!viewer.guest) scopes.unshift(COMPANY_SCOPE);
  if (viewer.role === "admin") scopes.push(ADMIN_SCOPE);
  return scopes;
}

/** Who may find a post: mirrors canSeePost. */
export function postScopes(group: Pick<GroupRef, "id" | "visibility"> | null): string[] {
  if (group == null) return [COMPANY_SCOPE];
  return group.visibility === "public" ? [COMPANY_SCOPE, groupScope(group.id)] : [groupScope(group.id)];
}

/** Who may find a group: mirrors canFindGroup. */
export function groupScopes(group: Pick<GroupRef, "id" | "visibility">): string[] {
  return group.visibility === "secret" ? [groupScope(group.id), ADMIN_SCOPE] : [COMPANY_SCOPE, groupScope(group.id)];
}

/** Who may find a person: employees are known to the company; a guest to the members of their groups and admins. */
export function personScopes(person: { guest: boolean; groupIds: number[] }): string[] {
  const scopes = person.groupIds.map(groupScope);
  // Mirrors canSeePerson: admins know every guest.
  if (person.guest) scopes.push(ADMIN_SCOPE);
  else scopes.unshift(COMPANY_SCOPE);
  return scopes;
}
