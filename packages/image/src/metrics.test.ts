import { describe, expect, it } from 'vitest';
import { mse, msePerImage, psnr, psnrPerImage } from './metrics';

describe('metrics', () => {
  it('mse and psnr by hand', () => {
    expect(mse([0, 1], [0, 0])).toBe(0.5);
    // 10·log10(1/0.5) = 3.0103 dB; mse 0.01 → 20 dB
    expect(psnr([0, 1], [0, 0])).toBeCloseTo(3.0103, 4);
    expect(psnr([0.1, 0.1], [0, 0])).toBeCloseTo(20, 10);
    expect(psnr([1, 1], [1, 1])).toBe(Infinity);
    expect(() => mse([1], [1, 2])).toThrow(/lengths 1 and 2/);
  });

  it('per image', () => {
    expect(msePerImage([0, 0, 1, 1], [0, 1, 1, 1], 2)).toEqual([0.5, 0]);
    expect(psnrPerImage([0.1, 0.1, 0, 0], [0, 0, 0.01, 0.01], 2).map((v) => Math.round(v))).toEqual([20, 40]);
  });
});
