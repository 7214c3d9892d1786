// Issue #8.16, through Remix's real request handler (a server build assembled in-process from app/routes.ts
// and app/entry.server.tsx): a signed-in person's pages and page data are `no-store`, and mutations of routes
// without an action are recognised for server.ts's plain 405 (its end-to-end check is tests/e2e/security.e2e.ts).
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import type { RouteConfigEntry } from "@remix-run/route-config";
import { beforeAll, describe, expect, it } from "vitest";
import * as entry from "#app/entry.server";
import { createActionlessCheck } from "#app/web/method-guard.server";
import { APP_DIR } from "#tests/support/routes";
import { createTestUser, makeRequest, sessionCookie } from "#tests/factories";
import { remixConfig } from "../../remix.config";

type RouteModule = NonNullable<ServerBuild["routes"][string]>["module"];

async function assembleBuild(): Promise<ServerBuild> {
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = APP_DIR;
  const config = (await (await import("#app/routes")).default) as RouteConfigEntry[];
  const routes: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: (await import("#app/root")) as RouteModule },
  };
  const walk = async (entries: RouteConfigEntry[], parentId: string) => {
    for (const e of entries) {
      const id = e.id ?? e.file.replace(/\.[tj]sx?$/, "");
      const module = (await import(/* @vite-ignore */ path.join(APP_DIR, e.file))) as RouteModule;
      routes[id] = { id, parentId, path: e.path, index: e.index, caseSensitive: e.caseSensitive, module };
      if (e.children) await walk(e.children, id);
    }
  };
  await walk(config, "root");
  const manifestRoutes = Object.fromEntries(
    Object.values(routes).map((r) => [
      r!.id,
      {
        id: r!.id,
        parentId: r!.parentId,
        path: r!.path,
        index: r!.index,
        module: `/assets/${r!.id}.js`,
        imports: [],
        hasAction: !!r!.module.action,
        hasLoader: !!r!.module.loader,
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: !!r!.module.ErrorBoundary,
      },
    ]),
  );
  return {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: { entry: { module: "/assets/entry.js", imports: [] }, routes: manifestRoutes, url: "/m.js", version: "1" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: remixConfig.future,
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
}

let build: ServerBuild;
beforeAll(async () => {
  build = await assembleBuild();
}, 120_000);
const context = { cspNonce: "n", clientIp: "127.0.0.1", onClose: () => {} };
const handle = (request: Request) => createRequestHandler(build, "production")(request, context);

describe("personal pages are never cached", () => {
  it("sends Cache-Control: no-store on a signed-in person's pages and page data", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    for (const url of ["/home", "/search?q=x", "/people", "/settings", "/home.data", "/people.data"]) {
      const res = await handle(makeRequest(url, { cookie }));
      expect(res.status, url).toBe(200);
      expect(res.headers.get("Cache-Control"), url).toBe("no-store");
      await res.arrayBuffer();
    }
  });
});

describe("mutations of routes without an action", () => {
  it("are recognised for the plain 405 (Remix's own answer names the route module)", () => {
    const isActionless = createActionlessCheck(build.routes);
    const at = (method: string, url: string) => isActionless(method, new URL(url, "http://localhost:3000"));
    for (const url of ["/search", "/search.data", "/people", "/healthz", "/photos/1", "/", "/?index", "/_root.data"]) {
      expect(at("POST", url), url).toBe(true);
    }
    expect(at("DELETE", "/groups")).toBe(true);
    for (const url of [
      "/home",
      "/home.data",
      "/signin",
      "/posts/1/edit",
      "/api/v1/posts",
      "/groups/new",
      "/nope/x/y",
    ]) {
      expect(at("POST", url), url).toBe(false);
    }
    expect(at("GET", "/search")).toBe(false);
  });
});
