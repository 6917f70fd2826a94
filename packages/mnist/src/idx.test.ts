import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IdxFormatError, readIdx } from './idx';

function idx(magic: number, dims: number[], body: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  out.set(body, 4 + 4 * dims.length);
  return out;
}

describe('readIdx', () => {
  const images = idx(0x803, [2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);

  it('parses dims big-endian and returns the body', () => {
    const parsed = readIdx(images, 'img');
    expect(parsed.magic).toBe(0x803);
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect([...parsed.data]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
  });

  it('gunzips by magic bytes, not by name', () => {
    const parsed = readIdx(gzipSync(images), 'no-extension');
    expect(parsed.dims).toEqual([2, 2, 3]);
    expect(parsed.data[11]).toBe(255);
  });

  it('accepts an ArrayBuffer', () => {
    const copy = images.slice().buffer;
    expect(readIdx(copy).dims).toEqual([2, 2, 3]);
  });

  const bad: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(0), /f: truncated header: 0 bytes/],
    ['truncated header', images.subarray(0, 9), /f: truncated header: 9 bytes, expected 16/],
    ['truncated body', images.subarray(0, images.length - 1), /f: truncated body: dims 2x2x3 need 12 data bytes, found 11/],
    ['trailing bytes', idx(0x803, [1, 1, 1], [1, 2]), /f: trailing bytes/],
    ['wrong magic', idx(0x12340803, [1], [0]), /f: bad magic 0x12340803/],
    ['wrong type byte', idx(0x0d03, [1, 1, 1], [0, 0, 0, 0]), /f: data type byte 0x0d, expected 0x08/],
    ['rank 0', idx(0x800, [], []), /f: rank 0/],
    ['corrupt gzip', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), /f: gzip data is corrupt/],
  ];
  for (const [what, bytes, message] of bad) {
    it(`rejects ${what} with the file name`, () => {
      expect(() => readIdx(bytes, 'f')).toThrow(IdxFormatError);
      expect(() => readIdx(bytes, 'f')).toThrow(message);
    });
  }

  it('checks the expected magic', () => {
    const labels = idx(0x801, [3], [1, 2, 3]);
    expect(() => readIdx(labels, 'lab', 0x803)).toThrow(/lab: magic 0x00000801, expected 0x00000803 \(images\)/);
  });
});
