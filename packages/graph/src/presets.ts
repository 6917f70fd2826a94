import { type Activation, type DenseSpec, type LayerSpec, type ModelSpec, mlpSpec } from './model-spec';

const dense = (units: number, activation: Activation): DenseSpec => ({ kind: 'dense', units, activation });

/** The presets of the family that the dense layers make, by `--arch` name. */
export type DensePreset = 'mlp' | 'deep' | 'sparse';

/** Every preset by `--arch` name: the dense ones, the convolutional one and the VAE. */
export type Preset = DensePreset | 'conv' | 'vae';

export const PRESETS: readonly Preset[] = ['mlp', 'deep', 'sparse', 'conv', 'vae'];

/** Sizes a preset may be asked for; each has the references' default. */
export interface PresetOptions {
  /** Values per image (default 784); `conv` needs a square image whose side is a multiple of 4. */
  inputSize?: number;
  /** The code's width: the bottleneck, or the VAE's latent size (e.g. 2 for a plottable latent space). */
  code?: number;
}

/** Each preset's default code width. */
export const PRESET_CODE_SIZES: Record<Preset, number> = { mlp: 8, deep: 32, sparse: 32, conv: 8, vae: 20 };

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
 * A PyTorch-style convolutional autoencoder on side×side images: two stride-2 3×3 convolutions
 * (16, 32 channels, ReLU) to side/4 × side/4, a linear code, and the mirror image up through two
 * stride-2 transposed convolutions (output padding 1) to a sigmoid; BCE.
 */
function convSpec(inputSize: number, code: number): ModelSpec {
  const side = Math.round(Math.sqrt(inputSize));
  if (side * side !== inputSize || side % 4 !== 0) {
    throw new RangeError(`the conv preset needs square images with a side divisible by 4, not ${inputSize} values`);
  }
  const quarter = [32, side / 4, side / 4];
  const flat = 32 * (side / 4) ** 2;
  const stride2 = { kernel: 3, stride: 2, padding: 1, activation: 'relu' } as const;
  return {
    inputSize,
    layers: [
      { kind: 'reshape', shape: [1, side, side] },
      { kind: 'conv2d', channels: 16, ...stride2 },
      { kind: 'conv2d', channels: 32, ...stride2 },
      { kind: 'reshape', shape: [flat] },
      dense(code, 'linear'),
      dense(flat, 'relu'),
      { kind: 'reshape', shape: quarter },
      { kind: 'conv-transpose2d', channels: 16, ...stride2, outputPadding: 1 },
      { kind: 'conv-transpose2d', channels: 1, ...stride2, outputPadding: 1, activation: 'sigmoid' },
      { kind: 'reshape', shape: [inputSize] },
    ],
    encoderLayers: 5,
    loss: 'bce',
  };
}

/**
 * pytorch/examples' VAE (vae/main.py): fc1 784→400 ReLU, fc21/fc22 400→latent (μ, log σ²),
 * fc3 latent→400 ReLU, fc4 400→784 sigmoid; BCE summed over pixels plus the KL divergence.
 */
function vaeSpec(inputSize: number, latent: number): ModelSpec {
  return {
    inputSize,
    layers: [dense(400, 'relu'), { kind: 'variational', latent }, dense(400, 'relu'), dense(inputSize, 'sigmoid')],
    encoderLayers: 2,
    loss: 'bce-sum',
  };
}

/**
 * The references' models at their default sizes: `mlp` the lab's (784-392-8, MSE); `deep`
 * Chollet's 784-128-64-32 (BCE); `sparse` Chollet's one 32-unit ReLU code with an L1 activity
 * penalty (BCE); `conv` a stride-2 convolutional autoencoder with an 8-wide code (BCE); `vae`
 * pytorch/examples' 784-400-20 VAE. Chollet trains his with binary cross-entropy. `options`: the
 * input size alone (the older form) or `{ inputSize, code }`.
 */
export function presetSpec(preset: Preset, options: number | PresetOptions = {}): ModelSpec {
  const { inputSize = 784, code = PRESET_CODE_SIZES[preset] } =
    typeof options === 'number' ? { inputSize: options } : options;
  switch (preset) {
    case 'mlp':
      return mlpSpec({ inputSize, hiddenSize: 392, bottleneckSize: code });
    case 'deep':
      return mirrored(inputSize, [128, 64, code]);
    case 'sparse':
      return mirrored(inputSize, [code], [{ kind: 'l1-activity', weight: SPARSE_L1 }]);
    case 'conv':
      return convSpec(inputSize, code);
    case 'vae':
      return vaeSpec(inputSize, code);
  }
}
