// Issue #7 on the production server: the JSON API is served by its own router beside the Remix pages, with its
// OpenAPI document and a reference page that renders in Chromium under the site's CSP from our own assets.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, launchBrowser, startServer, watchConsole, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A token for the first account, written as the app stores it (a SHA-256 hash), with the given scopes. */
function tokenFor(scopes: string) {
  const token = `sori_${crypto.randomBytes(32).toString("base64url")}`;
  const db = new Database(server.dbPath);
  try {
    db.prepare("insert into api_tokens (user_id, name, token_hash, scopes, created_at) values (1, 'e2e', ?, ?, ?)").run(
      crypto.createHash("sha256").update(token).digest("hex"),
      scopes,
      Date.now(),
    );
  } finally {
    db.close();
  }
  return token;
}

describe("the API beside the pages", () => {
  it("publishes and reads through the API router, refuses a read token's write, and pages still render", async () => {
    await createAccount(server, "/setup", { name: "Ana", email: "ana@sori.test", handle: "ana" });
    const writer = tokenFor("read write");
    const created = await fetch(`${server.url}/api/v1/posts`, {
      method: "POST",
      headers: { Authorization: `Bearer ${writer}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: "API로 올린 글 #api" }),
    });
    expect(created.status).toBe(201);
    const post = (await created.json()) as { id: number };
    expect(created.headers.get("Location")).toBe(`/api/v1/posts/${post.id}`);
    expect(created.headers.get("X-Content-Type-Options")).toBe("nosniff");

    const reader = tokenFor("read");
    const read = await fetch(`${server.url}/api/v1/posts/${post.id}`, {
      headers: { Authorization: `Bearer ${reader}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { body: string }).body).toBe("API로 올린 글 #api");
    const refused = await fetch(`${server.url}/api/v1/posts/${post.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${reader}` },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("insufficient_scope");

    const other = await fetch(`${server.url}/api/v1/posts`, { headers: { Authorization: `Bearer ${writer}` } });
    expect(other.status).toBe(405);
    expect(other.headers.get("Allow")).toBe("POST");
    expect((await fetch(`${server.url}/signin`)).status).toBe(200);
  });

  it("serves the OpenAPI 3.1 document without a token", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/posts/{id}");
  });

  it("renders the reference page in Chromium from our own assets under the CSP", async () => {
    const page = await browser.newPage();
    const problems = watchConsole(page);
    const outside: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) outside.push(r.url());
    });
    await page.goto(`${server.url}/api/docs`);
    await expect
      .poll(() => page.locator(".swagger-ui .info .title").textContent(), { timeout: 15_000 })
      .toContain("Sori API");
    await expect.poll(() => page.getByText("/api/v1/feeds/company").count()).toBeGreaterThan(0);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
