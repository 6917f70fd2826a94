export type { BackendName } from './backend';
export { BACKENDS, useBackend } from './backend';
export { buildProgram, run } from './cli';
export { InputError } from './errors';
export { createGradients, spawnGradientWorker } from './worker-gradients';
