// Issue #10's proof in real Chromium against the built server, in five browser contexts at once — the host (Korean),
// the moderator (Korean), an attendee in English on a desktop and one in Korean on a phone (390×844) who asks
// anonymously, and the presenter view on the host's big screen: the host creates a seminar with pre-moderation from
// /events/new and starts it; both attendees ask and upvote; the moderator approves; the presenter view highlights the
// top question ("now answering") and marks it answered with a written answer; an attendee comments and the
// presenter's ticker shows it; a poll is opened, voted and its results move; the host ends the event and the page
// becomes its archive, and search finds the answered question. Every other browser sees each change without a
// reload (expect.poll on the same page), and the anonymous asker's name and handle appear in no other browser's page
// HTML.
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
  await createAccount(server, "/signup", { name: "박서준", email: "seojun@sori.test", handle: "seojun.park" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const NAMED = "When will the new office in Paris open?";
const ANONYMOUS = "평가 제도는 언제 바뀌나요?";
const ANSWER = "내년 1월부터 새 평가 제도를 시행합니다.";
const COMMENT = "Great roadmap, thanks!";

const question = (page: Page, body: string) => page.locator(".event-questions article").filter({ hasText: body });
const text = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).join(" ");
const intentButton = (page: Page, intent: string) =>
  page.locator(`form:has(input[name=intent][value=${intent}]) button[type=submit]`);

/** Waits until React has hydrated the page, so its stream is open and its keys and effects are live. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter != null);
  // The event stream connects just after hydration; a moment for its replay to finish.
  await new Promise((r) => setTimeout(r, 300));
}

describe("a live seminar, end to end", () => {
  it("runs in five browsers in Korean and English, live, and keeps the anonymous asker anonymous", async () => {
    const host = await signInPage(browser, server, { email: "minsu@sori.test", locale: "ko-KR" });
    const problems = watchConsole(host.page);

    // The host creates the seminar (scheduled ahead; started by hand below), pre-moderated, with a moderator.
    await host.page.goto(`${server.url}/events/new`);
    await host.page.locator("input[name=title]").fill("2026 상반기 제품 세미나");
    await host.page.locator("select[name=kind]").selectOption("seminar");
    await host.page.locator("input[name=starts_at]").fill("2030-03-02T10:00");
    await host.page.locator("input[name=ends_at]").fill("2030-03-02T12:00");
    await host.page.locator("input[name=moderators]").fill("jieun.lee");
    await host.page.locator("input[name=pre_moderation]").check();
    await Promise.all([
      host.page.waitForURL(/\/events\/\d+$/),
      host.page.getByRole("button", { name: "이벤트 만들기" }).click(),
    ]);
    const eventUrl = host.page.url();
    await intentButton(host.page, "start").click();
    await expect.poll(() => host.page.locator(".badge.event-live").count()).toBeGreaterThan(0);

    // The others open the event page (and the moderator the queue, the host the presenter view) and stay there.
    const alex = await signInPage(browser, server, { email: "alex@sori.test", locale: "en-US" });
    const seojun = await signInPage(browser, server, { email: "seojun@sori.test", locale: "ko-KR" });
    const mod = await signInPage(browser, server, { email: "jieun@sori.test", locale: "ko-KR" });
    const screen = await host.context.newPage();
    for (const p of [alex.page, seojun.page, mod.page, screen]) problems.push(...watchConsole(p));
    await seojun.page.setViewportSize({ width: 390, height: 844 });
    await screen.setViewportSize({ width: 1280, height: 720 });
    await alex.page.goto(eventUrl);
    await seojun.page.goto(eventUrl);
    await mod.page.goto(`${eventUrl}/moderate`);
    await screen.goto(`${eventUrl}/present`);
    for (const p of [alex.page, seojun.page, mod.page, screen, host.page]) await hydrated(p);

    // The presenter moves to the first part with → (the keyboard, as on stage).
    await screen.keyboard.press("ArrowRight");
    await expect.poll(() => text(screen, ".present-segment")).toContain("1부");
    await expect.poll(() => text(alex.page, ".event-now-showing")).toContain("Part 1");

    // Alex asks by name; 서준 asks anonymously. Pre-moderation: each sees only their own, "in review".
    await alex.page.locator("#ask-body").fill(NAMED);
    await intentButton(alex.page, "ask").click();
    await expect.poll(() => question(alex.page, NAMED).textContent()).toContain("In review");
    await expect.poll(() => alex.page.locator("#ask-body").inputValue()).toBe("");
    await seojun.page.locator("#ask-body").fill(ANONYMOUS);
    await seojun.page.locator("input[name=anonymous]").check();
    await intentButton(seojun.page, "ask").click();
    await expect.poll(() => question(seojun.page, ANONYMOUS).textContent()).toContain("검토 중");
    expect(await question(seojun.page, ANONYMOUS).textContent()).toContain("익명으로 질문함");
    expect(await question(alex.page, ANONYMOUS).count()).toBe(0);
    expect(await question(seojun.page, NAMED).count()).toBe(0);

    // The moderator's queue fills live; approving shows both questions to everyone, live.
    await expect.poll(() => question(mod.page, NAMED).count()).toBe(1);
    await expect.poll(() => question(mod.page, ANONYMOUS).count()).toBe(1);
    for (const body of [NAMED, ANONYMOUS]) {
      await question(mod.page, body).locator("form:has(input[name=intent][value=approve]) button").click();
      await expect.poll(() => question(mod.page, body).locator("form:has(input[value=approve])").count()).toBe(0);
    }
    await expect.poll(() => question(alex.page, ANONYMOUS).count()).toBe(1);
    await expect.poll(() => question(seojun.page, NAMED).count()).toBe(1);
    await expect.poll(() => question(alex.page, NAMED).textContent()).not.toContain("In review");
    expect(await question(alex.page, ANONYMOUS).textContent()).toContain("Anonymous");

    // Upvotes (nobody upvotes their own question): Alex and the host for the anonymous one, 서준 for Alex's; each
    // sees the counts move on the others' votes.
    expect(await question(seojun.page, ANONYMOUS).getByRole("button", { name: "추천", exact: true }).count()).toBe(0);
    await question(alex.page, ANONYMOUS).getByRole("button", { name: "Upvote" }).click();
    await expect.poll(() => question(seojun.page, ANONYMOUS).locator(".count").textContent()).toBe("1");
    await question(host.page, ANONYMOUS).getByRole("button", { name: "추천", exact: true }).click();
    await expect.poll(() => question(alex.page, ANONYMOUS).locator(".count").textContent()).toBe("2");
    await question(seojun.page, NAMED).getByRole("button", { name: "추천", exact: true }).click();
    await expect.poll(() => question(alex.page, NAMED).locator(".count").textContent()).toBe("1");
    await expect.poll(() => text(screen, ".present-top")).toContain(ANONYMOUS);

    // The presenter highlights the top question: "now answering" on the big screen and for everyone.
    await screen.getByRole("button", { name: /^H · / }).click();
    await expect.poll(() => text(screen, ".present-answering")).toContain(ANONYMOUS);
    expect(await text(screen, ".present-answering")).toContain("익명");
    await expect.poll(() => question(alex.page, ANONYMOUS).textContent()).toContain("Now answering");
    await expect.poll(() => question(seojun.page, ANONYMOUS).textContent()).toContain("지금 답변 중");
    await expect.poll(() => question(mod.page, ANONYMOUS).textContent()).toContain("지금 답변 중");

    // …and marks it answered with a written answer: it leaves the open questions and is in Answered with it.
    await screen.locator("#present-answer").fill(ANSWER);
    await screen.getByRole("button", { name: /^A · / }).click();
    await expect.poll(() => text(screen, ".present-now")).toContain("아직 답변 중인 질문이 없습니다");
    await expect.poll(() => screen.locator("#present-answer").inputValue()).toBe("");
    await expect.poll(() => question(alex.page, ANONYMOUS).count()).toBe(0);
    await expect.poll(() => question(seojun.page, ANONYMOUS).count()).toBe(0);
    await alex.page.locator("nav.tabs").getByRole("link", { name: "Answered", exact: true }).click();
    await expect.poll(() => question(alex.page, ANONYMOUS).textContent()).toContain(ANSWER);
    expect(await question(alex.page, ANONYMOUS).textContent()).toContain("Anonymous");
    await alex.page.locator("nav.tabs").getByRole("link", { name: "Questions", exact: true }).click();
    await expect.poll(() => question(alex.page, NAMED).count()).toBe(1);

    // A live comment: on the presenter's ticker and on the other attendee's phone, stamped with the part. The phone
    // applies the comment from the stream itself: no data request (in a hall of 10,000, one comment must not make
    // 10,000 pages reload).
    const reloads: string[] = [];
    seojun.page.on("request", (r) => {
      if (/[?&]_data=|\.data(\?|$)/.test(r.url())) reloads.push(r.url());
    });
    await alex.page.locator("#comment-body").fill(COMMENT);
    await alex.page.getByRole("button", { name: "Comment", exact: true }).click();
    await expect.poll(() => text(screen, ".present-ticker")).toContain(COMMENT);
    await expect.poll(() => text(seojun.page, ".event-comments")).toContain(COMMENT);
    expect(await text(seojun.page, ".event-comments")).toContain("Alex Park · 1부");
    await expect.poll(() => alex.page.locator("#comment-body").inputValue()).toBe("");
    // Longer than a reload would wait to gather frames (EventLive's half second).
    await seojun.page.waitForTimeout(800);
    expect(reloads).toEqual([]);

    // A poll: the host writes it on the event page and opens it; it appears for the attendees; votes move the bars.
    await host.page.getByText("새 투표").click();
    await host.page.locator("#poll-question").fill("다음 세미나 주제는?");
    await host.page.locator("#poll-options").fill("AI\n보안\n클라우드");
    await intentButton(host.page, "pollCreate").click();
    await expect.poll(() => intentButton(host.page, "pollOpen").count()).toBe(1);
    expect(await alex.page.locator(".event-poll").count()).toBe(0);
    await intentButton(host.page, "pollOpen").click();
    await expect.poll(() => alex.page.locator(".event-poll").count()).toBe(1);
    await expect.poll(() => seojun.page.locator(".event-poll").count()).toBe(1);
    await expect.poll(() => text(screen, ".present-poll")).toContain("다음 세미나 주제는?");

    await alex.page.locator(".event-poll").getByLabel("보안").check();
    await alex.page.locator(".event-poll").getByRole("button", { name: "Vote" }).click();
    await expect.poll(() => text(host.page, ".event-poll")).toContain("1명 응답");
    await expect.poll(() => text(seojun.page, ".event-poll")).toContain("1명 응답");
    // The results, too, came from the stream: the poll's opening reloaded the page, the vote did not.
    const afterOpen = reloads.length;
    await seojun.page.waitForTimeout(800);
    expect(reloads.length).toBe(afterOpen);
    await seojun.page.locator(".event-poll").getByLabel("AI").check();
    await seojun.page.locator(".event-poll").getByRole("button", { name: "투표하기" }).click();
    await expect.poll(() => text(alex.page, ".event-poll")).toContain("2 responses");
    await expect.poll(() => text(screen, ".present-poll")).toContain("2");
    // Alex changes their vote while it is open.
    await alex.page.locator(".event-poll").getByLabel("AI").check();
    await alex.page.locator(".event-poll").getByRole("button", { name: "Change my vote" }).click();
    await expect.poll(() => text(host.page, ".event-poll .event-poll-bars li:first-child")).toContain("2표");

    // The phone layout holds: nothing is wider than the screen.
    expect(await seojun.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The anonymous asker is named in no other browser's page.
    for (const p of [alex.page, mod.page, host.page, screen]) {
      const html = await p.content();
      expect(html).not.toContain("박서준");
      expect(html).not.toContain("seojun.park");
    }

    // The host ends the event: every event page turns into its archive, live.
    await intentButton(host.page, "pollClose").click();
    await expect.poll(() => text(alex.page, ".event-poll")).toContain("Closed");
    await intentButton(host.page, "end").click();
    await expect.poll(() => alex.page.getByRole("heading", { name: "Comments by part" }).count()).toBe(1);
    await expect.poll(() => seojun.page.getByRole("heading", { name: "순서별 댓글" }).count()).toBe(1);
    const archive = alex.page.locator(".event-archive");
    expect(await archive.getByRole("heading", { name: "Answered questions" }).count()).toBe(1);
    expect(await question(alex.page, ANONYMOUS).textContent()).toContain(ANSWER);
    expect(await archive.getByRole("heading", { name: "Part 1" }).count()).toBe(1);
    expect(await text(alex.page, ".event-part")).toContain(COMMENT);
    expect(await text(alex.page, ".event-poll")).toContain("Final results");
    expect(await alex.page.locator(".event-poll input[type=radio]").count()).toBe(0);
    expect(await seojun.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const p of [alex.page, mod.page, host.page]) expect(await p.content()).not.toContain("박서준");

    // Ending it archived the answered question as a Q&A thread (§7): search finds it, still without its asker.
    await expect
      .poll(async () => {
        await alex.page.goto(`${server.url}/search?q=${encodeURIComponent("평가 제도")}`);
        return text(alex.page, "main");
      })
      .toContain(ANONYMOUS);
    expect(await alex.page.content()).not.toContain("박서준");
    expect(await alex.page.content()).not.toContain("seojun.park");

    expect(problems).toEqual([]);
    // Five browsers and some fifty live round trips: minutes, not the suite's one, on a busy 2-core machine.
  }, 300_000);
});
