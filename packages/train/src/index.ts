export type { AdamState } from '@bottleneck/graph';
export type { BatchBuffer, BatchFormat, BatchSource, EpochShuffler } from './batch-source';
// the noise of denoising training lives with the images it corrupts; re-exported for the recipe
export type { InputNoise, InputNoiseKind } from '@bottleneck/image';
export { MAX_NOISE_LEVEL, validateInputNoise } from '@bottleneck/image';
export type { Checkpoint, DataIdentity } from './checkpoint';
export { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
export { evaluateMse } from './evaluate';
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
export type { HistoryRecord } from './history-record-schema';
export { historyRecordSchema } from './history-record-schema';
export { TRAIN_LIMITS } from './limits';
export type { NumberText } from './settings-schema';
export { decimalText, integerText, parseText, TRAIN_SETTINGS } from './settings-schema';
export { ParallelEngine, parallelEngine } from './parallel-engine';
export { inputNoiseSchema, trainConfigSchema } from './train-config-schema';
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
export { checkBatchRows, checkLatentNoise } from './training-engine';
