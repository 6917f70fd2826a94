import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAutoencoder, Pcg64, readParameters } from '@bottleneck/autoencoder';
import { defaultMnistDir, loadMnist } from '@bottleneck/mnist/node';
import { onnxNodeEngine } from '@bottleneck/engine-onnx/node';
import { ADAM_DEFAULTS, Adam, LocalGradients } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

// The NumPy reference of the lab lives beside the project (../shared), and needs numpy.
const REFERENCE = fileURLToPath(new URL('../../../../shared/bench/numpy_lab1.py', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../test/numpy_parity.py', import.meta.url));
const hasNumpy = (() => {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return existsSync(REFERENCE);
  } catch {
    return false;
  }
})();

const STEPS = 10;

describe.skipIf(!hasNumpy)('parity with the NumPy reference', () => {
  let dir = '';
  let npLosses: number[] = [];
  const bytes = (name: string) => {
    const b = readFileSync(join(dir, name));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parity-'));
    npLosses = execFileSync('python3', [SCRIPT, REFERENCE, defaultMnistDir(), String(STEPS), dir], { encoding: 'utf8' })
      .trim()
      .split(' ')
      .map(Number);
  });

  it('draws the same initial weights and epoch order from the same seed', async () => {
    await tf.setBackend('wasm');
    const random = new Pcg64(0);
    const model = createAutoencoder({ random });
    const ours = readParameters(model);
    // bit for bit: the same doubles, rounded to float32 the same way
    expect(Buffer.from(ours.buffer).equals(Buffer.from(bytes('init.bin')))).toBe(true);
    expect(Buffer.from(random.permutation(60000).buffer).equals(Buffer.from(bytes('perm.bin')))).toBe(true);
    model.dispose();
  });

  it('takes the same 10 steps from the same init and batch order', async () => {
    const steps = STEPS;
    const init = new Float32Array(bytes('init.bin'));
    const after = new Float32Array(bytes('after.bin'));
    const perm = new Uint32Array(bytes('perm.bin'));

    await tf.setBackend('wasm');
    const { train } = await loadMnist();
    const model = createAutoencoder();
    const params = init.slice();
    const grads = new Float32Array(params.length);
    const adam = new Adam(params.length, { lr: 1e-3, weightDecay: 1e-5 });
    const gradients = new LocalGradients(model);
    const batch = new Float32Array(2048 * 784);
    for (let k = 0; k < steps; k++) {
      train.fillBatch(perm.subarray(k * 2048, (k + 1) * 2048), batch);
      const loss = gradients.compute(params, batch, 2048, grads);
      adam.update(params, grads);
      expect(Math.abs(loss - npLosses[k]!)).toBeLessThan(1e-6 * npLosses[k]!);
    }
    let maxDiff = 0;
    let maxMove = 0;
    for (let i = 0; i < params.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(params[i]! - after[i]!));
      maxMove = Math.max(maxMove, Math.abs(after[i]! - init[i]!));
    }
    // the parameters moved by ~1e-2 and agree to float32 rounding
    expect(maxMove).toBeGreaterThan(5e-3);
    expect(maxDiff).toBeLessThan(1e-5);
    model.dispose();
  });

  it('takes the same 10 steps on the ONNX engine', async () => {
    const init = new Float32Array(bytes('init.bin'));
    const after = new Float32Array(bytes('after.bin'));
    const perm = new Uint32Array(bytes('perm.bin'));
    const { train } = await loadMnist();
    const engine = await (await onnxNodeEngine())({
      modelConfig: { inputSize: 784, hiddenSize: 392, bottleneckSize: 8 },
      params: init,
      adam: { ...ADAM_DEFAULTS, lr: 1e-3, weightDecay: 1e-5 },
      maxRows: 2048,
      // the bytes, as the CLI feeds it: the graph divides by 255
      offered: 'uint8',
      denoising: false,
    });
    const batch = new Uint8Array(2048 * 784);
    for (let k = 0; k < STEPS; k++) {
      train.fillBatchBytes(perm.subarray(k * 2048, (k + 1) * 2048), batch);
      const loss = await engine.step(batch, 2048);
      expect(Math.abs(loss - npLosses[k]!)).toBeLessThan(1e-6 * npLosses[k]!);
    }
    const params = engine.parameters();
    let maxDiff = 0;
    for (let i = 0; i < params.length; i++) maxDiff = Math.max(maxDiff, Math.abs(params[i]! - after[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    await engine.dispose();
  });
});
