import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = Array.from({ length: 5 }, seededRandom(1));
    expect(Array.from({ length: 5 }, seededRandom(1))).toEqual(a);
    expect(Array.from({ length: 5 }, seededRandom(2))).not.toEqual(a);
    const many = Array.from({ length: 10_000 }, seededRandom(3));
    expect(Math.min(...many)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...many)).toBeLessThan(1);
    expect(many.reduce((s, v) => s + v, 0) / many.length).toBeCloseTo(0.5, 1);
  });
});
