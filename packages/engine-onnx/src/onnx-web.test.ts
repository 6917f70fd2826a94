import { Pcg64 } from '@bottleneck/autoencoder';
import { localEngine } from '@bottleneck/train';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { engineSpec, maxAbsDiff } from './engine-spec.test-helper';
import { type OnnxRuntime, onnxEngine } from './onnx-engine';

// Node has no Web Workers: onnxruntime-web's wasm runs on this thread
ortWeb.env.wasm.numThreads = 1;
const ort = ortWeb as unknown as OnnxRuntime;
const SIZES = { inputSize: 20, hiddenSize: 9, bottleneckSize: 3 };

describe('OnnxEngine on onnxruntime-web (wasm), as the page runs it', () => {
  it('takes the same Adam steps as the tfjs interpreter, copying the new state out of its results', async () => {
    const spec = engineSpec(SIZES, 3, { maxRows: 16, weightDecay: 1e-2 });
    const onnx = await onnxEngine(ort, { provider: 'wasm', outputsInPlace: false })(spec);
    const reference = await localEngine()(spec);
    const start = onnx.parameters();
    for (const [k, rows] of [16, 16, 5].entries()) {
      const x = new Float32Array(rows * SIZES.inputSize);
      new Pcg64(k).uniform(0, 1, x);
      const [a, b] = [await onnx.step(x, rows), await reference.step(x, rows)];
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * b);
    }
    const moved = maxAbsDiff(start, reference.parameters());
    expect(moved).toBeGreaterThan(1e-2);
    expect(maxAbsDiff(onnx.parameters(), reference.parameters())).toBeLessThan(1e-5 * moved);
    await Promise.all([onnx.dispose(), reference.dispose()]);
  });
});
