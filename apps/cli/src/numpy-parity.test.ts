import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAutoencoder } from '@bottleneck/autoencoder';
import { defaultMnistDir, loadMnist } from '@bottleneck/mnist/node';
import { Adam, LocalGradients } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

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

describe('parity with the NumPy reference', () => {
  it.skipIf(!hasNumpy)('takes the same 10 steps from the same init and batch order', async () => {
    const steps = 10;
    const dir = mkdtempSync(join(tmpdir(), 'parity-'));
    const npLosses = execFileSync('python3', [SCRIPT, REFERENCE, defaultMnistDir(), String(steps), dir], { encoding: 'utf8' })
      .trim()
      .split(' ')
      .map(Number);
    const f32 = (name: string) => {
      const b = readFileSync(join(dir, name));
      return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const init = f32('init.bin');
    const after = f32('after.bin');
    const pb = readFileSync(join(dir, 'perm.bin'));
    const perm = new Uint32Array(pb.buffer.slice(pb.byteOffset, pb.byteOffset + pb.byteLength));

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
});
