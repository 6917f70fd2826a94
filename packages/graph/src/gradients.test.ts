import { describe, expect, it } from 'vitest';
import { gradientGraph } from './graphs/model-graphs';
import { batchObjective, lossScalars } from './losses/batch-loss';
import { io } from './io-names';
import type { Activation, ModelSpec } from './model-spec';
import { DataType } from './onnx-proto';
import type { KernelLayout } from './model-spec';
import { parameterLayout } from './parameter-layout';
import { runOnOrt } from './ort.test-helper';

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

function feedsFor(spec: ModelSpec, kernels: KernelLayout, flat: Float64Array, x: Float64Array) {
  const feeds: Record<string, [Float64Array, number[]]> = { [io.x]: [x, [ROWS, spec.inputSize]] };
  for (const p of parameterLayout(spec, kernels)) feeds[p.name] = [flat.slice(p.offset, p.offset + p.size), p.dims];
  return feeds;
}

/** The training loss and each gradient, from one run of the gradient graph. */
async function lossAndGradients(spec: ModelSpec, kernels: KernelLayout, flat: Float64Array, x: Float64Array) {
  const layout = parameterLayout(spec, kernels);
  const graph = gradientGraph(spec, { kernels, float: DataType.DOUBLE });
  const { scale, penaltyScale } = lossScalars(spec, ROWS);
  const hasPenalty = graph.output.some((o) => o.name === io.rowPenalty);
  const out = await runOnOrt(
    graph,
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
    expect(worst).toBeLessThan(1e-6);
  });
});
