// The email sender's loop (issue #11 §4): notification emails and digests go out from the notifications table, not
// from the log, so this is not a consumer with a cursor — it runs in the consumers' loop (consumer-worker.server.ts)
// to be woken right after events are recorded here (a mention's row is written by the notifications consumer a
// moment later; the next tick sends it) and every few seconds for the rest (other processes, quiet hours ending,
// digests falling due). Every worker process runs it: each email's rows are claimed once in SQLite
// (app/models/notifications/email.server.ts), so two processes never send the same one.
import { startConsumerWorker } from "#app/events/consumer-worker.server";
import { deliverEmails } from "#app/models/notifications/email.server";

const WORKER = "email.worker";

/** Starts the sender in this process (app/entry.server.tsx); returns a stop function. */
export function startEmailWorker(options: { intervalMs?: number } = {}): () => Promise<void> {
  return startConsumerWorker({
    name: WORKER,
    label: "email",
    intervalMs: options.intervalMs ?? 2_000,
    drain: () => deliverEmails(),
  });
}
