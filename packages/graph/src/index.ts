export type { Dim } from './graph-builder';
export { OPSET } from './graph-builder';
export type { GraphOptions, InputFormat } from './graphs/graph-options';
export type { InferenceOptions, ModelPart } from './graphs/inference-graph';
export { inferenceGraph, partLayers } from './graphs/inference-graph';
export {
  evaluationGraph,
  gradientGraph,
  lossGraph,
  lossIsMse,
  trainingStepGraph,
  updateGraph,
} from './graphs/model-graphs';
export { io } from './io-names';
export type { LossOp } from './losses/loss-op';
export { batchLoss, batchObjective, hasPenalty, lossScalars } from './losses/batch-loss';
export { bce, bceSum } from './losses/bce';
export { LOSSES } from './losses';
export { type LossParts, lossLabel, lossParts } from './losses/loss-label';
export { mse } from './losses/mse';
export type {
  Activation,
  Conv2dSpec,
  ConvTranspose2dSpec,
  DenseSpec,
  KernelLayout,
  L1ActivitySpec,
  LayerSpec,
  LossName,
  MlpSizes,
  ModelSpec,
  ReshapeSpec,
  VariationalSpec,
} from './model-spec';
export { codeSize, LayerShapeError, latentNoiseWidth, layerShapes, layerWidths, mlpSizesOf } from './model-shape';
export { mlpSpec } from './model-spec';
export type { GraphProto } from './onnx-proto';
export type { AdamConstants, AdamState } from './optimizers/adam';
export { adamStepScalars } from './optimizers/adam';
export type { ParameterFormat, ParameterInfo } from './parameter-layout';
export { countParameters, formatKernels, parameterLayout, parameterName, relayout } from './parameter-layout';
export { serializeGraph } from './serialize';
export { transpose } from './transpose';
export { MODEL_LIMITS, modelSpecSchema, parseModelSpec } from './model-spec-schema';
export { ValidationError } from './validation';
export type { DensePreset, Preset, PresetOptions } from './presets';
export { PRESET_CODE_SIZES, PRESETS, presetSpec, SPARSE_L1 } from './presets';
