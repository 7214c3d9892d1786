// Reading and posting work without JavaScript; with it, the keyboard alone can mention someone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, launchBrowser, signInPage, startServer, watchConsole, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createAccount(server, "/setup", { name: "Admin", email: "admin@sori.test", handle: "admin" });
  await createAccount(server, "/signup", {
    name: "Jiwoo Han",
    email: "jiwoo.han@sori.test",
    handle: "jiwoo.han",
    department: "Design",
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (javaScriptEnabled: boolean) =>
  signInPage(browser, server, { email: "admin@sori.test", javaScriptEnabled });

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
    expect(
      await page
        .locator("article")
        .filter({ hasText: "No-JS post" })
        .getByRole("button", { name: "Like 1" })
        .getAttribute("aria-pressed"),
    ).toBe("true");

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
    await expect.poll(() => page.getByRole("listbox").getByRole("option").count()).toBe(1);
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
