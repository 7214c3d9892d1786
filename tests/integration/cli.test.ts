// The admin CLI as an operator runs it: a real process against a real database file.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listSynonymGroups } from "#app/models/search/synonyms.server";
import { DEFAULT_SYNONYMS } from "#search/synonyms-default";

const ROOT = path.resolve(import.meta.dirname, "../..");

// Asynchronous, so a slow CLI start on a busy machine never blocks vitest's worker (its own timeouts still apply).
function sori(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/sori.ts", ...args],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: "test" }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, out: stdout, err: stderr });
      },
    );
  });
}

describe("npm run sori", () => {
  it("creates users, lists them and makes a token; refuses bad input with a clear message and exit code", async () => {
    const created = await sori(
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

    const dup = await sori("users:create", "--email", "ops@sori.test", "--name", "Dup", "--handle", "ops2");
    expect(dup.code).toBe(1);
    expect(dup.err).toContain("An account with this email already exists.");

    const bad = await sori("users:create", "--email", "nope", "--name", "", "--handle", "Bad Handle");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--email: Enter a valid email address/);
    expect(bad.err).toMatch(/--handle:/);

    const list = await sori("users:list");
    expect(list.out).toMatch(/ops\tops@sori\.test\t운영 담당\tIT\tadmin\tactive/);

    const token = await sori("tokens:create", "--email", "ops@sori.test");
    expect(token.code).toBe(0);
    expect(token.out.trim()).toMatch(/^sori_[A-Za-z0-9_-]{40,}$/);

    expect((await sori("tokens:create", "--email", "ghost@sori.test")).code).toBe(2);
    expect((await sori("no:such-command")).code).toBe(2);
    expect((await sori("users:create", "--bogus-flag")).code).toBe(2);
    // Eight real processes, each starting tsx: seconds apiece on a busy machine.
  }, 120_000);

  it("creates groups, adds members by handle or email, and creates guests limited to their groups", async () => {
    const pw = ["--password", "a long enough password"];
    expect(
      (await sori("users:create", "--email", "lead@sori.test", "--name", "팀장", "--handle", "lead", ...pw)).code,
    ).toBe(0);
    expect(
      (await sori("users:create", "--email", "dev@sori.test", "--name", "Dev", "--handle", "dev", ...pw)).code,
    ).toBe(0);

    const group = await sori(
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
      (await sori("groups:create", "--name", "X", "--slug", "partners", "--visibility", "public", "--admin", "lead"))
        .err,
    ).toContain("Another group already uses this address.");
    const badGroup = await sori("groups:create", "--name", "", "--visibility", "everyone", "--admin", "lead");
    expect(badGroup.code).toBe(2);
    expect(badGroup.err).toMatch(/--name:/);
    expect(badGroup.err).toMatch(/--visibility:/);
    expect((await sori("groups:create", "--name", "X", "--visibility", "public", "--admin", "nobody")).err).toContain(
      "No active user @nobody",
    );

    expect((await sori("groups:add-member", "partners", "dev@sori.test")).out).toContain(
      "Added @dev to partners as member",
    );
    expect((await sori("groups:add-member", "partners", "dev")).out).toContain("@dev is already in partners");
    expect((await sori("groups:add-member", "partners", "dev", "--admin")).out).toContain(
      "Added @dev to partners as admin",
    );
    expect((await sori("groups:add-member", "nope", "dev")).err).toContain('No group "nope"');

    const guest = await sori(
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
    expect((await sori("users:list")).out).toMatch(/kim\.partner\tkim@partner\.example\tKim\t\tguest\tactive/);
    // A guest cannot be a group admin.
    expect((await sori("groups:add-member", "partners", "kim.partner", "--admin")).err).toContain(
      "A guest cannot be a group admin.",
    );

    const noGroups = await sori(
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
    const unknownGroup = await sori(
      "users:create",
      ...["--email", "g@p.example", "--name", "G", "--handle", "g.p", "--guest", "--groups", "partners,nope"],
      ...["--organization", "P"],
    );
    expect(unknownGroup.err).toContain('No group "nope"');
    // Nothing was half made.
    expect((await sori("users:list")).out).not.toContain("g@p.example");
    expect(
      (await sori("users:create", "--email", "x@p.example", "--name", "X", "--handle", "x.p", "--guest", "--admin"))
        .code,
    ).toBe(2);
    expect((await sori("help")).out).toContain("groups:add-member <slug> <handle|email> [--admin]");
    // Each command is a fresh process (a few seconds each on a busy machine).
  }, 180_000);

  it("makes tokens with --scopes (default read,write); admin only for a site admin; bad lists refused (#7)", async () => {
    const pw = ["--password", "a long enough password"];
    expect((await sori("users:create", "--email", "dev@sori.test", "--name", "D", "--handle", "dev", ...pw)).code).toBe(
      0,
    );
    expect(
      (await sori("users:create", "--email", "root@sori.test", "--name", "R", "--handle", "root", "--admin", ...pw))
        .code,
    ).toBe(0);
    const { authenticateApiToken, listApiTokens } = await import("#app/models/people/api-token.server");
    const scopesOf = async (...args: string[]) => {
      const r = await sori("tokens:create", ...args);
      expect(r.err).toBe("");
      return authenticateApiToken(r.out.trim())!.scopes;
    };

    expect(await scopesOf("--email", "dev@sori.test")).toEqual(["read", "write"]);
    expect(await scopesOf("--email", "dev@sori.test", "--scopes", "read")).toEqual(["read"]);
    expect(await scopesOf("--email", "root@sori.test", "--scopes", "admin, read")).toEqual(["read", "admin"]);

    const unknown = await sori("tokens:create", "--email", "dev@sori.test", "--scopes", "read,sudo");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--scopes: Unknown scope "sudo". Use one or more of: read, write, admin.');
    const empty = await sori("tokens:create", "--email", "dev@sori.test", "--scopes", ",");
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("--scopes: Choose at least one scope.");
    const admin = await sori("tokens:create", "--email", "dev@sori.test", "--scopes", "read,admin");
    expect(admin.code).toBe(1);
    expect(admin.err).toContain("Only site administrators can create tokens with the admin scope.");
    expect(admin.out).toBe("");
    // Refused lists make nothing: dev holds the two tokens made above.
    const { getUserIdByEmail } = await import("#app/models/people/user.server");
    expect(listApiTokens(getUserIdByEmail("dev@sori.test")!).map((t) => t.scopes)).toEqual([
      ["read"],
      ["read", "write"],
    ]);

    expect((await sori("help")).out).toContain("tokens:create --email E [--name N] [--scopes read,write,admin]");
  }, 180_000);

  it("makes tokens that expire with --expires 30|90|YYYY-MM-DD, and refuses a past or odd one (#12.17)", async () => {
    const pw = ["--password", "a long enough password"];
    expect((await sori("users:create", "--email", "ci@sori.test", "--name", "C", "--handle", "ci", ...pw)).code).toBe(
      0,
    );
    const { listApiTokens } = await import("#app/models/people/api-token.server");
    const { getUserIdByEmail } = await import("#app/models/people/user.server");
    const before = Date.now();
    expect((await sori("tokens:create", "--email", "ci@sori.test", "--expires", "30")).code).toBe(0);
    const [thirty] = listApiTokens(getUserIdByEmail("ci@sori.test")!);
    expect(thirty!.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(30 * 24 * 3600_000);
    expect((await sori("tokens:create", "--email", "ci@sori.test", "--expires", "2999-12-31")).code).toBe(0);
    expect(listApiTokens(getUserIdByEmail("ci@sori.test")!)[0]!.expiresAt!.getUTCFullYear()).toBe(2999);

    const past = await sori("tokens:create", "--email", "ci@sori.test", "--expires", "2020-01-01");
    expect(past.code).toBe(2);
    expect(past.err).toContain("--expires: Choose today or a later day.");
    const odd = await sori("tokens:create", "--email", "ci@sori.test", "--expires", "forever");
    expect(odd.code).toBe(2);
    expect(odd.err).toContain("--expires: Choose never, 30 days, 90 days or a day.");
    expect(listApiTokens(getUserIdByEmail("ci@sori.test")!)).toHaveLength(2);
  }, 180_000);

  it("deactivates and reactivates people by handle or email (#8.14)", async () => {
    const pw = ["--password", "a long enough password"];
    expect(
      (await sori("users:create", "--email", "leaver@sori.test", "--name", "L", "--handle", "leaver", ...pw)).code,
    ).toBe(0);
    const token = (await sori("tokens:create", "--email", "leaver@sori.test")).out.trim();

    const off = await sori("users:deactivate", "leaver");
    expect(off.err).toBe("");
    expect(off.out).toContain("@leaver deactivated (sessions ended, API tokens revoked)");
    const { authenticateApiToken } = await import("#app/models/people/api-token.server");
    expect(authenticateApiToken(token)).toBeNull();

    const on = await sori("users:reactivate", "leaver@sori.test");
    expect(on.out).toContain("@leaver reactivated");
    expect((await sori("users:list")).out).toMatch(/leaver\tleaver@sori\.test\tL\t\tmember\tactive/);
    // Revoked tokens stay revoked.
    expect(authenticateApiToken(token)).toBeNull();

    const unknown = await sori("users:deactivate", "nobody");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("No user nobody");
  }, 120_000);
  it("exports the search synonyms as CSV and imports them back; a bad file changes nothing and names its lines (#13)", async () => {
    const exported = await sori("search:synonyms", "export");
    expect(exported.code).toBe(0);
    const lines = exported.out.trim().split("\n");
    expect(lines).toHaveLength(DEFAULT_SYNONYMS.length);
    expect(lines[0]).toBe("배포,deploy,deployment,release,릴리스,릴리즈");

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-synonyms-"));
    const file = (name: string, text: string) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };
    // Round trip: what export wrote imports unchanged.
    const again = await sori("search:synonyms", "import", file("all.csv", exported.out));
    expect(again.err).toBe("");
    expect(again.out).toContain(`Imported ${DEFAULT_SYNONYMS.length} synonym groups.`);
    expect((await sori("search:synonyms", "export")).out).toBe(exported.out);

    const edited = file(
      "edited.csv",
      '# our own dictionary\r\n배포, Deploy ,release\r\n\r\n"온보딩","onboarding"\r\nOKR,핵심 결과\r\n',
    );
    expect((await sori("search:synonyms", "import", edited)).code).toBe(0);
    expect(listSynonymGroups().map((g) => g.terms)).toEqual([
      ["배포", "deploy", "release"],
      ["온보딩", "onboarding"],
      ["okr", "핵심 결과"],
    ]);

    const bad = await sori(
      "search:synonyms",
      "import",
      file("bad.csv", '배포,deploy\n혼자\n#ok,x\n\n"unclosed,y\nfine,좋아요\n,,\n'),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("nothing changed");
    expect(bad.err).toContain("line 2: A group needs at least two different terms.");
    expect(bad.err).toMatch(/line 5: /);
    expect(bad.err).toContain("line 7: A term is empty.");
    expect(bad.err).not.toMatch(/line (1|3|4|6):/);
    // Nothing was written.
    expect(listSynonymGroups()).toHaveLength(3);

    expect((await sori("search:synonyms", "import", path.join(dir, "missing.csv"))).code).toBe(2);
    expect((await sori("search:synonyms", "import")).code).toBe(2);
    expect((await sori("search:synonyms", "nonsense")).code).toBe(2);
    const empty = await sori("search:synonyms", "import", file("empty.csv", "# nothing\n"));
    expect(empty.code).toBe(2);
    expect(empty.err).toContain("The file has no groups.");
  }, 120_000);
});
