// The first-day journey of issue #2 in real Chromium against the built server.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmationPath, launchBrowser, startServer, watchConsole, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("first run to sign-out", () => {
  it("sets up the first admin, posts with a hashtag and a mention, replies, reacts, edits, deletes and signs out", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const problems = watchConsole(page);

    // First run: an empty database leads to the setup page.
    await page.goto(server.url);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/setup");
    await page.getByLabel("Full name").fill("Minsu Kim");
    await page.getByLabel("Email").fill("minsu.kim@sori.test");
    await page.getByLabel("Handle").fill("minsu.kim");
    await page.getByLabel("Department").fill("Engineering");
    await page.getByLabel("Job title").fill("CTO");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await page.waitForURL(/\/home$/);

    // A second person, by company domain sign-up, so there is someone to mention.
    const other = await browser.newContext({ locale: "ko-KR" });
    const otherPage = await other.newPage();
    await otherPage.goto(`${server.url}/signup`);
    await otherPage.getByLabel("이름").fill("이서연");
    await otherPage.getByLabel("이메일").fill("seoyeon.lee@sori.test");
    await otherPage.getByLabel("핸들").fill("seoyeon.lee");
    await otherPage.getByLabel("비밀번호").fill("another long password");
    await otherPage.getByRole("button", { name: "계정 만들기" }).click();
    // The address is confirmed by the emailed link before the account exists (issue #8.1).
    await otherPage.getByText("seoyeon.lee@sori.test").first().waitFor();
    await otherPage.goto(server.url + confirmationPath(await server.mailTo("seoyeon.lee@sori.test")));
    await otherPage.getByRole("button", { name: "확인하고 로그인" }).click();
    await otherPage.waitForURL(/\/home$/);
    await other.close();

    // Sign out and back in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.getByLabel("Email").fill("minsu.kim@sori.test");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/home$/);

    // Post with a hashtag and a mention, using the mention autocomplete.
    const box = page.getByLabel("Share an update");
    await box.fill("Kick-off for #신제품 and #Launch2026 with ");
    await box.pressSequentially("@seoy");
    await page.getByRole("option", { name: /이서연/ }).click();
    await box.pressSequentially("today!");
    await expect.poll(() => box.inputValue()).toContain("@seoyeon.lee today!");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    const post = page.locator("article").filter({ hasText: "Kick-off for" });
    await expect.poll(() => post.count()).toBe(1);
    await expect
      .poll(() => post.getByRole("link", { name: "#신제품" }).getAttribute("href"))
      .toBe(`/hashtags/${encodeURIComponent("신제품")}`);
    await expect
      .poll(() => post.getByRole("link", { name: "@seoyeon.lee" }).getAttribute("href"))
      .toBe("/people/seoyeon.lee");

    // The hashtag page (case-insensitive tag) shows it.
    await page.goto(`${server.url}/hashtags/launch2026`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("#launch2026");
    await expect.poll(() => page.locator("article").filter({ hasText: "Kick-off for" }).count()).toBe(1);

    // Reply in the thread, opened from the post's time (the card's own Reply answers in place, issue #12).
    await page.locator("article").filter({ hasText: "Kick-off for" }).locator("a:has(time)").click();
    await page.waitForURL(/\/posts\/\d+(#post-\d+)?$/);
    await page.getByLabel("Reply", { exact: true }).fill("Agenda: **scope** and `dates`");
    await page.getByRole("button", { name: "Reply", exact: true }).click();
    const reply = page.locator("article").filter({ hasText: "Agenda:" });
    await expect.poll(() => reply.locator("strong").textContent()).toBe("scope");

    // React to the root; the count shows and the button is pressed.
    const root = page.locator("article").first();
    await root.getByRole("button", { name: /^Celebrate/ }).click();
    await expect
      .poll(() => root.getByRole("button", { name: "Celebrate 1" }).getAttribute("aria-pressed"))
      .toBe("true");
    await page.reload();
    await expect
      .poll(() => page.locator("article").first().getByRole("button", { name: "Celebrate 1" }).count())
      .toBe(1);

    // Edit the reply: the text changes and "edited" shows.
    await reply.getByRole("link", { name: "Edit" }).click();
    await reply.getByRole("textbox").fill("Agenda: scope, dates and #회의 notes");
    await reply.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("article").filter({ hasText: "#회의 notes" }).count()).toBe(1);
    await expect
      .poll(() => page.locator("article").filter({ hasText: "#회의 notes" }).textContent())
      .toContain("(edited)");

    // Delete the reply, from the card's "⋯" menu (issue #12 item 6).
    page.once("dialog", (d) => d.accept());
    const edited = page.locator("article").filter({ hasText: "#회의 notes" });
    await edited.locator("summary[title='More actions']").click();
    await edited.getByRole("link", { name: "Delete" }).click();
    await expect.poll(() => page.locator("article").filter({ hasText: "#회의 notes" }).count()).toBe(0);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Post deleted.");
    // The flash is shown once.
    await page.reload();
    await expect.poll(() => page.locator("article").count()).toBe(1);
    expect(await page.getByText("Post deleted.").count()).toBe(0);

    // Sign out: protected pages send you to sign-in.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${server.url}/home`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/signin");

    expect(problems).toEqual([]);
    await context.close();
  });
});
