import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { addNoise } from './noise';

const stats = (values: ArrayLike<number>) => {
  const a = Array.from(values);
  const mean = a.reduce((s, v) => s + v, 0) / a.length;
  const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
  return { mean, sd };
};

describe('addNoise', () => {
  const x = tf.fill([100, 784], 0.5) as tf.Tensor2D;

  it('uniform: x + level·U(-1,1), mean 0 and sd level/√3', () => {
    const noisy = addNoise(x, { kind: 'uniform', level: 0.2, seed: 1 });
    const d = tf.sub(noisy, x).dataSync() as Float32Array;
    const { mean, sd } = stats(d);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(sd).toBeCloseTo(0.2 / Math.sqrt(3), 2);
    expect(Math.max(...d)).toBeLessThanOrEqual(0.2 + 1e-6);
  });

  it('gaussian: x + level·N(0,1)', () => {
    const d = tf.sub(addNoise(x, { kind: 'gaussian', level: 0.05, seed: 2 }), x).dataSync() as Float32Array;
    const { mean, sd } = stats(d);
    expect(Math.abs(mean)).toBeLessThan(0.001);
    expect(sd).toBeCloseTo(0.05, 2);
  });

  it('clips to [0,1], is seeded, and level 0 is the identity', () => {
    const big = addNoise(x, { level: 2, seed: 3 }).dataSync();
    expect(Math.min(...big)).toBe(0);
    expect(Math.max(...big)).toBe(1);
    expect(addNoise(x, { seed: 4 }).dataSync()).toEqual(addNoise(x, { seed: 4 }).dataSync());
    expect(addNoise(x, { seed: 4 }).dataSync()).not.toEqual(addNoise(x, { seed: 5 }).dataSync());
    expect(addNoise(x, { level: 0 }).dataSync()).toEqual(x.dataSync());
    expect(() => addNoise(x, { level: -1 })).toThrow(/level must be >= 0/);
  });
});
