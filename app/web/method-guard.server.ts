// A POST (PUT, PATCH, DELETE) to a route that has no action: Remix answers 405 with a message that names the
// route module ("… did not provide an `action` for route "routes/search""), in the page and in `.data`
// responses, and resource routes answer an `x-remix-error` JSON. server.ts answers a plain 405 instead,
// before Remix sees the request (issue #8.16).
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Node = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Node[] };

/** Returns a test: does this request ask for an action that the route Remix would run it on does not have? */
export function createActionlessCheck(routes: ServerBuild["routes"]): (method: string, url: URL) => boolean {
  const nodes = new Map<string, Node>();
  for (const r of Object.values(routes)) {
    if (r) nodes.set(r.id, { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive });
  }
  const top: Node[] = [];
  for (const r of Object.values(routes)) {
    if (!r) continue;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(nodes.get(r.id)!);
    else top.push(nodes.get(r.id)!);
  }
  return (method, url) => {
    if (!MUTATIONS.has(method.toUpperCase())) return false;
    // Single fetch posts to /x.data (the root's own data is /_root.data).
    const pathname = url.pathname.endsWith(".data")
      ? url.pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/")
      : url.pathname;
    const matches = matchRoutes(top as Parameters<typeof matchRoutes>[0], pathname);
    if (!matches) return false; // Remix answers its 404.
    // Remix's target: the index route when `?index` asks for it, else the deepest route that adds to the path.
    const last = matches[matches.length - 1];
    const wantsIndex = url.searchParams.getAll("index").includes("");
    const target = wantsIndex && last.route.index ? last : matches.filter((m, i) => i === 0 || m.route.path).at(-1)!;
    return !routes[(target.route as Node).id]?.module.action;
  };
}
