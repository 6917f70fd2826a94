// The worker wire protocol and the gradient pool, for this project's apps (which start the
// workers their platform has): not a stable API.
export { DeviceState } from './device-state';
export type { GradientReply, GradientRequest, GradientWorkerInit, GradientWorkerPort } from './parallel-gradients';
export { ParallelGradients, serveGradients } from './parallel-gradients';
