import type { AutoencoderConfig } from '@bottleneck/autoencoder';
import type { BatchFormat } from '@bottleneck/train';
import { type Dim, GraphBuilder } from './graph-builder';
import { DataType } from './onnx-proto';

/** One of the model's eight parameter tensors, in `model.parameters` order. */
export interface ParameterInfo {
  name: string;
  dims: number[];
  size: number;
}

/**
 * How a graph stores each kernel: `[in, out]` as tfjs and `Autoencoder` do, or `[out, in]` as
 * PyTorch's nn.Linear does.
 */
export type KernelLayout = 'in-out' | 'out-in';

/** kernel then bias `[out]` for each layer, in `Autoencoder.parameters` order. */
export function parameterLayout(c: AutoencoderConfig, kernels: KernelLayout = 'in-out'): ParameterInfo[] {
  const sizes = [c.inputSize, c.hiddenSize, c.bottleneckSize, c.hiddenSize, c.inputSize];
  return sizes.slice(1).flatMap((out, i) => {
    const inp = sizes[i]!;
    return [
      { name: `w${i + 1}`, dims: kernels === 'in-out' ? [inp, out] : [out, inp], size: inp * out },
      { name: `b${i + 1}`, dims: [out], size: out },
    ];
  });
}

export interface AdamConstants {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** Names of the graph's inputs and outputs that the engine binds. */
export const io = {
  x: 'x',
  /** Denoising training's clean rows; otherwise the target is `x`. */
  target: 'target',
  /** 2 / (rows · features): d mean / d error, fed per run since the last batch can be short. */
  scale: 'scale',
  /** lr / (1 − β1ᵗ), fed per step. */
  stepSize: 'step_size',
  /** √(1 − β2ᵗ), fed per step. */
  bc2Sqrt: 'bc2_sqrt',
  rowSse: 'row_sse',
  m: (p: string) => `m_${p}`,
  v: (p: string) => `v_${p}`,
  next: (name: string) => `${name}_next`,
};

const ROWS: Dim = 'rows';

/** A `[rows, features]` input of images as float32 values, or as bytes k turned into k/255. */
function imageInput(g: GraphBuilder, name: string, features: number, format: BatchFormat): string {
  // float32 division rounds exactly as the JS table of k/255 does
  return format === 'uint8'
    ? g.op('Div', [
        g.op('Cast', [g.input(name, [ROWS, features], DataType.UINT8)], { to: DataType.FLOAT }),
        g.scalar(255),
      ])
    : g.input(name, [ROWS, features]);
}

/**
 * The forward pass from `x` through the four layers; returns each layer's input, the output and
 * the per-row squared error `row_sse` `[rows]` (declared an output) against `x`, or, with
 * `denoising`, against a separate input `target` (`x` is then float32 corrupted rows).
 */
function forward(
  g: GraphBuilder,
  c: AutoencoderConfig,
  params: ParameterInfo[],
  kernels: KernelLayout,
  batch: BatchFormat,
  denoising = false,
) {
  const x = imageInput(g, io.x, c.inputSize, denoising ? 'float32' : batch);
  const target = denoising ? imageInput(g, io.target, c.inputSize, batch) : x;
  for (const p of params) g.input(p.name, p.dims);
  const inputs: string[] = [];
  let h = x;
  for (let i = 0; i < 4; i++) {
    inputs.push(h);
    const z = g.op('Gemm', [h, `w${i + 1}`, `b${i + 1}`], kernels === 'in-out' ? {} : { transB: 1 });
    h = g.op(i === 3 ? 'Sigmoid' : 'Relu', [z]);
  }
  const diff = g.op('Sub', [h, target]);
  g.op('ReduceSumSquare', [diff], { axes: [1], keepdims: 0 }, io.rowSse);
  g.output(io.rowSse, [ROWS]);
  return { inputs, y: h, diff };
}

/** Per-row squared errors of the reconstruction: the evaluation graph. */
export function buildEvaluationGraph(
  c: AutoencoderConfig,
  kernels: KernelLayout = 'in-out',
  batch: BatchFormat = 'float32',
): Uint8Array {
  const g = new GraphBuilder();
  forward(g, c, parameterLayout(c, kernels), kernels, batch);
  return g.build('bottleneck_evaluate');
}

/** Adam's update of one parameter tensor, `torch.optim.Adam` with L2 weight decay. */
function adamUpdate(g: GraphBuilder, p: ParameterInfo, grad: string, adam: AdamConstants): void {
  const m = g.input(io.m(p.name), p.dims);
  const v = g.input(io.v(p.name), p.dims);
  const gd = adam.weightDecay === 0 ? grad : g.op('Add', [grad, g.op('Mul', [p.name, g.scalar(adam.weightDecay)])]);
  // m ← m + (1−β1)(g − m) (torch's lerp);  v ← β2·v + (1−β2)·g²
  const mNext = g.op('Add', [m, g.op('Mul', [g.op('Sub', [gd, m]), g.scalar(1 - adam.beta1)])], {}, io.next(m));
  const g2 = g.op('Mul', [gd, gd]);
  const vNext = g.op(
    'Add',
    [g.op('Mul', [v, g.scalar(adam.beta2)]), g.op('Mul', [g2, g.scalar(1 - adam.beta2)])],
    {},
    io.next(v),
  );
  // p ← p − stepSize · m / (√v / √(1−β2ᵗ) + eps)
  const denom = g.op('Add', [g.op('Div', [g.op('Sqrt', [vNext]), io.bc2Sqrt]), g.scalar(adam.eps)]);
  g.op('Sub', [p.name, g.op('Div', [g.op('Mul', [mNext, io.stepSize]), denom])], {}, io.next(p.name));
  for (const name of [p.name, m, v]) g.output(io.next(name), p.dims);
}

/**
 * One whole training step as one graph: forward, the hand-derived backward pass of the mean
 * squared error, and Adam on every parameter. With y = σ(z4) and L = Σ(y − x)² / N:
 * dz4 = 2/N·(y − x)·y·(1 − y); per layer dW = hᵀ·dz, db = Σ_rows dz, dh = dz·Wᵀ, and through
 * ReLU dz = dh where h > 0. Every product is a Gemm with a transpose flag: no copies. With
 * `denoising`, `x` is float32 corrupted rows and the loss compares with the input `target`.
 */
export function buildTrainingGraph(
  c: AutoencoderConfig,
  adam: AdamConstants,
  kernels: KernelLayout = 'in-out',
  batch: BatchFormat = 'float32',
  denoising = false,
): Uint8Array {
  const g = new GraphBuilder();
  const params = parameterLayout(c, kernels);
  const { inputs, y, diff } = forward(g, c, params, kernels, batch, denoising);
  g.input(io.scale, []);
  g.input(io.stepSize, []);
  g.input(io.bc2Sqrt, []);
  // every gradient is linear in dz4, so 2/N multiplies the eight parameter-sized gradients
  // instead of the [rows, 784] dz4: one pass over the batch fewer
  let dz = g.op('Mul', [diff, g.op('Mul', [y, g.op('Sub', [g.scalar(1), y])])]);
  const axis0 = g.int64s([0]);
  const zero = g.scalar(0);
  for (let i = 3; i >= 0; i--) {
    const h = inputs[i]!;
    // [in, out]: hᵀ·dz; [out, in]: dzᵀ·h
    const dWsum = kernels === 'in-out' ? g.op('Gemm', [h, dz], { transA: 1 }) : g.op('Gemm', [dz, h], { transA: 1 });
    const dW = g.op('Mul', [dWsum, io.scale]);
    const db = g.op('Mul', [g.op('ReduceSum', [dz, axis0], { keepdims: 0 }), io.scale]);
    if (i > 0) {
      const dh = g.op('Gemm', [dz, `w${i + 1}`], kernels === 'in-out' ? { transB: 1 } : {});
      // h = relu(z): the gradient passes exactly where h > 0
      dz = g.op('Where', [g.op('Greater', [h, zero]), dh, zero]);
    }
    adamUpdate(g, params[2 * i]!, dW, adam);
    adamUpdate(g, params[2 * i + 1]!, db, adam);
  }
  return g.build('bottleneck_train_step');
}
