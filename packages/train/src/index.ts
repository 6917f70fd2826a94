export type { AdamOptions, AdamState } from './adam';
export { Adam } from './adam';
export type { BatchBuffer, BatchFormat, BatchSource, EpochShuffler } from './batch-source';
export { fillBatchBuffer } from './batch-source';
export type { Checkpoint, DataIdentity } from './checkpoint';
export { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
export type { BatchSse } from './evaluate';
export { evaluateMse, meanOverBatches, rowSquaredErrors } from './evaluate';
export { sumFloat64 } from './sum-float64';
export { GradientEngine, localEngine, parallelEngine } from './gradient-engine';
export type { InputNoise, InputNoiseKind } from './input-noise';
export { corruptRows, MAX_NOISE_LEVEL, validateInputNoise } from './input-noise';
export { DeviceGradients } from './device-gradients';
export type { GradientComputer, LossAndGradients } from './gradients';
export { LocalGradients, lossAndGradients } from './gradients';
export type {
  GradientReply,
  GradientRequest,
  GradientWorkerInit,
  GradientWorkerPort,
  ParallelGradientsOptions,
} from './parallel-gradients';
export { ParallelGradients, serveGradients } from './parallel-gradients';
export type { BatchInfo, EpochRecord, TrainConfig } from './recipe';
export { ADAM_DEFAULTS, LAB_RECIPE } from './recipe';
export type {
  HasLearningRate,
  ReduceLROnPlateauOptions,
  ReduceLROnPlateauState,
} from './reduce-lr-on-plateau';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau';
export type { RunOptions, TrainerOptions } from './trainer';
export { Trainer } from './trainer';
export { TrainingDivergedError } from './training-diverged-error';
export type { EngineFactory, EngineSpec, TrainingEngine } from './training-engine';
