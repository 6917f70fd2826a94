import { describe, expect, it } from 'vitest';
import { addNoise, corruptRows, type InputNoise, validateInputNoise } from './noise';

const F = 784;

function corrupt(clean: Float32Array | Uint8Array, images: number[], epoch: number, noise: InputNoise) {
  const out = new Float32Array(images.length * F);
  corruptRows(clean, images, F, epoch, noise, out);
  return out;
}

function moments(values: ArrayLike<number>, centre: number) {
  let s = 0;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - centre;
    s += d;
    s2 += d * d;
    s4 += d ** 4;
  }
  const n = values.length;
  return { mean: s / n, variance: s2 / n, kurtosis: s4 / n / (s2 / n) ** 2 };
}

describe('corruptRows', () => {
  // 1000 mid-grey images: the noise stays inside [0, 1], so its distribution shows unclipped
  const rows = 1000;
  const grey = new Float32Array(rows * F).fill(0.5);
  const images = Array.from({ length: rows }, (_, i) => i);

  it('adds level·U(−1, 1): mean 0, variance level²/3, kurtosis 1.8, bounded by the level', () => {
    const out = corrupt(grey, images, 1, { kind: 'uniform', level: 0.2, seed: 3 });
    const m = moments(out, 0.5);
    expect(Math.abs(m.mean)).toBeLessThan(3e-4);
    expect(m.variance).toBeCloseTo(0.04 / 3, 4);
    expect(m.kurtosis).toBeCloseTo(1.8, 1);
    expect(Math.min(...out.subarray(0, 50_000))).toBeGreaterThanOrEqual(0.3 - 1e-6);
    expect(Math.max(...out.subarray(0, 50_000))).toBeLessThanOrEqual(0.7 + 1e-6);
  });

  it('adds level·N(0, 1): mean 0, variance level², kurtosis 3, and neighbouring pixels uncorrelated', () => {
    const out = corrupt(grey, images, 1, { kind: 'gaussian', level: 0.1, seed: 3 });
    const m = moments(out, 0.5);
    expect(Math.abs(m.mean)).toBeLessThan(2e-4);
    expect(m.variance).toBeCloseTo(0.01, 4);
    expect(m.kurtosis).toBeCloseTo(3, 1);
    // Box–Muller pairs (p, p+1) and the pixels p+1, p+2 of different pairs
    for (const offset of [0, 1]) {
      let c = 0;
      let n = 0;
      for (let i = offset; i + 1 < out.length; i += 2) {
        c += (out[i]! - 0.5) * (out[i + 1]! - 0.5);
        n++;
      }
      expect(Math.abs(c / n / 0.01)).toBeLessThan(0.01);
    }
  });

  it('clips to [0, 1] and reads bytes as k/255', () => {
    const bytes = new Uint8Array(2 * F).fill(255);
    bytes.fill(0, F);
    const out = corrupt(bytes, [0, 1], 1, { kind: 'gaussian', level: 2, seed: 0 });
    expect(Math.min(...out)).toBe(0);
    expect(Math.max(...out)).toBe(1);
    const floats = Float32Array.from(bytes, (k) => k / 255);
    expect(corrupt(floats, [0, 1], 1, { kind: 'gaussian', level: 2, seed: 0 })).toEqual(out);
  });

  it('is a function of (seed, epoch, image): the same wherever the image sits in a batch, new each epoch and seed', () => {
    const noise: InputNoise = { kind: 'uniform', level: 0.3, seed: 7 };
    const pair = corrupt(grey.subarray(0, 2 * F), [5, 9], 2, noise);
    const swapped = corrupt(grey.subarray(0, 2 * F), [9, 5], 2, noise);
    expect(swapped.subarray(0, F)).toEqual(pair.subarray(F));
    expect(corrupt(grey.subarray(0, F), [5], 3, noise)).not.toEqual(pair.subarray(0, F));
    expect(corrupt(grey.subarray(0, F), [5], 2, { ...noise, seed: 8 })).not.toEqual(pair.subarray(0, F));
    expect(corrupt(grey.subarray(0, F), [5], 2, noise)).toEqual(pair.subarray(0, F));
  });
});

describe('validateInputNoise', () => {
  it.each([
    [{ kind: 'salt', level: 0.1, seed: 0 }, /noise.kind/],
    [{ kind: 'uniform', level: 0, seed: 0 }, /noise.level/],
    [{ kind: 'uniform', level: Number.NaN, seed: 0 }, /noise.level/],
    [{ kind: 'gaussian', level: 11, seed: 0 }, /noise.level/],
    [{ kind: 'gaussian', level: 0.5, seed: -1 }, /noise.seed/],
  ])('refuses %o', (noise, message) => {
    expect(() => validateInputNoise(noise as InputNoise)).toThrow(message);
  });

  it('accepts a valid setting', () => {
    expect(() => validateInputNoise({ kind: 'gaussian', level: 0.5, seed: 2 })).not.toThrow();
  });
});

describe('addNoise (figures and the page)', () => {
  const x = new Float32Array(100 * 784).fill(0.5);

  it('is the training noise of epoch 0 for the given images', () => {
    const images = [7, 3, 9];
    const rows = new Float32Array(3 * 784).fill(0.5);
    const trained = new Float32Array(3 * 784);
    const noise = { kind: 'gaussian', level: 0.2, seed: 5 } as const;
    corruptRows(rows, images, 784, 0, noise, trained);
    expect(addNoise(rows, 784, noise, images)).toEqual(trained);
    // an image's noise does not depend on the rows drawn beside it
    expect(addNoise(rows.subarray(784, 1568), 784, noise, [3])).toEqual(trained.subarray(784, 1568));
  });

  it('clips to [0,1], is seeded, and level 0 is the identity', () => {
    const big = addNoise(x, 784, { level: 2, seed: 3 });
    expect(Math.min(...big)).toBe(0);
    expect(Math.max(...big)).toBe(1);
    expect(addNoise(x, 784, { seed: 4 })).toEqual(addNoise(x, 784, { seed: 4 }));
    expect(addNoise(x, 784, { seed: 4 })).not.toEqual(addNoise(x, 784, { seed: 5 }));
    expect(addNoise(x, 784, { level: 0 })).toEqual(x);
    expect(() => addNoise(x, 784, { level: -1 })).toThrow(/noise level must be from 0/);
  });
});
