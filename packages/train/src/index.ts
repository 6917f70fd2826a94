export type { AdamOptions, AdamState } from './adam';
export { Adam } from './adam';
export type { Checkpoint } from './checkpoint';
export { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
export type { GradientComputer, LossAndGradients } from './gradients';
export { LocalGradients, lossAndGradients } from './gradients';
export type { GradientReply, GradientRequest, GradientWorkerInit, GradientWorkerPort } from './parallel-gradients';
export { ParallelGradients, serveGradients } from './parallel-gradients';
export { readParameters, writeParameters } from './parameters';
export type {
  HasLearningRate,
  ReduceLROnPlateauOptions,
  ReduceLROnPlateauState,
} from './reduce-lr-on-plateau';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau';
export type {
  BatchInfo,
  BatchSource,
  EpochRecord,
  EpochShuffler,
  RunOptions,
  TrainConfig,
  TrainerOptions,
} from './trainer';
export { evaluateMse, LAB_RECIPE, Trainer } from './trainer';
