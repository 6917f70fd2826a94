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

/**
 * A reshape of each row (the rows dimension stays implicit): to `[1, 28, 28]` before a
 * convolution, or to `[n]` to flatten after one. The model's input and output rows are flat.
 */
export interface ReshapeSpec {
  kind: 'reshape';
  shape: number[];
}

/**
 * PyTorch's `nn.Conv2d(in, channels, kernel, stride, padding)` and an activation, on rows of
 * shape `[C, H, W]`: weight `[channels, C, kernel, kernel]` (ONNX Conv's layout), bias `[channels]`.
 */
export interface Conv2dSpec {
  kind: 'conv2d';
  channels: number;
  kernel: number;
  /** Default 1. */
  stride?: number;
  /** Zeros on every side; default 0. */
  padding?: number;
  activation: Activation;
}

/**
 * PyTorch's `nn.ConvTranspose2d(in, channels, kernel, stride, padding, output_padding)` and an
 * activation: weight `[C, channels, kernel, kernel]`, bias `[channels]`; output side
 * (H − 1)·stride − 2·padding + kernel + outputPadding.
 */
export interface ConvTranspose2dSpec {
  kind: 'conv-transpose2d';
  channels: number;
  kernel: number;
  /** Default 1. */
  stride?: number;
  /** Default 0. */
  padding?: number;
  /** Extra rows and columns at the bottom and right, less than the stride; default 0. */
  outputPadding?: number;
  activation: Activation;
}

/**
 * A VAE's bottleneck (pytorch/examples vae: fc21, fc22): μ = x·Wμ + bμ and log σ² = x·Wv + bv,
 * z = μ + exp(½·log σ²)·ε with ε ~ N(0, 1) fed per row while training, z = μ otherwise; the KL
 * divergence −½·Σ(1 + log σ² − μ² − σ²) of each row joins the loss as a penalty.
 */
export interface VariationalSpec {
  kind: 'variational';
  latent: number;
}

/** One layer of a model. Open to more kinds: each kind has its own file under `layers/`. */
export type LayerSpec = DenseSpec | L1ActivitySpec | ReshapeSpec | Conv2dSpec | ConvTranspose2dSpec | VariationalSpec;

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
 * How a format stores each dense kernel (dense and variational layers; convolution weights have
 * one layout, ONNX's and PyTorch's): `[in, out]` as tfjs and model.json do, or `[out, in]` as
 * PyTorch's `nn.Linear` (safetensors) does.
 */
export type KernelLayout = 'in-out' | 'out-in';
