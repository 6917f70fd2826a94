import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAutoencoder, Pcg64, readParameters } from '@bottleneck/autoencoder';
import { onnxNodeEngine } from '@bottleneck/engine-onnx/node';
import { PRESETS, type Preset, presetSpec } from '@bottleneck/graph';
import { latentNoise } from '@bottleneck/image';
import type { Mnist } from '@bottleneck/mnist';
import { defaultMnistDir, loadMnist } from '@bottleneck/mnist/node';
import { type EngineFactory, LAB_RECIPE, localEngine, Trainer } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';

// Real PyTorch on the same spec, init, batch order and recipe (bench/torch_family.py): losses and
// parameters must agree to 1e-5 relative after 3 epochs on the first 4,096 training images.
const SCRIPT = fileURLToPath(new URL('../../../bench/torch_family.py', import.meta.url));
const NOISE_SCRIPT = fileURLToPath(new URL('../../../bench/latent_noise.py', import.meta.url));
const PYTHON = process.env.BOTTLENECK_TORCH_PYTHON ?? process.env.TORCH_PYTHON ?? 'python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
if (!hasTorch) {
  console.log(
    `torch-family parity skipped: ${PYTHON} cannot import torch (set BOTTLENECK_TORCH_PYTHON to a python with torch)`,
  );
}

const RECIPE = { epochs: 3, subset: 4096, batchSize: 256 } as const;
const TOLERANCE = 1e-5;
/**
 * The tfjs backend under the interpreter: wasm for dense models; cpu (tfjs's reference kernels)
 * where there are convolutions. tfjs-wasm's XNNPACK convolutions sum in another order: the losses
 * still agree to ~1e-7, but Adam turns the rounding of near-zero gradients into whole steps and
 * the parameters end 8.3e-5 apart after 48 steps (cpu: 5.5e-8; ONNX Runtime: 7.6e-6).
 */
const tfjsBackend = (preset: Preset) =>
  presetSpec(preset).layers.some((l) => l.kind.startsWith('conv')) ? 'cpu' : 'wasm';
const ENGINES: [string, () => Promise<EngineFactory>][] = [
  ['ONNX Runtime (cpu)', () => onnxNodeEngine()],
  ['the tfjs interpreter', async () => localEngine()],
];

interface TorchRun {
  epochs: { epoch: number; loss: number; test_mse: number; test_loss: number }[];
  params: Float32Array;
}

/** Runs the reference on one preset's spec; its last line holds every epoch. */
function torchRun(preset: string, dir: string): TorchRun {
  const spec = join(dir, `${preset}.json`);
  const params = join(dir, `${preset}.bin`);
  writeFileSync(spec, JSON.stringify(presetSpec(preset as Preset)));
  const stdout = execFileSync(
    PYTHON,
    [
      SCRIPT,
      spec,
      defaultMnistDir(),
      params,
      '--epochs',
      String(RECIPE.epochs),
      '--subset',
      String(RECIPE.subset),
    ].concat(['--batch', String(RECIPE.batchSize)]),
    { encoding: 'utf8', timeout: 10 * 60_000 },
  );
  const bytes = readFileSync(params);
  return {
    epochs: JSON.parse(stdout.trim().split('\n').at(-1)!).epochs,
    params: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
  };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.skipIf(!hasTorch)('the reference draws the VAE ε bottleneck draws', () => {
  it('latent_noise.py agrees with latentNoise bit for bit, odd widths, large images and seeds included', () => {
    for (const [width, epoch, seed, images, split] of [
      [5, 1, 0, [0, 1, 4095], 'train'],
      [20, 3, 0, [7, 59_999, 123], 'train'],
      [2, 10, 2 ** 40 + 17, [0, 2 ** 31 + 5], 'train'],
      [20, 3, 0, [7, 9_999, 123], 'test'],
    ] as const) {
      const ours = new Float32Array(width * images.length);
      latentNoise(images, width, epoch, seed, ours, split);
      const splitFlag = split === 'test' ? ['--test'] : [];
      const args = [NOISE_SCRIPT, String(width), String(epoch), String(seed), ...splitFlag, ...images.map(String)];
      const theirs = (JSON.parse(execFileSync(PYTHON, args, { encoding: 'utf8' })) as number[][]).flat();
      expect(Array.from(ours)).toEqual(theirs);
    }
  });
});

describe.skipIf(!hasTorch)('parity with real PyTorch, every preset', () => {
  const torch = new Map<string, TorchRun>();
  let mnist: Mnist;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'torch-family-'));
    for (const preset of PRESETS) torch.set(preset, torchRun(preset, dir));
    mnist = await loadMnist();
  }, 20 * 60_000);

  for (const preset of PRESETS) {
    it.each(ENGINES)(
      `${preset}: 3 epochs on 4,096 images agree on %s`,
      async (name, factory) => {
        await tf.setBackend(tfjsBackend(preset));
        const reference = torch.get(preset)!;
        // the CLI's path: one generator draws the init, then every epoch's order
        const random = new Pcg64(0);
        const model = createAutoencoder({ spec: presetSpec(preset), random });
        const trainer = await Trainer.create(model, {
          train: mnist.train.subset(RECIPE.subset),
          test: mnist.test,
          shuffler: random,
          config: { ...LAB_RECIPE, epochs: RECIPE.epochs, batchSize: RECIPE.batchSize },
          engine: await factory(),
        });
        try {
          await trainer.run();
        } finally {
          await trainer.dispose();
        }
        const ours = readParameters(model);
        model.dispose();
        const figures = trainer.history.map((r, i) => {
          const t = reference.epochs[i]!;
          return {
            loss: relative(r.trainLoss, t.loss),
            testMse: relative(r.testMse!, t.test_mse),
            testLoss: relative(r.testLoss!, t.test_loss),
          };
        });
        // parameters: ‖ours − torch‖ / ‖torch‖ over the whole vector (a per-element ratio would divide
        // by parameters near zero), and the largest single difference for the log
        expect(ours.length).toBe(reference.params.length);
        let squaredDiff = 0;
        let squaredNorm = 0;
        let largest = 0;
        for (let i = 0; i < ours.length; i++) {
          const d = ours[i]! - reference.params[i]!;
          squaredDiff += d * d;
          squaredNorm += reference.params[i]! ** 2;
          largest = Math.max(largest, Math.abs(d));
        }
        const paramsRelative = Math.sqrt(squaredDiff / squaredNorm);
        let moved = 0;
        const initial = createAutoencoder({ spec: presetSpec(preset), random: new Pcg64(0) });
        const init = readParameters(initial);
        initial.dispose();
        for (let i = 0; i < ours.length; i++) moved = Math.max(moved, Math.abs(init[i]! - reference.params[i]!));
        console.log(
          `${preset} on ${name === 'the tfjs interpreter' ? `${name} (${tfjsBackend(preset)})` : name}: loss rel diff ${figures.map((f) => f.loss.toExponential(1)).join(', ')}; ` +
            `test MSE ${figures.map((f) => f.testMse.toExponential(1)).join(', ')}; ` +
            `test loss ${figures.map((f) => f.testLoss.toExponential(1)).join(', ')}; parameters ${paramsRelative.toExponential(1)} ` +
            `(largest difference ${largest.toExponential(1)}, moved up to ${moved.toExponential(1)})`,
        );
        expect(trainer.history).toHaveLength(RECIPE.epochs);
        for (const f of figures) {
          expect(f.loss).toBeLessThan(TOLERANCE);
          expect(f.testMse).toBeLessThan(TOLERANCE);
          expect(f.testLoss).toBeLessThan(TOLERANCE);
        }
        // training moved the parameters far more than the tolerance, so agreeing means something
        expect(moved).toBeGreaterThan(1e-3);
        expect(paramsRelative).toBeLessThan(TOLERANCE);
      },
      10 * 60_000,
    );
  }
});
