// The page's one live stream (app/utils/live-stream.ts): the bell and the new-posts notice share one EventSource,
// closed with the last listener, and a stream the browser gave up on is replaced for everyone. EventSource is the
// browser's (it cannot run here): a small stand-in records what the module does with it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

class FakeEventSource {
  static CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 0;
  listeners = new Map<string, Set<(e: Event) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, fn: (e: Event) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: (e: Event) => void) {
    this.listeners.get(type)?.delete(fn);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data: string) {
    const event = Object.assign(new Event(type), { data });
    for (const fn of this.listeners.get(type) ?? []) fn.call(this, event);
  }
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.resetModules();
});
afterEach(() => vi.unstubAllGlobals());

describe("listenLive", () => {
  it("shares one stream between listeners and closes it with the last", async () => {
    const { listenLive } = await import("#app/utils/live-stream");
    const bell: string[] = [];
    const feed: string[] = [];
    const stopBell = listenLive("notification", (e) => bell.push(e.data));
    const stopFeed = listenLive("post", (e) => feed.push(e.data));
    expect(FakeEventSource.opened).toHaveLength(1);
    const [source] = FakeEventSource.opened;
    expect(source.url).toBe("/api/v1/stream");
    source.emit("notification", "n1");
    source.emit("post", "p1");
    expect([bell, feed]).toEqual([["n1"], ["p1"]]);
    stopFeed();
    source.emit("post", "p2");
    expect(feed).toEqual(["p1"]);
    expect(source.readyState).not.toBe(FakeEventSource.CLOSED);
    stopBell();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("replaces a stream the browser gave up on, for every listener", async () => {
    const { listenLive } = await import("#app/utils/live-stream");
    const bell: string[] = [];
    listenLive("notification", (e) => bell.push(e.data));
    FakeEventSource.opened[0].close();
    listenLive("post", () => {});
    expect(FakeEventSource.opened).toHaveLength(2);
    FakeEventSource.opened[1].emit("notification", "n2");
    expect(bell).toEqual(["n2"]);
  });
});
