// Pure parts of the live streams (issue #10 §1): the coalescer for fast counters and the SSE frames.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer } from "#app/realtime/coalescer";
import { encodeFrame, encodeIdOnly, parseFrames, parseLastEventId } from "#app/realtime/frames";

describe("Coalescer", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("sends the first change at once, then at most one per 250 ms window per item, last value wins", () => {
    const sent: [string, number, number][] = [];
    const c = new Coalescer<number>({ flush: (key, value) => sent.push([key, value, Date.now()]) });
    const start = Date.now();
    // 1,000 votes in one second on one question, and one vote on another.
    for (let i = 1; i <= 1000; i++) {
      c.set("question:1", i);
      if (i === 500) c.set("question:2", 1);
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(500);
    const q1 = sent.filter(([key]) => key === "question:1");
    expect(q1.length).toBeLessThanOrEqual(5);
    expect(q1[0][1]).toBe(1);
    expect(q1.at(-1)![1]).toBe(1000);
    for (let i = 1; i < q1.length; i++) expect(q1[i][2] - q1[i - 1][2]).toBeGreaterThanOrEqual(250);
    expect(sent.filter(([key]) => key === "question:2")).toEqual([["question:2", 1, start + 499]]);
    // Quiet again: nothing more, no timer left.
    const count = sent.length;
    vi.advanceTimersByTime(5_000);
    expect(sent.length).toBe(count);
    expect(vi.getTimerCount()).toBe(0);
    c.close();
  });

  it("closes the windows of items changed at different moments together, in one timer callback", () => {
    const sent: [string, number, number][] = [];
    const c = new Coalescer<number>({ flush: (key, value) => sent.push([key, value, Date.now()]) });
    // 20 questions voted on over 40 ms, each voted on again while its window is open.
    for (let q = 0; q < 20; q++) {
      c.set(`question:${q}`, 1);
      vi.advanceTimersByTime(2);
    }
    for (let q = 0; q < 20; q++) c.set(`question:${q}`, 2);
    vi.advanceTimersByTime(400);
    // The held values went out at one or two moments (windows close on a 50 ms grid), not one per question — so the
    // hub writes them to each client together.
    const held = sent.filter(([, value]) => value === 2);
    expect(held.map(([key]) => key).sort()).toEqual(Array.from({ length: 20 }, (_, q) => `question:${q}`).sort());
    expect(new Set(held.map(([, , at]) => at)).size).toBeLessThanOrEqual(2);
    for (const [, , at] of held) expect(at).toBeGreaterThanOrEqual(250);
    c.close();
  });
});

describe("frames", () => {
  it("encodes an event once as id/event/data lines that parse back, and id-only frames move the last id", () => {
    const frame = encodeFrame(42, "post", { id: 7, body: "줄\n바꿈" });
    expect(frame.toString()).toBe('id: 42\nevent: post\ndata: {"id":7,"body":"줄\\n바꿈"}\n\n');
    const parsed = parseFrames(`${frame.toString()}: heartbeat\n\n${encodeIdOnly(50).toString()}id: 51\nda`);
    expect(parsed.events).toEqual([{ id: 42, event: "post", data: '{"id":7,"body":"줄\\n바꿈"}' }]);
    expect(parsed.lastId).toBe(50);
    expect(parsed.rest).toBe("id: 51\nda");
  });

  it("reads Last-Event-ID: absent, 0, an id, or garbage (null: a 400)", () => {
    expect(parseLastEventId(null)).toBeUndefined();
    expect(parseLastEventId("")).toBeUndefined();
    expect(parseLastEventId("0")).toBe(0);
    expect(parseLastEventId("1234")).toBe(1234);
    for (const bad of ["-1", "1e3", "0x10", "abc", "12 34", "007", "9".repeat(20)]) {
      expect(parseLastEventId(bad), bad).toBeNull();
    }
  });
});
