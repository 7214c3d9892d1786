// An event page's live updates (issue #10 §2–4, §6): after hydration it follows the event's stream
// (GET /api/v1/events/:id/stream, the session cookie) from the log id the page was loaded at (`from`, so nothing
// written in between is missed). A frame the page can apply itself (`onFrame`: a comment, a vote count, poll
// results — app/utils/event-overlay.ts) changes the page at once; any other change (a question, the state, and
// where the page shows them the part or a poll) reloads the page's data through the loader — at most every half
// second, so a burst costs one reload — so what appears is exactly what the access rule lets this person see. It
// shows the attendee count. Without JavaScript nothing is rendered and the page works as plain forms.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";

const RELOAD_AFTER_MS = 500;

/** What makes a page reload its data by default: its questions, their votes and the event's state. */
const QUESTION_TYPES = ["question", "vote", "state"];

export function EventLive({
  eventId,
  initialCount,
  label,
  types = QUESTION_TYPES,
  from,
  onFrame,
}: {
  eventId: number;
  initialCount: number | null;
  label: (count: number) => string;
  /** The stream's event types that reload the page (the event page adds comments, parts and polls). */
  types?: readonly string[];
  /** The log id the page's data was read at: the stream starts after it. */
  from?: number;
  /** Applies a frame to the page (`id`: its `id:` line, if numbered); true when it did (no reload), false to reload. */
  onFrame?: (type: string, data: unknown, id: number | null) => boolean;
}) {
  const [count, setCount] = useState<number | null>(initialCount);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const apply = useRef(onFrame);
  apply.current = onFrame;
  // Only the first load's id: a reopened stream sends Last-Event-ID itself.
  const start = useRef(from);
  // A string, so that a new array on each render does not reopen the stream.
  const typeList = types.join(",");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const after = start.current;
    const source = new EventSource(`/api/v1/events/${eventId}/stream${after == null ? "" : `?last_event_id=${after}`}`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        // A reload that a navigation overtakes (a form sent, the page left) is aborted: nothing is lost, the
        // navigation loads the data itself; the rejection must not surface as an uncaught error.
        Promise.resolve(revalidate.current() as unknown).catch(() => undefined);
      }, RELOAD_AFTER_MS);
    };
    const onEvent = (e: Event) => {
      let data: unknown;
      try {
        data = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        data = null;
      }
      const id = Number((e as MessageEvent<string>).lastEventId);
      if (data === null || !apply.current?.(e.type, data, Number.isSafeInteger(id) && id > 0 ? id : null)) reload();
    };
    for (const type of typeList.split(",")) source.addEventListener(type, onEvent);
    source.addEventListener("attendees", (e) => {
      try {
        setCount((JSON.parse((e as MessageEvent<string>).data) as { count: number }).count);
      } catch {
        // A malformed frame changes nothing.
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [eventId, typeList]);

  return count == null ? null : (
    <span className="event-attendees" aria-live="polite">
      {label(count)}
    </span>
  );
}
