// Test helper for tests/integration/cluster.test.ts: a cluster as `npm start` runs it (runPrimary, two workers,
// shutDownGracefully), whose workers serve a tiny HTTP app on PORT instead of Sori, so no build is needed:
//   GET /limit?key=K    one point of a sharedLimiter of 5 → 200, or 429 when over
//   GET /signin?email=E a failed sign-in attempt (startSignInAttempt) → 200 when allowed, 429 when refused
//   GET /slow           answers after 1 s (a request in flight during shutdown)
//   GET /crash          the worker exits with code 3
// Every answer's body is the answering worker's pid. Workers print "STOPPED <pid>" once their stop work ran.
import cluster from "node:cluster";
import http from "node:http";
import { runPrimary, shutDownGracefully } from "#app/infra/cluster.server";
import { sharedLimiter, startSignInAttempt } from "#app/infra/rate-limit.server";

if (cluster.isPrimary) {
  await runPrimary({ workers: 2, restartDelayMs: 200, prepare: () => void process.stdout.write("PREPARED\n") });
} else {
  const pid = String(process.pid);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const answer = (status: number) => res.writeHead(status, { "Content-Type": "text/plain" }).end(pid);
    try {
      if (url.pathname === "/limit") {
        const allowed = await sharedLimiter({ keyPrefix: "test-limit", points: 5, duration: 60 })
          .consume(url.searchParams.get("key") ?? "")
          .then(
            () => true,
            () => false,
          );
        answer(allowed ? 200 : 429);
      } else if (url.pathname === "/signin") {
        const email = url.searchParams.get("email") ?? "";
        const attempt = await startSignInAttempt({ email, ip: "10.0.0.1", deviceKey: null });
        // The password is checked between taking the points and finish(): here it takes a while, and is wrong.
        await new Promise((r) => setTimeout(r, 50));
        if (attempt.allowed) await attempt.finish(false);
        answer(attempt.allowed ? 200 : 429);
      } else if (url.pathname === "/slow") {
        setTimeout(() => answer(200), 1_000);
      } else if (url.pathname === "/crash") {
        process.exit(3);
      } else {
        answer(404);
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.listen(Number(process.env.PORT));
  shutDownGracefully(server, { stop: () => void process.stdout.write(`STOPPED ${pid}\n`), timeoutMs: 3_000 });
}
