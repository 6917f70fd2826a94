import { createAutoencoder, Pcg64, readParameters } from '@bottleneck/autoencoder';
import type { Mnist } from '@bottleneck/mnist';
import { loadMnist } from '@bottleneck/mnist/node';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { evaluateMse } from './evaluate';
import { GraphEngine } from './graph-engine';
import { corruptRows, latentNoise } from '@bottleneck/image';
import { presetSpec } from '@bottleneck/graph';
import type { EpochRecord, TrainConfig } from './recipe';
import { Trainer } from './trainer';
import { TrainingDivergedError } from './training-diverged-error';

// small model and data so the cpu backend runs the real recipe in well under a second per epoch
const SIZES = { inputSize: 784, hiddenSize: 24, bottleneckSize: 4 };
const CONFIG = { epochs: 4, batchSize: 64, patience: 1, factor: 0.5 };

let mnist: Mnist;
beforeAll(async () => {
  mnist = await loadMnist();
});

async function setup(seed = 0, config: Partial<TrainConfig> = CONFIG) {
  const model = createAutoencoder({ ...SIZES, seed });
  const trainer = await Trainer.create(model, {
    train: mnist.train.subset(300),
    test: mnist.test.subset(100),
    shuffler: new Pcg64(seed),
    config,
    data: { trainCount: 300, fingerprint: 1 },
  });
  return { model, trainer };
}

const withoutTime = (h: EpochRecord[]) => h.map(({ seconds: _s, ...r }) => r);

describe('Trainer', () => {
  it('lowers the loss and records the history', async () => {
    const { model, trainer } = await setup();
    const before = await evaluateMse(model, mnist.test.subset(100));
    const batchLosses: number[] = [];
    const history = await trainer.run({
      onBatchEnd: async (b) => {
        if (b.epoch === 1) batchLosses.push(b.loss);
      },
    });
    expect(history.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    expect(batchLosses).toHaveLength(Math.ceil(300 / 64));
    // epoch loss is the mean of the batch losses
    const mean = batchLosses.reduce((s, v) => s + v, 0) / batchLosses.length;
    expect(history[0]!.trainLoss).toBeCloseTo(mean, 6);
    expect(history[3]!.trainLoss).toBeLessThan(history[0]!.trainLoss);
    expect(history[3]!.testMse!).toBeLessThan(before);
    expect(history[3]!.testMse).toBeCloseTo(await evaluateMse(model, mnist.test.subset(100)), 7);
    await trainer.dispose();
    model.dispose();
  });

  it('keeps tf.memory().numTensors flat across steps and epochs', async () => {
    const { model, trainer } = await setup();
    const x = mnist.train.toFloat32(0, 32);
    await trainer.engine.step(x, 32);
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await trainer.engine.step(x, 32);
    expect(tf.memory().numTensors).toBe(afterFirst);
    const beforeRun = tf.memory().numTensors;
    await trainer.run();
    expect(tf.memory().numTensors).toBe(beforeRun);
    await trainer.dispose();
    model.dispose();
  });

  it('resuming from a checkpoint reproduces the uninterrupted run exactly', async () => {
    const full = await setup(5);
    const fullHistory = await full.trainer.run();

    const first = await setup(5, { ...CONFIG, epochs: 2 });
    await first.trainer.run();
    const bytes = encodeCheckpoint(first.trainer.checkpoint());
    await first.trainer.dispose();
    first.model.dispose();

    // a fresh process would start from another seed's weights; restore must overwrite everything
    const resumed = await setup(99);
    resumed.trainer.restore(decodeCheckpoint(bytes));
    expect(resumed.trainer.epoch).toBe(2);
    const resumedHistory = await resumed.trainer.run();

    expect(withoutTime(resumedHistory)).toEqual(withoutTime(fullHistory));
    full.model.parameters.forEach((p, i) => {
      expect(resumed.model.parameters[i]!.dataSync()).toEqual(p.dataSync());
    });
    expect(resumed.trainer.engine.lr).toBe(full.trainer.engine.lr);
    for (const t of [full, resumed]) {
      await t.trainer.dispose();
      t.model.dispose();
    }
  });

  it('trains a denoising run on corrupted inputs against clean targets, and resumes it exactly', async () => {
    const noise = { kind: 'gaussian' as const, level: 0.3, seed: 4 };
    const config = { ...CONFIG, noise };
    const full = await setup(5, config);
    // what the engine is given: the corrupted rows of each batch as inputs, the clean rows as targets
    const engine = full.trainer.engine;
    const step = engine.step.bind(engine);
    const calls: { input: Float32Array; clean: Float32Array }[] = [];
    engine.step = (batch, rows, clean) => {
      calls.push({
        input: (batch as Float32Array).slice(0, rows * 784),
        clean: (clean as Float32Array).slice(0, rows * 784),
      });
      return step(batch, rows, clean);
    };
    const order = new Pcg64(5).permutation(300);
    const fullHistory = await full.trainer.run();
    expect(calls).toHaveLength(4 * Math.ceil(300 / 64));
    const first = order.subarray(0, 64);
    const clean = new Float32Array(64 * 784);
    mnist.train.fillBatch(first, clean);
    const corrupted = new Float32Array(64 * 784);
    corruptRows(clean, first, 784, 1, noise, corrupted);
    expect(calls[0]!.clean).toEqual(clean);
    expect(calls[0]!.input).toEqual(corrupted);
    expect(corrupted).not.toEqual(clean);

    const part = await setup(5, { ...config, epochs: 2 });
    await part.trainer.run();
    const bytes = encodeCheckpoint(part.trainer.checkpoint());
    const resumed = await setup(99, config);
    resumed.trainer.restore(decodeCheckpoint(bytes));
    expect(withoutTime(await resumed.trainer.run())).toEqual(withoutTime(fullHistory));
    expect(readParameters(resumed.model)).toEqual(readParameters(full.model));

    // and it is another run than the plain one
    const plain = await setup(5);
    await plain.trainer.run();
    expect(readParameters(plain.model)).not.toEqual(readParameters(full.model));
    for (const t of [full, part, resumed, plain]) {
      await t.trainer.dispose();
      t.model.dispose();
    }
  });

  it('trains a VAE on the seeded ε of each image and epoch, lowers its loss, and resumes it exactly', async () => {
    const spec = { ...presetSpec('vae', { code: 4 }) };
    spec.layers = spec.layers.map((l) => (l.kind === 'dense' && l.units === 400 ? { ...l, units: 24 } : l));
    const vae = async (seed: number, config: Partial<TrainConfig>) => {
      const model = createAutoencoder({ spec, seed });
      const trainer = await Trainer.create(model, {
        train: mnist.train.subset(300),
        shuffler: new Pcg64(seed),
        config,
        data: { trainCount: 300, fingerprint: 1 },
      });
      return { model, trainer };
    };
    const config = { ...CONFIG, latentSeed: 8 };
    const full = await vae(5, config);
    const engine = full.trainer.engine;
    const step = engine.step.bind(engine);
    const noises: Float32Array[] = [];
    engine.step = (batch, rows, clean, eps) => {
      noises.push(eps!.slice(0, rows * 4));
      return step(batch, rows, clean, eps);
    };
    const fullHistory = await full.trainer.run();
    // the first batch's ε: the noise of its images in epoch 1
    const first = new Pcg64(5).permutation(300).subarray(0, 64);
    const expected = new Float32Array(64 * 4);
    latentNoise(first, 4, 1, 8, expected);
    expect(noises[0]).toEqual(expected);
    // BCE summed per image plus KL: hundreds of nats per image at first, falling
    expect(fullHistory[0]!.trainLoss).toBeGreaterThan(100);
    expect(fullHistory[3]!.trainLoss).toBeLessThan(fullHistory[0]!.trainLoss);

    const part = await vae(5, { ...config, epochs: 2 });
    await part.trainer.run();
    const bytes = encodeCheckpoint(part.trainer.checkpoint());
    const resumed = await vae(99, config);
    resumed.trainer.restore(decodeCheckpoint(bytes));
    expect(withoutTime(await resumed.trainer.run())).toEqual(withoutTime(fullHistory));
    expect(readParameters(resumed.model)).toEqual(readParameters(full.model));

    // another seed of ε is another run
    const other = await vae(5, { ...config, latentSeed: 9 });
    await other.trainer.run();
    expect(readParameters(other.model)).not.toEqual(readParameters(full.model));
    for (const t of [full, part, resumed, other]) {
      await t.trainer.dispose();
      t.model.dispose();
    }
  });

  it('lowers the lr on a plateau as the scheduler says', async () => {
    // lr 0 cannot improve the loss, so with patience 1 the lr is reduced at epoch 3 (bad epochs 1, 2 > 1)
    const { model, trainer } = await setup(1, { ...CONFIG, lr: 0, epochs: 3, patience: 1 });
    const h = await trainer.run();
    expect(h.map((r) => r.lrReduced)).toEqual([false, false, false]); // 0·0.5 = 0: change ≤ eps
    await trainer.dispose();
    model.dispose();
    const s2 = await setup(1, { ...CONFIG, lr: 1e-12, epochs: 4, patience: 1, factor: 0.5, threshold: 0.5 });
    const h2 = await s2.trainer.run();
    // threshold 0.5 rel: no epoch beats best·0.5, so epochs 2,3 are bad → drop after epoch 3,
    // but 1e-12 → 5e-13 changes the lr by less than eps 1e-8: PyTorch keeps it
    expect(h2.map((r) => r.lr)).toEqual([1e-12, 1e-12, 1e-12, 1e-12]);
    await s2.trainer.dispose();
    s2.model.dispose();
    const s3 = await setup(1, { ...CONFIG, lr: 1e-3, epochs: 4, patience: 1, factor: 0.5, threshold: 0.9 });
    const h3 = await s3.trainer.run();
    expect(h3.map((r) => r.lr)).toEqual([1e-3, 1e-3, 1e-3, 5e-4]);
    expect(h3.map((r) => r.lrReduced)).toEqual([false, false, true, false]);
    await s3.trainer.dispose();
    s3.model.dispose();
  });

  it('measures test MSE on the engine, in batches it was sized for, even when training batches are tiny', async () => {
    const model = createAutoencoder({ ...SIZES, seed: 2 });
    const rowsSeen: number[] = [];
    let maxRows = 0;
    const test = mnist.test.subset(5000);
    const trainer = await Trainer.create(model, {
      train: mnist.train.subset(8),
      test,
      shuffler: new Pcg64(2),
      config: { epochs: 1, batchSize: 4 },
      engine: async (spec) => {
        maxRows = spec.maxRows;
        const engine = new GraphEngine(spec, 'limited');
        // like the CLI's worker pool, this engine only takes as many rows as it was sized for
        const sumSquaredError = engine.sumSquaredError.bind(engine);
        engine.sumSquaredError = (b, rows) => {
          rowsSeen.push(rows);
          return sumSquaredError(b, rows);
        };
        return engine;
      },
    });
    const [record] = await trainer.run();
    // not 1,250 batches of 4 rows
    expect(maxRows).toBe(2048);
    expect(rowsSeen).toEqual([2048, 2048, 904]);
    // the same number the main thread's evaluation gives (float32 batch sums in another split)
    expect(record!.testMse!).toBeCloseTo(await evaluateMse(model, test), 6);
    await trainer.dispose();
    model.dispose();
  });

  it('checkpoints only finite state, and only with a data identity', async () => {
    const { model, trainer } = await setup();
    const good = trainer.checkpoint();
    const m = good.optimizer.m.slice();
    m[5] = Number.POSITIVE_INFINITY;
    trainer.restore({ ...good, optimizer: { ...good.optimizer, m } });
    expect(() => trainer.checkpoint()).toThrow(/training diverged in epoch 0: Adam m 5 is Infinity/);
    await trainer.dispose();
    const bare = await Trainer.create(model, { train: mnist.train.subset(8), shuffler: new Pcg64(0) });
    expect(() => bare.checkpoint()).toThrow(/pass options.data/);
    await bare.dispose();
    model.dispose();
  });

  it('stops when the signal aborts', async () => {
    const { model, trainer } = await setup();
    const controller = new AbortController();
    const history = await trainer.run({
      onBatchEnd: (b) => {
        if (b.epoch === 2 && b.batch === 1) controller.abort();
      },
      signal: controller.signal,
    });
    expect(history).toHaveLength(1);
    await trainer.dispose();
    model.dispose();
  });

  it('stops with TrainingDivergedError on a non-finite loss, before the epoch is reported', async () => {
    const { model, trainer } = await setup(0, { ...CONFIG, lr: 1e38 });
    const epochs: number[] = [];
    await expect(trainer.run({ onEpochEnd: (r) => void epochs.push(r.epoch) })).rejects.toThrow(TrainingDivergedError);
    expect(epochs.length).toBeLessThan(CONFIG.epochs);
    await trainer.dispose();
    model.dispose();
  });

  it('trains finite with batch 1 and with a last batch of one row', async () => {
    for (const [count, batchSize] of [
      [5, 1],
      [65, 64],
    ] as const) {
      const model = createAutoencoder({ ...SIZES, seed: 1 });
      const trainer = await Trainer.create(model, {
        train: mnist.train.subset(count),
        shuffler: new Pcg64(1),
        config: { epochs: 2, batchSize },
      });
      const history = await trainer.run();
      expect(history.every((r) => Number.isFinite(r.trainLoss))).toBe(true);
      expect(model.parameters.every((p) => (p.dataSync() as Float32Array).every(Number.isFinite))).toBe(true);
      await trainer.dispose();
      model.dispose();
    }
  });
});
