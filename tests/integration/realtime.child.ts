// Test helper for tests/integration/realtime-bus.test.ts: Sori's stream and JSON API served as server.ts serves them
// (GET /api/v1/stream on node:http through app/realtime, the rest through the API router), without a page build.
//   SORI_CHILD_MODE=single   one process (REDIS_URL, when set, picks the Redis bus)
//   SORI_CHILD_MODE=cluster  `npm start`'s cluster: runPrimary with two workers (the primary relays the bus)
// SORI_TICK_MS sets the hubs' poll: long in these tests, so that only the bus can carry an event in time. Every
// response names its process in X-Worker. Prints "LISTENING <pid>" per serving process.
import cluster from "node:cluster";
import http from "node:http";
import { getRequestListener } from "@hono/node-server";
import { createApi } from "#app/api/app.server";
import { runPrimary, shutDownGracefully } from "#app/infra/cluster.server";
import { realtimeReady, startRealtime } from "#app/realtime/realtime.server";
import { serveStream } from "#app/realtime/stream.server";

const env = process.env;
if (env.SORI_CHILD_MODE === "cluster" && cluster.isPrimary) await runPrimary({ workers: 2 });

const stopRealtime = startRealtime({ tickMs: Number(env.SORI_TICK_MS ?? 250) });
// Listening only once the bus is subscribed, so that the test's first post cannot go unheard.
await realtimeReady();
const api = createApi();
const listener = getRequestListener((request, context) => api.fetch(request, context));
const server = http.createServer((req, res) => {
  res.setHeader("X-Worker", String(process.pid));
  if ((req.url ?? "").startsWith("/api/v1/stream")) void serveStream(req, res);
  else void listener(req, res);
});
server.listen(Number(env.PORT), "127.0.0.1", () => process.stdout.write(`LISTENING ${process.pid}\n`));
shutDownGracefully(server, { stop: stopRealtime, timeoutMs: 500 });
