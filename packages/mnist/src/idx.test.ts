import { gzipSync } from 'fflate';
import fc from 'fast-check';
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
    [
      'truncated body',
      images.subarray(0, images.length - 1),
      /f: truncated body: dims 2x2x3 need 12 data bytes, found 11/,
    ],
    ['trailing bytes', idx(0x803, [1, 1, 1], [1, 2]), /f: trailing bytes/],
    [
      'wrong magic',
      idx(0x12340803, [1], [0]),
      /f: not an IDX file: its magic number does not start with two zero bytes/,
    ],
    ['wrong type byte', idx(0x0d03, [1, 1, 1], [0, 0, 0, 0]), /f: data type byte 0x0d, expected 0x08/],
    ['rank 0', idx(0x800, [], []), /f: rank 0/],
    ['corrupt gzip', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]), /f: gzip (data is corrupt|member 1 is truncated)/],
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

  it('reads a multi-member gzip (cat a.gz b.gz)', () => {
    const cut = 9;
    const multi = new Uint8Array([...gzipSync(images.subarray(0, cut)), ...gzipSync(images.subarray(cut))]);
    expect([...readIdx(multi, 'f').data]).toEqual([...images.subarray(16)]);
  });

  it('verifies the CRC-32 of every member', () => {
    const gz = gzipSync(images);
    gz[gz.length - 7]! ^= 0x01;
    expect(() => readIdx(gz, 'f')).toThrow(/f: gzip member 1 fails its CRC-32 or length check/);
  });

  it('never inflates past what the IDX header declares, whatever the trailer says', () => {
    // a bomb: a 1x1x1 header followed by 50 MB of zeros compresses to ~50 kB
    const bomb = new Uint8Array(16 + 50 * 2 ** 20);
    bomb.set(idx(0x803, [1, 1, 1], [7]));
    const gz = gzipSync(bomb);
    expect(gz.length).toBeLessThan(200_000);
    expect(() => readIdx(gz, 'f')).toThrow(/f: decompresses to more than 17 bytes, more than its header declares/);
    // a trailer claiming 4 GiB allocates nothing: the length comes from inflating
    const lying = gzipSync(images);
    new DataView(lying.buffer).setUint32(lying.length - 4, 0xffffffff, true);
    expect(() => readIdx(lying, 'f')).toThrow(/f: gzip member 1 fails its CRC-32 or length check/);
  });

  it('turns arbitrary bytes into IdxFormatError, never anything else (raw and gzip)', () => {
    const check = (bytes: Uint8Array) => {
      try {
        readIdx(bytes, 'fuzz');
      } catch (error) {
        expect(error).toBeInstanceOf(IdxFormatError);
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(b)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(gzipSync(b))),
      { numRuns: 300 },
    );
    const gz = gzipSync(images);
    fc.assert(
      fc.property(fc.nat(gz.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = gz.slice();
        b[at]! ^= x;
        check(b);
      }),
      { numRuns: 1000 },
    );
  });
});
