export type { Dim } from './graph-builder';
export { GraphBuilder, OPSET } from './graph-builder';
export type { OnnxEngineOptions, OnnxProvider, OnnxRuntime } from './onnx-engine';
export { OnnxEngine, onnxEngine } from './onnx-engine';
export type { ModelProto } from './onnx-proto';
export { decodeModel, encodeModel } from './onnx-proto';
export type { AdamConstants, KernelLayout, ParameterInfo } from './training-graph';
export { buildEvaluationGraph, buildTrainingGraph, parameterLayout } from './training-graph';
