// Issue #8.5: the address that sign-in limits are keyed on. X-Forwarded-For is anyone's to write, so it counts
// only when it comes from a proxy named in TRUST_PROXY (Express's "trust proxy" setting; off by default).
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { clientIpOf, trustConfiguredProxies } from "#app/web/client-ip.server";
import { resetRegistry } from "#app/infra/registry.server";

const saved = process.env.TRUST_PROXY;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = saved;
  resetRegistry();
});

/** The client address an app configured like server.ts sees for one request from 127.0.0.1. */
async function seenIp(trustProxy: string | undefined, forwardedFor: string) {
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  resetRegistry();
  const app = express();
  trustConfiguredProxies(app);
  app.get("/", (req, res) => void res.send(clientIpOf(req)));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "X-Forwarded-For": forwardedFor } });
    return await res.text();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("client address", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY is set", async () => {
    expect(await seenIp(undefined, "203.0.113.9")).toBe("127.0.0.1");
    expect(await seenIp("", "203.0.113.9")).toBe("127.0.0.1");
    expect(await seenIp("false", "203.0.113.9")).toBe("127.0.0.1");
  });

  it("honours X-Forwarded-For from the configured proxies only", async () => {
    expect(await seenIp("loopback", "203.0.113.9")).toBe("203.0.113.9");
    expect(await seenIp("127.0.0.1/32, 10.0.0.0/8", "198.51.100.1, 203.0.113.9")).toBe("203.0.113.9");
    expect(await seenIp("1", "198.51.100.1, 203.0.113.9")).toBe("203.0.113.9");
    expect(await seenIp("10.0.0.0/8", "203.0.113.9")).toBe("127.0.0.1");
  });

  it("refuses a malformed TRUST_PROXY at start-up", async () => {
    await expect(seenIp("not an address", "203.0.113.9")).rejects.toThrow(/TRUST_PROXY/);
  });
});
