import { describe, expect, it } from 'vitest';
import { gradientGraph, evaluationGraph } from './graphs/model-graphs';
import { io } from './io-names';
import { mse } from './losses/mse';
import type { Activation, ModelSpec } from './model-spec';
import { DataType } from './onnx-proto';
import { type KernelLayout, parameterLayout } from './parameter-layout';
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

function feedsFor(spec: ModelSpec, kernels: KernelLayout, flat: Float64Array, x: Float64Array) {
  const feeds: Record<string, [Float64Array, number[]]> = { [io.x]: [x, [ROWS, spec.inputSize]] };
  for (const p of parameterLayout(spec, kernels)) feeds[p.name] = [flat.slice(p.offset, p.offset + p.size), p.dims];
  return feeds;
}

/**
 * Every layer kind's and activation's vjp against central differences of the loss, in float64 on
 * ONNX Runtime: the emitted gradient graph must be the derivative of the emitted forward graph.
 */
describe('gradients by finite differences (float64)', () => {
  const cases: [Activation, Activation, KernelLayout][] = [
    ['relu', 'sigmoid', 'in-out'],
    ['relu', 'sigmoid', 'out-in'],
    ['tanh', 'linear', 'in-out'],
    ['leaky-relu', 'tanh', 'out-in'],
    ['sigmoid', 'relu', 'in-out'],
  ];
  it.each(cases)('hidden %s, output %s, kernels %s', async (hidden, output, kernels) => {
    const spec = smallSpec(hidden, output);
    const options = { kernels, float: DataType.DOUBLE };
    const layout = parameterLayout(spec, kernels);
    const size = layout.reduce((n, p) => n + p.size, 0);
    const next = uniform(7);
    const flat = Float64Array.from({ length: size }, () => next());
    const x = Float64Array.from({ length: ROWS * spec.inputSize }, () => (next() + 1) / 2);
    const scale = new Float64Array([mse.scale(ROWS, spec.inputSize)]);
    const grads = await runOnOrt(
      gradientGraph(spec, options),
      { ...feedsFor(spec, kernels, flat, x), [io.scale]: [scale, []] },
      layout.map((p) => io.grad(p.name)),
    );
    const evaluation = evaluationGraph(spec, options);
    const loss = async (params: Float64Array) => {
      const out = await runOnOrt(evaluation, feedsFor(spec, kernels, params, x), [io.rowLoss]);
      return mse.mean(
        Array.from(out[io.rowLoss]!).reduce((a, b) => a + b, 0),
        ROWS,
        spec.inputSize,
      );
    };
    const h = 1e-6;
    let worst = 0;
    for (const p of layout) {
      const analytic = grads[io.grad(p.name)]!;
      for (let i = 0; i < p.size; i++) {
        const plus = flat.slice();
        const minus = flat.slice();
        plus[p.offset + i]! += h;
        minus[p.offset + i]! -= h;
        const numeric = ((await loss(plus)) - (await loss(minus))) / (2 * h);
        worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(1e-4, Math.abs(numeric)));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });
});
