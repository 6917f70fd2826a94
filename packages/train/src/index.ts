export type { AdamState } from '@bottleneck/graph';
export type { BatchBuffer, BatchFormat, BatchSource, EpochShuffler } from './batch-source';
export { fillBatchBuffer } from './batch-source';
// the noise of denoising training lives with the images it corrupts; re-exported for the recipe
export type { InputNoise, InputNoiseKind } from '@bottleneck/image';
export { corruptRows, MAX_NOISE_LEVEL, validateInputNoise } from '@bottleneck/image';
export type { Checkpoint, DataIdentity } from './checkpoint';
export { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
export type { BatchSse } from './evaluate';
export { evaluateMse, meanOverBatches, rowSquaredErrors } from './evaluate';
export type {
  BrowserGpus,
  EngineChoice,
  EngineName,
  EnginePlatform,
  OnnxEngineName,
  TfjsEngineName,
  ThreadFacts,
} from './engine-choice';
export {
  autoCandidates,
  engineChoices,
  engineThreads,
  fallbackOrder,
  isEngineChoice,
  isOnnxEngine,
  ONNX_ENGINES,
  onnxProvider,
  TFJS_ENGINES,
} from './engine-choice';
export { GraphEngine, localEngine } from './graph-engine';
export { TRAIN_LIMITS } from './limits';
export { ParallelEngine, parallelEngine } from './parallel-engine';
export { sumFloat64 } from './sum-float64';
export type { ParallelGradientsOptions } from './parallel-gradients';
export type { BatchInfo, EpochRecord, TrainConfig } from './recipe';
export { ADAM_DEFAULTS, LAB_RECIPE } from './recipe';
export type {
  HasLearningRate,
  ReduceLROnPlateauOptions,
  ReduceLROnPlateauState,
} from './reduce-lr-on-plateau';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau';
export type { RunOptions, TrainerOptions } from './trainer';
export { EVAL_ROWS, Trainer } from './trainer';
export { TrainingDivergedError } from './training-diverged-error';
export type { EngineFactory, EngineSpec, TrainingEngine } from './training-engine';
export { checkBatchRows } from './training-engine';
