import '@tensorflow/tfjs-backend-wasm';
import { createAutoencoder, Pcg64, readParameters } from '@bottleneck/autoencoder';
import { onnxNodeEngine } from '@bottleneck/engine-onnx/node';
import { latentNoiseWidth, type ModelSpec, type Preset, presetSpec } from '@bottleneck/graph';
import { latentNoise } from '@bottleneck/image';
import { ADAM_DEFAULTS, type EngineFactory, localEngine, parallelEngine } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnGradientWorker } from './engines';

const ROWS = 37;
const ENGINES: [string, () => Promise<EngineFactory>][] = [
  ['ONNX Runtime', () => onnxNodeEngine({ threads: 1 })],
  ['the tfjs interpreter', async () => localEngine()],
  [
    'tfjs in 2 worker threads',
    async () =>
      parallelEngine({
        threads: 2,
        spawn: spawnGradientWorker('wasm', new URL('../dist/gradient-worker.js', import.meta.url)),
      }),
  ],
];

/** An engine for `ROWS`-row batches of a preset, from seeded initial parameters. */
async function engineFor(spec: ModelSpec, factory: EngineFactory) {
  const model = createAutoencoder({ spec, random: new Pcg64(3) });
  const params = readParameters(model);
  model.dispose();
  const adam = { ...ADAM_DEFAULTS, lr: 1e-3, weightDecay: 0 };
  const engine = await factory({ model: spec, params, adam, maxRows: ROWS, offered: 'float32', denoising: false });
  return { engine, params };
}

/** A batch of a model's objective, asked twice: by `evaluateLoss`, and by the step that reports it. */
async function lossTwice(preset: Preset, factory: EngineFactory) {
  const spec = presetSpec(preset);
  const { engine, params } = await engineFor(spec, factory);
  try {
    const x = Float32Array.from({ length: ROWS * spec.inputSize }, (_, i) => ((i * 7919) % 1000) / 1000);
    const width = latentNoiseWidth(spec);
    const eps = width > 0 ? new Float32Array(ROWS * width) : undefined;
    if (eps)
      latentNoise(
        Array.from({ length: ROWS }, (_, i) => i),
        width,
        1,
        0,
        eps,
      );
    const evaluated = await engine.evaluateLoss(x, ROWS, eps);
    const unchanged = engine.parameters();
    // the step reports the loss before its update: the same objective at the same parameters
    const stepped = await engine.step(x, ROWS, undefined, eps);
    return { evaluated, stepped, kept: unchanged.every((v, i) => v === params[i]) };
  } finally {
    await engine.dispose();
  }
}

describe('evaluateLoss: the model’s own objective, no step', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  for (const preset of ['vae', 'sparse'] as const) {
    it.each(ENGINES)(`${preset}: is the loss a step reports, and leaves the parameters (%s)`, async (_, make) => {
      const { evaluated, stepped, kept } = await lossTwice(preset, await make());
      expect(kept).toBe(true);
      expect(Number.isFinite(evaluated)).toBe(true);
      expect(Math.abs(evaluated - stepped)).toBeLessThan(1e-5 * stepped);
    });
  }

  it('samples z in a VAE: other ε, another loss', async () => {
    const spec = presetSpec('vae');
    const { engine } = await engineFor(spec, await onnxNodeEngine({ threads: 1 }));
    const x = Float32Array.from({ length: ROWS * spec.inputSize }, (_, i) => (i % 13) / 13);
    const width = latentNoiseWidth(spec);
    const eps = new Float32Array(ROWS * width);
    const images = Array.from({ length: ROWS }, (_, i) => i);
    latentNoise(images, width, 1, 0, eps, 'train');
    const a = await engine.evaluateLoss(x, ROWS, eps);
    latentNoise(images, width, 1, 0, eps, 'test');
    const b = await engine.evaluateLoss(x, ROWS, eps);
    await engine.dispose();
    expect(a).not.toBe(b);
  });
});
