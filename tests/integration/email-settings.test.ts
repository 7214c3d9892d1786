// The email digest's setting (issue #11 §4): /settings/email shows the person's frequency (daily until they choose),
// changes it with a plain form post, refuses anything else with a field message, and says when email is off.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setSingleton } from "#app/infra/registry.server";
import { getDigestFrequency } from "#app/models/notifications/email.server";
import * as emailSettingsRoute from "#app/routes/settings_.email";
import { createTestUser, makeRequest, sessionCookie } from "#tests/factories";
import { startMailbox, type Mailbox } from "#tests/support/mailbox";

const ctx = { context: { clientIp: "10.0.0.1", cspNonce: "", onClose: () => {} }, params: {} } as any;
const dataOf = (r: unknown): any => (r && typeof r === "object" && "data" in r ? (r as { data: unknown }).data : r);
const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } | null }).init?.status ?? 200);

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox.close();
});
beforeEach(() => {
  process.env.SMTP_URL = mailbox.url;
});

describe("/settings/email", () => {
  it("shows daily until the person chooses, and changes it with a form post", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const page = await emailSettingsRoute.loader({ request: makeRequest("/settings/email", { cookie }), ...ctx });
    expect(dataOf(page)).toEqual({ frequency: "daily", emailEnabled: true });
    const saved = await emailSettingsRoute.action({
      request: makeRequest("/settings/email", { method: "POST", cookie, form: { digest: "weekly" } }),
      ...ctx,
    });
    expect(statusOf(saved)).toBe(302);
    expect(getDigestFrequency(user.id)).toBe("weekly");
    const refused = await emailSettingsRoute.action({
      request: makeRequest("/settings/email", { method: "POST", cookie, form: { digest: "hourly" } }),
      ...ctx,
    });
    expect(statusOf(refused)).toBe(400);
    expect(dataOf(refused).errors.digest).toBeTruthy();
    expect(getDigestFrequency(user.id)).toBe("weekly");
  });

  it("says when email is off, and asks a signed-out visitor to sign in", async () => {
    delete process.env.SMTP_URL;
    setSingleton("env", undefined);
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const page = await emailSettingsRoute.loader({ request: makeRequest("/settings/email", { cookie }), ...ctx });
    expect(dataOf(page)).toMatchObject({ emailEnabled: false });
    await expect(emailSettingsRoute.loader({ request: makeRequest("/settings/email"), ...ctx })).rejects.toMatchObject({
      status: 302,
    });
  });
});
