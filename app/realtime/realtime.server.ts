// The realtime service of one serving process: its hub and its bus, started once by server.ts (through the app
// build's startBackgroundWork) and kept in the registry, so tests switching databases get a fresh hub.
import { onEventsRecorded } from "#app/events/domain-events.server";
import { getEnv } from "#app/infra/env.server";
import { peekSingleton, setSingleton, singleton } from "#app/infra/registry.server";
import { busFor, type Bus } from "./bus.server";
import { RealtimeHub, type HubOptions } from "./hub.server";

const NAME = "realtime";

type Realtime = { hub: RealtimeHub; bus: Bus; stop: () => Promise<void> };

function create(options: HubOptions & { bus?: Bus } = {}): Realtime {
  const bus = options.bus ?? busFor({ redisUrl: getEnv().REDIS_URL });
  const hub: RealtimeHub = new RealtimeHub({
    ...options,
    announce: (counts) => bus.announce({ from: hub.processId, counts }),
  });
  bus.subscribe((upTo) => hub.nudge(upTo));
  bus.onPresence((presence) => hub.presence(presence));
  // After a commit in this process: stream it here at once, and tell the others. Only local commits are
  // published, so a nudge never echoes from process to process.
  const unsubscribe = onEventsRecorded(() => {
    hub.nudge();
    bus.publish(hub.lastId);
  });
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      unsubscribe();
      hub.close();
      await bus.close();
    })());
  return { hub, bus, stop };
}

/** Starts the hub and its bus in this process; returns the stop function (shutdown). */
export function startRealtime(options: HubOptions & { bus?: Bus } = {}): () => Promise<void> {
  const running = peekSingleton<Realtime>(NAME);
  if (running) return running.stop;
  const realtime = create(options);
  setSingleton(NAME, realtime, (r) => void r.stop());
  return realtime.stop;
}

/** Resolves when this process's bus is ready (tests, before they rely on it). */
export function realtimeReady(): Promise<void> {
  return peekSingleton<Realtime>(NAME)?.bus.ready() ?? Promise.resolve();
}

/** This process's hub, started on first use when nothing started it (the API router in-process, tests). */
export function getHub(): RealtimeHub {
  return singleton(
    NAME,
    () => create(),
    (r) => void r.stop(),
  ).hub;
}

/** How many streams are open on an event in every serving process (its attendee count; issue #10 §2). */
export function attendeesOf(eventId: number): number {
  return peekSingleton<Realtime>(NAME)?.hub.attendeeCount(`event:${eventId}`) ?? 0;
}
