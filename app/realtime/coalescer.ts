// Counters that change fast — votes, attendee counts, poll results (issue #10 §1) — go out at most once per
// window per item, with the newest value: 1,000 votes a second on one question become four updates a second to
// 10,000 clients, not 1,000. One timer per open window, none while nothing changes.

export type CoalescerOptions<V> = {
  /** The window per item, in ms (250 ms: at most four updates a second). */
  windowMs?: number;
  /** Sends an item's newest value; called at most once per window per key. */
  flush: (key: string, value: V) => void;
};

export class Coalescer<V> {
  private readonly pending = new Map<string, V>();
  private readonly open = new Map<string, NodeJS.Timeout>();
  private readonly windowMs: number;
  private readonly flush: (key: string, value: V) => void;

  constructor({ windowMs = 250, flush }: CoalescerOptions<V>) {
    this.windowMs = windowMs;
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
    this.startWindow(key);
  }

  private startWindow(key: string) {
    const timer = setTimeout(() => {
      this.open.delete(key);
      if (!this.pending.has(key)) return;
      const value = this.pending.get(key) as V;
      this.pending.delete(key);
      this.flush(key, value);
      this.startWindow(key);
    }, this.windowMs);
    timer.unref();
    this.open.set(key, timer);
  }

  /** Drops what is held (shutdown, tests). */
  close() {
    for (const timer of this.open.values()) clearTimeout(timer);
    this.open.clear();
    this.pending.clear();
  }
}
