import { deflateRawSync, constants as zlib } from 'node:zlib';
import CRC32 from 'crc-32';
import { describe, expect, it } from 'vitest';
import { readIdx } from './idx';

const MiB = 2 ** 20;

/**
 * One gzip member holding `head` then `zeros` zero bytes, built without ever holding the inflated
 * data: 1 MiB of zeros deflates (full flush, so byte-aligned and self-contained) to ~1 kB, which is
 * repeated. A 256 MiB bomb is a 260 kB file.
 */
function gzipOfZeros(head: Uint8Array, zeros: number): Uint8Array {
  const flush = { finishFlush: zlib.Z_FULL_FLUSH };
  const zeroMiB = new Uint8Array(MiB);
  const block = deflateRawSync(zeroMiB, flush);
  const parts: Uint8Array[] = [new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]), deflateRawSync(head, flush)];
  let crc = CRC32.buf(head);
  for (let left = zeros; left > 0; left -= MiB) {
    if (left >= MiB) {
      parts.push(block);
      crc = CRC32.buf(zeroMiB, crc);
    } else {
      parts.push(deflateRawSync(zeroMiB.subarray(0, left), flush));
      crc = CRC32.buf(zeroMiB.subarray(0, left), crc);
    }
  }
  parts.push(deflateRawSync(new Uint8Array(0))); // the final (empty) block
  const trailer = new DataView(new ArrayBuffer(8));
  trailer.setUint32(0, crc >>> 0, true);
  trailer.setUint32(4, (head.length + zeros) >>> 0, true);
  parts.push(new Uint8Array(trailer.buffer));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** An IDX images header for `count` images of rows × cols. */
function imagesHeader(count: number, rows: number, cols: number): Uint8Array {
  const head = new DataView(new ArrayBuffer(16));
  head.setUint32(0, 0x803, false);
  head.setUint32(4, count, false);
  head.setUint32(8, rows, false);
  head.setUint32(12, cols, false);
  return new Uint8Array(head.buffer);
}

/** Growth of the process's peak resident memory during `run`, in bytes. */
function peakGrowth(run: () => void): number {
  const before = process.resourceUsage().maxRSS * 1024;
  run();
  return process.resourceUsage().maxRSS * 1024 - before;
}

// The peak resident memory is a high-water mark of the whole process: these tests run in their
// own file (a fresh worker) and the bomb, whose bound is the smallest, first.
describe('gzip input costs memory in proportion to what its IDX header allows', () => {
  it('refuses a bomb declaring one image after one slice, not after inflating it', () => {
    const bomb = gzipOfZeros(imagesHeader(1, 28, 28), 256 * MiB);
    expect(bomb.length).toBeLessThan(MiB);
    const started = performance.now();
    let error: unknown;
    const growth = peakGrowth(() => {
      try {
        readIdx(bomb, 'bomb.gz');
      } catch (e) {
        error = e;
      }
    });
    expect(String(error)).toMatch(/bomb\.gz: decompresses to more than 800 bytes, more than its header declares/);
    expect(growth).toBeLessThan(32 * MiB);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('inflates a valid 64 MB file within twice its size', () => {
    const images = 85_600;
    const size = images * 784;
    const gz = gzipOfZeros(imagesHeader(images, 28, 28), size);
    let count = 0;
    const growth = peakGrowth(() => {
      count = readIdx(gz, 'big.gz').dims[0]!;
    });
    expect(count).toBe(images);
    // the promise: at most twice the inflated size plus a constant (fflate's and the GC's slack)
    expect(growth).toBeLessThan(2 * size + 48 * MiB);
  });
});
