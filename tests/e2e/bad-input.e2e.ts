// Bad input gets a 400 and a message in the user's language, and nothing is written.
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, launchBrowser, postForm, signInPage, startServer, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;

function countPosts() {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from posts").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The first account is made through the setup page, as a person would.
  await createAccount(server, "/setup", {
    name: "김민수",
    email: "minsu@sori.test",
    handle: "minsu",
    department: "개발",
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (locale: string, javaScriptEnabled: boolean) =>
  signInPage(browser, server, { email: "minsu@sori.test", locale, javaScriptEnabled });

describe("bad input", () => {
  it("answers an empty post with 400 and a Korean message, writing nothing (no JavaScript)", async () => {
    const { context, page } = await signIn("ko-KR", false);
    const before = countPosts();
    await page.getByLabel("소식 공유하기").fill("   ");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "게시", exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("게시하기 전에 내용을 입력하세요.");
    expect(countPosts()).toBe(before);
    await context.close();
  });

  it("answers a post over 10,000 characters with 400 and an English message, writing nothing", async () => {
    const { context, page } = await signIn("en-US", true);
    const before = countPosts();
    const box = page.getByLabel("Share an update");
    // maxlength stops typing; a crafted request gets past it, so remove it as an attacker would.
    await box.evaluate((el) => el.removeAttribute("maxlength"));
    await box.fill("가".repeat(10_001));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Post", exact: true }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("A post can have at most 10000 characters.");
    expect(countPosts()).toBe(before);
    await context.close();
  });

  it("renders hostile Markdown as inert text", async () => {
    const { context, page } = await signIn("en-US", true);
    const alerts: string[] = [];
    page.on("dialog", (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await page
      .getByLabel("Share an update")
      .fill('<img src=x onerror="alert(1)"> <script>alert(2)</script> [click](javascript:alert(3)) hostile');
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const post = page.locator("article").filter({ hasText: "hostile" });
    await expect.poll(() => post.count()).toBe(1);
    expect(await post.locator("img, script").count()).toBe(0);
    expect(await post.locator('a[href^="javascript"]').count()).toBe(0);
    expect(alerts).toEqual([]);
    await context.close();
  });

  it("refuses a cross-origin form post even with a valid session", async () => {
    const { context } = await signIn("en-US", false);
    const session = (await context.cookies()).find((c) => c.name === "sori_session")!;
    await context.close();
    const cookie = `sori_session=${session.value}`;
    const before = countPosts();
    const evil = await fetch(`${server.url}/home`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", Cookie: cookie },
      body: new URLSearchParams({ intent: "publish", body: "csrf" }),
      redirect: "manual",
    });
    expect(evil.status).toBe(403);
    expect(countPosts()).toBe(before);
    // The same request from Sori's own origin is accepted: the 403 was the origin check.
    expect((await postForm(server, "/home", { intent: "publish", body: "csrf" }, cookie)).status).toBe(302);
    expect(countPosts()).toBe(before + 1);
  });
});
