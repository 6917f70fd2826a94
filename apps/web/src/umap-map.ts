import { fitPca, projectPca } from '@bottleneck/image';
import { UMAP } from 'umap-js';
import { type CodeScalingRule, codeRows, scalingOf } from './code-scaling';
import { seededRandom } from './seeded-random';

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
  const { scaling, neighbours, minDist, spread, epochs, init, ...tuning } = settings;
  const rows = codeRows(codes, n, k, scalingOf(codes, scaling));
  // the optional settings carry umap-js's own names, and it keeps its default for any left undefined
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: neighbours,
    minDist,
    spread,
    nEpochs: epochs,
    random: seededRandom(seed),
    ...tuning,
  });
  const total = umap.initializeFit(rows);
  if (init === 'pca') startAtPca(umap, rows, k);
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
