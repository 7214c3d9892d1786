// The admin CLI as an operator runs it: a real process against a real database file.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sori(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/sori.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run sori", () => {
  it("creates users, lists them and makes a token; refuses bad input with a clear message and exit code", () => {
    const created = sori(
      "users:create",
      "--email",
      "Ops@Sori.Test",
      "--name",
      "운영 담당",
      "--handle",
      "ops",
      "--department",
      "IT",
      "--admin",
      "--password",
      "a long enough password",
    );
    expect(created.err).toBe("");
    expect(created.code).toBe(0);
    expect(created.out).toContain("Created admin @ops");

    const dup = sori("users:create", "--email", "ops@sori.test", "--name", "Dup", "--handle", "ops2");
    expect(dup.code).toBe(1);
    expect(dup.err).toContain("An account with this email already exists.");

    const bad = sori("users:create", "--email", "nope", "--name", "", "--handle", "Bad Handle");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--email: Enter a valid email address/);
    expect(bad.err).toMatch(/--handle:/);

    const list = sori("users:list");
    expect(list.out).toMatch(/ops\tops@sori\.test\t운영 담당\tIT\tadmin\tactive/);

    const token = sori("tokens:create", "--email", "ops@sori.test");
    expect(token.code).toBe(0);
    expect(token.out.trim()).toMatch(/^sori_[A-Za-z0-9_-]{40,}$/);

    expect(sori("tokens:create", "--email", "ghost@sori.test").code).toBe(2);
    expect(sori("no:such-command").code).toBe(2);
    expect(sori("users:create", "--bogus-flag").code).toBe(2);
    // Eight real processes, each starting tsx: seconds apiece on a busy machine.
  }, 120_000);

  it("creates groups, adds members by handle or email, and creates guests limited to their groups", () => {
    const pw = ["--password", "a long enough password"];
    expect(sori("users:create", "--email", "lead@sori.test", "--name", "팀장", "--handle", "lead", ...pw).code).toBe(0);
    expect(sori("users:create", "--email", "dev@sori.test", "--name", "Dev", "--handle", "dev", ...pw).code).toBe(0);

    const group = sori(
      "groups:create",
      "--name",
      "파트너 협업",
      "--slug",
      "partners",
      "--visibility",
      "private",
      "--admin",
      "lead",
    );
    expect(group.err).toBe("");
    expect(group.out).toContain('Created private group "파트너 협업" (/partners) with admin @lead');
    expect(
      sori("groups:create", "--name", "X", "--slug", "partners", "--visibility", "public", "--admin", "lead").err,
    ).toContain("Another group already uses this address.");
    const badGroup = sori("groups:create", "--name", "", "--visibility", "everyone", "--admin", "lead");
    expect(badGroup.code).toBe(2);
    expect(badGroup.err).toMatch(/--name:/);
    expect(badGroup.err).toMatch(/--visibility:/);
    expect(sori("groups:create", "--name", "X", "--visibility", "public", "--admin", "nobody").err).toContain(
      "No active user @nobody",
    );

    expect(sori("groups:add-member", "partners", "dev@sori.test").out).toContain("Added @dev to partners as member");
    expect(sori("groups:add-member", "partners", "dev").out).toContain("@dev is already in partners");
    expect(sori("groups:add-member", "partners", "dev", "--admin").out).toContain("Added @dev to partners as admin");
    expect(sori("groups:add-member", "nope", "dev").err).toContain('No group "nope"');

    const guest = sori(
      "users:create",
      "--email",
      "kim@partner.example",
      "--name",
      "Kim",
      "--handle",
      "kim.partner",
      "--guest",
      "--groups",
      "partners",
      "--organization",
      "Partner Co",
      ...pw,
    );
    expect(guest.err).toBe("");
    expect(guest.out).toContain("Created guest @kim.partner (id");
    expect(guest.out).toContain("in partners");
    expect(sori("users:list").out).toMatch(/kim\.partner\tkim@partner\.example\tKim\t\tguest\tactive/);
    // A guest cannot be a group admin.
    expect(sori("groups:add-member", "partners", "kim.partner", "--admin").err).toContain(
      "A guest cannot be a group admin.",
    );

    const noGroups = sori(
      "users:create",
      "--email",
      "g@p.example",
      "--name",
      "G",
      "--handle",
      "g.p",
      "--guest",
      "--organization",
      "P",
    );
    expect(noGroups.code).toBe(2);
    expect(noGroups.err).toContain("--groups");
    const unknownGroup = sori(
      "users:create",
      ...["--email", "g@p.example", "--name", "G", "--handle", "g.p", "--guest", "--groups", "partners,nope"],
      ...["--organization", "P"],
    );
    expect(unknownGroup.err).toContain('No group "nope"');
    // Nothing was half made.
    expect(sori("users:list").out).not.toContain("g@p.example");
    expect(
      sori("users:create", "--email", "x@p.example", "--name", "X", "--handle", "x.p", "--guest", "--admin").code,
    ).toBe(2);
    expect(sori("help").out).toContain("groups:add-member <slug> <handle|email> [--admin]");
    // Each command is a fresh process (a few seconds each on a busy machine).
  }, 180_000);
});
