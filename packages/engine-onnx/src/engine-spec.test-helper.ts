// Shared by the engine's tests: an EngineSpec for a small seeded model, and the distance between
// two parameter vectors.
import { type AutoencoderConfig, createAutoencoder, readParameters } from '@bottleneck/autoencoder';
import { mlpSpec } from '@bottleneck/graph';
import { ADAM_DEFAULTS, type EngineSpec } from '@bottleneck/train';

/** A spec starting from `createAutoencoder({ ...sizes, seed })`, Adam at lr 1e-2, float32 batches. */
export function engineSpec(
  sizes: AutoencoderConfig,
  seed: number,
  { maxRows, weightDecay }: { maxRows: number; weightDecay: number },
): EngineSpec {
  const model = createAutoencoder({ ...sizes, seed });
  const params = readParameters(model);
  model.dispose();
  return {
    model: mlpSpec(sizes),
    params,
    adam: { ...ADAM_DEFAULTS, lr: 1e-2, weightDecay },
    maxRows,
    offered: 'float32',
    denoising: false,
  };
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}
