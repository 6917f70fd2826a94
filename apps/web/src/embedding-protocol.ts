/** Messages between the page and the map worker (UMAP of the codes, and both maps' k-NN scores). */
export interface EmbedRequest {
  id: number;
  /** `n` rows of `k` code numbers. */
  codes: Float32Array;
  n: number;
  k: number;
  labels: Uint8Array;
  /** The PCA map's points (x, y per row), scored beside UMAP's. */
  pca: Float64Array;
  seed: number;
}

export type EmbedReply =
  /** `codes`: the same score in the k-d code space itself, the most a map can keep. */
  | { id: number; type: 'pca-score'; knn: number; codes: number }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'done'; points: Float64Array; knn: number }
  | { id: number; type: 'error'; message: string };

/** Neighbours counted by the k-NN class agreement of a map. */
export const KNN_K = 10;
