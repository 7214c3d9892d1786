// Signed links that need no session (issue #11 §4: one-click unsubscribe): an HMAC-SHA256 with the app's secret.
// The secret is made once, at random, and kept in the settings table, so every worker and every restart signs and
// verifies alike without another setting to configure; whoever can read the database could forge an unsubscribe,
// and could already do far more.
import crypto from "node:crypto";
import { rawStatement } from "#app/infra/db.server";
import { singleton } from "#app/infra/registry.server";

const KEY = "app.signingSecret";

function secret(): Buffer {
  return singleton("signing-secret", () => {
    rawStatement(`insert into settings (key, value) values (@key, @value) on conflict (key) do nothing`).run({
      key: KEY,
      value: crypto.randomBytes(32).toString("base64url"),
    });
    const value = rawStatement(`select value from settings where key = @key`).pluck().get({ key: KEY }) as string;
    return Buffer.from(value, "base64url");
  });
}

/** The signature of `message` (base64url). */
export function sign(message: string): string {
  return crypto.createHmac("sha256", secret()).update(message).digest("base64url");
}

/** Whether `signature` is `message`'s, compared in constant time. */
export function verifySignature(message: string, signature: string | null | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(sign(message));
  const given = Buffer.from(signature);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
