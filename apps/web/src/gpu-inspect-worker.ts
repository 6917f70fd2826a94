// Inspects the GPU APIs off the page's thread: creating a WebGL context just to read its renderer
// blocks the thread that makes it (0.2–0.6 s on a software rasteriser, measured here).
import { inspectWebGl, inspectWebGpu } from './gpu-inspection';
import type { GpuInspections } from './gpu-inspect-protocol';

const scope = self as unknown as { postMessage(m: GpuInspections): void };

async function inspectBoth(): Promise<GpuInspections> {
  const webgpu = await inspectWebGpu().catch((e: unknown) => ({ ok: false as const, reason: (e as Error).message }));
  let webgl: GpuInspections['webgl'];
  try {
    webgl = inspectWebGl();
  } catch (e) {
    webgl = { ok: false, reason: (e as Error).message };
  }
  return { webgpu, webgl };
}

void inspectBoth().then((result) => scope.postMessage(result));
