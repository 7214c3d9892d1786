// Counters that change fast — votes, attendee counts, poll results (issue #10 §1) — go out at most once per
// window per item, with the newest value: 1,000 votes a second on one question become four updates a second to
// 10,000 clients, not 1,000. One timer per coalescer, none while nothing changes.
//
// Windows close on a shared grid (a fifth of the window), so the items whose windows close together flush in one
// timer callback, and the hub writes what they send to one client as one buffer (hub.server.ts, flushCounters).
// With a timer per item, 20 questions voted on at once were 20 writes (20 system calls) per client per window —
// 800,000 a second for 10,000 clients (bench/events-live.ts).

export type CoalescerOptions<V> = {
  /** The window per item, in ms (250 ms: at most four updates a second). */
  windowMs?: number;
  /** Sends an item's newest value; called at most once per window per key. */
  flush: (key: string, value: V) => void;
};

export class Coalescer<V> {
  private readonly pending = new Map<string, V>();
  /** Open windows: when each closes (ms, on the grid). */
  private readonly open = new Map<string, number>();
  private readonly windowMs: number;
  private readonly gridMs: number;
  private readonly flush: (key: string, value: V) => void;
  private timer: NodeJS.Timeout | null = null;
  /** When the timer fires (ms). */
  private timerAt = Infinity;

  constructor({ windowMs = 250, flush }: CoalescerOptions<V>) {
    this.windowMs = windowMs;
    this.gridMs = Math.max(1, Math.round(windowMs / 5));
    this.flush = flush;
  }

  /**
   * A new value for `key`. The first change after a quiet spell goes out at once (a lone vote is not delayed);
   * further changes within the window are held and only the last is sent when it closes.
   */
  set(key: string, value: V) {
    if (this.open.has(key)) {
      this.pending.set(key, value);
      return;
    }
    this.flush(key, value);
    // Rounded up to the grid: never sooner than a window after this flush.
    this.openWindow(key, Math.ceil((Date.now() + this.windowMs) / this.gridMs) * this.gridMs);
  }

  private openWindow(key: string, closesAt: number) {
    this.open.set(key, closesAt);
    this.schedule();
  }

  /** One timer, for the window that closes first. */
  private schedule() {
    let next = Infinity;
    for (const at of this.open.values()) if (at < next) next = at;
    if (next === this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = next;
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.closeWindows(), Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  /** Closes every window due now, flushing what each holds in this one callback, and reopens those that sent. */
  private closeWindows() {
    const due = this.timerAt;
    this.timer = null;
    this.timerAt = Infinity;
    const closing = [...this.open].filter(([, at]) => at <= due).map(([key]) => key);
    for (const key of closing) {
      this.open.delete(key);
      if (!this.pending.has(key)) continue;
      const value = this.pending.get(key) as V;
      this.pending.delete(key);
      this.flush(key, value);
      // From the grid time it was due, so a steady stream keeps exactly one window between its updates.
      this.open.set(key, due + this.windowMs);
    }
    this.schedule();
  }

  /** Drops what is held (shutdown, tests). */
  close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
    this.open.clear();
    this.pending.clear();
  }
}
