// The worker wire protocol and the gradient pool, for this project's apps (which start the
// workers their platform has): not a stable API.
export { DeviceState } from './device-state';
export type { GradientReply, GradientRequest, GradientWorkerInit, SharedOptimizer } from './gradient-protocol';
export type { GradientWorkerPort } from './parallel-gradients';
export { ParallelGradients } from './parallel-gradients';
export { serveGradients } from './serve-gradients';
// Helpers of the trainer and the engines, and the checkpoint header's schema: not a stable API.
export { fillBatchBuffer } from './batch-source';
export type { CheckpointHeader } from './checkpoint-header';
export { checkpointHeaderSchema, epochRecordSchema } from './checkpoint-header';
export type { BatchSse } from './evaluate';
export { meanOverBatches, rowSquaredErrors } from './evaluate';
export { sumFloat64 } from './sum-float64';
// How the apps find out that an engine runs on this machine before choosing it.
export { proveEngine } from './prove-engine';
