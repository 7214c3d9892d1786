// Session validation, the read every signed-in request and every stream connect makes (app/web/auth.server.ts):
// Sori's adapter (one prepared statement for the session and its user) beside lucia's stock drizzle adapter (two
// queries built and prepared by drizzle on each call), on a fresh migrated database with 10,000 sessions.
//
//   npx tsx bench/session.ts [--calls 20000]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia } from "lucia";
import { sessions, users } from "#db/schema";
import { summarize } from "./lib";

const { values } = parseArgs({ options: { calls: { type: "string", default: "20000" } } });
const calls = Number(values.calls);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-bench-session-"));
process.env.DATABASE_PATH = path.join(dir, "sori.db");

const { getDb, rawStatement } = await import("#app/infra/db.server");
const { getLucia } = await import("#app/web/auth.server");
const { createUser } = await import("#app/models/people/user.server");

const db = getDb();
const ids: string[] = [];
const user = await createUser({
  email: "bench@sori.test",
  handle: "bench",
  name: "벤치 사용자",
  password: "bench-password-2026",
});
const insert = rawStatement(`insert into sessions (id, user_id, expires_at) values (?, ?, ?)`);
const expires = Math.floor(Date.now() / 1000) + 30 * 86400;
db.$client.transaction(() => {
  for (let i = 0; i < 10_000; i++) {
    const id = `bench-session-${i.toString().padStart(5, "0")}`;
    insert.run(id, user.id, expires);
    ids.push(id);
  }
})();

const stock = new Lucia(new DrizzleSQLiteAdapter(db, sessions, users), {
  getUserAttributes: (a: Record<string, unknown>) => ({ handle: a.handle, name: a.name }),
});

async function time(label: string, validate: (id: string) => Promise<{ user: unknown }>) {
  // Warm-up, then timed calls over random sessions.
  for (let i = 0; i < 500; i++) await validate(ids[i % ids.length]);
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const id = ids[(i * 7919) % ids.length];
    const t = process.hrtime.bigint();
    const { user: found } = await validate(id);
    samples.push(Number(process.hrtime.bigint() - t) / 1000);
    if (!found) throw new Error(`${label}: session ${id} not found`);
  }
  const s = summarize(samples.sort((a, b) => a - b));
  console.log(
    `${label.padEnd(28)} p50 ${s.p50.toFixed(1)} µs   p95 ${s.p95.toFixed(1)} µs   p99 ${s.p99.toFixed(1)} µs   mean ${s.mean.toFixed(1)} µs`,
  );
  return s;
}

console.log(`validateSession, ${calls} calls over 10,000 sessions (load average ${os.loadavg()[0].toFixed(1)})`);
const before = await time("lucia drizzle adapter", (id) => stock.validateSession(id));
const after = await time("Sori adapter (one statement)", (id) => getLucia().validateSession(id));
console.log(`ratio of p50: ${(before.p50 / after.p50).toFixed(1)}× faster`);
fs.rmSync(dir, { recursive: true, force: true });
