/** A dense layer's nonlinearity; `linear` is none. */
export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'leaky-relu' | 'linear';

/** A fully connected layer, `y = activation(x·W + b)`: PyTorch's `nn.Linear` and an activation. */
export interface DenseSpec {
  kind: 'dense';
  units: number;
  activation: Activation;
}

/**
 * An L1 penalty on the activity passing through (Keras `ActivityRegularization(l1=…)`, a sparse
 * autoencoder's code): y = x, and the loss gains weight · Σ|x| per row, averaged over rows.
 */
export interface L1ActivitySpec {
  kind: 'l1-activity';
  weight: number;
}

/** One layer of a model. Open to more kinds: each kind has its own file under `layers/`. */
export type LayerSpec = DenseSpec | L1ActivitySpec;

/** The reconstruction losses: `nn.MSELoss()`, `nn.BCELoss()`, BCE summed per image (the VAE's). */
export type LossName = 'mse' | 'bce' | 'bce-sum';

/**
 * A model as plain data: the size of one flattened input and its layers in order. The first
 * `encoderLayers` layers map an input to its code; the rest decode the code.
 */
export interface ModelSpec {
  inputSize: number;
  layers: readonly LayerSpec[];
  encoderLayers: number;
  /** The reconstruction loss (default `mse`, the lab's). */
  loss?: LossName;
}

/** The lab's sizes: input, hidden and bottleneck widths. */
export interface MlpSizes {
  inputSize: number;
  hiddenSize: number;
  bottleneckSize: number;
}

/** The lab's MLP: input → hidden (ReLU) → bottleneck (ReLU) → hidden (ReLU) → input (sigmoid). */
export function mlpSpec({ inputSize, hiddenSize, bottleneckSize }: MlpSizes): ModelSpec {
  const dense = (units: number, activation: Activation): DenseSpec => ({ kind: 'dense', units, activation });
  return {
    inputSize,
    layers: [
      dense(hiddenSize, 'relu'),
      dense(bottleneckSize, 'relu'),
      dense(hiddenSize, 'relu'),
      dense(inputSize, 'sigmoid'),
    ],
    encoderLayers: 2,
  };
}

/**
 * How a format stores each kernel: `[in, out]` as tfjs and model.json do, or `[out, in]` as
 * PyTorch's `nn.Linear` (safetensors) does.
 */
export type KernelLayout = 'in-out' | 'out-in';
