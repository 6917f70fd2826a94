import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gradientGraph } from '../graphs/model-graphs';
import { io } from '../io-names';
import { lossScalars } from '../losses/batch-loss';
import type { ModelSpec } from '../model-spec';
import { runOnOrt } from '../ort.test-helper';
import { parameterLayout } from '../parameter-layout';
import { presetSpec } from '../presets';
import { GraphInterpreter } from './interpreter';

/** Values in [-0.2, 0.2) from a fixed integer sequence: the same feeds for every executor. */
const values = (n: number, salt: number) =>
  Float32Array.from({ length: n }, (_, i) => (((i * 7919 + salt) % 1000) / 1000 - 0.5) * 0.4);

/** Every gradient and the row losses of one batch, on ORT and on the interpreter with and without its lowerings. */
async function gradientsEverywhere(spec: ModelSpec, rows: number) {
  const graph = gradientGraph(spec);
  const layout = parameterLayout(spec);
  const x = Float32Array.from(values(rows * spec.inputSize, 1), (v) => v + 0.5);
  const feeds: Record<string, [Float32Array, number[]]> = {
    [io.x]: [x, [rows, spec.inputSize]],
    [io.scale]: [Float32Array.of(lossScalars(spec, rows).scale), []],
  };
  if (graph.input.some((i) => i.name === io.penaltyScale)) {
    feeds[io.penaltyScale] = [Float32Array.of(lossScalars(spec, rows).penaltyScale), []];
  }
  layout.forEach((p, k) => {
    feeds[p.name] = [values(p.size, k + 2), p.dims];
  });
  const fetch = [io.rowLoss, ...layout.map((p) => io.grad(p.name))];
  const ort = await runOnOrt(graph, feeds, fetch);
  const onTfjs = (wasmLowerings: boolean) => {
    const interpreter = new GraphInterpreter(graph, { wasmLowerings });
    const tensors = Object.fromEntries(Object.entries(feeds).map(([n, [v, d]]) => [n, tf.tensor(v, d)]));
    const out = interpreter.run(tensors, fetch);
    const result = Object.fromEntries(fetch.map((n) => [n, out[n]!.dataSync() as Float32Array]));
    tf.dispose([...Object.values(tensors), ...Object.values(out)]);
    interpreter.dispose();
    return result;
  };
  return { fetch, ort, plain: onTfjs(false), lowered: onTfjs(true) };
}

function worstRelative(a: Record<string, ArrayLike<number>>, b: Record<string, ArrayLike<number>>, names: string[]) {
  let worst = 0;
  for (const name of names) {
    const [x, y] = [a[name]!, b[name]!];
    const scale = Math.max(...Array.from(y, Math.abs));
    for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / scale);
  }
  return worst;
}

describe('GraphInterpreter', () => {
  it.each([
    ['the lab MLP', presetSpec('mlp', 64)],
    ['the sparse preset (BCE, L1 penalty)', presetSpec('sparse', 64)],
    ['the conv preset (convolutions and their weight gradients)', presetSpec('conv', 144)],
  ])('computes the gradients ONNX Runtime computes, with and without its wasm lowerings: %s', async (_, spec) => {
    const { fetch, ort, plain, lowered } = await gradientsEverywhere(spec, 12);
    expect(worstRelative(plain, ort, fetch)).toBeLessThan(1e-5);
    expect(worstRelative(lowered, ort, fetch)).toBeLessThan(1e-5);
    // the gradients are not all zero: a dead ReLU layer would make the comparison empty
    expect(fetch.slice(1).every((n) => Math.max(...Array.from(ort[n]!, Math.abs)) > 0)).toBe(true);
  });
});
