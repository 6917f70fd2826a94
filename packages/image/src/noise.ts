/** Images as float32 values in [0, 1], or as bytes k meaning k/255. */
export type ImageRows = Float32Array | Uint8Array;

export type InputNoiseKind = 'uniform' | 'gaussian';

/**
 * Corruption of training inputs for a denoising autoencoder: x + level·U(−1, 1) (`uniform`) or
 * x + level·N(0, 1) (`gaussian`), clipped to [0, 1]; the loss compares the reconstruction with
 * the clean x.
 */
export interface InputNoise {
  kind: InputNoiseKind;
  level: number;
  seed: number;
}

/** The largest noise level accepted: beyond it every input is pure noise. */
export const MAX_NOISE_LEVEL = 10;

/** Checks a noise setting; the message names the field. */
export function validateInputNoise(noise: InputNoise): void {
  if (noise.kind !== 'uniform' && noise.kind !== 'gaussian') {
    throw new RangeError(`noise.kind must be "uniform" or "gaussian", got ${JSON.stringify(noise.kind)}`);
  }
  if (!(typeof noise.level === 'number' && noise.level > 0 && noise.level <= MAX_NOISE_LEVEL)) {
    throw new RangeError(`noise.level must be a number in (0, ${MAX_NOISE_LEVEL}], got ${noise.level}`);
  }
  if (!(Number.isSafeInteger(noise.seed) && noise.seed >= 0)) {
    throw new RangeError(`noise.seed must be a non-negative integer, got ${noise.seed}`);
  }
}

/** A 32-bit integer hash with good avalanche (Wellons' "lowbias32"). */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const GOLDEN = 0x9e3779b9;
/** A hash to a uniform number in (0, 1), never 0 (so the logarithm below is finite). */
const unit = (h: number) => (h + 0.5) * 2 ** -32;

/**
 * The key of one image's noise in one epoch. The noise is a pure function of (seed, epoch,
 * image), not a generator's state: the same image gets fresh noise each epoch, whatever the batch
 * size and order, and a resumed run needs no saved noise state.
 */
function rowKey(seed: number, epoch: number, image: number): number {
  const seedKey = mix32(mix32(seed % 2 ** 32) ^ Math.floor(seed / 2 ** 32));
  return mix32(mix32(seedKey ^ mix32(epoch)) + image);
}

/**
 * Writes the corrupted rows into `out` (float32): row r of `clean` holds image `images[r]`, in
 * float32 values or bytes k meaning k/255.
 */
export function corruptRows(
  clean: ImageRows,
  images: ArrayLike<number>,
  featureSize: number,
  epoch: number,
  noise: InputNoise,
  out: Float32Array,
): void {
  const { kind, level, seed } = noise;
  const divisor = clean instanceof Uint8Array ? 255 : 1;
  const clip = (v: number) => Math.min(Math.max(v, 0), 1);
  for (let r = 0; r < images.length; r++) {
    const key = rowKey(seed, epoch, images[r]!);
    const o = r * featureSize;
    if (kind === 'uniform') {
      for (let p = 0; p < featureSize; p++) {
        const u = unit(mix32(key + Math.imul(p, GOLDEN)));
        out[o + p] = clip(clean[o + p]! / divisor + level * (2 * u - 1));
      }
    } else {
      // Box–Muller: two uniforms give two independent standard normals, for pixels p and p + 1
      for (let p = 0; p < featureSize; p += 2) {
        const radius = level * Math.sqrt(-2 * Math.log(unit(mix32(key + Math.imul(p, GOLDEN)))));
        const angle = 2 * Math.PI * unit(mix32(key + Math.imul(p + 1, GOLDEN)));
        out[o + p] = clip(clean[o + p]! / divisor + radius * Math.cos(angle));
        if (p + 1 < featureSize) out[o + p + 1] = clip(clean[o + p + 1]! / divisor + radius * Math.sin(angle));
      }
    }
  }
}

/** Mixed into a row's key so that a VAE's ε is independent of the same seed's input noise. */
const LATENT_STREAM = 0x2545f491;
/** Mixed in as well for test images, whose indices repeat the training images'. */
const TEST_SPLIT = 0x7f4a7c15;

/** Which split's images a VAE's ε is drawn for: the test split's are another stream. */
export type NoiseSplit = 'train' | 'test';

/**
 * Standard normal values, `width` per row, for the images `images` in `epoch`: a VAE's ε. Like
 * `corruptRows`, a pure function of (seed, epoch, image), so a run is reproducible and a resumed
 * run draws what the uninterrupted one would have. For a reference, value j of image i is
 * Box–Muller of the pair (2⌊j/2⌋, 2⌊j/2⌋ + 1) with key = mix32(rowKey(seed, epoch, i) ^ 0x2545f491):
 * r = √(−2·ln u(2m)), θ = 2π·u(2m + 1), value 2m = r·cos θ, 2m + 1 = r·sin θ, where
 * u(p) = (mix32(key + p·0x9e3779b9 mod 2³²) + 0.5)·2⁻³², computed in float64, stored float32.
 * Test images (`split` 'test', for the test-set loss) use key ^ 0x7f4a7c15.
 */
export function latentNoise(
  images: ArrayLike<number>,
  width: number,
  epoch: number,
  seed: number,
  out: Float32Array,
  split: NoiseSplit = 'train',
): void {
  const stream = split === 'test' ? LATENT_STREAM ^ TEST_SPLIT : LATENT_STREAM;
  for (let r = 0; r < images.length; r++) {
    const key = mix32(rowKey(seed, epoch, images[r]!) ^ stream);
    const o = r * width;
    for (let p = 0; p < width; p += 2) {
      const radius = Math.sqrt(-2 * Math.log(unit(mix32(key + Math.imul(p, GOLDEN)))));
      const angle = 2 * Math.PI * unit(mix32(key + Math.imul(p + 1, GOLDEN)));
      out[o + p] = radius * Math.cos(angle);
      if (p + 1 < width) out[o + p + 1] = radius * Math.sin(angle);
    }
  }
}

/** Noise for a figure, a measurement or the page; every field optional. */
export interface NoiseOptions {
  /** `uniform`: x + level·U(−1, 1); `gaussian`: x + level·N(0, 1). */
  kind?: InputNoiseKind;
  level?: number;
  seed?: number;
}

/**
 * Corrupts `rows` images (flat, `featureSize` values each) with the noise training uses: the
 * same pure function of (seed, epoch 0, image), so a figure shows what a denoising run was
 * trained on. `images` are the rows' indices in their split (default 0, 1, …), which keeps the
 * noise of an image the same whatever rows are drawn with it.
 */
export function addNoise(
  clean: ImageRows,
  featureSize: number,
  { kind = 'uniform', level = 0.3, seed = 0 }: NoiseOptions = {},
  images: ArrayLike<number> = Array.from({ length: clean.length / featureSize }, (_, i) => i),
): Float32Array {
  if (!(level >= 0 && level <= MAX_NOISE_LEVEL)) {
    throw new RangeError(`noise level must be from 0 to ${MAX_NOISE_LEVEL}, got ${level}`);
  }
  const out = new Float32Array(images.length * featureSize);
  corruptRows(clean, images, featureSize, 0, { kind, level, seed }, out);
  return out;
}
