// Starts the built Sori server on its own port and database file, and a headless Chromium to drive it.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { ParsedMail } from "mailparser";
import { chromium, type Browser, type Page } from "playwright-core";
import { startMailbox } from "../support/mailbox";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type SoriServer = {
  url: string;
  dbPath: string;
  stop: () => Promise<void>;
  output: () => string;
  /** The first email to this address that the server sent (through a real SMTP server in this process). */
  mailTo: (address: string, timeoutMs?: number) => Promise<ParsedMail>;
};

/** The confirmation link in a sign-up email, as a path. */
export function confirmationPath(mail: ParsedMail): string {
  const link = /https?:\/\/[^\s]+\/signup\/confirm\?token=[^\s]+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`no confirmation link in:\n${mail.text}`);
  const url = new URL(link);
  return url.pathname + url.search;
}

export async function startServer(env: Record<string, string> = {}): Promise<SoriServer> {
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) {
    throw new Error("build/ is missing: run `npm run build` before the e2e tests");
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-e2e-"));
  const dbPath = path.join(dir, `${crypto.randomUUID()}.db`);
  const mailbox = await startMailbox();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      // Production requires the public origin (issue #8.15): the tests reach the server at this address.
      APP_ORIGIN: `http://127.0.0.1:${port}`,
      DATABASE_PATH: dbPath,
      ALLOWED_EMAIL_DOMAINS: "sori.test",
      SMTP_URL: mailbox.url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a busy 2-core machine the server can take over 30 s to start (migrations, the seedless boot, JIT).
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode != null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet: retry until the deadline.
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  process.env.DATABASE_PATH = dbPath;
  return {
    url,
    dbPath,
    output: () => output,
    mailTo: mailbox.mailTo,
    stop: async () => {
      await mailbox.close();
      if (child.exitCode == null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Fails the test on any page error or console error the test did not expect. */
export function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  return problems;
}

/** A form POST as Sori's own pages send it (same Origin), without following the redirect. */
export function postForm(server: SoriServer, path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}

export const E2E_PASSWORD = "a long enough password";

/**
 * Creates an account through the real first-run or sign-up form and returns its session cookie. A company-domain
 * sign-up confirms the address first, with the link from the email, as a person would (issue #8.1).
 */
export async function createAccount(
  server: SoriServer,
  path: "/setup" | "/signup",
  account: { name: string; email: string; handle: string; department?: string; title?: string },
): Promise<string> {
  let res = await postForm(server, path, { department: "", title: "", password: E2E_PASSWORD, ...account });
  if (path === "/signup") {
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    const confirm = confirmationPath(await server.mailTo(account.email));
    res = await postForm(server, confirm, {});
  }
  if (res.status !== 302) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0];
  // Reachable around the clock (every day 00:00–00:00): quiet delivery (issue #11 §2) holds a notification made
  // outside working hours, so a live bell would otherwise depend on the hour in Seoul when the test runs.
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => ["days", d]);
  await fetch(`${server.url}/settings/working-hours`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, Cookie: cookie },
    body: new URLSearchParams([["intent", "own"], ...days, ["start", "00:00"], ["end", "00:00"]]),
    redirect: "manual",
  });
  return cookie;
}

/** Signs in through the sign-in page in a new browser context. */
export async function signInPage(
  browser: Browser,
  server: SoriServer,
  {
    email,
    locale = "en-US",
    javaScriptEnabled = true,
  }: { email: string; locale?: string; javaScriptEnabled?: boolean },
) {
  const context = await browser.newContext({ locale, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(E2E_PASSWORD);
  await Promise.all([page.waitForURL(/\/home$/), page.locator("main form button[type=submit]").click()]);
  return { context, page };
}
