import { createRequire } from 'node:module';

/**
 * How to add the ONNX engine where npm left it out: `onnxruntime-node` is an optional dependency,
 * dropped when its install step fails (it downloads a CUDA provider from outside the npm
 * registry) or with `--omit=optional`. A global package is found from a global CLI.
 */
export const ONNX_RUNTIME_INSTALL = 'ONNXRUNTIME_NODE_INSTALL=skip npm install -g onnxruntime-node';

type Resolve = (specifier: string) => string;

/** Whether `onnxruntime-node` can be found from the CLI, without loading its native library. */
export function onnxRuntimeInstalled(resolve: Resolve = createRequire(import.meta.url).resolve): boolean {
  try {
    resolve('onnxruntime-node');
    return true;
  } catch {
    return false;
  }
}

/** The one start-up line for a run that would fall back from ONNX Runtime to tfjs wasm unasked. */
export function missingOnnxRuntimeNotice(installed = onnxRuntimeInstalled()): string | undefined {
  if (installed) return undefined;
  return `bottleneck: the ONNX engine is not installed (onnxruntime-node is missing), so training runs on tfjs wasm, ~3x slower; to get it: ${ONNX_RUNTIME_INSTALL} (without -g beside a local install)`;
}
