// The route table as Remix builds it (app/routes.ts, flatRoutes), and a way to call any route's loader or action
// in-process the way Remix would: a page request runs the loaders of the whole matched chain, a resource route
// (API, photos, suggestions) only its own; a mutation runs the action of the deepest match.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteConfigEntry } from "@remix-run/route-config";
import { apiRequest, openApiDocument } from "./api";

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

export type RouteEntry = {
  id: string;
  file: string;
  /** The full URL pattern, e.g. "posts/:postId/edit" ("" for an index at the root). */
  pattern: string;
  /** Ids of the parents, outermost first (the root route excluded). */
  parents: string[];
};

/** Every route of app/routes.ts, flattened, with the root route ("root") first. */
export async function listRoutes(): Promise<RouteEntry[]> {
  // flatRoutes() reads the app directory that Remix's Vite plugin normally sets before it imports routes.ts.
  (globalThis as { __remixAppDirectory?: string }).__remixAppDirectory = APP_DIR;
  const config = (await (await import("#app/routes")).default) as RouteConfigEntry[];
  const out: RouteEntry[] = [{ id: "root", file: "root.tsx", pattern: "", parents: [] }];
  const walk = (entries: RouteConfigEntry[], prefix: string, parents: string[]) => {
    for (const e of entries) {
      const id = e.id ?? e.file.replace(/\.[tj]sx?$/, "");
      const pattern = [prefix, e.path ?? ""].filter(Boolean).join("/");
      out.push({ id, file: e.file, pattern, parents });
      if (e.children) walk(e.children, pattern, [...parents, id]);
    }
  };
  walk(config, "", []);
  return out;
}

/**
 * The JSON API's routes (app/api, off Remix's router): one entry per path of its OpenAPI document, plus the
 * document itself, its reference page and the answer to any other /api/v1 path. Ids are "api <path>".
 */
export async function listApiRoutes(): Promise<RouteEntry[]> {
  const { doc } = await openApiDocument();
  const paths = [...Object.keys(doc.paths), "/api/v1/openapi.json", "/api/docs", "/api/v1/*"];
  return paths.map((path) => ({
    id: `api ${path}`,
    file: "app/api/app.server.ts",
    pattern: path.slice(1).replace(/\{([^}]+)\}/g, ":$1"),
    parents: [],
  }));
}

/** Params of a concrete path under a pattern ("posts/:postId" × "/posts/12" → {postId: "12"}), or null. */
export function matchParams(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    if (w === "*") {
      params["*"] = got.slice(i).join("/");
      return params;
    }
    if (i >= got.length) return null;
    if (w.startsWith(":")) params[w.slice(1).replace(/\?$/, "")] = got[i];
    else if (w !== got[i]) return null;
  }
  return got.length === want.length ? params : null;
}

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => unknown;
type RouteModule = { loader?: Handler; action?: Handler; default?: unknown };

const modules = new Map<string, Promise<RouteModule>>();
export function loadRoute(route: RouteEntry): Promise<RouteModule> {
  let m = modules.get(route.file);
  if (!m)
    modules.set(route.file, (m = import(/* @vite-ignore */ path.join(APP_DIR, route.file)) as Promise<RouteModule>));
  return m;
}

/** What a request observed: the status and the whole serialized payload (JSON of loader data, or body text). */
export type Observed = { status: number; text: string; data: unknown; location: string | null };

async function observe(run: () => unknown): Promise<Observed> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    if (thrown instanceof Response) value = thrown;
    else throw thrown;
  }
  if (value instanceof Response) {
    const type = value.headers.get("Content-Type") ?? "";
    const buf = Buffer.from(await value.arrayBuffer());
    const text = type.startsWith("image/") ? buf.toString("latin1") : buf.toString("utf8");
    let data: unknown = text;
    if (type.includes("json") && text) data = JSON.parse(text);
    return { status: value.status, text, data, location: value.headers.get("Location") };
  }
  // Single fetch's data() wrapper: { type: "DataWithResponseInit", data, init }.
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init?: { status?: number } | null };
    return { status: init?.status ?? 200, text: JSON.stringify(data) ?? "", data, location: null };
  }
  return { status: 200, text: JSON.stringify(value) ?? "", data: value, location: null };
}

const CONTEXT = { clientIp: "127.0.0.1", cspNonce: "", onClose: () => {} };

export type CallOptions = {
  method?: string;
  cookie?: string | null;
  token?: string | null;
  form?: Record<string, string>;
  json?: unknown;
};

export function makeRouteCaller(routes: RouteEntry[]) {
  const byId = new Map(routes.map((r) => [r.id, r]));
  const get = (id: string) => {
    const r = byId.get(id);
    if (!r) throw new Error(`no route ${id} in the route table`);
    return r;
  };
  const request = (url: string, opts: CallOptions) => {
    const headers = new Headers();
    if (opts.cookie) headers.set("Cookie", opts.cookie);
    if (opts.token) headers.set("Authorization", `Bearer ${opts.token}`);
    let body: string | undefined;
    if (opts.form) {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.json !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(opts.json);
    }
    // A browser form on Sori's own pages sends its Origin (server.ts refuses cross-origin mutations).
    if (opts.cookie && opts.method && opts.method !== "GET") headers.set("Origin", "http://localhost:3000");
    return new Request(`http://localhost:3000${url}`, { method: opts.method ?? "GET", headers, body });
  };

  /**
   * Calls route `id` for `url`. GET: the loaders of the route and (for pages) its parents, each observed; other
   * methods: the route's action. Fails when `url` does not match the route's pattern, so a case cannot test a
   * different route by mistake.
   */
  return async function call(id: string, url: string, opts: CallOptions = {}): Promise<Observed[]> {
    const route = get(id);
    const pathname = new URL(url, "http://localhost:3000").pathname;
    const params = id === "root" ? {} : matchParams(route.pattern, pathname);
    if (!params) throw new Error(`${url} does not match ${id} (${route.pattern})`);
    const method = opts.method ?? "GET";
    if (id.startsWith("api ")) return [await observe(() => apiRequest(request(url, { ...opts, method })))];
    const mod = await loadRoute(route);
    if (method !== "GET" && method !== "HEAD") {
      if (!mod.action) throw new Error(`${id} has no action`);
      return [await observe(() => mod.action!({ request: request(url, opts), params, context: CONTEXT }))];
    }
    // Resource routes (no component) run alone; pages run the chain of parent loaders too.
    const chain = mod.default ? [...route.parents.map(get), route] : [route];
    const out: Observed[] = [];
    for (const r of chain) {
      const m = await loadRoute(r);
      if (!m.loader) continue;
      out.push(await observe(() => m.loader!({ request: request(url, opts), params, context: CONTEXT })));
    }
    if (out.length === 0) throw new Error(`${id} has no loader`);
    return out;
  };
}
