import { describe, expect, it } from 'vitest';
import { manifoldCodes, priorSamples } from './vae-codes';

describe('priorSamples', () => {
  it('draws standard normal codes, the same for a seed and draw, new for the next draw', () => {
    const a = priorSamples(4000, 2, 7, 0);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
    expect(priorSamples(4000, 2, 7, 0)).toEqual(a);
    expect(priorSamples(4000, 2, 7, 1)).not.toEqual(a);
  });
});

describe('manifoldCodes', () => {
  it('spans the prior by its quantiles: symmetric, z1 left to right, z2 bottom to top', () => {
    const g = manifoldCodes(20);
    expect(g).toHaveLength(800);
    // Φ⁻¹(0.025) ≈ −1.96, the first column's z1 and the bottom row's z2
    expect(g[0]).toBeCloseTo(-1.96, 2);
    expect(g[1]).toBeCloseTo(1.96, 2);
    expect(g[2 * 19]).toBeCloseTo(1.96, 2);
    expect(g[2 * 399 + 1]).toBeCloseTo(-1.96, 2);
    // the middle steps are smaller than the outer ones: equal steps in probability
    expect(g[2 * 10]! - g[2 * 9]!).toBeLessThan(g[2 * 1]! - g[0]!);
  });
});
