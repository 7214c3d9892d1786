// Issue #6 in real Chromium against the built server: a private group, a member added by email, a post with a
// hashtag only used there — and a non-member finds nothing of it anywhere (group page, search box, hashtag page,
// company feed), while the member sees it on their home feed.
import crypto from "node:crypto";
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
  await createAccount(server, "/signup", { name: "박서준", email: "seojun@sori.test", handle: "seojun.park" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const articles = (page: Page, text: string) => page.locator("article").filter({ hasText: text });

describe("a private group", () => {
  it("keeps its posts to its members on every page a non-member can open", async () => {
    const tag = `aurora${crypto.randomBytes(3).toString("hex")}`;
    const body = `Launch plan for the new app #${tag}`;

    // The creator makes a private group from the directory.
    const owner = await signInPage(browser, server, { email: "minsu@sori.test" });
    const problems = watchConsole(owner.page);
    await owner.page.getByRole("link", { name: "Groups" }).click();
    await owner.page.waitForURL(/\/groups$/);
    await owner.page.getByRole("link", { name: "New group" }).click();
    await owner.page.waitForURL(/\/groups\/new$/);
    await owner.page.getByLabel("Name").fill("Project Aurora 오로라");
    await owner.page.getByLabel("Address (optional)").fill("aurora");
    await owner.page.getByLabel("Description").fill("The app we launch in spring");
    await owner.page.getByRole("radio", { name: /Private/ }).check();
    await owner.page.getByRole("button", { name: "Create group" }).click();
    await owner.page.waitForURL(/\/groups\/aurora$/);
    await expect.poll(() => owner.page.getByRole("heading", { level: 1 }).textContent()).toBe("Project Aurora 오로라");
    await expect.poll(() => owner.page.getByRole("status").first().textContent()).toContain("Group created");

    // …adds a member by pasting email addresses, and sees who was not found.
    await owner.page.getByRole("link", { name: "Members" }).click();
    await owner.page.waitForURL(/\/groups\/aurora\/members$/);
    await owner.page.getByLabel("Or paste email addresses").fill("이지은 <JIEUN@sori.test>,\nnobody@sori.test");
    await owner.page.getByRole("button", { name: "Add", exact: true }).click();
    const report = owner.page.getByRole("status", { name: "Result" });
    await expect.poll(() => report.textContent()).toContain("Added: jieun.lee");
    await expect.poll(() => report.textContent()).toContain("Not found (no active account): nobody@sori.test");
    await expect.poll(() => owner.page.locator(".member-list").last().textContent()).toContain("이지은");

    // …previews a post that mentions a non-member: the composer warns that they won't see it.
    await owner.page.getByRole("link", { name: "Posts" }).click();
    await owner.page.waitForURL(/\/groups\/aurora$/);
    const box = owner.page.getByLabel("Post to Project Aurora 오로라");
    await box.fill(`${body} cc @seojun.park`);
    await owner.page.getByRole("button", { name: "Preview" }).click();
    await expect
      .poll(() => owner.page.locator(".not-reached").textContent())
      .toContain("박서준 is not a member of this private group and won't see this post.");
    await box.fill(body);
    await owner.page.getByRole("button", { name: "Post", exact: true }).click();
    await expect.poll(() => articles(owner.page, "Launch plan").count()).toBe(1);
    await expect.poll(() => new URL(owner.page.url()).pathname).toBe("/groups/aurora");

    // The member sees it on their home feed, and the search finds it for them (so the index has it).
    const member = await signInPage(browser, server, { email: "jieun@sori.test" });
    problems.push(...watchConsole(member.page));
    await expect.poll(() => articles(member.page, "Launch plan").count()).toBe(1);
    await expect
      .poll(
        async () => {
          await member.page.goto(`${server.url}/search?q=${tag}`);
          return articles(member.page, "Launch plan").count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);

    // A non-member: the group page shows what the group is, a way to ask to join, and no posts.
    const outsider = await signInPage(browser, server, { email: "seojun@sori.test" });
    const page = outsider.page;
    problems.push(...watchConsole(page));
    await page.goto(`${server.url}/groups/aurora`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Project Aurora 오로라");
    await expect.poll(() => page.getByText("The app we launch in spring").count()).toBe(1);
    await expect.poll(() => page.getByRole("button", { name: /Request to join/ }).count()).toBe(1);
    expect(await page.locator("article").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Members" }).count()).toBe(0);
    expect(await page.content()).not.toContain("Launch plan");

    // The search box: neither its suggestions nor its results page show the post.
    const search = page.locator(".site-header input[name=q]");
    await search.fill(tag);
    await page.waitForTimeout(600);
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".search-suggestions li").count()).toBe(0);
    await search.press("Enter");
    await page.waitForURL(/\/search\?/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Nothing found");
    expect(await articles(page, "Launch plan").count()).toBe(0);

    // The hashtag page and the company feed show nothing of it either.
    await page.goto(`${server.url}/hashtags/${tag}`);
    expect(await page.locator("article").count()).toBe(0);
    expect(await page.content()).not.toContain("Launch plan");
    await page.goto(`${server.url}/company`);
    expect(await articles(page, "Launch plan").count()).toBe(0);
    await page.goto(`${server.url}/home`);
    expect(await articles(page, "Launch plan").count()).toBe(0);

    // Asking to join shows as requested; the group admin sees the request.
    await page.goto(`${server.url}/groups/aurora`);
    await page.getByRole("button", { name: /Request to join/ }).click();
    await expect.poll(() => page.getByRole("button", { name: "Requested" }).count()).toBe(1);
    expect(await page.locator("article").count()).toBe(0);
    await owner.page.goto(`${server.url}/groups/aurora/members`);
    await expect.poll(() => owner.page.getByRole("button", { name: "Approve" }).count()).toBe(1);

    expect(problems).toEqual([]);
    await Promise.all([owner.context.close(), member.context.close(), outsider.context.close()]);
  });

  it("works at phone width without JavaScript: the directory, the group page and its composer's group picker", async () => {
    const context = await browser.newContext({
      locale: "ko-KR",
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.locator("input[name=email]").fill("jieun@sori.test");
    await page.locator("input[name=password]").fill("a long enough password");
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL(/\/home$/);

    // The home composer's picker offers 전사 and the member's group; posting into the group lands there.
    const picker = page.getByLabel("게시 대상");
    expect(await picker.locator("option").allTextContents()).toEqual(["전사", "🔒 Project Aurora 오로라"]);
    await picker.selectOption("aurora");
    await page.getByLabel("소식 공유하기").fill("폰에서 올린 그룹 글");
    await page.locator("form.composer button.primary[type=submit]").first().click();
    await page.waitForURL(/\/home$/);
    await page.goto(`${server.url}/groups/aurora`);
    await expect.poll(() => articles(page, "폰에서 올린 그룹 글").count()).toBe(1);
    await expect.poll(() => page.locator(".group-facts").first().textContent()).toContain("비공개");

    // Nothing is wider than the phone.
    for (const path of ["/groups", "/groups/aurora", "/groups/aurora/members"]) {
      await page.goto(`${server.url}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await context.close();
  });
});
