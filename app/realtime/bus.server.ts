// The bus between the processes that serve streams (docs/decisions/0005-realtime.md). It carries only nudges —
// "events up to id N were committed" — never events: every hub reads the events themselves from the shared log,
// which gives replay, ordering and the audience for free, and a lost nudge costs at most the 250 ms poll.
//
//   one process ........ no bus: recordEvent's own listeners nudge the hub
//   npm start workers .. cluster IPC: worker → primary → every other worker (app/infra/cluster.server.ts relays)
//   REDIS_URL set ...... Redis pub/sub on one channel, every process of every machine (the Mastodon pattern)
import cluster from "node:cluster";
import { Redis } from "ioredis";
import { BROADCAST_PREFIX } from "#app/infra/cluster.server";

export type Bus = {
  readonly kind: "local" | "cluster" | "redis";
  /** Tells the other processes that events up to `upTo` are in the log. */
  publish(upTo: number): void;
  /** Calls `listener` when another process says so. */
  subscribe(listener: (upTo: number) => void): void;
  /** Resolves once the bus can carry nudges both ways (Redis: connected and subscribed). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

/** The message a worker sends and the primary forwards to every other worker (runPrimary). */
export const CLUSTER_NUDGE = `${BROADCAST_PREFIX}realtime`;
/** The Redis channel; processes of different Sori installations must not share one Redis database. */
export const REDIS_CHANNEL = "sori:realtime:events";

export function localBus(): Bus {
  return { kind: "local", publish: () => {}, subscribe: () => {}, ready: async () => {}, close: async () => {} };
}

export function clusterBus(): Bus {
  const handlers: ((message: unknown) => void)[] = [];
  return {
    kind: "cluster",
    publish(upTo) {
      // A worker whose primary is gone is shutting down (cluster.server.ts); nothing to tell.
      if (process.connected) process.send?.({ type: CLUSTER_NUDGE, upTo });
    },
    subscribe(listener) {
      const handler = (message: unknown) => {
        const m = message as { type?: unknown; upTo?: unknown } | null;
        if (m?.type === CLUSTER_NUDGE && typeof m.upTo === "number") listener(m.upTo);
      };
      handlers.push(handler);
      process.on("message", handler);
    },
    ready: async () => {},
    async close() {
      for (const handler of handlers) process.off("message", handler);
    },
  };
}

/**
 * Redis pub/sub: one connection publishes, one subscribes (a subscribed connection can do nothing else). While
 * Redis is unreachable ioredis reconnects with a backoff and resubscribes; publishing fails fast meanwhile instead
 * of queueing nudges that would be stale, and the hubs' poll carries the streams.
 */
export function redisBus(url: string, channel = REDIS_CHANNEL): Bus {
  const warn = (what: string) => (error: Error) => console.warn(`realtime: Redis ${what}:`, error.message);
  const publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  publisher.on("error", warn("publisher"));
  subscriber.on("error", warn("subscriber"));
  const listeners: ((upTo: number) => void)[] = [];
  subscriber.on("message", (from: string, text: string) => {
    const upTo = Number(text);
    if (from !== channel || !Number.isSafeInteger(upTo)) return;
    for (const listener of listeners) listener(upTo);
  });
  const subscribed = subscriber.subscribe(channel).catch(warn("subscribe"));
  return {
    kind: "redis",
    publish(upTo) {
      if (publisher.status !== "ready") return;
      publisher.publish(channel, String(upTo)).catch(warn("publish"));
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    async ready() {
      await subscribed;
      if (publisher.status !== "ready") await new Promise((resolve) => publisher.once("ready", resolve));
    },
    async close() {
      // Not waiting for the subscription: with Redis unreachable it would never settle.
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}

/** The bus this process should use: Redis when configured, the primary in a cluster worker, else none. */
export function busFor({ redisUrl }: { redisUrl?: string }): Bus {
  if (redisUrl) return redisBus(redisUrl);
  if (cluster.isWorker) return clusterBus();
  return localBus();
}
