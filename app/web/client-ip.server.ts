// The address a request comes from, which sign-in limits are keyed on (issue #8.5). X-Forwarded-For is anyone's
// to write, so Express believes it only from the proxies named in TRUST_PROXY (app/infra/env.server.ts).
import type { Express, Request } from "express";
import { getEnv } from "#app/infra/env.server";

export function trustConfiguredProxies(app: Express) {
  app.set("trust proxy", getEnv().TRUST_PROXY);
}

/** The client's address as Express sees it under that setting; IPv4-mapped IPv6 (::ffff:10.0.0.1) as IPv4. */
export function clientIpOf(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}
