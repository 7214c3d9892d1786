// Environment parsed once at start-up; a missing or malformed setting stops the process with a clear list.
import { z } from "zod";
import { singleton } from "./registry.server";

// An empty setting (APP_ORIGIN= in .env) means "not set".
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default("data/sori.db"),
  // The public origin (e.g. https://sori.example.com); mutations from any other Origin are refused.
  APP_ORIGIN: optional(z.string().url()),
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
  MEILISEARCH_URL: optional(z.string().url()),
  MEILISEARCH_API_KEY: optional(z.string()),
  // Turns off rate limits in the test suite only when explicitly asked; never in production.
  SORI_DISABLE_RATE_LIMIT: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

// Parsed once per registry (shared by the server and the Remix build; tests reset it per database).
export function getEnv(): Env {
  return singleton("env", parseEnv);
}

function parseEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment; fix these settings (see .env.example):\n${lines.join("\n")}`);
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.SORI_DISABLE_RATE_LIMIT === "1") {
    throw new Error("SORI_DISABLE_RATE_LIMIT=1 is not allowed in production");
  }
  return parsed.data;
}

/** The only settings that may reach the browser. */
export function getPublicEnv() {
  const env = getEnv();
  return { COMPANY_NAME: env.COMPANY_NAME };
}
