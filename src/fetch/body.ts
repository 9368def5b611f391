/**
 * Reading a response body without trusting it: the size cap is enforced while streaming (a 2 GB body is
 * abandoned after maxBytes, not buffered), a stalled stream is abandoned when the fetch's deadline
 * passes, and compressed bodies the runtime did not decode are inflated under the same cap.
 */

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}
export class BodyUnsupportedEncoding extends Error {
  override name = 'BodyUnsupportedEncoding';
}

/** Rejects when `signal` aborts, so a read that never settles cannot outlive the deadline. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export async function readCapped(stream: ReadableStream<Uint8Array> | null, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw new BodyTooLarge(`body exceeds ${maxBytes} bytes`);
      chunks.push(value);
    }
  } catch (err) {
    // Stop the transfer: the rest of the body is never downloaded.
    reader.cancel().catch(() => {});
    throw err;
  }
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** zlib header: CM=8 and a header checksum divisible by 31. */
function isZlib(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/**
 * Workers' fetch() normally decodes Content-Encoding itself; when the bytes still carry a gzip or zlib
 * header (a runtime or proxy that passed them through, or a server that compresses twice) they are
 * inflated here, capped. A body labelled br that is still encoded cannot be decoded with web APIs.
 */
export async function decodeContent(bytes: Uint8Array, contentEncoding: string | null, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const encodings = (contentEncoding ?? '').toLowerCase().split(',').map((e) => e.trim()).filter((e) => e && e !== 'identity');
  let format: 'gzip' | 'deflate' | null = null;
  if (isGzip(bytes)) format = 'gzip';
  else if (encodings.includes('deflate') && isZlib(bytes)) format = 'deflate';
  if (!format) {
    if (encodings.includes('br') && !looksLikeText(bytes)) {
      throw new BodyUnsupportedEncoding('brotli body was not decoded by the runtime');
    }
    return bytes;
  }
  const inflated = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
  try {
    return await readCapped(inflated, maxBytes, signal);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw err;
    if (signal.aborted) throw err;
    throw new BodyUnsupportedEncoding(`${format} body could not be inflated`);
  }
}

/** Feeds start with `<`, `{`, a BOM or whitespace; encoded bytes almost never do. */
function looksLikeText(b: Uint8Array): boolean {
  const first = b[0];
  if (first === undefined) return true;
  return first === 0x3c || first === 0x7b || first === 0xef || first === 0xfe || first === 0xff || first === 0x20 || first === 0x09 || first === 0x0a || first === 0x0d;
}
