import { Gunzip } from 'fflate';
import { MnistSplit } from './dataset';
import { concat } from './gunzip';
import { IDX_IMAGES_MAGIC, isGzip } from './idx';

/** An IDX images header: magic, count, rows, cols. */
const IMAGES_HEADER_BYTES = 16;

/**
 * The first bytes of an IDX file (raw, or gzip told by its magic bytes) collected as its chunks
 * arrive, up to `limit` bytes of IDX: enough to show its first images before the whole file is in.
 * Only a preview: it checks nothing but what it reads, and `readIdx` still reads the whole file.
 */
export class IdxPrefix {
  private readonly out: Uint8Array;
  private filled = 0;
  private pending: Uint8Array[] = [];
  private gunzip: Gunzip | null = null;
  private decided = false;
  private failed = false;

  constructor(limit: number) {
    this.out = new Uint8Array(limit);
  }

  /** True once `limit` bytes are in; later chunks are ignored. */
  get full(): boolean {
    return this.filled === this.out.length;
  }

  /** The IDX bytes so far. */
  get bytes(): Uint8Array {
    return this.out.subarray(0, this.filled);
  }

  /** Takes the next chunk of the file; returns `full`. A corrupt gzip stream stops the preview short of full. */
  push(chunk: Uint8Array): boolean {
    if (this.full || this.failed || chunk.length === 0) return this.full;
    if (!this.decided) {
      this.pending.push(chunk);
      const head = concat(
        this.pending,
        this.pending.reduce((n, c) => n + c.length, 0),
      );
      if (head.length < 2) return false;
      this.decided = true;
      this.pending = [];
      if (isGzip(head)) {
        this.gunzip = new Gunzip((data) => this.take(data));
      }
      chunk = head;
    }
    try {
      if (this.gunzip) this.gunzip.push(chunk);
      else this.take(chunk);
    } catch {
      // corrupt: the whole-file read reports it
      this.failed = true;
    }
    return this.full;
  }

  private take(data: Uint8Array): void {
    const n = Math.min(data.length, this.out.length - this.filled);
    this.out.set(data.subarray(0, n), this.filled);
    this.filled += n;
  }
}

/**
 * The whole images that the start of an IDX images file holds, paired with their labels; null when
 * `prefix` is not the start of an images file of the labels' count (the whole-file read then says why).
 */
export function splitFromPrefix(prefix: Uint8Array, labels: Uint8Array): MnistSplit | null {
  if (prefix.length < IMAGES_HEADER_BYTES) return null;
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  const [magic, count, rows, cols] = [0, 4, 8, 12].map((at) => view.getUint32(at, false)) as [
    number,
    number,
    number,
    number,
  ];
  if (magic !== IDX_IMAGES_MAGIC || count !== labels.length || rows === 0 || cols === 0) return null;
  const whole = Math.min(count, Math.floor((prefix.length - IMAGES_HEADER_BYTES) / (rows * cols)));
  const pixels = prefix.subarray(IMAGES_HEADER_BYTES, IMAGES_HEADER_BYTES + whole * rows * cols);
  return new MnistSplit(pixels, labels.subarray(0, whole), rows, cols);
}
