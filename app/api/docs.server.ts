// The API reference page (/api/docs): Swagger UI (swagger-ui-dist, served from our own origin — no CDN) reading
// GET /api/v1/openapi.json. Its script runs from a file, so the page works under the site's CSP (no inline script).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Context } from "hono";

const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const INIT_JS = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sori API reference</title>
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<p style="font-family: system-ui, sans-serif; margin: 1rem 1.25rem 0">
  Sori API v1 · the guide with examples is <code>docs/api.md</code> · the machine-readable document is
  <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Use “Authorize” with a personal access token.
</p>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

let root: string | null = null;
function assetRoot(): string {
  root ??= path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  return root;
}

const cache = "public, max-age=3600";
/** The reader's files, read once (the bundle is 1.7 MB: not a synchronous read per request). */
const assets = new Map<string, Uint8Array<ArrayBuffer>>();

export function docsPage(c: Context) {
  return c.html(PAGE, 200, { "Cache-Control": cache });
}

/** One of the reader's files, by name from a fixed list (no path from the request reaches the file system). */
export function docsAsset(c: Context, file: string) {
  if (file === "init.js")
    return c.body(INIT_JS, 200, { "Content-Type": ASSETS["swagger-ui-bundle.js"], "Cache-Control": cache });
  const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : null;
  if (!type) return c.text("Not found", 404);
  let bytes = assets.get(file);
  if (!bytes) assets.set(file, (bytes = new Uint8Array(fs.readFileSync(path.join(assetRoot(), file)))));
  return c.body(bytes, 200, { "Content-Type": type, "Cache-Control": cache });
}
