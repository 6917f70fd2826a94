import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAutoencoder, Pcg64, readParameters } from '@bottleneck/autoencoder';
import { defaultMnistDir, loadMnist } from '@bottleneck/mnist/node';
import { onnxNodeEngine } from '@bottleneck/engine-onnx/node';
import { mlpSpec } from '@bottleneck/graph';
import { ADAM_DEFAULTS, type BatchFormat, type EngineFactory, localEngine, parallelEngine } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnGradientWorker } from './engines';

const spawnWorkers = spawnGradientWorker('wasm', new URL('../dist/gradient-worker.js', import.meta.url));

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

  const executors: [string, () => Promise<EngineFactory>, BatchFormat][] = [
    ['the tfjs interpreter on wasm', async () => localEngine(), 'float32'],
    ['tfjs wasm in 2 worker threads', async () => parallelEngine({ threads: 2, spawn: spawnWorkers }), 'float32'],
    // the bytes, as the CLI feeds it: the graph divides by 255
    ['ONNX Runtime (cpu)', () => onnxNodeEngine(), 'uint8'],
  ];

  it.each(executors)('takes the same 10 steps from the same init and batch order on %s', async (_, factory, format) => {
    await tf.setBackend('wasm');
    const init = new Float32Array(bytes('init.bin'));
    const after = new Float32Array(bytes('after.bin'));
    const perm = new Uint32Array(bytes('perm.bin'));
    const { train } = await loadMnist();
    const engine = await (await factory())({
      model: mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }),
      params: init,
      adam: { ...ADAM_DEFAULTS, lr: 1e-3, weightDecay: 1e-5 },
      maxRows: 2048,
      offered: format,
      denoising: false,
    });
    const batch = format === 'uint8' ? new Uint8Array(2048 * 784) : new Float32Array(2048 * 784);
    for (let k = 0; k < STEPS; k++) {
      const rows = perm.subarray(k * 2048, (k + 1) * 2048);
      if (batch instanceof Uint8Array) train.fillBatchBytes(rows, batch);
      else train.fillBatch(rows, batch);
      const loss = await engine.step(batch, 2048);
      expect(Math.abs(loss - npLosses[k]!)).toBeLessThan(1e-6 * npLosses[k]!);
    }
    const params = engine.parameters();
    let maxDiff = 0;
    let maxMove = 0;
    for (let i = 0; i < params.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(params[i]! - after[i]!));
      maxMove = Math.max(maxMove, Math.abs(after[i]! - init[i]!));
    }
    // the parameters moved by ~1e-2 and agree to float32 rounding
    expect(maxMove).toBeGreaterThan(5e-3);
    expect(maxDiff).toBeLessThan(1e-5);
    await engine.dispose();
  });
});
