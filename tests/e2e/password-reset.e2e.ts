// Issue #11 §4: "Forgot password?" by email in Chromium, with JavaScript off (the form must work as plain HTML):
// the sign-in page links to the form, the same answer comes back, the emailed link (through a real SMTP server in
// the test process) sets a new password and signs in, and the session that knew the old password is signed out.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, launchBrowser, startServer, watchConsole, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;
let oldSession: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  oldSession = await createAccount(server, "/setup", { name: "김민수", email: "minsu@sori.test", handle: "minsu" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const NEW_PASSWORD = "a brand new passphrase";

describe("password reset by email", () => {
  it("resets through the emailed link without JavaScript and signs out the old session", async () => {
    const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.url}/signin`);
    await Promise.all([
      page.waitForURL(/\/password\/forgot$/),
      page.getByRole("link", { name: "Forgot password?" }).click(),
    ]);
    await page.locator("input[name=email]").fill("minsu@sori.test");
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("minsu@sori.test");

    const mail = await server.mailTo("minsu@sori.test");
    const link = /https?:\/\/\S+\/password\/reset\?token=\S+/.exec(mail.text ?? "")?.[0];
    expect(link, mail.text).toBeTruthy();
    await page.goto(link!);
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await Promise.all([
      page.waitForURL(/\/home$/),
      page.getByRole("button", { name: "Change password and sign in" }).click(),
    ]);
    await expect.poll(() => page.getByText("Your password was changed").count()).toBeGreaterThan(0);

    // The session that existed before the reset is gone; the link does not work twice.
    const old = await fetch(`${server.url}/home`, { headers: { Cookie: oldSession }, redirect: "manual" });
    expect(old.status).toBe(302);
    const again = await context.newPage();
    await again.goto(link!);
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("invalid");
    expect(problems).toEqual([]);
    await context.close();
  });
});
