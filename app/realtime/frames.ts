// Server-Sent Events on the wire (docs/decisions/0005-realtime.md), pure so the hub, its tests and the browser
// share one definition. A frame is encoded once per event and the same Buffer is written to every client that
// may see it; only the comment lines and the id-only frames below are not tied to an event.
import { parseId } from "#app/utils/ids";

/** How long a browser waits before reconnecting after the stream ends (the `retry:` field), in ms. */
export const RETRY_MS = 3_000;

/** One event: its log id (what a reconnecting client sends back as Last-Event-ID), its type and JSON data. */
export function encodeFrame(id: number, event: string, data: unknown): Buffer {
  // JSON.stringify never emits a raw newline, so the data is always one `data:` line.
  return Buffer.from(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * An event without an id: counters that go through the coalescer (votes, attendees; issue #10). A coalesced value
 * is sent up to a window after its log event, when later events may have gone out already; an `id:` on it would
 * move the browser's last id backwards. Without one the last id stays where the numbered events put it; a
 * reconnect reads current counts from the log's later vote events or the page.
 */
export function encodeUnnumbered(event: string, data: unknown): Buffer {
  return Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * An id without data: the browser updates its last event id and dispatches nothing (the "dispatch the event"
 * steps of the SSE specification return before firing when the data buffer is empty). Sent with the heartbeat so
 * that a client which was shown nothing for a while does not replay all of it after a reconnect.
 */
export function encodeIdOnly(id: number): Buffer {
  return Buffer.from(`id: ${id}\n\n`);
}

/** What every stream starts with: the reconnect delay and a comment that flushes the headers through proxies. */
export const OPENING = Buffer.from(`retry: ${RETRY_MS}\n: sori\n\n`);
/** A comment line every 15 s: keeps proxies and the browser from closing an idle connection. */
export const HEARTBEAT = Buffer.from(`: heartbeat\n\n`);
/** A comment sent once the replay after Last-Event-ID is done and the stream is live (for clients and tests). */
export const LIVE = Buffer.from(`: live\n\n`);

/**
 * The Last-Event-ID a client sent (header, or `last_event_id` in the query for clients that cannot set headers):
 * undefined when absent (start from now), the id (0 = from the beginning of the log), or null when it is not a
 * plain decimal id — answered with 400, since a browser only ever sends back an id the server gave it.
 */
export function parseLastEventId(raw: string | null | undefined): number | undefined | null {
  if (raw == null || raw === "") return undefined;
  const value = raw.trim();
  if (value === "0") return 0;
  return parseId(value);
}

/** An event as a client reads it (tests and the browser script parse frames with parseFrames). */
export type ReceivedEvent = { id: number | null; event: string; data: string };

/**
 * Splits SSE text into events, as EventSource does: `id:` updates the last id even when no data follows;
 * comment lines are skipped; an event without data is not dispatched. Returns the events and the unparsed tail.
 */
export function parseFrames(text: string): { events: ReceivedEvent[]; lastId: number | null; rest: string } {
  const events: ReceivedEvent[] = [];
  let lastId: number | null = null;
  const blocks = text.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    let data: string[] | null = null;
    let id: number | null = null;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") id = lastId = Number(value);
      else if (field === "event") event = value;
      else if (field === "data") (data ??= []).push(value);
    }
    if (data) events.push({ id: id ?? lastId, event, data: data.join("\n") });
  }
  return { events, lastId, rest };
}
