export type { BackendName } from './backend';
export { BACKENDS, useBackend } from './backend';
export { buildProgram, run } from './cli';
export { InputError } from './errors';
export type { ChosenEngine, EngineChoice } from './engines';
export { chooseEngine, ENGINE_CHOICES, spawnGradientWorker } from './engines';
