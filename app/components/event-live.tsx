// An event page's live updates (issue #10 §2–3): after hydration it follows the event's stream
// (GET /api/v1/events/:id/stream, the session cookie) and reloads the page's data when a question, a vote or the
// state changes — at most every half second, so a burst of votes costs one reload — through the loader, so what
// appears is exactly what the access rule lets this person see. It shows the attendee count. Without JavaScript
// nothing is rendered and the page works as plain forms.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";

const RELOAD_AFTER_MS = 500;

export function EventLive({
  eventId,
  initialCount,
  label,
}: {
  eventId: number;
  initialCount: number | null;
  label: (count: number) => string;
}) {
  const [count, setCount] = useState<number | null>(initialCount);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/api/v1/events/${eventId}/stream`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const reload = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        revalidate.current();
      }, RELOAD_AFTER_MS);
    };
    for (const type of ["question", "vote", "state"]) source.addEventListener(type, reload);
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
  }, [eventId]);

  return count == null ? null : (
    <span className="event-attendees" aria-live="polite">
      {label(count)}
    </span>
  );
}
