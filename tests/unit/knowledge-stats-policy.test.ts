// Who may see knowledge stats (issue #9 item 7), pure: the company's and the departments' are the site admins';
// a group's are its admins' and the site admins' who may read it (a private group's unanswered questions are not
// for a site admin outside it). The pages and the API are tested in tests/integration/knowledge-stats.test.ts.
import { describe, expect, it } from "vitest";
import { can, type GroupRef, type Viewer } from "#app/access/rules";

const team: GroupRef = { id: 1, visibility: "private", archived: false };
const open: GroupRef = { id: 2, visibility: "public", archived: false };
const secret: GroupRef = { id: 3, visibility: "secret", archived: false };
const archived: GroupRef = { id: 4, visibility: "public", archived: true };

function viewer(id: number, { role = "member", memberOf = [] as number[], adminOf = [] as number[] } = {}): Viewer {
  const guest = role === "guest";
  const readable = new Set([...memberOf, ...(guest ? [] : [open.id, archived.id])]);
  return { id, role: role as Viewer["role"], guest, memberOf: new Set(memberOf), adminOf: new Set(adminOf), readable };
}

const member = viewer(1, { memberOf: [team.id, open.id] });
const teamAdmin = viewer(2, { memberOf: [team.id, secret.id], adminOf: [team.id, secret.id] });
const openAdmin = viewer(3, { memberOf: [open.id], adminOf: [open.id] });
const siteAdmin = viewer(4, { role: "admin" });
const siteAdminInTeam = viewer(5, { role: "admin", memberOf: [team.id] });
const guestAdmin = viewer(6, { role: "guest", memberOf: [team.id], adminOf: [team.id] });

describe("question.stats", () => {
  it("gives the company's and the departments' stats to site admins only", () => {
    expect(can(siteAdmin, "question.stats", null)).toBe(true);
    for (const v of [member, teamAdmin, openAdmin, guestAdmin]) expect(can(v, "question.stats", null)).toBe(false);
  });

  it("gives a group's stats to its admins, and to site admins who may read it", () => {
    expect(can(teamAdmin, "question.stats", team)).toBe(true);
    expect(can(teamAdmin, "question.stats", secret)).toBe(true);
    expect(can(openAdmin, "question.stats", open)).toBe(true);
    expect(can(siteAdmin, "question.stats", open)).toBe(true);
    expect(can(siteAdmin, "question.stats", archived)).toBe(true);
    expect(can(siteAdminInTeam, "question.stats", team)).toBe(true);
    // Not to members, admins of other groups, site admins outside a private or secret group, or guests.
    expect(can(member, "question.stats", team)).toBe(false);
    expect(can(member, "question.stats", open)).toBe(false);
    expect(can(openAdmin, "question.stats", team)).toBe(false);
    expect(can(teamAdmin, "question.stats", open)).toBe(false);
    expect(can(siteAdmin, "question.stats", team)).toBe(false);
    expect(can(siteAdmin, "question.stats", secret)).toBe(false);
    expect(can(guestAdmin, "question.stats", team)).toBe(false);
  });
});
