// Issue #8.16 on the production server: a mutation of a route without an action is a plain 405 that names
// no internal route, on pages, page data and resource routes alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, postForm, startServer, type SoriServer } from "./harness";

let server: SoriServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("routes without an action", () => {
  it("answer a POST with a plain 405", async () => {
    const cookie = await createAccount(server, "/setup", { name: "Ana", email: "ana@sori.test", handle: "ana" });
    for (const path of ["/search", "/search.data", "/people", "/", "/?index", "/healthz", "/photos/1"]) {
      const res = await postForm(server, path, { a: "1" }, cookie);
      const text = await res.text();
      expect(res.status, path).toBe(405);
      expect(res.headers.get("Content-Type"), path).toMatch(/^text\/plain/);
      expect(res.headers.get("Allow"), path).toBe("GET, HEAD");
      expect(text, path).toBe("This method is not allowed here.");
    }
    // Routes with an action still get the request.
    expect((await postForm(server, "/home", { intent: "nope" }, cookie)).status).toBe(400);
  });
});
