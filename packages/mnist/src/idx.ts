import { GzipError, gunzipBounded } from './gunzip';

/** A parsed IDX file: an n-dimensional array of unsigned bytes. */
export interface IdxArray {
  /** `0x00000803` (images, 3 dims) or `0x00000801` (labels, 1 dim). */
  readonly magic: number;
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

/** Thrown for any malformed IDX input; the message names the file and what was expected. */
export class IdxFormatError extends Error {
  override readonly name = 'IdxFormatError';
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${source}: ${detail}`);
  }
}

/** The largest IDX file read, raw or inflated: 512 MiB (MNIST's largest file is 47 MB). */
export const MAX_IDX_BYTES = 512 * 2 ** 20;

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;
const UNSIGNED_BYTE = 0x08;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The file size an IDX header declares (header + one byte per element), once `head` holds the
 * whole header; undefined before that. Infinity for a header that is not IDX (readIdx then says
 * what is wrong with it).
 */
function declaredSize(head: Uint8Array): number | undefined {
  if (head.length < 4) return undefined;
  if (head[0] !== 0 || head[1] !== 0) return Number.POSITIVE_INFINITY;
  const headerSize = 4 + 4 * head[3]!;
  if (head.length < headerSize) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let size = headerSize;
  let elements = 1;
  for (let i = 0; i < head[3]!; i++) elements *= view.getUint32(4 + 4 * i, false);
  size += elements;
  return size;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/**
 * Parses an IDX file (raw, or gzip detected by its magic bytes, whatever the file is called).
 * `source` names the file in error messages. `expect` checks the magic number, so a labels file
 * passed where images are expected fails here rather than later. Gzip input inflates to no more
 * than its IDX header declares (and never past `MAX_IDX_BYTES`), with its CRC-32 verified.
 */
export function readIdx(
  input: Uint8Array | ArrayBuffer,
  source = 'IDX input',
  expect?: typeof IDX_IMAGES_MAGIC | typeof IDX_LABELS_MAGIC,
): IdxArray {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length > MAX_IDX_BYTES) {
    throw new IdxFormatError(source, `${bytes.length} bytes, more than the ${MAX_IDX_BYTES} an IDX file may have`);
  }
  if (isGzip(bytes)) {
    try {
      bytes = gunzipBounded(bytes, MAX_IDX_BYTES, declaredSize);
    } catch (error) {
      if (!(error instanceof GzipError)) throw error;
      throw new IdxFormatError(source, error.message);
    }
  }
  if (bytes.length < 4) {
    throw new IdxFormatError(source, `truncated header: ${bytes.length} bytes, expected at least 4`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    // the file's bytes are not echoed: whatever it is, it may be a secret
    throw new IdxFormatError(
      source,
      'not an IDX file: its magic number does not start with two zero bytes (0x0000TTDD)',
    );
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new IdxFormatError(
      source,
      `data type byte 0x${bytes[2]!.toString(16).padStart(2, '0')}, expected 0x08 (unsigned byte)`,
    );
  }
  if (expect !== undefined && magic !== expect) {
    const what = expect === IDX_IMAGES_MAGIC ? 'images' : 'labels';
    throw new IdxFormatError(source, `magic ${hex(magic)}, expected ${hex(expect)} (${what})`);
  }
  const rank = bytes[3]!;
  if (rank === 0) throw new IdxFormatError(source, 'rank 0, expected at least 1 dimension');
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) {
    throw new IdxFormatError(
      source,
      `truncated header: ${bytes.length} bytes, expected ${headerSize} for ${rank} dimensions`,
    );
  }
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    size *= d;
  }
  const body = bytes.length - headerSize;
  if (body !== size) {
    const kind = body < size ? 'truncated body' : 'trailing bytes';
    throw new IdxFormatError(source, `${kind}: dims ${dims.join('x')} need ${size} data bytes, found ${body}`);
  }
  return { magic, dims, data: bytes.subarray(headerSize) };
}
