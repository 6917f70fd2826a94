// Internals for this project's own packages and tests: not a stable API.
export type { ActivationOp } from './activations/activation-op';
export { ACTIVATIONS } from './activations';
export { GraphBuilder, modelOf } from './graph-builder';
export { emitAdamUpdate } from './optimizers/adam';
export type { LayerForward, LayerGradients, LayerKind, LayerTape, RowShape } from './layers/layer-kind';
export { LAYER_KINDS, layerKind } from './layers';
export type { ModelProto, NodeProto, TensorProto } from './onnx-proto';
export { DataType, decodeModel, encodeModel } from './onnx-proto';
// zod helpers for the schemas of the other packages (one message style, one set of bounds)
export { firstProblem, integerIn, numberIn, parseWith } from './validation';
