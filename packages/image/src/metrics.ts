import { sliceValues } from './gray-image';

/** Mean squared error between equal-length arrays. */
export function mse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`mse: lengths ${a.length} and ${b.length}, expected equal and non-zero`);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s / a.length;
}

/** Peak signal-to-noise ratio in dB for signals with peak `max` (1 for images in [0,1]). */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>, max = 1): number {
  return 10 * Math.log10((max * max) / mse(a, b));
}

function perImage(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  size: number,
  f: (x: ArrayLike<number>, y: ArrayLike<number>) => number,
): number[] {
  if (a.length !== b.length || a.length % size !== 0) {
    throw new RangeError(`per-image metric: lengths ${a.length} and ${b.length} are not equal multiples of ${size}`);
  }
  const out: number[] = [];
  for (let o = 0; o < a.length; o += size) out.push(f(sliceValues(a, o, o + size), sliceValues(b, o, o + size)));
  return out;
}

/** MSE of each image (rows of `size` values). */
export const msePerImage = (a: ArrayLike<number>, b: ArrayLike<number>, size = 784): number[] =>
  perImage(a, b, size, mse);

/** PSNR of each image (rows of `size` values in [0,1]). */
export const psnrPerImage = (a: ArrayLike<number>, b: ArrayLike<number>, size = 784): number[] =>
  perImage(a, b, size, (x, y) => psnr(x, y));
