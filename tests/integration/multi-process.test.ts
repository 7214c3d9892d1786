// Several processes on one SQLite file, as the workers of `npm start` run (issue #7,
// docs/decisions/0003-every-core.md): concurrent writes never fail with SQLITE_BUSY, and exactly one process at a
// time drains the search consumer, another taking over as soon as the holder dies.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { searchBehind } from "#app/events/consumers/search.server";
import { getDb } from "#app/infra/db.server";
import { publishPost } from "#app/models/posts/post.server";
import { createTestUser, viewerOf } from "#tests/factories";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CHILD = path.join(ROOT, "tests/integration/multi-process.child.ts");

type Child = { process: ChildProcess; lines: string[]; stderr: () => string; exited: Promise<number | null> };

function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  let partial = "";
  child.stdout.on("data", (d: Buffer) => {
    const text = partial + d.toString();
    const parts = text.split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ? -1 : code)),
  );
  return { process: child, lines, stderr: () => stderr, exited };
}

async function waitFor(what: () => boolean, timeoutMs: number, label: string) {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The engine calls a child reported, as [pid, begin, end]. */
function batches(children: Child[]): [number, number, number][] {
  return children
    .flatMap((c) => c.lines.filter((l) => l.startsWith("BATCH ")))
    .map((l) => l.split(" ").slice(1).map(Number) as [number, number, number])
    .sort((a, b) => a[1] - b[1]);
}

/** No two processes were ever inside an engine call at the same time. */
function expectOneAtATime(all: [number, number, number][]) {
  for (let i = 1; i < all.length; i++) {
    if (all[i][0] !== all[i - 1][0]) expect(all[i][1], JSON.stringify(all)).toBeGreaterThanOrEqual(all[i - 1][2]);
  }
}

describe("several processes on one database", () => {
  it("writes concurrently from three processes without a single SQLITE_BUSY, and keeps every row", async () => {
    const user = await createTestUser();
    const POSTS = 150;
    const children = [0, 1, 2].map((n) =>
      startChild({
        SORI_CHILD_MODE: "write",
        SORI_CHILD_ID: String(n),
        SORI_USER_ID: String(user.id),
        SORI_POSTS: String(POSTS),
        DATABASE_PATH: process.env.DATABASE_PATH!,
      }),
    );
    const ready = () => children.every((c) => c.lines.includes("READY"));
    await waitFor(ready, 15_000, `three ready writers\n${children.map((c) => c.stderr()).join("")}`);
    for (const c of children) c.process.stdin!.end("go\n");
    const codes = await Promise.all(children.map((c) => c.exited));
    for (const [i, c] of children.entries()) {
      expect(codes[i], c.stderr()).toBe(0);
      expect(JSON.parse(c.lines[1])).toEqual({ published: POSTS, errors: [] });
    }
    const db = getDb().$client;
    for (const n of [0, 1, 2]) {
      const bodies = db
        .prepare(`select body from posts where author_id = @user and body like @prefix`)
        .pluck()
        .all({ user: user.id, prefix: `child ${n} post %` }) as string[];
      expect(new Set(bodies).size).toBe(POSTS);
      expect(
        db
          .prepare(`select count(*) from groups where name like @p`)
          .pluck()
          .get({ p: `Load ${n}-%` }),
      ).toBe(POSTS / 5);
    }
    // Every post's hashtags and event are there too (written in the post's transaction).
    expect(db.prepare(`select count(*) from post_hashtags`).pluck().get()).toBe(3 * POSTS * 2);
    expect(db.prepare(`select count(*) from domain_events where type = 'post.published'`).pluck().get()).toBe(
      3 * POSTS,
    );
  });

  it("lets exactly one process drain the search consumer at a time, and another take over when it dies", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 40; i++) publishPost({ viewer: viewerOf(user), body: `lease post ${i} #임대` });
    const env = { SORI_CHILD_MODE: "consume", DATABASE_PATH: process.env.DATABASE_PATH!, SORI_DOC_PAUSE_MS: "15" };
    const a = startChild(env);
    const b = startChild(env);
    try {
      await waitFor(() => batches([a, b]).length >= 3, 15_000, `three batches\n${a.stderr()}${b.stderr()}`);
      // Kill whoever is draining, in the middle of its next batch.
      const holder = batches([a, b]).at(-1)![0];
      const [victim, survivor] = holder === a.process.pid ? [a, b] : [b, a];
      const before = batches([a, b]).length;
      await waitFor(() => batches([a, b]).length > before, 5_000, "the next batch");
      await new Promise((r) => setTimeout(r, 20));
      victim.process.kill("SIGKILL");
      const killedAt = Date.now();
      expect(await victim.exited).toBe(-1);

      // The survivor takes over long before the dead process's lease would expire (30 s), and finishes.
      await waitFor(() => survivor.lines.some((l) => l.startsWith("DONE")), 15_000, `DONE\n${survivor.stderr()}`);
      expect(await survivor.exited).toBe(0);
      const taken = batches([survivor]).find(([, begin]) => begin >= killedAt);
      expect(taken).toBeDefined();
      expect(taken![1] - killedAt).toBeLessThan(2_000);
      expectOneAtATime(batches([a, b]));
      expect(searchBehind()).toEqual({ events: 0, backlog: 0 });
    } finally {
      for (const c of [a, b]) if (c.process.exitCode == null) c.process.kill("SIGKILL");
    }
  });

  it("keeps the lease of a process whose batch outlasts it, so no second process drains meanwhile", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 12; i++) publishPost({ viewer: viewerOf(user), body: `slow post ${i}` });
    // One batch takes ~1.2 s against a 300 ms lease: the holder must keep renewing it while it waits.
    const env = {
      SORI_CHILD_MODE: "consume",
      DATABASE_PATH: process.env.DATABASE_PATH!,
      SORI_DOC_PAUSE_MS: "100",
      SORI_BATCH: "12",
      SORI_LEASE_MS: "300",
    };
    const a = startChild(env);
    const b = startChild(env);
    const codes = await Promise.all([a.exited, b.exited]);
    expect(codes, a.stderr() + b.stderr()).toEqual([0, 0]);
    const all = batches([a, b]);
    expect(all.length).toBeGreaterThan(0);
    expect(all.some(([, begin, end]) => end - begin > 900)).toBe(true);
    expectOneAtATime(all);
    expect(searchBehind()).toEqual({ events: 0, backlog: 0 });
  });
});
