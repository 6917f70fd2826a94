import { afterAll, describe, expect, it } from 'vitest';
import { gradientGraph } from './graphs/model-graphs';
import { batchObjective, lossScalars } from './losses/batch-loss';
import { io } from './io-names';
import type { Activation, LayerSpec, ModelSpec } from './model-spec';
import { DataType } from './onnx-proto';
import type { KernelLayout } from './model-spec';
import { latentNoiseWidth } from './model-shape';
import { parameterLayout } from './parameter-layout';
import { ortRunner } from './ort.test-helper';

/** A deterministic stream in (−1, 1). */
function uniform(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

const ROWS = 3;

function smallSpec(hidden: Activation, output: Activation): ModelSpec {
  return {
    inputSize: 5,
    layers: [
      { kind: 'dense', units: 4, activation: hidden },
      { kind: 'dense', units: 2, activation: hidden },
      { kind: 'dense', units: 5, activation: output },
    ],
    encoderLayers: 2,
  };
}

/** `spec` with an L1 activity penalty on its code (after the encoder's last layer). */
function withL1(spec: ModelSpec): ModelSpec {
  const layers = [...spec.layers];
  layers.splice(spec.encoderLayers, 0, { kind: 'l1-activity', weight: 0.05 });
  return { ...spec, layers, encoderLayers: spec.encoderLayers + 1 };
}

/** A variational layer's noise: fixed, so the loss is a function of the parameters. */
function epsFor(spec: ModelSpec): Float64Array {
  const next = uniform(11);
  return Float64Array.from({ length: ROWS * latentNoiseWidth(spec) }, () => 2 * next());
}

function feedsFor(spec: ModelSpec, kernels: KernelLayout, flat: Float64Array, x: Float64Array) {
  const feeds: Record<string, [Float64Array, number[]]> = { [io.x]: [x, [ROWS, spec.inputSize]] };
  const latent = latentNoiseWidth(spec);
  if (latent > 0) feeds[io.eps] = [epsFor(spec), [ROWS, latent]];
  for (const p of parameterLayout(spec, kernels)) feeds[p.name] = [flat.slice(p.offset, p.offset + p.size), p.dims];
  return feeds;
}

/** The training loss and each gradient, from one run of the gradient graph (one ORT session per spec). */
async function lossAndGradients(spec: ModelSpec, kernels: KernelLayout, flat: Float64Array, x: Float64Array) {
  const layout = parameterLayout(spec, kernels);
  const key = `${JSON.stringify(spec)} ${kernels}`;
  if (!runners.has(key)) runners.set(key, ortRunner(gradientGraph(spec, { kernels, float: DataType.DOUBLE })));
  const runner = await runners.get(key)!;
  const { scale, penaltyScale } = lossScalars(spec, ROWS);
  const hasPenalty = spec.layers.some((l) => l.kind === 'l1-activity' || l.kind === 'variational');
  const out = await runner.run(
    {
      ...feedsFor(spec, kernels, flat, x),
      [io.scale]: [Float64Array.of(scale), []],
      ...(hasPenalty ? { [io.penaltyScale]: [Float64Array.of(penaltyScale), []] as [Float64Array, number[]] } : {}),
    },
    [io.rowLoss, ...(hasPenalty ? [io.rowPenalty] : []), ...layout.map((p) => io.grad(p.name))],
  );
  const sum = (name: string) => (out[name] ? Array.from(out[name]!).reduce((a, b) => a + b, 0) : 0);
  return { loss: batchObjective(spec, sum(io.rowLoss), sum(io.rowPenalty), ROWS), grads: out, layout };
}

const runners = new Map<string, ReturnType<typeof ortRunner>>();
afterAll(async () => {
  for (const r of runners.values()) await (await r).release();
});

/** A convolutional autoencoder on `side`×`side` images: reshape → conv → … → conv-transpose → flatten. */
function convSpec(channels: number, side: number, middle: LayerSpec[], loss: ModelSpec['loss'] = 'mse'): ModelSpec {
  return {
    inputSize: channels * side * side,
    layers: [
      { kind: 'reshape', shape: [channels, side, side] },
      ...middle,
      { kind: 'reshape', shape: [channels * side * side] },
    ],
    encoderLayers: 2,
    loss,
  };
}

/** 5 → 4 (activation) → variational 2 → 4 (relu) → 5 (sigmoid), the VAE's shape in small. */
function vaeSpec(hidden: Activation, loss: ModelSpec['loss']): ModelSpec {
  return {
    inputSize: 5,
    layers: [
      { kind: 'dense', units: 4, activation: hidden },
      { kind: 'variational', latent: 2 },
      { kind: 'dense', units: 4, activation: 'relu' },
      { kind: 'dense', units: 5, activation: 'sigmoid' },
    ],
    encoderLayers: 2,
    loss,
  };
}

/**
 * Every layer kind's, activation's and loss's vjp against central differences of the loss, in
 * float64 on ONNX Runtime: the emitted gradient graph must be the derivative of the emitted
 * forward graph and loss.
 */
describe('gradients by finite differences (float64)', () => {
  const cases: [string, ModelSpec, KernelLayout][] = [
    ['relu → sigmoid, MSE', smallSpec('relu', 'sigmoid'), 'in-out'],
    ['relu → sigmoid, MSE, [out, in] kernels', smallSpec('relu', 'sigmoid'), 'out-in'],
    ['tanh → linear, MSE', smallSpec('tanh', 'linear'), 'in-out'],
    ['leaky relu → tanh, MSE', smallSpec('leaky-relu', 'tanh'), 'out-in'],
    ['sigmoid → relu, MSE', smallSpec('sigmoid', 'relu'), 'in-out'],
    ['relu → sigmoid, BCE (mean)', { ...smallSpec('relu', 'sigmoid'), loss: 'bce' }, 'in-out'],
    ['relu → sigmoid, BCE (sum)', { ...smallSpec('relu', 'sigmoid'), loss: 'bce-sum' }, 'out-in'],
    ['a sparse code (L1 activity) on tanh, MSE', withL1(smallSpec('tanh', 'sigmoid')), 'in-out'],
    ['a sparse code (L1 activity) on relu, BCE', { ...withL1(smallSpec('relu', 'sigmoid')), loss: 'bce' }, 'out-in'],
    [
      'conv k3 s2 p1 (tanh) → conv-transpose k3 s2 p1, 5×5, MSE',
      convSpec(1, 5, [
        { kind: 'conv2d', channels: 2, kernel: 3, stride: 2, padding: 1, activation: 'tanh' },
        { kind: 'conv-transpose2d', channels: 1, kernel: 3, stride: 2, padding: 1, activation: 'sigmoid' },
      ]),
      'in-out',
    ],
    [
      'conv with a remainder (6×6, relu) → conv-transpose with outputPadding 1, BCE',
      convSpec(
        1,
        6,
        [
          { kind: 'conv2d', channels: 2, kernel: 3, stride: 2, padding: 1, activation: 'leaky-relu' },
          {
            kind: 'conv-transpose2d',
            channels: 1,
            kernel: 3,
            stride: 2,
            padding: 1,
            outputPadding: 1,
            activation: 'sigmoid',
          },
        ],
        'bce',
      ),
      'out-in',
    ],
    [
      'conv k4 s3 p2, 2 channels in, → conv-transpose k4 s3 p2 outputPadding 1, linear',
      convSpec(2, 7, [
        { kind: 'conv2d', channels: 2, kernel: 4, stride: 3, padding: 2, activation: 'sigmoid' },
        {
          kind: 'conv-transpose2d',
          channels: 2,
          kernel: 4,
          stride: 3,
          padding: 2,
          outputPadding: 1,
          activation: 'linear',
        },
      ]),
      'in-out',
    ],
    [
      'conv k2 s1 p0 → flatten → dense code → reshape → conv-transpose k2 s1',
      convSpec(1, 4, [
        { kind: 'conv2d', channels: 2, kernel: 2, activation: 'relu' },
        { kind: 'reshape', shape: [18] },
        { kind: 'dense', units: 3, activation: 'tanh' },
        { kind: 'dense', units: 18, activation: 'relu' },
        { kind: 'reshape', shape: [2, 3, 3] },
        { kind: 'conv-transpose2d', channels: 1, kernel: 2, activation: 'sigmoid' },
      ]),
      'out-in',
    ],
    ['variational (tanh), BCE summed: the VAE’s loss with KL', vaeSpec('tanh', 'bce-sum'), 'in-out'],
    ['variational (relu), BCE summed, [out, in] kernels', vaeSpec('relu', 'bce-sum'), 'out-in'],
    ['variational, MSE (KL averaged over rows)', vaeSpec('sigmoid', 'mse'), 'in-out'],
  ];
  it.each(cases)('%s', async (_, spec, kernels) => {
    const next = uniform(7);
    const size = parameterLayout(spec).reduce((n, p) => n + p.size, 0);
    const flat = Float64Array.from({ length: size }, () => next());
    const x = Float64Array.from({ length: ROWS * spec.inputSize }, () => (next() + 1) / 2);
    const { grads, layout } = await lossAndGradients(spec, kernels, flat, x);
    const h = 1e-6;
    let worst = 0;
    for (const p of layout) {
      const analytic = grads[io.grad(p.name)]!;
      for (let i = 0; i < p.size; i++) {
        const plus = flat.slice();
        const minus = flat.slice();
        plus[p.offset + i]! += h;
        minus[p.offset + i]! -= h;
        const numeric =
          ((await lossAndGradients(spec, kernels, plus, x)).loss -
            (await lossAndGradients(spec, kernels, minus, x)).loss) /
          (2 * h);
        worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1e-4, Math.abs(numeric)));
      }
    }
    console.log(`FD worst relative error, ${_}: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-6);
  });
});
