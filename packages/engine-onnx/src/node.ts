import type { EngineFactory } from '@bottleneck/train';
import { type OnnxEngineOptions, type OnnxRuntime, onnxEngine } from './onnx-engine';

/**
 * Loads `onnxruntime-node` (a native library, loaded only when asked for). Rejects with the
 * loader's message when it is missing or cannot load here.
 */
export async function loadOnnxRuntimeNode(): Promise<OnnxRuntime> {
  const loaded = await import('onnxruntime-node');
  const ort = loaded.default ?? loaded;
  // a provider that cannot load is reported by the rejected session; ORT's own log would print
  // the same failure again as a multi-line native message
  ort.env.logLevel = 'fatal';
  return ort as unknown as OnnxRuntime;
}

/** The ONNX engine on `onnxruntime-node`: CPU by default, `webgpu` or `cuda` where present. */
export async function onnxNodeEngine(options: OnnxEngineOptions = {}): Promise<EngineFactory> {
  return onnxEngine(await loadOnnxRuntimeNode(), options);
}
