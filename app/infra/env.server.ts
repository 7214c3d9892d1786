// Environment parsed once at start-up; a missing or malformed setting stops the process with a clear list.
import net from "node:net";
import os from "node:os";
import { z } from "zod";
import { singleton } from "./registry.server";

// An empty setting (APP_ORIGIN= in .env) means "not set".
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("data/sori.db"),
  // The public origin (e.g. https://sori.example.com); mutations from any other Origin are refused. Kept as
  // scheme://host[:port] so a trailing slash in the setting cannot make every form post look cross-origin.
  // Required in production (below): without it the check would trust the request's own Host header.
  APP_ORIGIN: optional(
    z
      .string()
      .url()
      .refine((v) => /^https?:$/.test(new URL(v).protocol), "must be an http(s) origin")
      .transform((v) => new URL(v).origin),
  ),
  // Comma-separated company email domains whose people may sign up without an invitation.
  ALLOWED_EMAIL_DOMAINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  COMPANY_NAME: z.string().default("Sori"),
  // Outgoing mail (e.g. smtp://user:pass@mail.example.com:587); unset turns email off (app/infra/mailer.server.ts).
  SMTP_URL: optional(z.string().url()),
  MEILISEARCH_URL: optional(z.string().url()),
  MEILISEARCH_API_KEY: optional(z.string()),
  // The realtime bus across machines (docs/decisions/0005-realtime.md): Redis pub/sub carries "new events" nudges
  // between every process that serves streams; unset, the workers of one machine tell each other through the primary.
  REDIS_URL: optional(z.string().url()),
  // The proxies whose X-Forwarded-For is believed (Express's "trust proxy"; issue #8.5): unset trusts none, so
  // nobody can pick the address that sign-in limits count. A hop count, or addresses, subnets and
  // loopback/linklocal/uniquelocal, comma-separated (e.g. "loopback" behind a local nginx).
  TRUST_PROXY: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const setting = parseTrustProxy(value);
      if (setting === null) {
        ctx.addIssue({ code: "custom", message: "use a hop count or proxy addresses/subnets, e.g. loopback" });
        return z.NEVER;
      }
      return setting;
    }),
  // How many worker processes `npm start` runs (issue #7, docs/decisions/0003-every-core.md): one per core by
  // default; 1 serves from a single process. `npm run dev` always runs one.
  SORI_WORKERS: optional(z.coerce.number().int().min(1).max(256)).transform((n) => n ?? os.availableParallelism()),
  // Turns off rate limits in the test suite only when explicitly asked; never in production.
  SORI_DISABLE_RATE_LIMIT: z.enum(["0", "1"]).default("0"),
});

/** TRUST_PROXY as Express takes it: false, a hop count, or a list of addresses/subnets; null when malformed. */
function parseTrustProxy(value: string): false | number | string[] | null {
  const trimmed = value.trim();
  if (trimmed === "" || trimmed === "false") return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const entries = trimmed.split(",").map((e) => e.trim());
  const valid = (entry: string) => {
    if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
    const [address, prefix, ...rest] = entry.split("/");
    const family = net.isIP(address);
    if (!family || rest.length > 0) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  };
  return entries.every(valid) ? entries : null;
}

export type Env = z.infer<typeof EnvSchema>;

// Parsed once per registry (shared by the server and the Remix build; tests reset it per database).
export function getEnv(): Env {
  return singleton("env", parseEnv);
}

/** Parses the given settings (the process's by default); throws one error that lists every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ name: i.path.join("."), message: i.message }));
  // Checked on the raw settings too, so the list is complete even when another setting is malformed.
  if (source.NODE_ENV === "production") {
    // Issue #8.15: with no configured origin, a forged Host header that matches a forged Origin would pass.
    if (!source.APP_ORIGIN) {
      problems.push({ name: "APP_ORIGIN", message: "required in production (e.g. https://sori.example.com)" });
    }
    if (source.SORI_DISABLE_RATE_LIMIT === "1") {
      problems.push({ name: "SORI_DISABLE_RATE_LIMIT", message: "1 is not allowed in production" });
    }
  }
  if (!parsed.success || problems.length > 0) {
    const lines = problems.map((p) => `  - ${p.name}: ${p.message}`);
    throw new Error(`Invalid environment; fix these settings (see .env.example):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The only settings that may reach the browser. */
export function getPublicEnv() {
  const env = getEnv();
  return { COMPANY_NAME: env.COMPANY_NAME };
}
