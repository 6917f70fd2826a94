import { inferenceGraph, type ModelPart, OPSET, serializeGraph } from '@bottleneck/graph';
import { readParameters } from './flat-parameters';
import type { Autoencoder } from './model';

/** The opset an exported ONNX model declares. */
export const ONNX_EXPORT_OPSET = OPSET;

/**
 * The model (or its encoder or decoder) as a self-contained ONNX model with its weights stored
 * in it: input `x` `[rows, width]`, output `y`, opset `ONNX_EXPORT_OPSET`; the same inference
 * graph the project runs, for onnxruntime-node, onnxruntime-web or any ONNX runtime.
 */
export function toOnnx(model: Autoencoder, part: ModelPart = 'model'): Uint8Array {
  return serializeGraph(inferenceGraph(model.spec, { part, weights: readParameters(model) }));
}
