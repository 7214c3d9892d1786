import { afterEach, beforeEach, vi } from "vitest";
import { freshDatabase, removeDatabase } from "./db";

process.env.NODE_ENV = "test";
process.env.ALLOWED_EMAIL_DOMAINS ??= "sori.test";

let file: string;
beforeEach(() => {
  file = freshDatabase();
});
afterEach(() => {
  removeDatabase(file);
});

// An unexpected console.error fails the test that caused it.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});
