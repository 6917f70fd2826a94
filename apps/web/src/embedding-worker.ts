import { UMAP } from 'umap-js';
import type { EmbedReply, EmbedRequest } from './embedding-protocol';
import { KNN_K } from './embedding-protocol';
import { knnAgreement } from './knn-agreement';
import { seededRandom } from './seeded-random';

/** UMAP's epochs: 2,000 codes settle well before umap-js's default of 500. */
const EPOCHS = 300;
/**
 * Measured on the shipped model's first 2,000 test codes (k-NN agreement, k = 10): codes scaled to
 * length 1 (cosine distance: a thicker stroke makes a longer code, not another digit) with 10
 * neighbours and minDist 0 gave 0.75, against 0.66 for the raw codes with umap-js's defaults.
 */
const NEIGHBOURS = 10;
const MIN_DIST = 0;

const post = (m: EmbedReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<EmbedRequest>) => {
  const { id, codes, n, k, labels, pca, seed } = e.data;
  try {
    post({
      id,
      type: 'pca-score',
      knn: knnAgreement(pca, labels, KNN_K),
      codes: knnAgreement(codes.subarray(0, labels.length * k), labels, KNN_K, k),
    });
    // n = 0: the page has this map cached and wanted only the PCA score
    if (n === 0) return;
    const rows = Array.from({ length: n }, (_, i) => {
      const z = Array.from(codes.subarray(i * k, (i + 1) * k));
      const length = Math.hypot(...z) || 1;
      return z.map((v) => v / length);
    });
    const umap = new UMAP({
      nComponents: 2,
      nNeighbors: NEIGHBOURS,
      minDist: MIN_DIST,
      nEpochs: EPOCHS,
      random: seededRandom(seed),
    });
    const total = umap.initializeFit(rows);
    for (let epoch = 0; epoch < total; epoch++) {
      umap.step();
      if (epoch % 10 === 0) post({ id, type: 'progress', done: epoch, total });
    }
    const points = Float64Array.from(umap.getEmbedding().flat());
    post({ id, type: 'done', points, knn: knnAgreement(points, labels, KNN_K) }, [points.buffer]);
  } catch (error) {
    post({ id, type: 'error', message: (error as Error).message });
  }
};
