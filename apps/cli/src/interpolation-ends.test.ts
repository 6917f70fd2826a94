import { describe, expect, it } from 'vitest';
import { interpolationEnds } from './interpolation-ends';

describe('interpolationEnds', () => {
  it('takes the first 7 and the first 0', () => {
    expect(interpolationEnds(Uint8Array.from([2, 0, 7, 0, 7]))).toEqual([2, 1]);
  });

  it('falls back to the first image and the first of another class when 7 or 0 is missing', () => {
    expect(interpolationEnds(Uint8Array.from([3, 3, 1, 4]))).toEqual([0, 2]);
    expect(interpolationEnds(Uint8Array.from([7, 7, 5]))).toEqual([0, 2]);
    expect(interpolationEnds(Uint8Array.from([0, 0, 2]))).toEqual([0, 2]);
    expect(interpolationEnds(Uint8Array.from([4, 4]))).toEqual([0, 0]);
  });
});
