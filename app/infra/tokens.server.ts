import crypto from "node:crypto";

/** A random secret for a link or an API token; only its SHA-256 is stored. */
export function newSecret(prefix: string) {
  return `${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string) {
  return crypto.createHash("sha256").update(secret).digest("hex");
}
