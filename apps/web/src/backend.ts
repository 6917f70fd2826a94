import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import './wasm-paths';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** The page's preference: the GPU if there is one, then wasm SIMD, then plain JS. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

export function isBackendName(s: string | null): s is BackendName {
  return s === 'webgl' || s === 'wasm' || s === 'cpu';
}

export interface BackendInfo {
  name: BackendName;
  /** wasm threads in use (1 unless the page is cross-origin isolated). */
  threads: number;
  /** Backends tried before this one, with why they failed. */
  skipped: { name: BackendName; reason: string }[];
}

/** Activates the first backend in `order` that initialises and computes correctly. */
export async function selectBackend(order: readonly BackendName[] = BACKEND_ORDER): Promise<BackendInfo> {
  const skipped: BackendInfo['skipped'] = [];
  for (const name of order) {
    try {
      if (!(await tf.setBackend(name))) {
        skipped.push({ name, reason: 'failed to initialise' });
        continue;
      }
      // a context can initialise and still compute garbage (or nothing): check one op
      const probe = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])));
      const values = await probe.data();
      probe.dispose();
      if (values[0] !== 1 || values[3] !== 4) {
        skipped.push({ name, reason: 'computed wrong values' });
        continue;
      }
      return { name, threads: name === 'wasm' ? getThreadsCount() : 1, skipped };
    } catch (error) {
      skipped.push({ name, reason: (error as Error).message });
    }
  }
  throw new Error(`no tfjs backend works here (${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})`);
}
