// Sori's admin CLI (cf. Mastodon's tootctl): `npm run sori -- <command> [options]`.
import { parseArgs } from "node:util";
import type { z } from "zod";
import type { Viewer } from "#app/access/rules";
import { NewAccountSchema, EmailSchema } from "#app/utils/validation";
import { getDb, migrateDatabase } from "#app/infra/db.server";
import { AppError } from "#app/utils/errors";
import { translate } from "#app/utils/i18n";
import { DEFAULT_TOKEN_SCOPES } from "#db/enums";

class UsageError extends Error {}

const HELP = `Usage: npm run sori -- <command> [options]

Commands:
  users:create  --email E --name N --handle H [--department D] [--title T] [--admin] [--password P]
                [--guest --groups a,b --organization "Partner Co"]
                                         a guest sees only those groups (never the company feed or directory)
  users:list
  users:deactivate <handle|email>        ends their sessions and revokes their API tokens at once; posts and
                                         group memberships stay
  users:reactivate <handle|email>        lets them sign in again, in the groups they were in
  groups:create --name N --visibility public|private|secret --admin HANDLE [--slug S] [--description D]
                                         HANDLE becomes the group's first admin
  groups:add-member <slug> <handle|email> [--admin]
  tokens:create --email E [--name N] [--scopes read,write,admin] [--expires never|30|90|YYYY-MM-DD]
                                         prints a personal access token once; scopes default to read,write
                                         (read = GET, write = creating and changing content, admin =
                                         admin-only operations, for site admins only); --expires: never
                                         (default), in 30 or 90 days, or at the end of that day in the
                                         person's time zone
  db:migrate                             applies pending migrations
  db:seed [--if-empty]                   builds the bilingual demo company
  search:reindex                         rebuilds the search index from the database (safe while serving)
  search:synonyms export                 prints the search synonym groups as CSV: one group a line, its terms
                                         separated by commas ("배포,deploy,release")
  search:synonyms import <file.csv>      replaces every group with the file's (lines starting with # are
                                         skipped); a file with any bad line changes nothing and names the lines
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
        guest: { type: "boolean", default: false },
        groups: { type: "string" },
        organization: { type: "string" },
      },
    });
    const password = values.password ?? cryptoPassword();
    const parsed = NewAccountSchema.safeParse({ ...values, password });
    if (!parsed.success) throw new UsageError(invalidOptions(parsed.error));
    const slugs = (values.groups ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    if (values.guest) {
      if (values.admin) throw new UsageError("--guest and --admin cannot be combined");
      if (slugs.length === 0) throw new UsageError("--guest needs --groups a,b (the groups the guest may see)");
      if (!values.organization?.trim()) throw new UsageError('--guest needs --organization "Partner Co"');
    } else if (values.groups !== undefined || values.organization !== undefined) {
      throw new UsageError("--groups and --organization are for --guest accounts");
    }
    const { createUser } = await import("#app/models/people/user.server");
    const { addMembers, requireGroup } = await import("#app/models/groups/group.server");
    // Every group must exist before the account does, so a typo leaves nothing half made.
    for (const slug of slugs) requireOrUsage(() => requireGroup(OPERATOR, slug), `No group "${slug}"`);
    const role = values.guest ? "guest" : values.admin ? "admin" : "member";
    const user = await createUser({ ...parsed.data, role, organization: values.organization ?? "" });
    for (const slug of slugs) addMembers({ viewer: OPERATOR, slug, input: { handles: [user.handle] } });
    console.log(`Created ${role} @${user.handle} (id ${user.id})${slugs.length ? ` in ${slugs.join(", ")}` : ""}`);
    if (!values.password) console.log(`Password: ${password}`);
  },
  async "users:list"() {
    const { listUsers } = await import("#app/models/people/user.server");
    for (const u of listUsers()) {
      console.log([u.id, u.handle, u.email, u.name, u.department, u.role, u.status].join("\t"));
    }
  },
  "users:deactivate": (args) => setStatus(args, "deactivated"),
  "users:reactivate": (args) => setStatus(args, "active"),
  async "groups:create"(args) {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: "string" },
        slug: { type: "string" },
        description: { type: "string" },
        visibility: { type: "string" },
        admin: { type: "string" },
      },
    });
    if (!values.admin) throw new UsageError("--admin HANDLE is required: a group always has an admin");
    const { createGroup, NewGroupSchema } = await import("#app/models/groups/group.server");
    const parsed = NewGroupSchema.safeParse(values);
    if (!parsed.success) throw new UsageError(invalidOptions(parsed.error));
    const { getViewerById } = await import("#app/access/viewer.server");
    const { getUserIdByHandle } = await import("#app/models/people/user.server");
    const missing = `No active user @${values.admin.toLowerCase()}`;
    let creator: Viewer | null = null;
    requireOrUsage(() => (creator = getViewerById(getUserIdByHandle(values.admin!))), missing);
    if (!creator) throw new UsageError(missing);
    // Created as that person would create it, so the same rules apply (a guest cannot create groups).
    const group = createGroup({ viewer: creator, input: parsed.data });
    console.log(`Created ${group.visibility} group "${group.name}" (/${group.slug}) with admin @${values.admin}`);
  },
  async "groups:add-member"(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { admin: { type: "boolean", default: false } },
    });
    const [slug, who, ...extra] = positionals;
    if (!slug || !who || extra.length) throw new UsageError("Usage: groups:add-member <slug> <handle|email> [--admin]");
    const { addMembers, AddMembersSchema, requireGroup } = await import("#app/models/groups/group.server");
    requireOrUsage(() => requireGroup(OPERATOR, slug), `No group "${slug}"`);
    const byEmail = who.includes("@");
    const input = { [byEmail ? "emails" : "handles"]: [who], role: values.admin ? "admin" : "member" } as const;
    const parsed = AddMembersSchema.safeParse(input);
    if (!parsed.success) throw new UsageError(invalidOptions(parsed.error));
    const r = addMembers({ viewer: OPERATOR, slug, input: parsed.data });
    if (r.notFound.length) throw new UsageError(`No active user ${who}`);
    const role = values.admin ? "admin" : "member";
    console.log(
      r.added.length ? `Added @${r.added[0]} to ${slug} as ${role}` : `@${r.already[0]} is already in ${slug}`,
    );
  },
  async "tokens:create"(args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        name: { type: "string", default: "cli" },
        scopes: { type: "string", default: DEFAULT_TOKEN_SCOPES.join(",") },
        expires: { type: "string", default: "never" },
      },
    });
    const email = EmailSchema.safeParse(values.email);
    if (!email.success) throw new UsageError("--email must be a valid email address");
    const { getUserIdByEmail, getSettings } = await import("#app/models/people/user.server");
    const { createApiToken } = await import("#app/models/people/api-token.server");
    const { tokenExpiry } = await import("#app/utils/token-expiry");
    const userId = getUserIdByEmail(email.data);
    if (!userId) throw new UsageError(`No user with email ${email.data}`);
    // The settings page's reading of an expiry: a day is the last day the token works, in the owner's zone.
    const isDay = /^\d{4}-/.test(values.expires!);
    const expiry = tokenExpiry(isDay ? "date" : values.expires!, isDay ? values.expires! : "", {
      now: Date.now(),
      timeZone: getSettings(userId).timeZone,
    });
    if (!expiry.ok) throw new UsageError(`--expires: ${translate("en", expiry.error)}`);
    // The model checks the scopes (one rule for the CLI and the settings page): a malformed list is a usage error;
    // the admin scope for someone who is not a site admin is refused like any other use-case failure (exit 1).
    const scopes = values.scopes!.split(",");
    try {
      console.log(createApiToken({ userId, name: values.name!, scopes, expiresAt: expiry.expiresAt }).token);
    } catch (error) {
      if (error instanceof AppError && error.code === "invalid_scope") {
        throw new UsageError(`--scopes: ${translate("en", error.messageKey, error.vars)}`);
      }
      throw error;
    }
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
    const { reindexAll } = await import("#app/events/consumers/search-worker.server");
    const r = await reindexAll({ progress: true });
    console.log(`Reindexed ${r.queued} documents (${r.stale} stale removed) in ${r.seconds.toFixed(1)} s.`);
  },
  async "search:synonyms"(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [action, file, ...extra] = positionals;
    const usage = "Usage: search:synonyms export | search:synonyms import <file.csv>";
    const synonyms = await import("#app/models/search/synonyms.server");
    if (action === "export" && !file) {
      process.stdout.write(synonyms.synonymsToCsv(synonyms.listSynonymGroups()));
      return;
    }
    if (action !== "import" || !file || extra.length) throw new UsageError(usage);
    const { readFile } = await import("node:fs/promises");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const { groups, problems } = synonyms.parseSynonymsCsv(text);
    if (problems.length) {
      const lines = problems.slice(0, 50).map((p) => `  line ${p.line}: ${translate("en", p.key, p.vars)}`);
      const more = problems.length > 50 ? `\n  … and ${problems.length - 50} more` : "";
      throw new UsageError(`${file} was not imported (nothing changed):\n${lines.join("\n")}${more}`);
    }
    synonyms.replaceSynonymGroups({ viewer: OPERATOR, groups });
    // Meilisearch gets its setting now; the embedded engine of every worker reloads on its next search.
    const { getSearchEngine } = await import("#app/models/search/engine.server");
    await synonyms.syncSynonyms(getSearchEngine());
    console.log(`Imported ${groups.length} synonym groups.`);
  },
};

/**
 * The operator at the console acts with a site admin's authority over groups (rules.ts: an admin manages every
 * group they can find) without being a member of any, so nothing they do here grants them reading rights.
 */
const OPERATOR: Viewer = {
  id: 0,
  role: "admin",
  guest: false,
  memberOf: new Set(),
  adminOf: new Set(),
  readable: new Set(),
};

async function setStatus(args: string[], status: "active" | "deactivated") {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const command = status === "active" ? "users:reactivate" : "users:deactivate";
  const [who, ...extra] = positionals;
  if (!who || extra.length) throw new UsageError(`Usage: ${command} <handle|email>`);
  const { getUserIdByEmail, getUserIdByHandle, setUserStatus } = await import("#app/models/people/user.server");
  let userId: number | null = null;
  if (who.includes("@")) userId = getUserIdByEmail(who);
  else requireOrUsage(() => (userId = getUserIdByHandle(who)), `No user ${who}`);
  if (userId == null) throw new UsageError(`No user ${who}`);
  const r = await setUserStatus({ actor: OPERATOR, userId, status });
  const done = status === "active" ? "reactivated" : "deactivated (sessions ended, API tokens revoked)";
  console.log(r.changed ? `@${r.handle} ${done}` : `@${r.handle} is already ${status}`);
}

function requireOrUsage(fn: () => unknown, message: string) {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw new UsageError(message);
    throw error;
  }
}

function invalidOptions(error: z.ZodError) {
  const lines = error.issues.map((i) => `  --${i.path.join(".")}: ${translate("en", i.message as never) ?? i.message}`);
  return `Invalid options:\n${lines.join("\n")}`;
}

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
