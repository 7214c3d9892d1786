// Reading and posting work without JavaScript; with it, the keyboard alone can mention someone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, watchConsole, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;

async function signUp(name: string, handle: string) {
  const res = await fetch(`${server.url}/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ name, email: `${handle}@sori.test`, handle, department: "Design", title: "", password: "a long enough password" }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await fetch(`${server.url}/setup`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ name: "Admin", email: "admin@sori.test", handle: "admin", password: "a long enough password" }),
  });
  await signUp("Jiwoo Han", "jiwoo.han");
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(javaScriptEnabled: boolean) {
  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel("Email").fill("admin@sori.test");
  await page.getByLabel("Password").fill("a long enough password");
  await Promise.all([page.waitForURL(/\/home$/), page.getByRole("button", { name: "Sign in" }).click()]);
  return { context, page };
}

describe("without JavaScript", () => {
  it("posts, reacts, follows a hashtag and edits", async () => {
    const { context, page } = await signIn(false);
    await page.getByLabel("Share an update").fill("No-JS post about #접근성");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Post", exact: true }).click()]);
    const post = page.locator("article").filter({ hasText: "No-JS post" });
    expect(await post.count()).toBe(1);
    expect(await page.getByRole("status").textContent()).toBe("Posted.");

    await post.getByRole("button", { name: /^Like/ }).click();
    await page.waitForLoadState("load");
    expect(await page.locator("article").filter({ hasText: "No-JS post" }).getByRole("button", { name: "Like 1" }).getAttribute("aria-pressed")).toBe("true");

    await page.goto(`${server.url}/hashtags/${encodeURIComponent("접근성")}`);
    await page.getByRole("button", { name: "Follow" }).click();
    await page.waitForLoadState("load");
    expect(await page.getByRole("button", { name: "Unfollow" }).count()).toBe(1);

    // Edit without JavaScript goes to its own page.
    await page.goto(`${server.url}/home`);
    await page.locator("article").filter({ hasText: "No-JS post" }).getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Edit").fill("No-JS post, edited");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/posts\/\d+/);
    expect(await page.locator("article").first().textContent()).toContain("No-JS post, edited");
    await context.close();
  });
});

describe("with the keyboard", () => {
  it("completes a mention with the arrow keys and Enter, and posts with Ctrl+Enter", async () => {
    const { context, page } = await signIn(true);
    const problems = watchConsole(page);
    const box = page.getByLabel("Share an update");
    await box.focus();
    await page.keyboard.type("Thanks @jiw");
    await expect.poll(() => page.getByRole("option").count()).toBe(1);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.keyboard.type("for the review");
    expect(await box.inputValue()).toBe("Thanks @jiwoo.han for the review");
    await page.keyboard.press("Control+Enter");
    const post = page.locator("article").filter({ hasText: "for the review" });
    await expect.poll(() => post.count()).toBe(1);
    expect(await post.getByRole("link", { name: "@jiwoo.han" }).getAttribute("href")).toBe("/people/jiwoo.han");
    expect(problems).toEqual([]);
    await context.close();
  });
});
