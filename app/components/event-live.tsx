// An event page's live updates (issue #10 §2–4, §6): after hydration it follows the event's stream
// (GET /api/v1/events/:id/stream, the session cookie) and reloads the page's data when a question, a vote or the
// state changes (and, where the page shows them, a comment, the part or a poll) — at most every half second, so a burst of votes costs one reload — through the loader, so what
// appears is exactly what the access rule lets this person see. It shows the attendee count. Without JavaScript
// nothing is rendered and the page works as plain forms.
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
}: {
  eventId: number;
  initialCount: number | null;
  label: (count: number) => string;
  /** The stream's event types that reload the page (the event page adds comments, parts and polls). */
  types?: readonly string[];
}) {
  const [count, setCount] = useState<number | null>(initialCount);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  // A string, so that a new array on each render does not reopen the stream.
  const typeList = types.join(",");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/v1/events/${eventId}/stream`);
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
    for (const type of typeList.split(",")) source.addEventListener(type, reload);
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
