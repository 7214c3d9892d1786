/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { remixConfig } from "./remix.config";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [!process.env.VITEST && remix(remixConfig)],
  server: { port: 3000 },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "search/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-each.ts"],
    pool: "forks",
    testTimeout: 20_000,
  },
});
