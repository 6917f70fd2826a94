import { latentNoise } from '@bottleneck/image';
import { probit } from 'simple-statistics';

/**
 * `count` codes z ~ N(0, 1)^k, draw `draw` of seed `seed`: the normal numbers a VAE's ε is made
 * of (`latentNoise`, the Trainer's), so a draw is the same on every visit.
 */
export function priorSamples(count: number, k: number, seed: number, draw: number): Float32Array {
  const out = new Float32Array(count * k);
  latentNoise(
    Uint32Array.from({ length: count }, (_, i) => i),
    k,
    draw,
    seed,
    out,
  );
  return out;
}

/**
 * The `n`×`n` grid of 2-d codes over the prior's quantiles (row-major, top row first): cell
 * (r, c) is (Φ⁻¹((c + ½)/n), Φ⁻¹(1 − (r + ½)/n)), so equal steps in probability, not in z, and
 * z₂ grows upwards as on a plot.
 */
export function manifoldCodes(n: number): Float32Array {
  const q = Array.from({ length: n }, (_, i) => probit((i + 0.5) / n));
  const out = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      out[2 * (r * n + c)] = q[c]!;
      out[2 * (r * n + c) + 1] = q[n - 1 - r]!;
    }
  }
  return out;
}
