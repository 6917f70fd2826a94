import * as tf from '@tensorflow/tfjs-core';

export type NoiseKind = 'uniform' | 'gaussian';

export interface NoiseOptions {
  /** `uniform`: x + level·U(−1, 1); `gaussian`: x + level·N(0, 1). */
  kind?: NoiseKind;
  level?: number;
  seed?: number;
}

/** Corrupts images in [0,1] with seeded additive noise, clipped back to [0,1]. */
export function addNoise<T extends tf.Tensor>(
  images: T,
  { kind = 'uniform', level = 0.3, seed = 0 }: NoiseOptions = {},
): T {
  if (!(level >= 0)) throw new RangeError(`addNoise: level must be >= 0, got ${level}`);
  return tf.tidy(() => {
    const noise =
      kind === 'gaussian'
        ? tf.randomNormal(images.shape, 0, level, 'float32', seed)
        : tf.randomUniform(images.shape, -level, level, 'float32', seed);
    return tf.clipByValue(tf.add(images, noise), 0, 1) as T;
  });
}
