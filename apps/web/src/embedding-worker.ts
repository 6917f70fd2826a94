import type { EmbedReply, EmbedRequest } from './embedding-protocol';
import { KNN_K } from './embedding-protocol';
import { knnAgreement } from './knn-agreement';
import { umapOfCodes } from './umap-map';
import { MAP_SETTINGS } from './umap-settings';

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
    const points = umapOfCodes(codes, n, k, MAP_SETTINGS, seed, (done, total) =>
      post({ id, type: 'progress', done, total }),
    );
    post({ id, type: 'done', points, knn: knnAgreement(points, labels, KNN_K) }, [points.buffer]);
  } catch (error) {
    post({ id, type: 'error', message: (error as Error).message });
  }
};
