import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import './wasm-paths';
import { type GpuInspection, inspectWebGl, inspectWebGpu } from './gpu-inspection';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The fallbacks after a backend asked for by `?backend=`: a GPU, then wasm SIMD, then plain JS. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * The page's own choice: wasm SIMD, then plain JS. Its work is a digit, or a few thousand, at a
 * time: wasm starts at once, where asking for a GPU first waits for the browser's GPU process (the
 * page was ready 1.2–1.5 s later with the GPUs inspected first, here). Training races the GPUs.
 */
export const PAGE_ORDER: readonly BackendName[] = ['wasm', 'cpu'];

export function isBackendName(s: string | null): s is BackendName {
  return s === 'webgpu' || s === 'webgl' || s === 'wasm' || s === 'cpu';
}

export const isGpu = (name: BackendName) => name === 'webgpu' || name === 'webgl';

/** Imports a GPU backend only when it is about to be used: most machines never need both. */
async function register(name: BackendName): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
}

export interface BackendInfo {
  name: BackendName;
  /** wasm threads in use. */
  threads: number;
  /** The GPU device, for webgpu and webgl. */
  device: string | null;
  /** The software rasteriser behind a GPU backend, when one was forced onto it. */
  software: string | null;
  /** Backends tried before this one, with why they were passed over. */
  skipped: { name: BackendName; reason: string }[];
}

export interface SelectOptions {
  /** Run this one even on a software rasteriser (`?backend=`). */
  forced?: BackendName | null;
  /** How a GPU API is inspected: here by default; the page asks a worker (`gpuInspector`). */
  inspect?: (name: 'webgpu' | 'webgl') => Promise<GpuInspection>;
}

const inspectHere = async (name: 'webgpu' | 'webgl') => (name === 'webgpu' ? inspectWebGpu() : inspectWebGl());

/**
 * Activates the first backend in `order` that initialises and computes correctly. A GPU backend
 * on a software rasteriser is passed over (wasm SIMD is ~10x faster there) unless it is `forced`.
 */
export async function selectBackend(
  order: readonly BackendName[] = BACKEND_ORDER,
  { forced = null, inspect = inspectHere }: SelectOptions = {},
): Promise<BackendInfo> {
  const skipped: BackendInfo['skipped'] = [];
  for (const name of order) {
    try {
      let gpu: GpuInspection | null = null;
      if (isGpu(name)) {
        gpu = await inspect(name);
        if (!gpu.ok) {
          skipped.push({ name, reason: gpu.reason });
          continue;
        }
        if (gpu.software && name !== forced) {
          skipped.push({ name, reason: `software (${gpu.software}), slower than wasm` });
          continue;
        }
      }
      await register(name);
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
      return {
        name,
        threads: name === 'wasm' ? getThreadsCount() : 1,
        device: gpu?.ok ? gpu.device : null,
        software: gpu?.ok ? gpu.software : null,
        skipped,
      };
    } catch (error) {
      skipped.push({ name, reason: (error as Error).message });
    }
  }
  throw new Error(`no tfjs backend works here (${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})`);
}

/** The order `?backend=name` asks for: that one first, then the usual fallbacks after it; else the page's own. */
export function orderFor(wanted: BackendName | null): readonly BackendName[] {
  if (!wanted) return PAGE_ORDER;
  return [wanted, ...BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(wanted) + 1)];
}

/** One line for the header: which backend runs, why, and whether it is software. */
export function describeBackend(info: BackendInfo, forced: BackendName | null): string {
  const parts: string[] = [];
  if (info.name === 'wasm') parts.push(`SIMD, ${info.threads} thread${info.threads > 1 ? 's' : ''}`);
  if (info.name === 'cpu') parts.push('plain JavaScript, the slowest');
  if (info.device) parts.push(info.software ? `software: ${info.software}` : info.device);
  if (forced === info.name) parts.push('forced by ?backend=');
  const skipped = info.skipped.map((s) => `${s.name} skipped: ${s.reason}`);
  return [parts.length ? `(${parts.join(', ')})` : '', ...skipped].filter(Boolean).join(' · ');
}

/** One line on the GPUs the page found (for training, and `?backend=`), and what each is. */
export function describeGpus(gpus: Record<'webgpu' | 'webgl', GpuInspection>): string {
  return (['webgpu', 'webgl'] as const)
    .map((name) => {
      const gpu = gpus[name];
      if (!gpu.ok) return `${name}: ${gpu.reason}`;
      return `${name}: ${gpu.software ? `software (${gpu.software})` : gpu.device}`;
    })
    .join(' · ');
}
