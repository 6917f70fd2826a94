import { Pcg64 } from '@bottleneck/autoencoder';
import { type EngineSpec, localEngine } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import { engineSpec, maxAbsDiff } from './engine-spec.test-helper';
import { onnxEngine } from './onnx-engine';
import { loadOnnxRuntimeNode } from './node';

const SIZES = { inputSize: 20, hiddenSize: 9, bottleneckSize: 3 };

function spec(maxRows: number, weightDecay = 1e-2): EngineSpec {
  return engineSpec(SIZES, 3, { maxRows, weightDecay });
}

function batch(rows: number, seed: number): Float32Array {
  const out = new Float32Array(rows * SIZES.inputSize);
  new Pcg64(seed).uniform(0, 1, out);
  return out;
}

describe('OnnxEngine', async () => {
  const ort = await loadOnnxRuntimeNode();

  it('takes the same Adam steps as the tfjs interpreter on the same graph, short last batch included', async () => {
    const s = spec(16);
    const onnx = await onnxEngine(ort, { threads: 1 })(s);
    const reference = await localEngine()(s);
    const start = onnx.parameters();
    for (const [k, rows] of [16, 16, 5, 1, 16].entries()) {
      const x = batch(rows, k);
      const [a, b] = [await onnx.step(x, rows), await reference.step(x, rows)];
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * b);
    }
    const moved = maxAbsDiff(start, reference.parameters());
    expect(moved).toBeGreaterThan(1e-2);
    expect(maxAbsDiff(onnx.parameters(), reference.parameters())).toBeLessThan(1e-5 * moved);
    const [mo, mr] = [onnx.optimizerState(), reference.optimizerState()];
    expect(mo.step).toBe(5);
    expect(maxAbsDiff(mo.m, mr.m)).toBeLessThan(1e-6);
    expect(maxAbsDiff(mo.v, mr.v)).toBeLessThan(1e-7);
    const x = batch(11, 9);
    expect(await onnx.sumSquaredError(x, 11)).toBeCloseTo(await reference.sumSquaredError(x, 11), 5);
    await onnx.dispose();
    await reference.dispose();
  });

  it('takes the same steps as the tfjs interpreter for a sparse code under BCE (penalty and loss emitted once)', async () => {
    const base = spec(16);
    const layers = [...base.model.layers];
    layers.splice(2, 0, { kind: 'l1-activity', weight: 0.01 });
    const sparse: EngineSpec = { ...base, model: { ...base.model, layers, encoderLayers: 3, loss: 'bce' } };
    const onnx = await onnxEngine(ort, { threads: 1 })(sparse);
    const reference = await localEngine()(sparse);
    const plain = await localEngine()({
      ...sparse,
      model: { ...sparse.model, layers: base.model.layers, encoderLayers: 2 },
    });
    for (const [k, rows] of [16, 16, 5].entries()) {
      const x = batch(rows, k);
      const [a, b, c] = [await onnx.step(x, rows), await reference.step(x, rows), await plain.step(x, rows)];
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * b);
      // the penalty is part of the loss: without the L1 layer it is lower
      if (k === 0) expect(b).toBeGreaterThan(c);
    }
    expect(maxAbsDiff(onnx.parameters(), reference.parameters())).toBeLessThan(1e-5);
    await Promise.all([onnx.dispose(), reference.dispose(), plain.dispose()]);
  });

  it('takes 8-bit batches (the graph divides by 255) to exactly the float32 result', async () => {
    const s = spec(16);
    const bytes = await onnxEngine(ort)({ ...s, offered: 'uint8' });
    const floats = await onnxEngine(ort)(s);
    expect(bytes.batchFormat).toBe('uint8');
    for (let k = 0; k < 3; k++) {
      const b = Uint8Array.from({ length: 16 * SIZES.inputSize }, (_, i) => (i * 37 + k * 11) % 256);
      const f = Float32Array.from(b, (v) => v / 255);
      expect(await bytes.step(b, 16)).toBe(await floats.step(f, 16));
    }
    expect(bytes.parameters()).toEqual(floats.parameters());
    await expect(bytes.step(new Float32Array(16 * SIZES.inputSize), 16)).rejects.toThrow(
      /a float32 batch, expected uint8/,
    );
    await bytes.dispose();
    await floats.dispose();
  });

  it('trains a denoising step on float32 corrupted inputs against 8-bit clean targets, as tfjs does', async () => {
    const s = { ...spec(16), denoising: true };
    const onnx = await onnxEngine(ort)({ ...s, offered: 'uint8' });
    const reference = await localEngine()(s);
    const start = onnx.parameters();
    for (let k = 0; k < 3; k++) {
      const clean = Uint8Array.from({ length: 16 * SIZES.inputSize }, (_, i) => (i * 37 + k * 11) % 256);
      const noisy = batch(16, k);
      const [a, b] = [
        await onnx.step(noisy, 16, clean),
        await reference.step(
          noisy,
          16,
          Float32Array.from(clean, (v) => v / 255),
        ),
      ];
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * b);
    }
    const moved = maxAbsDiff(start, reference.parameters());
    expect(maxAbsDiff(onnx.parameters(), reference.parameters())).toBeLessThan(1e-5 * moved);
    await expect(onnx.step(batch(16, 0), 16)).rejects.toThrow(/clean targets go with denoising/);
    await onnx.dispose();
    await reference.dispose();
  });

  it('restores a state and continues from it exactly', async () => {
    const s = spec(8, 0);
    const a = await onnxEngine(ort)(s);
    for (let k = 0; k < 3; k++) await a.step(batch(8, k), 8);
    const b = await onnxEngine(ort)(s);
    b.restore(a.parameters(), a.optimizerState());
    a.lr = b.lr = 3e-3;
    expect(await b.step(batch(8, 7), 8)).toBe(await a.step(batch(8, 7), 8));
    expect(b.parameters()).toEqual(a.parameters());
    await a.dispose();
    await b.dispose();
  });

  it('refuses a batch larger than it was sized for', async () => {
    const engine = await onnxEngine(ort)(spec(4));
    await expect(engine.step(batch(5, 0), 5)).rejects.toThrow(/5 rows, expected 1..4/);
    await engine.dispose();
  });
});
