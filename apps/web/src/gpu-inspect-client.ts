import type { GpuInspections } from './gpu-inspect-protocol';
import { type GpuInspection, inspectWebGl, inspectWebGpu } from './gpu-inspection';

/** Answers what a GPU API offers here. */
export type GpuInspector = (name: 'webgpu' | 'webgl') => Promise<GpuInspection>;

/**
 * Inspects WebGPU and WebGL in a worker (ended after it answers), so the page's thread stays
 * free; where a worker cannot (no OffscreenCanvas there, or it fails), inspects here.
 */
export function gpuInspector(): GpuInspector {
  // one worker answers for both APIs, started by the first question
  let both: Promise<GpuInspections | null> | null = null;
  return async (name) => {
    both ??= inWorker().catch(() => null);
    const answer = await both;
    if (answer) return answer[name];
    return name === 'webgpu' ? inspectWebGpu() : inspectWebGl();
  };
}

function inWorker(): Promise<GpuInspections> {
  if (typeof OffscreenCanvas === 'undefined') return Promise.reject(new Error('no OffscreenCanvas'));
  const worker = new Worker(new URL('./gpu-inspect-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<GpuInspections>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<GpuInspections>) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
  }).finally(() => worker.terminate());
}
