import { fitPca, projectPca } from '@bottleneck/image';
import { UMAP } from 'umap-js';
import { seededRandom } from './seeded-random';

/** How the codes are turned into UMAP's rows before their neighbours are found. */
export type CodeScaling = 'unit-length' | 'standardised' | 'raw';

/**
 * `by-sign`: unit length for codes that are never negative (a ReLU code: which units fire is the
 * digit, how strongly is mostly the stroke's weight, so cosine distance), standardised per number
 * for codes that run negative too (a linear code, as a conv model's or a VAE's μ: there the length
 * carries as much as the direction, and a 2-number code scaled to length 1 would keep only an angle).
 */
export type CodeScalingRule = CodeScaling | 'by-sign';

/** The scaling `rule` picks for these codes. */
export function scalingOf(codes: ArrayLike<number>, rule: CodeScalingRule): CodeScaling {
  if (rule !== 'by-sign') return rule;
  for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) return 'standardised';
  return 'unit-length';
}

export interface UmapSettings {
  scaling: CodeScalingRule;
  neighbours: number;
  minDist: number;
  spread: number;
  epochs: number;
  /** Where the points start: umap-js's uniform random square, or the scaled rows' first two principal axes. */
  init: 'random' | 'pca';
  /** umap-js's defaults unless set: 1, 5, 1, 1, 1. */
  repulsionStrength?: number;
  negativeSampleRate?: number;
  setOpMixRatio?: number;
  localConnectivity?: number;
  learningRate?: number;
}

/** `n` rows of `k` numbers from the codes, scaled as `scaling` says. */
export function codeRows(codes: ArrayLike<number>, n: number, k: number, scaling: CodeScaling): number[][] {
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => Number(codes[i * k + j])));
  if (scaling === 'unit-length') {
    for (const z of rows) {
      const length = Math.hypot(...z) || 1;
      for (let j = 0; j < k; j++) z[j]! /= length;
    }
  } else if (scaling === 'standardised') {
    for (let j = 0; j < k; j++) {
      let mean = 0;
      for (const z of rows) mean += z[j]! / n;
      let variance = 0;
      for (const z of rows) variance += (z[j]! - mean) ** 2 / n;
      // a dead unit (0 for every digit) stays 0 rather than dividing by 0
      const sd = Math.sqrt(variance) || 1;
      for (const z of rows) z[j] = (z[j]! - mean) / sd;
    }
  }
  return rows;
}

/**
 * A seeded UMAP of `n` codes of `k` numbers: x, y per code. Unsupervised: only the codes go in.
 * `onEpoch` is told the progress every 10 epochs.
 */
export function umapOfCodes(
  codes: ArrayLike<number>,
  n: number,
  k: number,
  settings: UmapSettings,
  seed: number,
  onEpoch?: (done: number, total: number) => void,
): Float64Array {
  const rows = codeRows(codes, n, k, scalingOf(codes, settings.scaling));
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: settings.neighbours,
    minDist: settings.minDist,
    spread: settings.spread,
    nEpochs: settings.epochs,
    random: seededRandom(seed),
    ...(settings.repulsionStrength !== undefined && { repulsionStrength: settings.repulsionStrength }),
    ...(settings.negativeSampleRate !== undefined && { negativeSampleRate: settings.negativeSampleRate }),
    ...(settings.setOpMixRatio !== undefined && { setOpMixRatio: settings.setOpMixRatio }),
    ...(settings.localConnectivity !== undefined && { localConnectivity: settings.localConnectivity }),
    ...(settings.learningRate !== undefined && { learningRate: settings.learningRate }),
  });
  const total = umap.initializeFit(rows);
  if (settings.init === 'pca') startAtPca(umap, rows, k);
  for (let epoch = 0; epoch < total; epoch++) {
    umap.step();
    if (epoch % 10 === 0) onEpoch?.(epoch, total);
  }
  return Float64Array.from(umap.getEmbedding().flat());
}

/**
 * Moves umap-js's random start onto the rows' first two principal axes, scaled into its ±10 square
 * (as umap-learn scales its spectral start). umap-js has no option for a start: its layout arrays
 * are overwritten in place after `initializeFit`, before the first step.
 */
function startAtPca(umap: UMAP, rows: readonly number[][], k: number): void {
  const embedding = (umap as unknown as { embedding: number[][] }).embedding;
  const pca = fitPca(rows.flat(), rows.length, k, 2);
  const projected = rows.map((z) => projectPca(pca, z));
  const largest = Math.max(...projected.flat().map(Math.abs)) || 1;
  projected.forEach((p, i) => {
    embedding[i]![0] = (10 * p[0]!) / largest;
    embedding[i]![1] = (10 * p[1]!) / largest;
  });
}
