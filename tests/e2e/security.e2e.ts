// Issue #8.16 on the production server: a mutation of a route without an action is a plain 405 that names
// no internal route, on pages, page data and resource routes alike.
import http from "node:http";
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

describe("a response sent before the body was read", () => {
  it("tells a keep-alive client the connection closes, so its next request on a new one succeeds", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = http.request(
          `${server.url}/search`,
          {
            method: "POST",
            agent,
            headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          },
        );
        req.on("error", reject);
        req.end("a=1");
      });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await post();
        expect(res.status).toBe(405);
        // The server closes the socket after this response (the body was never read), and says so.
        expect(res.connection).toBe("close");
      }
    } finally {
      agent.destroy();
    }
  });
});
