// The bus between the processes that serve streams (docs/decisions/0005-realtime.md). It carries only nudges —
// "events up to id N were committed" — never events: every hub reads the events themselves from the shared log,
// which gives replay, ordering and the audience for free, and a lost nudge costs at most the 250 ms poll.
// It also carries presence: how many streams each process holds on each event, so that an event's attendee count
// is everyone watching, not those who happened to land on the same worker (issue #10 §2).
//
//   one process ........ no bus: recordEvent's own listeners nudge the hub
//   npm start workers .. cluster IPC: worker → primary → every other worker (app/infra/cluster.server.ts relays)
//   REDIS_URL set ...... Redis pub/sub on one channel, every process of every machine (the Mastodon pattern)
import cluster from "node:cluster";
import { Redis } from "ioredis";
import { BROADCAST_PREFIX } from "#app/infra/cluster.server";

/** How many streams one process holds per topic: only the topics that changed, or all of them (a re-announce). */
export type Presence = { from: string; counts: Record<string, number> };

export type Bus = {
  readonly kind: "local" | "cluster" | "redis";
  /** Tells the other processes that events up to `upTo` are in the log. */
  publish(upTo: number): void;
  /** Calls `listener` when another process says so. */
  subscribe(listener: (upTo: number) => void): void;
  /** Tells the other processes how many streams this one holds (Redis echoes it back: listeners skip their own). */
  announce(presence: Presence): void;
  onPresence(listener: (presence: Presence) => void): void;
  /** Resolves once the bus can carry nudges both ways (Redis: connected and subscribed). */
  ready(): Promise<void>;
  close(): Promise<void>;
};

/** The message a worker sends and the primary forwards to every other worker (runPrimary). */
export const CLUSTER_NUDGE = `${BROADCAST_PREFIX}realtime`;
export const CLUSTER_PRESENCE = `${BROADCAST_PREFIX}presence`;
/** The Redis channel; processes of different Sori installations must not share one Redis database. */
export const REDIS_CHANNEL = "sori:realtime:events";

/** A presence message from another process, or null when it is not one (bounded: a topic is a short string). */
export function parsePresence(value: unknown): Presence | null {
  const p = value as { from?: unknown; counts?: unknown } | null;
  if (typeof p?.from !== "string" || typeof p.counts !== "object" || p.counts === null) return null;
  const counts: Record<string, number> = {};
  for (const [topic, count] of Object.entries(p.counts)) {
    if (topic.length <= 64 && Number.isSafeInteger(count) && (count as number) >= 0) counts[topic] = count as number;
  }
  return { from: p.from, counts };
}

export function localBus(): Bus {
  return {
    kind: "local",
    publish: () => {},
    subscribe: () => {},
    announce: () => {},
    onPresence: () => {},
    ready: async () => {},
    close: async () => {},
  };
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
    announce(presence) {
      if (process.connected) process.send?.({ type: CLUSTER_PRESENCE, presence });
    },
    onPresence(listener) {
      const handler = (message: unknown) => {
        const m = message as { type?: unknown; presence?: unknown } | null;
        const presence = m?.type === CLUSTER_PRESENCE ? parsePresence(m.presence) : null;
        if (presence) listener(presence);
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
  const presenceListeners: ((presence: Presence) => void)[] = [];
  const presenceChannel = `${channel}:presence`;
  subscriber.on("message", (from: string, text: string) => {
    if (from === presenceChannel) {
      let presence: Presence | null = null;
      try {
        presence = parsePresence(JSON.parse(text));
      } catch {
        // Not ours: ignored.
      }
      if (presence) for (const listener of presenceListeners) listener(presence);
      return;
    }
    const upTo = Number(text);
    if (from !== channel || !Number.isSafeInteger(upTo)) return;
    for (const listener of listeners) listener(upTo);
  });
  const subscribed = subscriber.subscribe(channel, presenceChannel).catch(warn("subscribe"));
  return {
    kind: "redis",
    publish(upTo) {
      if (publisher.status !== "ready") return;
      publisher.publish(channel, String(upTo)).catch(warn("publish"));
    },
    subscribe(listener) {
      listeners.push(listener);
    },
    announce(presence) {
      if (publisher.status !== "ready") return;
      publisher.publish(presenceChannel, JSON.stringify(presence)).catch(warn("publish"));
    },
    onPresence(listener) {
      presenceListeners.push(listener);
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
