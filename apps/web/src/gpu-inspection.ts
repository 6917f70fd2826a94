import { softwareRenderer } from './software';

/** What a GPU API offers here: nothing (and why), or a device that may be a CPU rasteriser. */
export type GpuInspection = { ok: false; reason: string } | { ok: true; device: string; software: string | null };

// the WebGPU types are not in lib.dom: the little this file reads of them
interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

export async function inspectWebGpu(): Promise<GpuInspection> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { ok: false, reason: 'this browser has no WebGPU' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return { ok: false, reason: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const device = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'adapter';
  const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  return { ok: true, device, software: softwareRenderer(device) ?? (fallback ? 'a fallback adapter' : null) };
}

export function inspectWebGl(): GpuInspection {
  const context = (options: WebGLContextAttributes) => {
    const canvas = new OffscreenCanvas(1, 1);
    return (canvas.getContext('webgl2', options) ??
      canvas.getContext('webgl', options)) as WebGLRenderingContext | null;
  };
  // Chromium refuses this on a software rasteriser: the flag exists for exactly this question
  const fast = context({ failIfMajorPerformanceCaveat: true });
  const gl = fast ?? context({});
  if (!gl) return { ok: false, reason: 'this browser has no WebGL' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const device = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { ok: true, device, software: softwareRenderer(device) ?? (fast ? null : 'a major performance caveat') };
}
