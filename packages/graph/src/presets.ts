import { type Activation, type DenseSpec, type LayerSpec, type ModelSpec, mlpSpec } from './model-spec';

const dense = (units: number, activation: Activation): DenseSpec => ({ kind: 'dense', units, activation });

/** The presets of the family that the dense layers make, by `--arch` name. */
export type DensePreset = 'mlp' | 'deep' | 'sparse';

/** A stack of ReLU layers of `widths` down to the code, mirrored back up to a sigmoid output. */
function mirrored(inputSize: number, widths: readonly number[], code: readonly LayerSpec[] = []): ModelSpec {
  const down = widths.map((w) => dense(w, 'relu'));
  const up = widths
    .slice(0, -1)
    .reverse()
    .map((w) => dense(w, 'relu'));
  return {
    inputSize,
    layers: [...down, ...code, ...up, dense(inputSize, 'sigmoid')],
    encoderLayers: down.length + code.length,
    loss: 'bce',
  };
}

/** Keras' `l1(10e-5)` of Chollet's sparse autoencoder. */
export const SPARSE_L1 = 1e-4;

/**
 * The references' models at their default sizes: `mlp` the lab's (784-392-8, MSE); `deep`
 * Chollet's 784-128-64-32 (BCE); `sparse` Chollet's one 32-unit ReLU code with an L1 activity
 * penalty (BCE). Chollet trains every one of these with binary cross-entropy.
 */
export function presetSpec(preset: DensePreset, inputSize = 784): ModelSpec {
  switch (preset) {
    case 'mlp':
      return mlpSpec({ inputSize, hiddenSize: 392, bottleneckSize: 8 });
    case 'deep':
      return mirrored(inputSize, [128, 64, 32]);
    case 'sparse':
      return mirrored(inputSize, [32], [{ kind: 'l1-activity', weight: SPARSE_L1 }]);
  }
}
