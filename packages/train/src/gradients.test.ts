import { createAutoencoder } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lossAndGradients } from './gradients';

/** float64 forward pass and MSE against `target` (default: x) in plain JS, independent of tfjs. */
function loss64(ws: Float64Array[], sizes: [number, number][], x: number[][], target = x): number {
  let h = x;
  sizes.forEach(([fi, fo], l) => {
    const w = ws[2 * l]!;
    const b = ws[2 * l + 1]!;
    const last = l === sizes.length - 1;
    h = h.map((row) =>
      Array.from({ length: fo }, (_, j) => {
        let s = b[j]!;
        for (let i = 0; i < fi; i++) s += row[i]! * w[i * fo + j]!;
        return last ? 1 / (1 + Math.exp(-s)) : Math.max(0, s);
      }),
    );
  });
  let sse = 0;
  h.forEach((row, r) => {
    row.forEach((v, j) => {
      sse += (v - target[r]![j]!) ** 2;
    });
  });
  return sse / (x.length * x[0]!.length);
}

describe('lossAndGradients', () => {
  // denoising: the input is a corrupted copy and the loss compares with the clean rows
  it.each([
    ['the input itself', false],
    ['separate clean targets', true],
  ])('matches central finite differences of a float64 reference, target %s', (_, denoising) => {
    const model = createAutoencoder({ inputSize: 7, hiddenSize: 5, bottleneckSize: 3, seed: 11 });
    const x = Array.from({ length: 4 }, (_, r) => Array.from({ length: 7 }, (_, j) => ((r * 7 + j) * 0.37) % 1));
    const target = denoising ? x.map((row) => row.map((v, j) => (v + 0.3 * j) % 1)) : x;
    const sizes = model.layers.map((l) => [l.inputSize, l.outputSize] as [number, number]);
    const ws = model.parameters.map((p) => Float64Array.from(p.dataSync()));

    const xt = tf.tensor2d(x);
    const { loss, grads } = lossAndGradients(model, xt, 1, denoising ? Float32Array.from(target.flat()) : undefined);
    expect(loss.dataSync()[0]).toBeCloseTo(loss64(ws, sizes, x, target), 6);

    const h = 1e-6;
    let checked = 0;
    ws.forEach((w, k) => {
      const g = grads[k]!.dataSync();
      expect(g.length).toBe(w.length);
      for (let i = 0; i < w.length; i++) {
        const orig = w[i]!;
        w[i] = orig + h;
        const up = loss64(ws, sizes, x, target);
        w[i] = orig - h;
        const down = loss64(ws, sizes, x, target);
        w[i] = orig;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-5 + 1e-3 * Math.abs(fd));
        checked++;
      }
    });
    expect(checked).toBe(model.parameterCount());
    // the check is only meaningful if gradients are not all zero
    expect(grads.some((g) => g.dataSync().some((v) => Math.abs(v) > 1e-4))).toBe(true);
    tf.dispose([xt, loss, ...grads]);
    model.dispose();
  });

  it('scales gradients by lossScale and leaks nothing', () => {
    const model = createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed: 2 });
    const x = tf.randomUniform([3, 6], 0, 1, 'float32', 1) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const a = lossAndGradients(model, x);
    const b = lossAndGradients(model, x, 0.25);
    a.grads.forEach((g, i) => {
      const ga = g.dataSync();
      const gb = b.grads[i]!.dataSync();
      ga.forEach((v, j) => {
        expect(gb[j]).toBeCloseTo(v * 0.25, 7);
      });
    });
    tf.dispose([a.loss, b.loss, ...a.grads, ...b.grads]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});
