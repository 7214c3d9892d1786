// readForm caps a body while it streams, Content-Length or not (issue #8.2): a chunked body past the cap is
// refused with 413 after reading little more than the cap, instead of being buffered whole.
import { describe, expect, it } from "vitest";
import { readForm } from "#app/web/forms.server";

const CAP = 64 * 1024;
const CHUNK = 16 * 1024;

/** A POST whose body streams in chunks with no Content-Length; `pulled()` says how much was read from it. */
function streamedRequest(contentType: string, head: string, totalBytes: number) {
  let pulled = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      const chunk = pulled === 0 ? encoder.encode(head.padEnd(CHUNK, "a")) : encoder.encode("a".repeat(CHUNK));
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://sori.test/language", {
    method: "POST",
    headers: { "Content-Type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "read";
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("readForm", () => {
  it("refuses a chunked urlencoded body past the cap with 413, reading only about the cap", async () => {
    const { request, pulled } = streamedRequest("application/x-www-form-urlencoded", "locale=", 8 * 1024 * 1024);
    expect(request.headers.get("Content-Length")).toBeNull();
    expect(await statusOf(readForm(request, CAP))).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(CAP + 4 * CHUNK);
  });

  it("refuses a chunked multipart upload past the cap with 413, reading only about the cap", async () => {
    const head = '--b\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n';
    const { request, pulled } = streamedRequest("multipart/form-data; boundary=b", head, 8 * 1024 * 1024);
    expect(await statusOf(readForm(request, CAP))).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(CAP + 4 * CHUNK);
  });

  it("refuses a declared Content-Length past the cap without reading the body", async () => {
    const request = new Request("http://sori.test/signin", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(CAP + 1) },
      body: "email=a",
    });
    expect(await statusOf(readForm(request, CAP))).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  it("reads forms within the cap, streamed or not, with their files", async () => {
    const { request } = streamedRequest("application/x-www-form-urlencoded", "locale=ko&x=", CAP - CHUNK);
    const form = await readForm(request, CAP);
    expect(form.get("locale")).toBe("ko");

    const multipart = new FormData();
    multipart.set("intent", "photo");
    multipart.set("photo", new File([new Uint8Array(1000).fill(7)], "me.png", { type: "image/png" }));
    const upload = await readForm(new Request("http://sori.test/settings", { method: "POST", body: multipart }));
    expect(upload.get("intent")).toBe("photo");
    const file = upload.get("photo") as File;
    expect(file.name).toBe("me.png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array(1000).fill(7));
  });

  it("answers 400 for a body that is not a form", async () => {
    const request = new Request("http://sori.test/signin", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=b" },
      body: "not multipart at all",
    });
    expect(await statusOf(readForm(request))).toBe(400);
  });
});
