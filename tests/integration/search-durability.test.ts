// The outbox keeps the index equal to the database through crashes, engine outages and reindexing (issue #3).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { deletePost, editPost, publishPost } from "#app/models/posts/post.server";
import { getDb } from "#app/infra/db.server";
import {
  drainOutbox,
  loadHashtagDocs,
  loadPersonDocs,
  loadPostDocs,
  outboxDepth,
  reindexAll,
  startSearchWorker,
} from "#search/index.server";
import { SqliteFtsEngine } from "#search/sqlite-fts";
import type { DocType, SearchDoc, SearchEngine } from "#search/types";
import { createTestUser, viewerOf } from "#tests/factories";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function embedded() {
  return new SqliteFtsEngine(getDb().$client);
}

/** An engine that applies `okDocs` documents one by one, then fails (an outage in the middle of a batch). */
function failingAfter(inner: SearchEngine, okDocs: number): SearchEngine & { calls: number } {
  let applied = 0;
  const engine = {
    calls: 0,
    name: inner.name,
    setup: () => inner.setup(),
    remove: async (refs: Parameters<SearchEngine["remove"]>[0]) => {
      if (applied >= okDocs) throw new Error("engine unavailable");
      return inner.remove(refs);
    },
    search: inner.search.bind(inner),
    get: inner.get.bind(inner),
    scanIds: inner.scanIds.bind(inner),
    health: inner.health.bind(inner),
    reset: inner.reset.bind(inner),
    async index(docs: SearchDoc[]) {
      engine.calls++;
      for (const d of docs) {
        if (applied >= okDocs) throw new Error("engine unavailable");
        await inner.index([d]);
        applied++;
      }
    },
  };
  return engine;
}

async function allIds(engine: SearchEngine, type: DocType): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const page = await engine.scanIds(type, out.at(-1) ?? 0, 500);
    if (page.length === 0) return out;
    out.push(...page);
  }
}

/** Every post, person and used hashtag is indexed exactly as the database has it now, and nothing else. */
async function expectIndexEqualsDatabase(engine: SearchEngine) {
  const db = getDb().$client;
  const postIds = db.prepare(`select id from posts order by id`).pluck().all() as number[];
  const userIds = db.prepare(`select id from users order by id`).pluck().all() as number[];
  const tagIds = db.prepare(`select id from hashtags where post_count > 0 order by id`).pluck().all() as number[];
  expect(await allIds(engine, "post")).toEqual(postIds);
  expect(await allIds(engine, "person")).toEqual(userIds);
  expect(await allIds(engine, "hashtag")).toEqual(tagIds);
  for (const doc of [...loadPostDocs(postIds), ...loadPersonDocs(userIds), ...loadHashtagDocs(tagIds)]) {
    expect(await engine.get({ type: doc.type, id: doc.id })).toEqual(doc);
  }
}

async function seed(posts = 30) {
  const a = await createTestUser({ name: "김민수" });
  const b = await createTestUser({ name: "Emily Carter" });
  const ids: number[] = [];
  for (let i = 0; i < posts; i++) {
    const author = i % 2 ? a : b;
    const { id } = publishPost({
      viewer: viewerOf(author),
      body: i % 3 ? `회의 메모 ${i} #주간보고` : `Deployment note ${i} for **release** #release`,
    });
    ids.push(id);
  }
  return { a, b, ids };
}

const later = (ms: number) => () => Date.now() + ms;

describe("search outbox durability", () => {
  it("keeps rows of a batch the engine failed half-way, and catches up after the backoff", async () => {
    await seed(30);
    const before = outboxDepth();
    const engine = embedded();
    const flaky = failingAfter(engine, 7);
    const r = await drainOutbox({ engine: flaky, batchSize: 50 });
    expect(r.failed).toBeGreaterThan(0);
    expect(r.processed).toBe(0);
    expect(outboxDepth()).toBe(before);
    const retried = getDb().$client.prepare(`select min(attempts) a, min(available_at) t from search_outbox`).get() as {
      a: number;
      t: number;
    };
    expect(retried.a).toBe(1);
    expect(retried.t).toBeGreaterThan(Date.now());
    // Not due yet: nothing happens.
    expect((await drainOutbox({ engine })).processed).toBe(0);
    const after = await drainOutbox({ engine, now: later(10 * 60_000) });
    expect(after.failed).toBe(0);
    expect(outboxDepth()).toBe(0);
    await expectIndexEqualsDatabase(engine);
  });

  it("recovers when the worker process is killed in the middle of a batch", async () => {
    await seed(40);
    const before = outboxDepth();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "search/testing/drain-child.ts")], {
      cwd: ROOT,
      env: { ...process.env, SORI_STOP_AFTER: "12" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal ? -1 : _code)),
    );
    const reached = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes("MID-BATCH")) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on("exit", () => resolve(false));
    });
    expect(reached, stderr).toBe(true);
    child.kill("SIGKILL");
    expect(await exited).toBe(-1);

    // Half a batch reached the index, but no outbox row was deleted.
    const engine = embedded();
    expect((await allIds(engine, "person")).length + (await allIds(engine, "post")).length).toBeGreaterThan(0);
    expect(outboxDepth()).toBe(before);

    // The dead process's lease does not block the restarted worker.
    const r = await drainOutbox({ engine });
    expect(r.busy).toBe(false);
    expect(outboxDepth()).toBe(0);
    await expectIndexEqualsDatabase(engine);
  });

  it("rebuilds an index that drifted from the database, while the worker runs and posts keep coming", async () => {
    const { a, ids } = await seed(40);
    const engine = embedded();
    await drainOutbox({ engine });
    // Drift: a document for a post that does not exist, one missing, one stale.
    await engine.index([{ ...loadPostDocs([ids[0]])[0], id: 99_999 }]);
    await engine.remove([{ type: "post", id: ids[1] }]);
    await engine.index([{ ...loadPostDocs([ids[2]])[0], body: "stale text" }]);

    const stop = startSearchWorker({ engine, intervalMs: 20, batchSize: 7 });
    try {
      const writes = (async () => {
        for (let i = 0; i < 10; i++) {
          publishPost({ viewer: viewerOf(a), body: `written during the reindex ${i}` });
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const result = await reindexAll({ engine, batchSize: 13 });
      await writes;
      expect(result.stale).toBe(1);
    } finally {
      await stop();
    }
    await drainOutbox({ engine });
    expect(outboxDepth()).toBe(0);
    await expectIndexEqualsDatabase(engine);
  });

  it("never fails the user's write when the engine is down", async () => {
    const { a } = await seed(2);
    const engine = failingAfter(embedded(), 0);
    const stop = startSearchWorker({ engine, intervalMs: 10 });
    try {
      const { id } = publishPost({ viewer: viewerOf(a), body: "still published #장애" });
      await new Promise((r) => setTimeout(r, 100));
      expect(engine.calls).toBeGreaterThan(0);
      expect(getDb().$client.prepare(`select count(*) from posts where id = ?`).pluck().get(id)).toBe(1);
      expect(outboxDepth()).toBeGreaterThan(0);
    } finally {
      await stop();
    }
  });

  it("keeps edits and deletions in step", async () => {
    const { a, b, ids } = await seed(6);
    const engine = embedded();
    await drainOutbox({ engine });
    editPost({ viewer: viewerOf(b), postId: ids[0], body: "edited body #신규태그" });
    deletePost({ viewer: viewerOf(a), postId: ids[1] });
    await drainOutbox({ engine });
    await expectIndexEqualsDatabase(engine);
  });
});
