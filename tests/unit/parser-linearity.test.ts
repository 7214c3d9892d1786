// Every parser that sees user input runs in time linear in its length (issue #8 §3: "@a" × 5,000 cost ~1.5 s
// of CPU per preview, and doubling it quadrupled the time). Each shape is timed at 10k, 20k and 40k characters:
// linear work grows 4× from 10k to 40k, quadratic work 16×. CPU time of this process (not wall clock), best of
// two, with a floor under the 10k time so tiny timings do not make the ratio noisy.
import { describe, expect, it } from "vitest";
import { extractMentionCandidates, renderPost } from "#app/models/posts/markdown.server";
import { normaliseTag } from "#app/utils/hashtags";
import { parseQuery } from "#search/query";
import { findMatches, htmlToPlainText, indexTokens, normalizeText, snippet } from "#search/text";

const SIZES = [10_000, 20_000, 40_000] as const;
const FLOOR_MS = 15;
const MAX_RATIO = 8; // between linear (4) and quadratic (16)
const MAX_40K_MS = 2_000;

function cpuMs(run: () => unknown, tries = 2): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function expectLinear(make: (n: number) => string, parse: (input: string) => unknown) {
  const inputs = SIZES.map(make);
  parse(make(1_000)); // warm up the JIT
  // The largest size once first, so quadratic code fails fast instead of running for minutes.
  const once = cpuMs(() => parse(inputs[2]), 1);
  expect(once, `40k took ${once.toFixed(0)} ms`).toBeLessThan(MAX_40K_MS);
  const [t10, t20, t40] = inputs.map((input) => cpuMs(() => parse(input)));
  const times = `10k: ${t10.toFixed(0)} ms, 20k: ${t20.toFixed(0)} ms, 40k: ${t40.toFixed(0)} ms`;
  expect(t40 / Math.max(t10, FLOOR_MS), times).toBeLessThan(MAX_RATIO);
}

const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const render = (body: string) => renderPost(body, { isKnownHandle: () => true });

describe("post Markdown (mentions, hashtags, autolinks) is linear", () => {
  it.each([
    ["@a", repeat("@a")],
    ["a@", repeat("a@")],
    ["_@a", repeat("_@a")],
    ["a.a.…@ (marked's own e-mail look-ahead)", (n: number) => repeat("a.")(n - 1) + "@"],
    ["#a.…@", (n: number) => repeat("#a")(n - 1) + "@"],
    ["[a@", repeat("[a@")],
    ["[#", repeat("[#")],
    ["[", repeat("[")],
    ["<a", repeat("<a")],
    ["https:///", repeat("https:///")],
    ["@minsu #tag text", repeat("@minsu #tag text ")],
  ])("renderPost on %s", (_name, make) => {
    expectLinear(make, render);
  });

  it("extractMentionCandidates on a@", () => {
    expectLinear(repeat("a@"), extractMentionCandidates);
  });

  it("still finds mentions, tags and e-mail autolinks in long whitespace-free text", () => {
    const out = render(`${"x".repeat(300)} minsu@example.com @jane #tag ${"y".repeat(300)}@jane`);
    expect(out.mentions).toEqual(["jane"]);
    expect(out.hashtags).toEqual(["tag"]);
    expect(out.html).toContain('<a href="mailto:minsu@example.com"');
  });
});

describe("search text and queries are linear", () => {
  it.each([
    ["<", repeat("<")],
    ["<script>", repeat("<script>")],
    ["<style a", repeat("<style a")],
    ["<br ", repeat("<br ")],
  ])("htmlToPlainText on %s", (_name, make) => {
    expectLinear(make, htmlToPlainText);
  });

  it("normalizeText and indexTokens on mixed scripts and combining marks", () => {
    expectLinear(repeat("가a1é\u0301ß "), normalizeText);
    expectLinear(repeat("가a1é\u0301ß "), indexTokens);
  });

  it("snippet and findMatches on dense matches", () => {
    expectLinear(repeat("가"), (s) => snippet(s, [{ kind: "cjk", text: "가가" }]));
    expectLinear(repeat("a\u0301 ﬃ "), (s) => findMatches(s, [{ kind: "word", text: "a", prefix: true }]));
  });

  it("hashtag names and queries are bounded before any parsing", () => {
    expectLinear(repeat("a"), (s) => normaliseTag(`#${s}`));
    expectLinear(repeat('"a #b from:'), (s) => {
      try {
        parseQuery(s, "posts");
      } catch {
        // Longer than MAX_QUERY_LENGTH: refused before parsing.
      }
    });
  });
});
