// Finding company knowledge from the header box and the results page, in Korean and English.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccount,
  launchBrowser,
  postForm,
  signInPage,
  startServer,
  watchConsole,
  type SoriServer,
} from "./harness";

let server: SoriServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const cookie = await createAccount(server, "/setup", {
    name: "김민수",
    email: "minsu@sori.test",
    handle: "minsu.kim",
    department: "개발",
  });
  await createAccount(server, "/signup", {
    name: "이서연",
    email: "seoyeon@sori.test",
    handle: "seoyeon.lee",
    department: "디자인",
    title: "Designer",
  });
  for (const body of [
    "내일 오전 10시 **회의**는 서울은 3층에서 합니다 #공지",
    "Deployment checklist for #Launch2026 is ready",
    "점심 메뉴 추천 받아요",
    "<b>bold</b> attempt about 회의록 <script>alert(1)</script>",
    "Demo day on Friday: bring your laptop",
  ]) {
    expect((await postForm(server, "/home", { intent: "publish", body }, cookie)).status).toBe(302);
  }
  // The server's worker indexes within milliseconds of each write.
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (javaScriptEnabled = true) =>
  signInPage(browser, server, { email: "minsu@sori.test", locale: "ko-KR", javaScriptEnabled });

describe("search", () => {
  it("suggests people, hashtags and posts as you type, navigable by keyboard", async () => {
    const { context, page } = await signIn();
    const problems = watchConsole(page);
    const box = page.getByRole("combobox", { name: "검색" });
    await box.fill("이서");
    await expect.poll(() => page.getByRole("option").first().textContent()).toContain("이서연");
    await box.press("ArrowDown");
    expect(await box.getAttribute("aria-activedescendant")).toBeTruthy();
    // An Enter that commits a Hangul syllable in the IME must not pick a suggestion.
    await box.evaluate((el) =>
      el.dispatchEvent(
        new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true }),
      ),
    );
    await page.waitForTimeout(200);
    expect(new URL(page.url()).pathname).toBe("/home");
    await box.press("Enter");
    await page.waitForURL(/\/people\/seoyeon\.lee$/);

    // A two-syllable Korean word finds the post; the snippet highlights it and stays inert.
    await page.getByRole("combobox", { name: "검색" }).fill("회의");
    const options = page.getByRole("option");
    await expect.poll(() => options.filter({ hasText: "서울은" }).count()).toBe(1);
    expect(await options.filter({ hasText: "서울은" }).locator("mark").first().textContent()).toBe("회의");
    await page.getByRole("combobox", { name: "검색" }).press("Enter");
    await page.waitForURL(/\/search\?q=/);
    const results = page.locator("article");
    await expect.poll(() => results.count()).toBe(2);
    expect(await results.locator("script, b").count()).toBe(0);
    await expect.poll(() => page.locator(".search-snippet mark").first().textContent()).toBe("회의");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("finds people by 초성 and posts by the syllable being composed, in the header box and the directory", async () => {
    const { context, page } = await signIn();
    const problems = watchConsole(page);
    const box = page.getByRole("combobox", { name: "검색" });
    // What a Korean keyboard sends: compatibility jamo (ㅇ U+3147), not yet a syllable.
    await box.fill("ㅇㅅㅇ");
    await expect.poll(() => page.getByRole("option").first().textContent()).toContain("이서연");
    // 회의 on its way through the input method: 회ㅇ, then 회으.
    for (const typed of ["회ㅇ", "회으"]) {
      // Emptied first, so the list shown is this query's, not the previous one's.
      await box.fill("");
      await expect.poll(() => page.getByRole("option").count()).toBe(0);
      await box.fill(typed);
      const post = page.getByRole("option").filter({ hasText: "서울은" });
      await expect.poll(() => post.count()).toBe(1);
      expect(await post.locator("mark").first().textContent()).toBe("회의");
    }
    // The people directory, a plain GET form.
    await page.goto(`${server.url}/people?q=${encodeURIComponent("ㄱㅁㅅ")}`);
    await expect.poll(() => page.locator("main").textContent()).toContain("김민수");
    expect(await page.locator("main").textContent()).not.toContain("이서연");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: English prefix, particles, tabs and filters", async () => {
    const { context, page } = await signIn(false);
    await page.goto(`${server.url}/search?q=deplo`);
    expect(await page.locator("article").filter({ hasText: "Deployment checklist" }).count()).toBe(1);

    await page.goto(`${server.url}/search?q=${encodeURIComponent("서울")}`);
    expect(await page.locator("article").filter({ hasText: "서울은" }).count()).toBe(1);

    await page.goto(`${server.url}/search?q=${encodeURIComponent("서연")}`);
    await page.getByRole("link", { name: "사람" }).last().click();
    await page.waitForURL(/type=people/);
    expect(await page.locator(".person").filter({ hasText: "@seoyeon.lee" }).count()).toBe(1);

    await page.goto(`${server.url}/search?q=${encodeURIComponent("#공지")}`);
    expect(await page.locator("article").filter({ hasText: "회의" }).count()).toBe(1);
    await context.close();
  });

  it("finds a misspelt word, marks what matched, and offers a corrected query when nothing is found", async () => {
    const { context, page } = await signIn(false);
    await page.goto(`${server.url}/search?q=depolyment`);
    const hit = page.locator("article").filter({ hasText: "Deployment checklist" });
    expect(await hit.count()).toBe(1);
    expect(await hit.locator("mark").first().textContent()).toBe("Deployment");

    await page.goto(`${server.url}/search?q=dmeo`);
    expect(await page.locator("article").count()).toBe(0);
    const suggestion = page.locator(".did-you-mean");
    expect(await suggestion.textContent()).toContain("이것을 찾으셨나요?");
    await suggestion.getByRole("link", { name: "demo" }).click();
    await page.waitForURL(/q=demo(&|$)/);
    expect(await page.locator("article").filter({ hasText: "Demo day on Friday" }).count()).toBe(1);
    await context.close();
  });

  it("answers hostile queries with results or a clear message, never an error page", async () => {
    const { context, page } = await signIn(false);
    for (const q of ['"unbalanced', "NEAR(회의", "-*", "a:b ^c", "x".repeat(600)]) {
      const res = await page.goto(`${server.url}/search?q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(res!.status());
      expect(await page.getByRole("heading", { name: "검색" }).count()).toBe(1);
    }
    const tooLong = await page.goto(`${server.url}/search?q=${"x".repeat(600)}`);
    expect(tooLong!.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toBe("검색어는 최대 500자까지 입력할 수 있습니다.");
    await context.close();
  });
});
