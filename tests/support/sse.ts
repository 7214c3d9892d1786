// A Server-Sent Events client for tests, on a raw node:http request (as a load client would be): it keeps every
// event it parsed, the last id as EventSource would send it back, and can stop reading to play a slow client.
import http from "node:http";
import { parseFrames, type ReceivedEvent } from "#app/realtime/frames";

export type SseClient = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Events dispatched so far (frames with data). */
  events: ReceivedEvent[];
  /** The last id seen (including id-only frames): what a reconnect sends as Last-Event-ID. */
  lastId: () => number | null;
  /** Everything received, as text. */
  text: () => string;
  /** Whether the replay is done (the `: live` comment arrived). */
  live: () => boolean;
  /** Resolves when the server ended or cut the connection. */
  ended: Promise<void>;
  isEnded: () => boolean;
  pause: () => void;
  resume: () => void;
  close: () => void;
};

export function openSse(
  port: number,
  { path = "/api/v1/stream", headers = {} }: { path?: string; headers?: Record<string, string> } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      let all = "";
      let pending = "";
      let lastId: number | null = null;
      let ended = false;
      const events: ReceivedEvent[] = [];
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        all += chunk;
        const parsed = parseFrames(pending + chunk);
        pending = parsed.rest;
        events.push(...parsed.events);
        if (parsed.lastId != null) lastId = parsed.lastId;
      });
      const done = new Promise<void>((r) => {
        const finish = () => {
          ended = true;
          r();
        };
        res.once("end", finish);
        res.once("close", finish);
        res.once("error", finish);
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        lastId: () => lastId,
        text: () => all,
        live: () => all.includes(": live\n"),
        ended: done,
        isEnded: () => ended,
        pause: () => res.socket.pause(),
        resume: () => res.socket.resume(),
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
  });
}

export async function waitUntil(what: () => boolean, timeoutMs: number, label: string) {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The ids of the `post` events received, as numbers (the post ids, from the data). */
export const postIdsOf = (client: SseClient) =>
  client.events.filter((e) => e.event === "post").map((e) => (JSON.parse(e.data) as { id: number }).id);

/**
 * A stream request through the API router in-process (the access contract): the response until the replay is
 * done (`: live`), then the stream is cancelled. Errors are read whole. Shaped like the route caller's Observed.
 */
export async function readStreamUntilLive(
  api: { fetch: (request: Request) => Response | Promise<Response> },
  request: Request,
): Promise<{ status: number; text: string; data: unknown; location: string | null }> {
  const response = await api.fetch(request);
  if (!response.headers.get("Content-Type")?.startsWith("text/event-stream")) {
    const text = await response.text();
    return { status: response.status, text, data: text ? JSON.parse(text) : null, location: null };
  }
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!text.includes(": live\n")) {
    if (Date.now() > deadline) throw new Error(`the stream never went live:\n${text}`);
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  const { events } = parseFrames(text);
  return { status: response.status, text, data: events, location: null };
}
