import { describe, expect, it } from 'vitest';
import { latentNoise } from './noise';
import { manifoldCodes, priorDraws } from './prior-draws';

describe('priorDraws', () => {
  it('is latentNoise of images 0… at epoch 0: seeded, and about standard normal', () => {
    const draws = priorDraws(64, 20, 3);
    const expected = new Float32Array(64 * 20);
    latentNoise(
      Array.from({ length: 64 }, (_, i) => i),
      20,
      0,
      3,
      expected,
    );
    expect(draws).toEqual(expected);
    expect(priorDraws(64, 20, 4)).not.toEqual(draws);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(variance - 1)).toBeLessThan(0.15);
  });

  it('gives new codes for each further draw, the same for the same draw', () => {
    const again = priorDraws(8, 3, 5, 2);
    expect(again).toEqual(priorDraws(8, 3, 5, 2));
    const first = new Float32Array(24);
    latentNoise(
      Array.from({ length: 8 }, (_, i) => i),
      3,
      2,
      5,
      first,
    );
    expect(again).toEqual(first);
    expect(again).not.toEqual(priorDraws(8, 3, 5, 1));
  });

  it('refuses counts and widths that are not positive integers', () => {
    expect(() => priorDraws(0, 2, 0)).toThrow(/count/);
    expect(() => priorDraws(4, 1.5, 0)).toThrow(/latent/);
  });
});

describe('manifoldCodes', () => {
  it("holds scipy's norm.ppf(linspace(0.05, 0.95, n)): x along a row, y down the columns", () => {
    const codes = manifoldCodes(20);
    expect(codes).toHaveLength(20 * 20 * 2);
    // scipy.stats.norm.ppf(0.05), norm.ppf(0.05 + 0.9 / 19) = −1.296693
    expect(codes[0]).toBeCloseTo(-1.6448536, 6);
    expect(codes[1]).toBeCloseTo(-1.6448536, 6);
    const last = 20 * 20 - 1;
    expect(codes[2 * last]).toBeCloseTo(1.6448536, 6);
    expect(codes[2]).toBeCloseTo(-1.296693, 5); // (row 0, column 1): x moved, y did not
    expect(codes[3]).toBeCloseTo(-1.6448536, 6);
    expect(codes[2 * 20 + 1]).toBeCloseTo(-1.296693, 5); // (row 1, column 0)
  });
});
