import { defineConfig } from "vitest/config";

// End-to-end tests: the built server (npm run build) in real Chromium. One file at a time: 2 cores.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // What a person waits for after a click (a post published, a page loaded): vitest's default of 1 s is less
    // than a publish takes on this 2-core machine while other work runs, which made journeys flaky.
    expect: { poll: { timeout: 10_000 } },
  },
});
