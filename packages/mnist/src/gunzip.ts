import CRC32 from 'crc-32';
import { Gunzip } from 'fflate';

/** Why a gzip stream was refused; `readIdx` turns it into an IdxFormatError naming the file. */
export class GzipError extends Error {
  override readonly name = 'GzipError';
}

/**
 * Inflates gzip data, one member or several (`cat a.gz b.gz`), never producing more than the cap:
 * `capFor` sees the output so far and returns the total it may reach once it can tell (e.g. from
 * a header inside), or undefined to wait; `maxBytes` holds until then. The length trailer is never
 * used to allocate; each member's CRC-32 and length are verified.
 */
export function gunzipBounded(
  input: Uint8Array,
  maxBytes: number,
  capFor: (head: Uint8Array) => number | undefined = () => undefined,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cap = maxBytes;
  let capKnown = false;
  const starts = [0];
  const gunzip = new Gunzip();
  gunzip.onmember = (offset) => starts.push(offset);
  gunzip.ondata = (chunk) => {
    total += chunk.length;
    chunks.push(chunk);
    if (!capKnown) {
      const found = capFor(concat(chunks, Math.min(total, 1 << 16)));
      if (found !== undefined) {
        capKnown = true;
        cap = Math.min(cap, found);
      }
    }
    if (total > cap)
      throw new GzipError(`decompresses to more than ${cap} bytes${capKnown ? ', more than its header declares' : ''}`);
  };
  try {
    gunzip.push(input, true);
  } catch (error) {
    if (error instanceof GzipError) throw error;
    throw new GzipError(`gzip data is corrupt (${(error as Error).message})`);
  }
  const out = concat(chunks, total);
  verifyMembers(input, starts, out);
  return out;
}

/** The first `length` bytes of the chunks, as one array. */
function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === length) return chunks[0]!;
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    if (o >= length) break;
    const part = c.subarray(0, length - o);
    out.set(part, o);
    o += part.length;
  }
  return out;
}

/** Each member ends in CRC-32 and length (mod 2³²) of its output; the outputs follow in order. */
function verifyMembers(input: Uint8Array, starts: readonly number[], out: Uint8Array): void {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  let o = 0;
  starts.forEach((_, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]! : input.length;
    if (end - 8 < starts[k]!) throw new GzipError(`gzip member ${k + 1} is truncated`);
    const crc = view.getUint32(end - 8, true);
    const size = view.getUint32(end - 4, true);
    const part = out.subarray(o, o + size);
    if (part.length !== size || CRC32.buf(part) >>> 0 !== crc) {
      throw new GzipError(`gzip member ${k + 1} fails its CRC-32 or length check: the file is corrupt`);
    }
    o += size;
  });
  if (o !== out.length) throw new GzipError('gzip members do not add up to the inflated data: the file is corrupt');
}
