// Issue #8.4: `redirectTo` after sign-in stays on Sori, however a browser would read it (tabs and newlines
// dropped, backslashes read as slashes). Only a real browser proves that, so this runs in Chromium.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, E2E_PASSWORD, launchBrowser, startServer, type SoriServer } from "./harness";

let server: SoriServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createAccount(server, "/setup", { name: "김민수", email: "minsu@sori.test", handle: "minsu" });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A context in which any request to evil.example is answered locally, so an escape is seen, not timed out. */
async function trap(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; escaped: string[] }> {
  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled });
  const escaped: string[] = [];
  await context.route(
    (url) => url.hostname === "evil.example",
    (route) => {
      escaped.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>phished</h1>" });
    },
  );
  return { context, escaped };
}

const HOSTILE = [
  "/%09/evil.example/phish",
  "/%0A/evil.example/phish",
  "/%5Cevil.example/phish",
  "/%5C%5Cevil.example/phish",
  "/%09%5C/evil.example/phish",
];

describe("sign-in redirect", () => {
  for (const javaScriptEnabled of [false, true]) {
    for (const redirectTo of HOSTILE) {
      it(`stays on Sori for redirectTo=${redirectTo} (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
        const { context, escaped } = await trap(javaScriptEnabled);
        const page = await context.newPage();
        // The query string is written by hand: the hostile value must reach the form exactly as the attacker wrote it.
        await page.goto(`${server.url}/signin?redirectTo=${redirectTo}`);
        await page.locator("input[name=email]").fill("minsu@sori.test");
        await page.locator("input[name=password]").fill(E2E_PASSWORD);
        await page.locator("main form button[type=submit]").click();
        await expect
          .poll(() => escaped.length > 0 || new URL(page.url()).pathname === "/home", { timeout: 15_000 })
          .toBe(true);
        expect(escaped).toEqual([]);
        expect(new URL(page.url()).origin).toBe(server.url);
        expect(new URL(page.url()).pathname).toBe("/home");
        await context.close();
      });
    }
  }

  it("still returns to a same-site page with its query", async () => {
    const { context, escaped } = await trap(false);
    const page = await context.newPage();
    await page.goto(`${server.url}/search?q=${encodeURIComponent("회의 notes")}`);
    await page.waitForURL(/\/signin\?redirectTo=/);
    await page.locator("input[name=email]").fill("minsu@sori.test");
    await page.locator("input[name=password]").fill(E2E_PASSWORD);
    await Promise.all([page.waitForURL(/\/search\?/), page.locator("main form button[type=submit]").click()]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("회의 notes");
    expect(escaped).toEqual([]);
    await context.close();
  });
});
