import { describe, expect, it } from 'vitest';
import { centreByMass } from './centre';

const massCentre = (p: Float32Array, size: number) => {
  let t = 0;
  let x = 0;
  let y = 0;
  p.forEach((v, i) => {
    t += v;
    x += v * (i % size);
    y += v * Math.floor(i / size);
  });
  return [x / t, y / t];
};

describe('centreByMass', () => {
  it('moves a corner block to the middle of a 28×28 field', () => {
    const img = new Float32Array(784);
    for (const [y, x] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const)
      img[y * 28 + x] = 1;
    const out = centreByMass(img);
    // the block's centre (0.5, 0.5) moves by 13 to (13.5, 13.5), the exact middle
    expect(massCentre(out, 28)).toEqual([13.5, 13.5]);
    expect(out[13 * 28 + 13]).toBe(1);
    expect(out[14 * 28 + 14]).toBe(1);
    expect(out.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('weights by intensity, not by pixel count', () => {
    // 4×4 field, row 1: weight 3 at x=0 and 1 at x=2 → centre (0.5, 1); the middle is (1.5, 1.5),
    // so the shift is (+1, round(0.5) = +1): 3 lands at (1, 2), 1 at (3, 2)
    const img = new Float32Array(16);
    img[4] = 3;
    img[6] = 1;
    const out = centreByMass(img, 4);
    expect(out[2 * 4 + 1]).toBe(3);
    expect(out[2 * 4 + 3]).toBe(1);
    expect(out.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('returns an empty image unchanged', () => {
    expect(centreByMass(new Float32Array(784)).every((v) => v === 0)).toBe(true);
  });
});
