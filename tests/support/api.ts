// Calls the JSON API (app/api) in-process through its router, as server.ts does, and checks every response
// against the OpenAPI document the router serves (GET /api/v1/openapi.json): the status must be declared for the
// operation (or be covered by its `default` error response) and the JSON body must match the declared schema.
// The document itself is checked once against the OpenAPI 3.1 specification's schema. A response that drifts
// from the document fails the test that received it.
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { createApi } from "#app/api/app.server";

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const api = createApi();

let checked: Promise<{ doc: Document; ajv: Ajv2020; paths: { re: RegExp; key: string }[] }> | null = null;

/** The document, once, validated against the OpenAPI 3.1 schema, with a JSON Schema 2020-12 validator over it. */
export function openApiDocument() {
  checked ??= (async () => {
    const response = await api.request("/api/v1/openapi.json");
    if (response.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`);
    const doc = (await response.json()) as Document;
    const result = await new Validator().validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(`The OpenAPI document is invalid: ${JSON.stringify(result.errors, null, 2)}`);
    // OpenAPI 3.1 schemas are JSON Schema 2020-12; `example` and the like are annotations.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc, "openapi.json");
    const paths = Object.keys(doc.paths).map((key) => ({
      key,
      re: new RegExp(`^${key.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
    return { doc, ajv, paths };
  })();
  return checked;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
const validators = new Map<string, ValidateFunction>();

/** Throws when the response does not match the document; returns the body text it read. */
export async function checkAgainstDocument(method: string, pathname: string, response: Response): Promise<string> {
  const { doc, ajv, paths } = await openApiDocument();
  const text = await response.text();
  // The document and its reference page describe the API; they are not operations of it.
  if (pathname === "/api/v1/openapi.json" || pathname === "/api/docs" || pathname.startsWith("/api/docs/")) return text;
  const where = `${method} ${pathname} → ${response.status}`;
  const operationMethod = method === "HEAD" ? "get" : method.toLowerCase();
  const path = paths.find((p) => p.re.test(pathname));
  const operation = path ? doc.paths[path.key][operationMethod] : undefined;
  // Unknown paths (404) and other methods (405) answer with the error object that every operation declares.
  let ref: string;
  let declared: Operation["responses"][string];
  if (!operation) {
    if (response.status < 400) throw new Error(`${where}: not in the OpenAPI document`);
    ref = "openapi.json#/components/schemas/Error";
    declared = { content: { "application/json": { schema: {} } } };
  } else {
    const status = String(response.status) in operation.responses ? String(response.status) : "default";
    declared = operation.responses[status];
    if (!declared) throw new Error(`${where}: status not declared in the OpenAPI document`);
    ref = `openapi.json#${pointer("", "paths", path!.key, operationMethod, "responses", status, "content", "application/json", "schema")}`;
  }
  if (method === "HEAD" || response.status === 204) {
    if (text !== "") throw new Error(`${where}: a body where none is declared`);
    return text;
  }
  if (!declared.content?.["application/json"]) {
    // A declared non-JSON body (an event's CSV export) in the declared media type.
    const mediaType = (response.headers.get("Content-Type") ?? "").split(";")[0].trim();
    if (mediaType && declared.content?.[mediaType]) return text;
    if (text !== "") throw new Error(`${where}: a body where the document declares none`);
    return text;
  }
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/json")) throw new Error(`${where}: Content-Type ${type}, not JSON`);
  let validate = validators.get(ref);
  if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
  const body: unknown = JSON.parse(text);
  if (!validate(body)) {
    throw new Error(`${where}: the body does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}`);
  }
  return text;
}

/** Sends a request through the API router and checks the response against the document. */
export async function apiFetch(request: Request): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await api.fetch(request);
  const text = await checkAgainstDocument(request.method, new URL(request.url).pathname, response);
  return { status: response.status, headers: response.headers, text };
}

export type ApiCallOptions = {
  method?: string;
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
};

/** A request to the API as a client sends it: JSON in, `{ status, headers, json }` out, checked against the document. */
export async function callApi(path: string, opts: ApiCallOptions = {}) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("Authorization", `Bearer ${opts.token}`);
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers.set("Content-Type", "application/json");
  }
  if (opts.contentType) headers.set("Content-Type", opts.contentType);
  const request = new Request(`http://localhost:3000${path}`, { method: opts.method ?? "GET", headers, body });
  const { status, headers: responseHeaders, text } = await apiFetch(request);
  return { status, headers: responseHeaders, json: (text ? JSON.parse(text) : null) as any };
}

/** The API's answer to a request, as a Response (its body already checked against the document). */
export async function apiRequest(request: Request): Promise<Response> {
  const { status, headers, text } = await apiFetch(request);
  return new Response(status === 204 || request.method === "HEAD" ? null : text, { status, headers });
}
