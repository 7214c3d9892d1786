// One EventSource per page for everything live on it (docs/decisions/0005-realtime.md): the feed's "new posts"
// notice and the header's bell (issue #11) listen to the same GET /api/v1/stream, so a page holds one of the
// browser's six HTTP/1.1 connections to the host, not one per widget. Opened by the first listener, closed with
// the last. Browser-only: without EventSource (the server, old browsers) listening does nothing.
type Listener = (event: MessageEvent<string>) => void;

let source: EventSource | null = null;
let listeners = 0;

/** Listens to `type` events of the page's stream; returns the function that stops listening. */
export function listenLive(type: string, listener: Listener): () => void {
  if (typeof EventSource === "undefined") return () => {};
  // The session cookie authenticates it; the browser reconnects with Last-Event-ID by itself.
  source ??= new EventSource("/api/v1/stream");
  listeners++;
  const current = source;
  current.addEventListener(type, listener as EventListener);
  return () => {
    current.removeEventListener(type, listener as EventListener);
    if (--listeners === 0 && source === current) {
      current.close();
      source = null;
    }
  };
}
