// Issue #11's proof in real Chromium against the built server, two people at once: a mention reaches the other
// person's bell while their page stays open (no reload), and the notification leads to the post; an announcement
// that asks for acknowledgement is pinned at the top of a colleague's Home until they press "확인했습니다", while
// its author watches "seen by" count it live — in Korean for one and English for the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, launchBrowser, signInPage, startServer, watchConsole, type SoriServer } from "./harness";
import type { Browser } from "playwright-core";

let server: SoriServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The first account is the site's admin: it may post company announcements.
  await createAccount(server, "/setup", { name: "김민수", email: "minsu@sori.test", handle: "minsu.kim" });
  await createAccount(server, "/signup", { name: "이지은", email: "jieun@sori.test", handle: "jieun.lee" });
  await createAccount(server, "/signup", { name: "Alex Park", email: "alex@sori.test", handle: "alex.park" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("notifications and announcements, live", () => {
  it("a mention updates the colleague's bell without a reload and leads to the post", async () => {
    const author = await signInPage(browser, server, { email: "minsu@sori.test", locale: "ko-KR" });
    const reader = await signInPage(browser, server, { email: "jieun@sori.test", locale: "ko-KR" });
    const problems = watchConsole(reader.page);
    const bell = reader.page.locator("a.bell");
    await expect.poll(() => bell.getAttribute("data-unread")).toBe("0");
    // The stream is open before the mention is posted (the bell listens to it).
    await Promise.all([reader.page.waitForRequest((r) => r.url().includes("/api/v1/stream")), reader.page.reload()]);

    await author.page
      .locator("form.composer textarea[name=body]")
      .first()
      .fill("@jieun.lee 내일 회의록 확인 부탁드려요");
    await author.page.locator("form.composer button.primary").first().click();
    await expect.poll(() => author.page.locator("article").filter({ hasText: "내일 회의록" }).count()).toBe(1);

    await expect.poll(() => bell.getAttribute("data-unread"), { timeout: 10_000 }).toBe("1");
    await expect.poll(() => bell.getAttribute("aria-label")).toContain("1");
    await bell.click();
    await reader.page.waitForURL(/\/notifications/);
    const row = reader.page.locator("li.notification").filter({ hasText: "김민수" }).first();
    await expect.poll(() => row.textContent()).toContain("멘션");
    await row.getByRole("link").first().click();
    await reader.page.waitForURL(/\/posts\/\d+/);
    await expect.poll(() => reader.page.locator("article").first().textContent()).toContain("내일 회의록");
    expect(problems).toEqual([]);
    await Promise.all([author.context.close(), reader.context.close()]);
  });

  it("pins an announcement until it is acknowledged, and its author sees 'seen by' count it live", async () => {
    const TEXT = "12월 1일부터 사무실 출입 카드가 바뀝니다. 새 카드를 받으세요.";
    const author = await signInPage(browser, server, { email: "minsu@sori.test", locale: "ko-KR" });
    const colleague = await signInPage(browser, server, { email: "alex@sori.test", locale: "en-US" });
    const problems = watchConsole(colleague.page);

    // Only the admin is offered the announcement kind.
    await expect.poll(() => colleague.page.getByRole("radio", { name: "Announcement" }).count()).toBe(0);
    await author.page.getByRole("radio", { name: "공지" }).check();
    const ask = author.page.getByLabel("모두에게 읽음 확인 요청");
    await expect.poll(() => ask.isChecked()).toBe(true);
    await author.page.locator("form.composer textarea[name=body]").first().fill(TEXT);
    await author.page.locator("form.composer button.primary").first().click();
    const card = author.page.locator("article").filter({ hasText: "출입 카드" }).first();
    await expect.poll(() => card.count()).toBe(1);
    await card.locator("a.seen-by").click();
    await author.page.waitForURL(/\/posts\/\d+\/acks$/);
    // Everyone but the author: 이지은 and Alex.
    await expect.poll(() => author.page.locator("main").textContent()).toContain("2명 중 0명 확인");

    // Pinned at the top of the colleague's Home, in English, until acknowledged.
    await colleague.page.goto(`${server.url}/home`);
    const pinned = colleague.page.locator("section.pinned-announcements");
    await expect.poll(() => pinned.textContent()).toContain("출입 카드");
    await pinned.getByRole("button", { name: "I've read this" }).click();
    await expect.poll(() => pinned.filter({ hasText: "출입 카드" }).count()).toBe(0);
    await colleague.page.reload();
    await expect
      .poll(() => colleague.page.locator("section.pinned-announcements").filter({ hasText: "출입 카드" }).count())
      .toBe(0);

    // The author's page moved without a reload.
    await expect
      .poll(() => author.page.locator("main").textContent(), { timeout: 10_000 })
      .toContain("2명 중 1명 확인");
    expect(problems).toEqual([]);
    await Promise.all([author.context.close(), colleague.context.close()]);
  });
});
