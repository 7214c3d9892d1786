// The search consumer of the domain-event log keeps the index equal to the database through crashes, engine
// outages and reindexing (issues #3 and #6; docs/decisions/0001-search.md).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { drainSearch, searchBehind, SEARCH_CONSUMER } from "#app/events/consumers/search.server";
import { reindexAll, startSearchWorker } from "#app/events/consumers/search-worker.server";
import { createGroup, updateGroup } from "#app/models/groups/group.server";
import { deletePost, editPost, publishPost } from "#app/models/posts/post.server";
import { updateProfile } from "#app/models/people/user.server";
import { loadGroupDocs, loadHashtagDocs, loadPersonDocs, loadPostDocs } from "#app/models/search/documents.server";
import { getDb } from "#app/infra/db.server";
import type { SessionUser } from "#app/web/auth.server";
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
    setSynonyms: inner.setSynonyms.bind(inner),
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

/** Every post, person, used hashtag and group is indexed exactly as the database has it now, and nothing else. */
async function expectIndexEqualsDatabase(engine: SearchEngine) {
  const db = getDb().$client;
  const postIds = db.prepare(`select id from posts order by id`).pluck().all() as number[];
  const userIds = db.prepare(`select id from users order by id`).pluck().all() as number[];
  const tagIds = db.prepare(`select id from hashtags where post_count > 0 order by id`).pluck().all() as number[];
  const groupIds = db.prepare(`select id from groups order by id`).pluck().all() as number[];
  expect(await allIds(engine, "post")).toEqual(postIds);
  expect(await allIds(engine, "person")).toEqual(userIds);
  expect(await allIds(engine, "hashtag")).toEqual(tagIds);
  expect(await allIds(engine, "group")).toEqual(groupIds);
  for (const doc of [
    ...loadPostDocs(postIds),
    ...loadPersonDocs(userIds),
    ...loadHashtagDocs(tagIds),
    ...loadGroupDocs(groupIds),
  ]) {
    expect(await engine.get({ type: doc.type, id: doc.id })).toEqual(doc);
  }
}

/** Events the search consumer has not handled, and bulk rows waiting. */
const behind = () => searchBehind();

function consumerRow() {
  return getDb()
    .$client.prepare(
      `select last_event_id as lastEventId, attempts, available_at as availableAt from event_consumers where name = @name`,
    )
    .get({ name: SEARCH_CONSUMER }) as { lastEventId: number; attempts: number; availableAt: number };
}

/** Two people, a public group they both work in, and posts: every fifth one in the group. */
async function seed(posts = 30) {
  const a = await createTestUser({ name: "김민수" });
  const b = await createTestUser({ name: "Emily Carter" });
  createGroup({ viewer: viewerOf(a), input: { name: "개발 커뮤니티", slug: "dev", visibility: "public" } });
  const ids: number[] = [];
  for (let i = 0; i < posts; i++) {
    const author = i % 2 ? a : b;
    const { id } = publishPost({
      viewer: viewerOf(author),
      body: i % 3 ? `회의 메모 ${i} #주간보고` : `Deployment note ${i} for **release** #release`,
      group: i % 5 === 0 && author === a ? "dev" : null,
    });
    ids.push(id);
  }
  return { a, b, ids };
}

const later = (ms: number) => () => Date.now() + ms;

describe("search consumer durability", () => {
  it("keeps its cursor when the engine fails half-way through a batch, and catches up after the backoff", async () => {
    await seed(30);
    const before = behind();
    expect(before.events).toBeGreaterThan(30);
    const cursor = consumerRow().lastEventId;
    const engine = embedded();
    const flaky = failingAfter(engine, 7);
    const r = await drainSearch({ engine: flaky, batchSize: 50 });
    expect(r.failed).toBeGreaterThan(0);
    expect(r.processed).toBe(0);
    expect(behind()).toEqual(before);
    const retried = consumerRow();
    expect(retried.lastEventId).toBe(cursor);
    expect(retried.attempts).toBe(1);
    expect(retried.availableAt).toBeGreaterThan(Date.now());
    // Not due yet: nothing happens.
    expect((await drainSearch({ engine })).processed).toBe(0);
    // A second failure backs off further.
    await drainSearch({ engine: failingAfter(engine, 0), now: later(10 * 60_000) });
    expect(consumerRow()).toMatchObject({ lastEventId: cursor, attempts: 2 });
    const after = await drainSearch({ engine, now: later(20 * 60_000) });
    expect(after.failed).toBe(0);
    expect(behind()).toEqual({ events: 0, backlog: 0 });
    expect(consumerRow()).toMatchObject({ attempts: 0, availableAt: 0 });
    await expectIndexEqualsDatabase(engine);
  });

  it("consumes events in id order across batches, and never past what the engine acknowledged", async () => {
    await seed(25);
    const engine = embedded();
    const db = getDb().$client;
    const start = consumerRow().lastEventId;
    const last = db.prepare(`select max(id) from domain_events`).pluck().get() as number;
    expect(last - start).toBeGreaterThan(20);
    // Two batches of ten events succeed, the third fails: the cursor stands after the twentieth event.
    let batches = 0;
    const seen: number[] = [];
    const flaky: SearchEngine = {
      ...failingAfter(engine, Infinity),
      index: async (docs) => {
        if (++batches > 2) throw new Error("engine unavailable");
        seen.push(...docs.filter((d) => d.type === "post").map((d) => d.id));
        return engine.index(docs);
      },
    };
    const r = await drainSearch({ engine: flaky, batchSize: 10 });
    expect(r.failed).toBe(Math.min(10, last - start - 20));
    expect(consumerRow().lastEventId).toBe(start + 20);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    await drainSearch({ engine, now: later(10 * 60_000), batchSize: 10 });
    expect(consumerRow().lastEventId).toBe(last);
    await expectIndexEqualsDatabase(engine);
  });

  it("recovers when the worker process is killed in the middle of a batch", async () => {
    await seed(40);
    const before = behind();
    const cursor = consumerRow().lastEventId;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "tests/integration/search-durability.child.ts")],
      {
        cwd: ROOT,
        env: { ...process.env, SORI_STOP_AFTER: "12" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
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

    // Half a batch reached the index, but the cursor did not move.
    const engine = embedded();
    expect((await allIds(engine, "person")).length + (await allIds(engine, "post")).length).toBeGreaterThan(0);
    expect(behind()).toEqual(before);
    expect(consumerRow().lastEventId).toBe(cursor);

    // The dead process's lease does not block the restarted worker.
    const r = await drainSearch({ engine });
    expect(r.busy).toBe(false);
    expect(behind()).toEqual({ events: 0, backlog: 0 });
    await expectIndexEqualsDatabase(engine);
  });

  it("rebuilds an index that drifted from the database, while the worker runs and posts keep coming", async () => {
    const { a, ids } = await seed(40);
    const engine = embedded();
    await drainSearch({ engine });
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
    await drainSearch({ engine });
    expect(behind()).toEqual({ events: 0, backlog: 0 });
    await expectIndexEqualsDatabase(engine);
  });

  it("finishes a reindex through an engine failure, from the backlog, equal to the database", async () => {
    await seed(12);
    const engine = embedded();
    await drainSearch({ engine });
    await engine.reset();
    // The first bulk batch fails: its rows stay in the backlog with a backoff, and reindexAll waits for them.
    let failures = 0;
    const flaky: SearchEngine = {
      ...failingAfter(engine, Infinity),
      index: async (docs) => {
        if (failures++ === 0) throw new Error("engine unavailable");
        return engine.index(docs);
      },
    };
    const result = await reindexAll({ engine: flaky, batchSize: 10 });
    expect(result.queued).toBeGreaterThan(12);
    expect(behind()).toEqual({ events: 0, backlog: 0 });
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
      expect(behind().events).toBeGreaterThan(0);
    } finally {
      await stop();
    }
  });

  it("keeps edits, deletions, renames and a group's visibility change in step", async () => {
    const { a, b, ids } = await seed(11);
    const engine = embedded();
    await drainSearch({ engine });
    editPost({ viewer: viewerOf(b), postId: ids[0], body: "edited body #신규태그" });
    deletePost({ viewer: viewerOf(a), postId: ids[1] });
    // The posts carry their author's name: a rename rebuilds them (through the backlog).
    updateProfile({
      actor: { id: a.id } as SessionUser,
      values: { name: "김민수 (개명)", department: "", title: "", bio: "", locale: null, timeZone: "Asia/Seoul" },
    });
    // Who may find the group's posts and hashtags changes with it (a fan-out through the backlog).
    updateGroup({ viewer: viewerOf(a), slug: "dev", patch: { visibility: "private", name: "개발 (비공개)" } });
    await drainSearch({ engine });
    expect(behind()).toEqual({ events: 0, backlog: 0 });
    await expectIndexEqualsDatabase(engine);
  });
});
