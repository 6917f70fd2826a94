import quantile from '@stdlib/stats-base-dists-normal-quantile';
import { latentNoise } from './noise';

/**
 * `count` codes drawn from a VAE's prior N(0, I), `latent` values each, `[count, latent]` flat:
 * `latentNoise` of images 0…count−1 at epoch `draw` (default 0), so a seed and draw always give
 * the same codes, and each further draw new ones.
 */
export function priorDraws(count: number, latent: number, seed: number, draw = 0): Float32Array {
  if (!(Number.isSafeInteger(count) && count > 0))
    throw new RangeError(`priorDraws: count must be a positive integer, got ${count}`);
  if (!(Number.isSafeInteger(latent) && latent > 0))
    throw new RangeError(`priorDraws: latent must be a positive integer, got ${latent}`);
  const out = new Float32Array(count * latent);
  latentNoise(
    Array.from({ length: count }, (_, i) => i),
    latent,
    draw,
    seed,
    out,
  );
  return out;
}

/** How many prior draws pytorch/examples' VAE saves as sample.png, and its grid's columns. */
export const PRIOR_SAMPLES = { count: 64, columns: 8 } as const;

/** The manifold's side in images (Chollet's 20×20). */
export const MANIFOLD_SIDE = 20;

/** Chollet's manifold figure: `n` quantiles of N(0, 1) evenly spaced in probability from 0.05 to 0.95. */
export const MANIFOLD_PROBABILITIES = { from: 0.05, to: 0.95 } as const;

/**
 * The codes of an n×n manifold of a 2-d latent space (Chollet's "Building Autoencoders in Keras"):
 * g = norm.ppf(linspace(0.05, 0.95, n)); cell (row i, column j) is the code (g[j], g[i]), so the
 * first latent value grows to the right and the second downwards. `[n·n, 2]` flat, row-major.
 */
export function manifoldCodes(n = MANIFOLD_SIDE): Float32Array {
  if (!(Number.isSafeInteger(n) && n >= 2))
    throw new RangeError(`manifoldCodes: n must be an integer of at least 2, got ${n}`);
  const { from, to } = MANIFOLD_PROBABILITIES;
  const grid = Array.from({ length: n }, (_, i) => quantile(from + ((to - from) * i) / (n - 1), 0, 1));
  const out = new Float32Array(n * n * 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[2 * (i * n + j)] = grid[j]!;
      out[2 * (i * n + j) + 1] = grid[i]!;
    }
  }
  return out;
}
