// Issue #8.15: without APP_ORIGIN the origin check compared Origin with the request's own Host, so a client
// forging both passed it. Production now refuses to start without APP_ORIGIN.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "#app/infra/env.server";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("environment", () => {
  it("requires APP_ORIGIN in production and lists it with the other problems", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/APP_ORIGIN: required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", APP_ORIGIN: "" })).toThrow(/APP_ORIGIN/);
    let message = "";
    try {
      parseEnv({ NODE_ENV: "production", PORT: "0" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/- PORT: /);
    expect(message).toMatch(/- APP_ORIGIN: required in production/);
  });

  it("keeps APP_ORIGIN as a bare http(s) origin", () => {
    expect(parseEnv({ NODE_ENV: "production", APP_ORIGIN: "https://sori.example.com/" }).APP_ORIGIN).toBe(
      "https://sori.example.com",
    );
    expect(() => parseEnv({ NODE_ENV: "production", APP_ORIGIN: "javascript:alert(1)" })).toThrow(/APP_ORIGIN/);
    // Development and tests may still leave it unset.
    expect(parseEnv({ NODE_ENV: "development" }).APP_ORIGIN).toBeUndefined();
  });

  it("stops the production server at start-up with a message naming APP_ORIGIN", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      // Empty means unset, and also overrides a developer's .env.
      env: {
        ...process.env,
        NODE_ENV: "production",
        APP_ORIGIN: "",
        PORT: "1",
        DATABASE_PATH: path.join(os.tmpdir(), `sori-env-${process.pid}.db`),
      },
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Invalid environment[\s\S]*- APP_ORIGIN: required in production/);
  });
});
