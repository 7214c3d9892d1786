// `npm start` on every core (issue #7, docs/decisions/0003-every-core.md): the primary forks the workers, keeps
// rate limits shared between them, replaces a crashed worker after a growing delay, and shuts down gracefully.
// tests/integration/cluster.child.ts runs the real primary and worker code around a tiny app (no build needed).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetRegistry } from "#app/infra/registry.server";
import { sharedLimiter } from "#app/infra/rate-limit.server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

type Cluster = { process: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function startCluster(): Promise<Cluster> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/integration/cluster.child.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const cluster = { process: child, port, output: () => output, exited };
  await waitFor(cluster, () => output.includes("(2 workers)"), "two listening workers", 15_000);
  return cluster;
}

/** One request on its own connection (the primary hands connections to the workers in turn). */
function get(cluster: Cluster, pathname: string): Promise<{ status: number; pid: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: cluster.port, path: pathname, agent: false }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, pid: Number(body) }));
      })
      .on("error", reject);
  });
}

async function waitFor(cluster: Pick<Cluster, "output">, what: () => boolean, label: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}:\n${cluster.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const count = (results: { status: number }[], status: number) => results.filter((r) => r.status === status).length;

describe("sharedLimiter without a cluster (one process: SORI_WORKERS=1, dev, tests)", () => {
  it("counts in this process, refuses with the time to wait, and starts afresh with a new registry", async () => {
    const limit = () => sharedLimiter({ keyPrefix: "test-single", points: 3, duration: 60 });
    for (let i = 0; i < 3; i++) await limit().consume("k");
    const refused = await limit()
      .consume("k")
      .catch((r: unknown) => r);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).msBeforeNext).toBeGreaterThan(0);
    resetRegistry();
    await expect(limit().consume("k")).resolves.toBeInstanceOf(RateLimiterRes);
  });

  it("refuses one prefix defined twice with different limits", () => {
    sharedLimiter({ keyPrefix: "test-twice", points: 3, duration: 60 });
    expect(() => sharedLimiter({ keyPrefix: "test-twice", points: 4, duration: 60 })).toThrow(/defined twice/);
  });
});

describe("a running cluster", () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(() => {
    if (cluster.process.exitCode == null) cluster.process.kill("SIGKILL");
  });

  it("prepares once, before the workers start", () => {
    const output = cluster.output();
    expect(output.match(/PREPARED/g)).toHaveLength(1);
    expect(output.indexOf("PREPARED")).toBeLessThan(output.indexOf("listening"));
  });

  it("holds a limit of 5 across both workers: 30 parallel requests, 5 through", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => get(cluster, "/limit?key=parallel")));
    expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    expect(count(results, 200)).toBe(5);
    expect(count(results, 429)).toBe(25);
  });

  it("takes sign-in points before the password is checked: 30 parallel attempts on two workers get 5", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => get(cluster, "/signin?email=ceo@sori.test")));
    expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    expect(count(results, 200)).toBe(5);
    // Another account is not affected by it.
    expect((await get(cluster, "/signin?email=someone.else@sori.test")).status).toBe(200);
  });

  it("replaces a crashed worker after a delay that grows with each crash, and the counts survive", async () => {
    for (let i = 0; i < 5; i++) expect((await get(cluster, "/limit?key=crash")).status).toBe(200);
    const before = cluster.output().length;
    const since = () => cluster.output().slice(before);
    const { pid: first } = await get(cluster, "/limit?key=crash");
    await get(cluster, "/crash").catch(() => undefined);
    await waitFor(cluster, () => /starting a new one in 200 ms/.test(since()), "the first restart");
    await get(cluster, "/crash").catch(() => undefined);
    await waitFor(cluster, () => /starting a new one in 400 ms/.test(since()), "the second restart");

    // Two new workers answer, and the limit still holds: it lives in the primary.
    const seen = new Set<number>();
    const poll = setInterval(() => {
      void get(cluster, "/limit?key=crash").then(
        (r) => {
          expect(r.status).toBe(429);
          seen.add(r.pid);
        },
        () => undefined,
      );
    }, 50);
    try {
      await waitFor(cluster, () => [...seen].filter((pid) => pid !== first).length >= 2, "two new workers");
    } finally {
      clearInterval(poll);
    }
  });
});

it("lets a request in flight finish on SIGTERM, stops every worker's work, then exits 0", async () => {
  const cluster = await startCluster();
  try {
    const slow = get(cluster, "/slow");
    await new Promise((r) => setTimeout(r, 200));
    cluster.process.kill("SIGTERM");
    expect((await slow).status).toBe(200);
    expect(await cluster.exited).toBe(0);
    expect(cluster.output().match(/STOPPED \d+/g)).toHaveLength(2);
    await expect(get(cluster, "/limit?key=after")).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    if (cluster.process.exitCode == null) cluster.process.kill("SIGKILL");
  }
});
