// Issue #10 §1 in real Chromium against the built server: while two people read the company feed — one in English,
// one in Korean — a third publishes; both see a fixed "N new posts" pill without the feed moving under them, and a
// click loads the newest page. Without JavaScript the page does not change.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, launchBrowser, signInPage, startServer, watchConsole, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createAccount(server, "/setup", { name: "김민수", email: "minsu@sori.test", handle: "minsu.kim" });
  await createAccount(server, "/signup", { name: "이지은", email: "jieun@sori.test", handle: "jieun.lee" });
  await createAccount(server, "/signup", { name: "Alex Park", email: "alex@sori.test", handle: "alex.park" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function publish(page: Page, body: string) {
  await page.getByLabel("Share an update").fill(body);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect.poll(() => page.locator("article").first().textContent()).toContain(body);
}

const firstArticleTop = async (page: Page) => (await page.locator("article").first().boundingBox())!.y;

describe("the feed's new-posts notice", () => {
  it("counts new posts live in both languages, without moving the feed, and loads them on click", async () => {
    const author = await signInPage(browser, server, { email: "minsu@sori.test" });
    await author.page.goto(`${server.url}/company`);
    await publish(author.page, "Existing post so the feed is not empty");

    const en = await signInPage(browser, server, { email: "alex@sori.test" });
    const ko = await signInPage(browser, server, { email: "jieun@sori.test", locale: "ko-KR" });
    const noScript = await signInPage(browser, server, { email: "alex@sori.test", javaScriptEnabled: false });
    const problems = [...watchConsole(en.page), ...watchConsole(ko.page)];
    for (const { page } of [en, ko, noScript]) await page.goto(`${server.url}/company`);
    // Hydrated, and the stream open (its replay done) before anything is published.
    await en.page.waitForLoadState("networkidle").catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    const before = await firstArticleTop(en.page);

    await publish(author.page, "Town hall moved to Friday");
    await publish(author.page, "타운홀 금요일로 변경");

    await expect.poll(() => en.page.getByRole("button", { name: "2 new posts" }).count()).toBe(1);
    await expect.poll(() => ko.page.getByRole("button", { name: "새 게시물 2개" }).count()).toBe(1);
    // Nothing was inserted into the feed: the first post is where it was, and still the old one.
    expect(await firstArticleTop(en.page)).toBe(before);
    expect(await en.page.locator("article").first().textContent()).toContain("Existing post");
    expect(await noScript.page.locator(".new-posts").count()).toBe(0);

    await en.page.getByRole("button", { name: "2 new posts" }).click();
    await expect.poll(() => en.page.locator("article").first().textContent()).toContain("타운홀 금요일로 변경");
    await expect.poll(() => en.page.locator(".new-posts").count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
