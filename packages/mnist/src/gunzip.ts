import CRC32 from 'crc-32';
import { Gunzip } from 'fflate';

/** Why a gzip stream was refused; `readIdx` turns it into an IdxFormatError naming the file. */
export class GzipError extends Error {
  override readonly name = 'GzipError';
}

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1032:1, so one slice
 * inflates to at most ~4.2 MB: the cap is checked after every slice, never after a whole member.
 */
const SLICE_BYTES = 4 * 1024;

/**
 * Inflates gzip data, one member or several (`cat a.gz b.gz`), never producing more than the cap:
 * `capFor` sees the output so far and returns the total it may reach once it can tell (e.g. from
 * a header inside), or undefined to wait; `maxBytes` holds until then. The input is inflated in
 * slices of `SLICE_BYTES` and refused as soon as the output passes the cap, so a bomb costs at
 * most one slice's output before it is refused. Once the cap is known the output goes straight
 * into one buffer of that size (its pages are touched only as they are written), so a valid file
 * costs about its inflated size, and at most twice that while the cap is not known. The length
 * trailer is never used to allocate; each member's CRC-32 and length are verified.
 */
export function gunzipBounded(
  input: Uint8Array,
  maxBytes: number,
  capFor: (head: Uint8Array) => number | undefined = () => undefined,
): Uint8Array {
  const out = new Output();
  let cap = maxBytes;
  let capKnown = false;
  const starts = [0];
  const gunzip = new Gunzip();
  gunzip.onmember = (offset) => starts.push(offset);
  gunzip.ondata = (chunk) => {
    if (chunk.length === 0) return;
    const total = out.length + chunk.length;
    if (!capKnown) {
      const found = capFor(out.head(chunk, 1 << 16));
      if (found !== undefined) {
        capKnown = true;
        cap = Math.min(cap, found);
        if (Number.isFinite(found) && total <= cap) out.reserve(cap);
      }
    }
    if (total > cap)
      throw new GzipError(`decompresses to more than ${cap} bytes${capKnown ? ', more than its header declares' : ''}`);
    out.append(chunk);
  };
  try {
    for (let at = 0; at < input.length || at === 0; at += SLICE_BYTES) {
      const end = Math.min(at + SLICE_BYTES, input.length);
      gunzip.push(input.subarray(at, end), end === input.length);
    }
  } catch (error) {
    if (error instanceof GzipError) throw error;
    throw new GzipError(`gzip data is corrupt (${(error as Error).message})`);
  }
  const bytes = out.bytes();
  verifyMembers(input, starts, bytes);
  return bytes;
}

/** Inflated output: pieces until its final size is known, then one buffer of that size. */
class Output {
  private chunks: Uint8Array[] = [];
  private buffer: Uint8Array | undefined;
  length = 0;

  /** The first `max` bytes of the output so far followed by `next`. */
  head(next: Uint8Array, max: number): Uint8Array {
    return concat([...this.chunks, next], Math.min(this.length + next.length, max));
  }

  /** Switches to one buffer of `size` bytes, holding what came so far. */
  reserve(size: number): void {
    this.buffer = new Uint8Array(size);
    this.buffer.set(concat(this.chunks, this.length));
    this.chunks = [];
  }

  append(chunk: Uint8Array): void {
    if (this.buffer) this.buffer.set(chunk, this.length);
    else this.chunks.push(chunk);
    this.length += chunk.length;
  }

  bytes(): Uint8Array {
    if (this.buffer) return this.buffer.subarray(0, this.length);
    const out = concat(this.chunks, this.length);
    this.chunks = [];
    return out;
  }
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
