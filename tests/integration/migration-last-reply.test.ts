// Migrations 0014 + 0017 (issue #9): threads replied to before publishPost kept posts.last_reply_at get it from
// their newest reply, so "recent activity" orders old questions right after a deploy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";
import { openDatabase } from "#app/infra/db.server";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../db/migrations");

describe("posts.last_reply_at for threads written before it existed", () => {
  it("is the newest reply's time for a thread with replies, null for one without", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sori-last-reply-"));
    try {
      // The migrations as they stood before last_reply_at: the journal cut before 0014.
      const before = path.join(dir, "migrations");
      fs.cpSync(MIGRATIONS, before, { recursive: true });
      const journalFile = path.join(before, "meta", "_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      const cut = journal.entries.findIndex((e) => e.tag.endsWith("_question_lists"));
      expect(cut).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, cut);
      fs.writeFileSync(journalFile, JSON.stringify(journal));

      const db = openDatabase(path.join(dir, "sori.db"));
      migrate(db, { migrationsFolder: before });
      const sql = db.$client;
      const user = sql
        .prepare("INSERT INTO users (email, handle, name) VALUES ('a@sori.test', 'ana', 'Ana') RETURNING id")
        .pluck()
        .get();
      const post = sql.prepare(
        `INSERT INTO posts (author_id, kind, body, html, reply_to_id, thread_id, reply_count, created_at)
         VALUES (@user, 'update', 'x', '<p>x</p>', @reply, @thread, @replies, @at) RETURNING id`,
      );
      const root = post.pluck().get({ user, reply: null, thread: null, replies: 2, at: 1_000 }) as number;
      sql.prepare("UPDATE posts SET thread_id = id WHERE id = ?").run(root);
      post.run({ user, reply: root, thread: root, replies: 0, at: 2_000 });
      post.run({ user, reply: root, thread: root, replies: 0, at: 3_000 });
      const quiet = post.pluck().get({ user, reply: null, thread: null, replies: 0, at: 1_500 }) as number;

      migrate(db, { migrationsFolder: MIGRATIONS });
      const lastReply = sql.prepare("SELECT last_reply_at FROM posts WHERE id = ?").pluck();
      expect(lastReply.get(root)).toBe(3_000);
      expect(lastReply.get(quiet)).toBeNull();
      sql.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
