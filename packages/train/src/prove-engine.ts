import { countParameters, mlpSpec } from '@bottleneck/graph';
import { ADAM_DEFAULTS } from './recipe';
import type { EngineFactory } from './training-engine';

/** A tiny model: enough to prove that an engine loads and steps, quick on any of them. */
const PROOF_MODEL = mlpSpec({ inputSize: 4, hiddenSize: 3, bottleneckSize: 2 });

/**
 * Builds the tiny model on `factory` and takes one step: resolves once the engine has shown it
 * runs here, rejects with the engine's own error otherwise (a provider or backend that is missing).
 */
export async function proveEngine(factory: EngineFactory): Promise<void> {
  const engine = await factory({
    model: PROOF_MODEL,
    params: new Float32Array(countParameters(PROOF_MODEL)).fill(0.1),
    adam: { ...ADAM_DEFAULTS, lr: 1e-3, weightDecay: 0 },
    maxRows: 1,
    offered: 'float32',
    denoising: false,
  });
  try {
    await engine.step(new Float32Array(PROOF_MODEL.inputSize).fill(0.5), 1);
  } finally {
    await engine.dispose();
  }
}
