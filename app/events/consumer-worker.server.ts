// The background loop every consumer of the domain-event log runs in (search's, notifications'): it drains right
// after an event is recorded in this process and every `intervalMs` otherwise (events from other processes,
// retries, the backlog), runs again at once while a drain says more is waiting, and never runs two drains at once.
// What a drain does — its cursor, lease and batches — is the consumer's own (consumer.server.ts).
import { onEventsRecorded } from "#app/events/domain-events.server";
import { peekSingleton, setSingleton } from "#app/infra/registry.server";

export type DrainResult = { more: boolean; busy: boolean };

type WorkerState = {
  label: string;
  drain: () => Promise<DrainResult>;
  intervalMs: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  again: boolean;
  stopped: boolean;
};

/**
 * Starts the consumer's worker in this process under `name` (one per process; the registry's reset — tests
 * switching databases — stops it too). Returns a stop function that waits for the drain in progress.
 */
export function startConsumerWorker({
  name,
  label,
  drain,
  intervalMs = 500,
}: {
  name: string;
  /** For messages: "search", "notifications". */
  label: string;
  drain: () => Promise<DrainResult>;
  intervalMs?: number;
}): () => Promise<void> {
  const running = peekSingleton<WorkerState>(name);
  if (running && !running.stopped) throw new Error(`the ${label} worker is already running in this process`);
  const state: WorkerState = { label, drain, intervalMs, timer: null, running: null, again: false, stopped: false };
  const unsubscribe = onEventsRecorded(() => wake(state));
  const stop = async () => {
    state.stopped = true;
    unsubscribe();
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    await state.running;
  };
  setSingleton(name, state, () => void stop());
  schedule(state, 0);
  return async () => {
    await stop();
    if (peekSingleton(name) === state) setSingleton(name, undefined);
  };
}

/** Asks the worker `name` (if one runs in this process) to drain now. Never throws. */
export function wakeConsumerWorker(name: string): void {
  const state = peekSingleton<WorkerState>(name);
  if (state) wake(state);
}

function wake(state: WorkerState) {
  if (state.stopped) return;
  if (state.running) state.again = true;
  else schedule(state, 0);
}

function schedule(state: WorkerState, delay: number) {
  if (state.stopped) return;
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => tick(state), delay);
  state.timer.unref();
}

function tick(state: WorkerState) {
  state.timer = null;
  if (state.stopped || state.running) return;
  state.running = (async () => {
    try {
      do {
        state.again = false;
        const r = await state.drain();
        if (r.more && !r.busy) state.again = true;
      } while (state.again && !state.stopped);
    } catch (e) {
      console.warn(`${state.label}: drain failed:`, e instanceof Error ? e.message : e);
    } finally {
      state.running = null;
      schedule(state, state.intervalMs);
    }
  })();
}
