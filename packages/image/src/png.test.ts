import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from './png';

describe('PNG', () => {
  it('round-trips a grayscale image and writes the PNG signature', () => {
    const img = { width: 5, height: 3, data: Uint8Array.from({ length: 15 }, (_, i) => i * 17) };
    const png = encodePng(img);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(decodePng(png)).toEqual(img);
  });
});
