// Request bodies are capped while they stream (issues #8.2, #8.10): chunked bodies far past every limit — no
// Content-Length to refuse them by — get a 413 in the usual shape, the response arrives before the connection
// closes (no reset), the server's memory stays flat, and sign-in is checked before a body is read. Sent with a
// raw node:http client, since a browser cannot send such bodies.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, startServer, type SoriServer } from "./harness";

const MB = 1024 * 1024;
let server: SoriServer;
let cookie: string;
let token: string;

type Answer = { status: number; contentType: string; body: string; sent: number };

/**
 * POSTs `head` followed by filler up to totalBytes, chunked, stopping once a response arrives. Rejects if the
 * connection fails before a whole response was read (a reset instead of an answer).
 */
function sendChunked(
  path: string,
  { headers = {}, head = "", totalBytes }: { headers?: Record<string, string>; head?: string; totalBytes: number },
): Promise<Answer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const req = http.request({
      host: hostname,
      port,
      path,
      method: "POST",
      headers: { Origin: server.url, "Transfer-Encoding": "chunked", ...headers },
    });
    req.on("error", (error) => {
      if (!answered) reject(new Error(`${path}: no response, ${error.message} after ${sent} bytes`));
    });
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (error) => reject(new Error(`${path}: response cut, ${error.message}`)));
      res.on("end", () => {
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString(),
          sent,
        });
      });
    });
    const filler = Buffer.alloc(64 * 1024, "a");
    const write = () => {
      while (!answered && sent < totalBytes) {
        const piece = sent === 0 ? Buffer.concat([Buffer.from(head), filler]) : filler;
        sent += piece.byteLength;
        if (!req.write(piece)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

/** The server process (the harness starts `node … server.ts` with PORT in its environment). */
function serverPid(): number {
  const port = new URL(server.url).port;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (environ.includes(`PORT=${port}`) && cmdline.includes("server.ts")) return Number(pid);
    } catch {
      // Another user's or a finished process.
    }
  }
  throw new Error(`no server process for port ${port}`);
}

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

beforeAll(async () => {
  // One process, so that the memory measured is that of the process reading the bodies.
  server = await startServer({ SORI_WORKERS: "1" });
  cookie = await createAccount(server, "/setup", { name: "Minsu Kim", email: "minsu@sori.test", handle: "minsu" });
  token = `sori_${crypto.randomBytes(32).toString("base64url")}`;
  const db = new Database(server.dbPath);
  try {
    db.prepare("insert into api_tokens (user_id, name, token_hash, created_at) values (1, 'e2e', ?, ?)").run(
      crypto.createHash("sha256").update(token).digest("hex"),
      Date.now(),
    );
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await server?.stop();
});

const multipart = (field: string) => ({
  headers: { "Content-Type": "multipart/form-data; boundary=b" },
  head: `--b\r\nContent-Disposition: form-data; name="${field}"; filename="big.jpg"\r\n\r\n`,
});

describe("request bodies past their limit", () => {
  it("answers three chunked 50 MB uploads to /language with 413 and keeps memory flat", async () => {
    const pid = serverPid();
    const before = rssBytes(pid);
    for (let i = 0; i < 3; i++) {
      const answer = await sendChunked("/language", { ...multipart("locale"), totalBytes: 50 * MB });
      expect(answer.status).toBe(413);
      expect(answer.sent).toBeLessThan(50 * MB);
    }
    expect(rssBytes(pid) - before).toBeLessThan(64 * MB);
  });

  it("answers a chunked 50 MB form to /signin with 413", async () => {
    const answer = await sendChunked("/signin", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      head: "email=minsu%40sori.test&password=",
      totalBytes: 50 * MB,
    });
    expect(answer.status).toBe(413);
  });

  it("answers chunked 50 MB bodies to signed-in forms with 413: the preview and the photo upload", async () => {
    const preview = await sendChunked("/posts/preview", {
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      head: "body=",
      totalBytes: 50 * MB,
    });
    expect(preview.status).toBe(413);
    const photo = await sendChunked("/settings", {
      ...multipart("photo"),
      headers: { ...multipart("photo").headers, Cookie: cookie },
      totalBytes: 50 * MB,
    });
    expect(photo.status).toBe(413);
  });

  it("sends a signed-out form post to sign-in before reading its body", async () => {
    const answer = await sendChunked("/groups/new", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      head: "name=",
      totalBytes: 50 * MB,
    });
    expect(answer.status).toBeGreaterThanOrEqual(300);
    expect(answer.status).toBeLessThan(400);
    expect(answer.sent).toBeLessThan(50 * MB);
  });

  it("answers a chunked 50 MB API body with 413 too_large in the API's error shape, not a reset", async () => {
    const answer = await sendChunked("/api/v1/posts", {
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      head: '{"body":"',
      totalBytes: 50 * MB,
    });
    expect(answer.status).toBe(413);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "too_large", message: expect.any(String) } });
  });

  it("answers a declared 500 MB API body with 413 too_large before it is sent", async () => {
    const { hostname, port } = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: hostname,
        port,
        path: "/api/v1/posts",
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(500 * MB),
          Authorization: `Bearer ${token}`,
        },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.write('{"body":"');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "too_large" } });
  });
});

describe("bad percent-encoding in API paths", () => {
  it("answers /api/v1/users/%C0%AF in the API's JSON error shape", async () => {
    const res = await fetch(`${server.url}/api/v1/users/%C0%AF`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request", message: expect.any(String) } });
  });
});
