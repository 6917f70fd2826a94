import { describe, expect, it } from 'vitest';
import { transpose } from './transpose';

describe('transpose', () => {
  it('swaps rows and columns, into a new array or a given one', () => {
    const m = Float32Array.of(1, 2, 3, 4, 5, 6); // 2x3
    expect([...transpose(m, 2, 3)]).toEqual([1, 4, 2, 5, 3, 6]);
    const out = new Float32Array(6);
    expect(transpose(transpose(m, 2, 3), 3, 2, out)).toBe(out);
    expect([...out]).toEqual([...m]);
    expect(() => transpose(m, 2, 2)).toThrow(/6 → 4 values for a 2x2 matrix/);
  });
});
