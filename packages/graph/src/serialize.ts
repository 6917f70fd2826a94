import { modelOf } from './graph-builder';
import { encodeModel, type GraphProto } from './onnx-proto';

/** A graph as ONNX model bytes, ready for `InferenceSession.create` or a `.onnx` file. */
export function serializeGraph(graph: GraphProto): Uint8Array {
  return encodeModel(modelOf(graph));
}
