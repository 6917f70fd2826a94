import { describe, expect, it } from 'vitest';
import { corruptRows, latentNoise } from './noise';

const draw = (images: number[], width: number, epoch: number, seed: number, split: 'train' | 'test' = 'train') => {
  const out = new Float32Array(images.length * width);
  latentNoise(images, width, epoch, seed, out, split);
  return out;
};

describe('latentNoise (a VAE’s ε)', () => {
  it('is standard normal: mean 0, variance 1, kurtosis 3', () => {
    const values = draw(
      Array.from({ length: 5000 }, (_, i) => i),
      20,
      1,
      7,
    );
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const kurtosis = values.reduce((a, b) => a + (b - mean) ** 4, 0) / n / variance ** 2;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeCloseTo(1, 1);
    expect(kurtosis).toBeCloseTo(3, 0);
  });

  it('is a function of (seed, epoch, image): the same whatever the batch, fresh each epoch and seed', () => {
    const alone = draw([42], 3, 2, 5);
    const inBatch = draw([7, 42, 9], 3, 2, 5).subarray(3, 6);
    expect(inBatch).toEqual(alone);
    expect(draw([42], 3, 3, 5)).not.toEqual(alone);
    expect(draw([42], 3, 2, 6)).not.toEqual(alone);
    expect(draw([43], 3, 2, 5)).not.toEqual(alone);
  });

  it("draws test image i's ε from another stream than training image i's", () => {
    const images = Array.from({ length: 2000 }, (_, i) => i);
    const train = draw(images, 10, 1, 3);
    const test = draw(images, 10, 1, 3, 'test');
    expect(draw([5], 10, 1, 3, 'test')).toEqual(test.subarray(50, 60));
    let dot = 0;
    train.forEach((e, i) => {
      dot += e * test[i]!;
    });
    expect(Math.abs(dot / train.length)).toBeLessThan(0.05);
  });

  it('is independent of the input noise of the same seed', () => {
    const images = Array.from({ length: 2000 }, (_, i) => i);
    const eps = draw(images, 10, 1, 3);
    const grey = new Float32Array(eps.length).fill(0.5);
    const noisy = new Float32Array(eps.length);
    corruptRows(grey, images, 10, 1, { kind: 'gaussian', level: 0.01, seed: 3 }, noisy);
    let dot = 0;
    eps.forEach((e, i) => {
      dot += e * (noisy[i]! - 0.5) * 100;
    });
    expect(Math.abs(dot / eps.length)).toBeLessThan(0.05);
  });
});
