// Sori's admin CLI (cf. Mastodon's tootctl): `npm run sori -- <command> [options]`.
import { parseArgs } from "node:util";
import { NewAccountSchema, EmailSchema } from "#app/utils/validation";
import { getDb, migrateDatabase } from "#app/infra/db.server";
import { AppError } from "#app/utils/errors";
import { translate } from "#app/utils/i18n";

class UsageError extends Error {}

const HELP = `Usage: npm run sori -- <command> [options]

Commands:
  users:create  --email E --name N --handle H [--department D] [--title T] [--admin] [--password P]
  users:list
  tokens:create --email E [--name N]     prints a personal access token once
  db:migrate                             applies pending migrations
  db:seed [--if-empty]                   builds the bilingual demo company
  search:reindex                         rebuilds the search index from the database (safe while serving)
`;

const commands: Record<string, (args: string[]) => Promise<void> | void> = {
  async "users:create"(args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        handle: { type: "string" },
        department: { type: "string", default: "" },
        title: { type: "string", default: "" },
        password: { type: "string" },
        admin: { type: "boolean", default: false },
      },
    });
    const password = values.password ?? cryptoPassword();
    const parsed = NewAccountSchema.safeParse({ ...values, password });
    if (!parsed.success) {
      const lines = parsed.error.issues.map(
        (i) => `  --${i.path.join(".")}: ${translate("en", i.message as never) ?? i.message}`,
      );
      throw new UsageError(`Invalid options:\n${lines.join("\n")}`);
    }
    const { createUser } = await import("#app/models/people/user.server");
    const user = await createUser({ ...parsed.data, role: values.admin ? "admin" : "member" });
    console.log(`Created ${values.admin ? "admin" : "member"} @${user.handle} (id ${user.id})`);
    if (!values.password) console.log(`Password: ${password}`);
  },
  async "users:list"() {
    const { listUsers } = await import("#app/models/people/user.server");
    for (const u of listUsers()) {
      console.log([u.id, u.handle, u.email, u.name, u.department, u.role, u.status].join("\t"));
    }
  },
  async "tokens:create"(args) {
    const { values } = parseArgs({
      args,
      options: { email: { type: "string" }, name: { type: "string", default: "cli" } },
    });
    const email = EmailSchema.safeParse(values.email);
    if (!email.success) throw new UsageError("--email must be a valid email address");
    const { getUserIdByEmail } = await import("#app/models/people/user.server");
    const { createApiToken } = await import("#app/models/people/api-token.server");
    const userId = getUserIdByEmail(email.data);
    if (!userId) throw new UsageError(`No user with email ${email.data}`);
    console.log(createApiToken({ userId, name: values.name! }).token);
  },
  "db:migrate"() {
    migrateDatabase(getDb());
    console.log("Database is up to date.");
  },
  async "db:seed"(args) {
    const { values } = parseArgs({ args, options: { "if-empty": { type: "boolean", default: false } } });
    const { seedDemoCompany } = await import("#db/seed");
    await seedDemoCompany({ ifEmpty: values["if-empty"] ?? false });
  },
  async "search:reindex"() {
    const { reindexAll } = await import("#search/index.server");
    const r = await reindexAll({ progress: true });
    console.log(`Reindexed ${r.queued} documents (${r.stale} stale removed) in ${r.seconds.toFixed(1)} s.`);
  },
};

function cryptoPassword() {
  return `sori-${crypto.randomUUID().slice(0, 18)}`;
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    console.log(HELP);
    return;
  }
  const command = commands[name];
  if (!command) throw new UsageError(`Unknown command "${name}".\n\n${HELP}`);
  await command(args);
}

main().then(
  () => process.exit(0),
  (error) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`sori: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof AppError) {
      console.error(`sori: ${translate("en", error.messageKey, error.vars)}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
