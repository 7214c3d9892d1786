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
  });
});
