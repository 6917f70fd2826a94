import { describe, expect, it } from 'vitest';
import { codeAtSpot, deadUnits, nearestCode, spotOfCode } from './code-space';

// three 3-d codes; unit 2 is zero everywhere
const codes = Float32Array.from([0, 0, 0, 3, 4, 0, 10, 0, 0]);

describe('code space', () => {
  it('finds the nearest code and its distance', () => {
    expect(nearestCode(codes, 3, [3, 3, 0])).toEqual({ index: 1, distance: 1 });
    expect(nearestCode(codes, 3, [9, 0, 0]).index).toBe(2);
  });

  it('flags the units that are zero for every code as dead', () => {
    expect(deadUnits(codes, 3)).toEqual([2]);
    expect(deadUnits(Float32Array.from([1, 0, 0, 1]), 2)).toEqual([]);
  });

  it('decodes a map spot as its dot’s code on a dot, and a blend between dots', () => {
    const points = [0, 0, 10, 0, 20, 0];
    expect(Array.from(codeAtSpot(points, codes, 3, 10, 0, 2))).toEqual([3, 4, 0]);
    const mid = codeAtSpot(points, codes, 3, 5, 0, 2);
    expect(mid[0]).toBeCloseTo(1.5);
    expect(mid[1]).toBeCloseTo(2);
  });

  it('places a new code at the mean position of its nearest codes', () => {
    const points = [0, 0, 10, 0, 20, 6];
    expect(spotOfCode(points, codes, 3, [9, 1, 0], 1)).toEqual([20, 6]);
    expect(spotOfCode(points, codes, 3, [2, 2, 0], 2)).toEqual([5, 0]);
  });
});
