import { expect, it } from 'vitest';
import { sumFloat64 } from './sum-float64';

it('adds a batch of float32 values without float32 drift', () => {
  const values = new Float32Array(1 << 20).fill(0.1);
  // 2^20 copies of a 24-bit significand need 44 bits: exact in float64, not in float32
  expect(sumFloat64(values)).toBe(Math.fround(0.1) * 2 ** 20);
  let float32 = 0;
  for (const v of values) float32 = Math.fround(float32 + v);
  expect(float32).not.toBe(Math.fround(0.1) * 2 ** 20);
});
