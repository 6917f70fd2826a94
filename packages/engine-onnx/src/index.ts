export type { OnnxEngineOptions, OnnxProvider, OnnxRuntime } from './onnx-engine';
export { OnnxEngine, onnxEngine } from './onnx-engine';
