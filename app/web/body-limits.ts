// Request body limits (issue #8.2, #8.10), shared by server.ts — which enforces a ceiling while a body streams
// in — and the app's readers (readForm, readJson), which stop at their own, lower cap. No server-only imports:
// server.ts loads this module outside the app build.

/** A JSON body of the API. */
export const MAX_API_BODY_BYTES = 64 * 1024;

/** A web form without a file: far larger than any Sori form. */
export const MAX_FORM_BYTES = 256 * 1024;

/**
 * The ceiling for any page request: above every route's own cap, the largest of which is the settings photo
 * upload (MAX_PHOTO_BYTES, 5 MB, plus its form fields).
 */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

/** A body past its cap. server.ts fails a stream with it too: that copy is another module instance, so
 * isBodyTooLarge checks the status rather than the class. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor() {
    super("Request body too large");
  }
}

export function isBodyTooLarge(error: unknown): boolean {
  return error instanceof Error && (error as { status?: unknown }).status === 413;
}

/**
 * At most maxBytes of the body, whether or not Content-Length was sent (or tells the truth): reading stops and
 * the stream is cancelled as soon as more arrive, so the rest is never buffered. Throws BodyTooLargeError past
 * the cap; other stream failures propagate.
 */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get("Content-Length") ?? 0) > maxBytes) throw new BodyTooLargeError();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * readCappedBody for a Node stream (the API's `IncomingMessage`, without the Web stream around it, which costs
 * more than the rest of reading a small JSON body). Past the cap it stops listening and pauses the stream
 * instead of destroying it, so the response still goes out (server.ts closes the connection after it).
 */
export function readCappedStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        stream.pause();
        reject(new BodyTooLargeError());
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: unknown) => {
      cleanup();
      reject(error);
    };
    const onClose = () => onError(new Error("The request body ended early"));
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    stream.once("close", onClose);
  });
}
