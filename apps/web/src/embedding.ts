import type { EmbedReply, EmbedRequest } from './embedding-protocol';
import { MAP_SETTINGS } from './umap-settings';

export interface Embedding {
  points: Float64Array;
  /** k-NN class agreement of the UMAP map. */
  knn: number;
}

export interface EmbedCallbacks {
  /** k-NN class agreement of the PCA map, and of the codes themselves. */
  pcaScore(knn: number, codes: number): void;
  progress(done: number, total: number): void;
}

const CACHE_PREFIX = 'bottleneck:umap:';

/**
 * FNV-1a over the UMAP settings, the codes' bytes and the labels: the cache key of one map. The
 * settings are in it so that a page with new ones never shows a map cached under the old.
 */
export function mapCacheKey(codes: Float32Array, labels: Uint8Array, seed: number, settings = MAP_SETTINGS): string {
  let h = 0x811c9dc5 ^ seed;
  const settingsBytes = new TextEncoder().encode(JSON.stringify(settings));
  for (const bytes of [settingsBytes, new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength), labels]) {
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  }
  return `${CACHE_PREFIX}${(h >>> 0).toString(16)}:${codes.length}`;
}

function readCache(key: string): Embedding | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const { points, knn } = JSON.parse(raw) as { points: number[]; knn: number };
    return { points: Float64Array.from(points), knn };
  } catch {
    return null;
  }
}

function writeCache(key: string, e: Embedding): void {
  try {
    // one map kept: the codes change with every model, and old maps are never asked for again
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k?.startsWith(CACHE_PREFIX)) localStorage.removeItem(k);
    }
    localStorage.setItem(
      key,
      JSON.stringify({ points: Array.from(e.points, (v) => Math.round(v * 1e4) / 1e4), knn: e.knn }),
    );
  } catch {
    // storage full or blocked: the map is recomputed next time
  }
}

/**
 * UMAP of the codes in a worker, seeded, cached in localStorage by the codes' hash. A new request
 * ends the one running (its promise resolves to null): after each training epoch only the latest
 * codes matter.
 */
export function umapEmbedder(seed = 0) {
  let worker: Worker | null = null;
  let cancel: (() => void) | null = null;
  let next = 0;

  async function embed(
    codes: Float32Array,
    n: number,
    k: number,
    labels: Uint8Array,
    pca: Float64Array,
    on: EmbedCallbacks,
  ): Promise<Embedding | null> {
    cancel?.();
    const key = mapCacheKey(codes.subarray(0, n * k), labels.subarray(0, n), seed);
    const cached = readCache(key);
    if (!worker) worker = new Worker(new URL('./embedding-worker.ts', import.meta.url), { type: 'module' });
    const id = ++next;
    const w = worker;
    return new Promise<Embedding | null>((resolve, reject) => {
      cancel = () => {
        // a worker mid-UMAP cannot be interrupted: replace it
        w.terminate();
        if (worker === w) worker = null;
        resolve(null);
      };
      w.onmessage = (e: MessageEvent<EmbedReply>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.type === 'pca-score') {
          on.pcaScore(m.knn, m.codes);
          if (cached) {
            cancel = null;
            resolve(cached);
          }
        } else if (m.type === 'progress') on.progress(m.done, m.total);
        else if (m.type === 'done') {
          cancel = null;
          const result = { points: m.points, knn: m.knn };
          writeCache(key, result);
          resolve(result);
        } else {
          cancel = null;
          reject(new Error(m.message));
        }
      };
      const request: EmbedRequest = {
        id,
        codes: codes.slice(0, n * k),
        n,
        k,
        labels: labels.slice(0, n),
        pca,
        seed,
      };
      // with a cached map, the worker only scores PCA (it stops after that reply: see below)
      w.postMessage({ ...request, n: cached ? 0 : n }, [request.codes.buffer]);
    });
  }

  return { embed };
}
