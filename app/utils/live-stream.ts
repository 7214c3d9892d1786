// One EventSource per page for everything live on it (docs/decisions/0005-realtime.md): the feed's "new posts"
// notice and the header's bell (issue #11) listen to the same GET /api/v1/stream, so a page holds one of the
// browser's six HTTP/1.1 connections to the host, not one per widget. Opened by the first listener, closed with
// the last. Browser-only: without EventSource (the server, old browsers) listening does nothing.
type Listener = (event: MessageEvent<string>) => void;

let source: EventSource | null = null;
const listeners = new Map<string, Set<Listener>>();

function dispatch(this: EventSource, event: Event) {
  for (const listener of listeners.get(event.type) ?? []) listener(event as MessageEvent<string>);
}

/**
 * The page's stream. A browser gives up on a stream that answered with an error (it reconnects by itself only
 * after network failures): the next listener — a navigation mounts some — then opens a new one for everybody.
 */
function openSource(): EventSource {
  if (source && source.readyState !== EventSource.CLOSED) return source;
  source?.close();
  // The session cookie authenticates it; the browser reconnects with Last-Event-ID by itself.
  source = new EventSource("/api/v1/stream");
  for (const type of listeners.keys()) source.addEventListener(type, dispatch);
  return source;
}

/** Listens to `type` events of the page's stream; returns the function that stops listening. */
export function listenLive(type: string, listener: Listener): () => void {
  if (typeof EventSource === "undefined") return () => {};
  let set = listeners.get(type);
  if (!set) {
    listeners.set(type, (set = new Set()));
    source?.addEventListener(type, dispatch);
  }
  set.add(listener);
  openSource();
  return () => {
    set.delete(listener);
    if (set.size === 0) {
      listeners.delete(type);
      source?.removeEventListener(type, dispatch);
    }
    if (listeners.size === 0) {
      source?.close();
      source = null;
    }
  };
}
