// The policy for questions and answers (issue #9), pure: who may vote on a post and who may choose a question's
// best answer. The use cases and the API are tested end to end in tests/integration/questions.test.ts.
import { describe, expect, it } from "vitest";
import { can, postCan, type GroupRef, type PostAccessFacts, type Viewer } from "#app/access/rules";

const team: GroupRef = { id: 1, visibility: "private", archived: false };
const open: GroupRef = { id: 2, visibility: "public", archived: false };
const archived: GroupRef = { id: 3, visibility: "public", archived: true };

function viewer(id: number, { role = "member", memberOf = [] as number[], adminOf = [] as number[] } = {}): Viewer {
  const guest = role === "guest";
  const readable = new Set([...memberOf, ...(guest ? [] : [open.id, archived.id])]);
  return {
    id,
    role: role as Viewer["role"],
    guest,
    memberOf: new Set(memberOf),
    adminOf: new Set(adminOf),
    readable,
  };
}

const asker = viewer(1, { memberOf: [team.id] });
const teammate = viewer(2, { memberOf: [team.id] });
const teamAdmin = viewer(3, { memberOf: [team.id], adminOf: [team.id] });
const outsider = viewer(4);
const siteAdmin = viewer(5, { role: "admin" });
const siteAdminInTeam = viewer(6, { role: "admin", memberOf: [team.id] });
const guest = viewer(7, { role: "guest", memberOf: [team.id] });

const question = (group: GroupRef | null): PostAccessFacts => ({ authorId: asker.id, group, isRoot: true });

describe("post.vote", () => {
  it("lets those who take part vote, never on their own post", () => {
    const q = question(team);
    expect(can(teammate, "post.vote", q)).toBe(true);
    expect(can(guest, "post.vote", q)).toBe(true);
    expect(can(asker, "post.vote", q)).toBe(false);
    expect(can(outsider, "post.vote", q)).toBe(false);
    expect(can(siteAdmin, "post.vote", q)).toBe(false);
    // A guest reads a public group only if invited; company-wide questions are not theirs; archived is read-only.
    expect(can(guest, "post.vote", question(null))).toBe(false);
    expect(can(outsider, "post.vote", question(open))).toBe(true);
    expect(can(outsider, "post.vote", question(archived))).toBe(false);
  });
});

describe("question.accept", () => {
  it("is the asker's, a group admin's or a site admin's who can see the question", () => {
    const q = question(team);
    expect(can(asker, "question.accept", q)).toBe(true);
    expect(can(teamAdmin, "question.accept", q)).toBe(true);
    expect(can(siteAdminInTeam, "question.accept", q)).toBe(true);
    expect(can(teammate, "question.accept", q)).toBe(false);
    expect(can(guest, "question.accept", q)).toBe(false);
    // A site admin does not read private groups they are not in, so cannot act there either.
    expect(can(siteAdmin, "question.accept", q)).toBe(false);
    expect(can(siteAdmin, "question.accept", question(null))).toBe(true);
    expect(can(asker, "question.accept", question(archived))).toBe(false);
  });

  it("shows on a card only where it applies: vote on questions and answers, accept on questions", () => {
    const q = question(team);
    expect(postCan(teammate, q, { isQuestion: true, isAnswer: false })).toMatchObject({ vote: true, accept: false });
    expect(postCan(asker, q, { isQuestion: true, isAnswer: false })).toMatchObject({ vote: false, accept: true });
    expect(postCan(teammate, q)).toMatchObject({ vote: false, accept: false });
    const answer: PostAccessFacts = { authorId: teammate.id, group: team, isRoot: false };
    expect(postCan(asker, answer, { isQuestion: false, isAnswer: true })).toMatchObject({ vote: true, accept: false });
  });
});
