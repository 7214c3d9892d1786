// React 18's streaming renderer (renderToPipeableStream) has a bug it will not get in 18.x: when a multi-byte
// character (every Hangul syllable is 3 bytes in UTF-8) does not fit at the end of its 2,048-byte buffer, it
// flushes the whole buffer, zero padding included, so a Korean page can carry stray NUL bytes wherever a syllable
// straddles a buffer boundary. U+0000 never belongs in HTML (Markdown rendering already replaces it), so dropping
// 0x00 bytes from the rendered stream removes exactly that padding and nothing else.
import { Transform } from "node:stream";

export function stripNulBytes(chunk: Buffer): Buffer {
  if (chunk.indexOf(0) === -1) return chunk;
  const out = Buffer.allocUnsafe(chunk.length);
  let n = 0;
  for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) out[n++] = chunk[i];
  return out.subarray(0, n);
}

/** A pass-through stream that drops NUL bytes. */
export function createNulStripper(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, stripNulBytes(chunk));
    },
  });
}
