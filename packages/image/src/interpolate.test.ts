import { describe, expect, it } from 'vitest';
import { interpolateLatents } from './interpolate';

describe('interpolateLatents', () => {
  it('is z1 + (i/n)(z2 − z1) for i = 0..n, endpoints included', () => {
    const z = interpolateLatents([0, 10, -2], [4, 0, 2], 4);
    expect(z).toEqual([
      [0, 10, -2],
      [1, 7.5, -1],
      [2, 5, 0],
      [3, 2.5, 1],
      [4, 0, 2],
    ]);
  });

  it('has steps + 1 points and exact endpoints', () => {
    const z1 = [0.1, 0.7];
    const z2 = [0.3, 0.2];
    const z = interpolateLatents(z1, z2, 10);
    expect(z).toHaveLength(11);
    expect(z[0]).toEqual(z1);
    expect(z[10]).toEqual(z2);
  });

  it('rejects bad input', () => {
    expect(() => interpolateLatents([1], [1, 2], 3)).toThrow(/z1 has 1 values, z2 has 2/);
    expect(() => interpolateLatents([1], [2], 0)).toThrow(/steps must be a positive integer, got 0/);
  });
});
