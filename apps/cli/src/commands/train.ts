import { join, resolve } from 'node:path';
import { type Autoencoder, createAutoencoder, Pcg64 } from '@bottleneck/autoencoder';
import { saveModel, writeFileAtomic } from '@bottleneck/autoencoder/node';
import type { Mnist } from '@bottleneck/mnist';
import { type EpochRecord, LAB_RECIPE, type TrainConfig, Trainer } from '@bottleneck/train';
import { loadCheckpoint, saveCheckpoint } from '@bottleneck/train/node';
import { loadData } from '../data';
import { chooseEngine, type EngineChoice } from '../engines';
import { asInput, InputError } from '../errors';
import { ensureWritableDir } from '../output';
import { createProgress } from '../progress';

export interface TrainFlags {
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  patience: number;
  seed: number;
  data?: string;
  /** An ONNX Runtime provider, a tfjs backend, or `auto`. */
  backend: EngineChoice;
  out: string;
  resume: boolean;
  /** Train on the first N training images only (quick runs, tests). */
  limit?: number;
  /** ORT's intra-op threads, or tfjs worker threads computing gradients (wasm, cpu); 1 = this thread. */
  threads: number;
}

export interface TrainResult {
  model: Autoencoder;
  mnist: Mnist;
  history: EpochRecord[];
  /** tfjs's backend for the model on this thread. */
  backend: string;
  /** What trained: engine, threads and why it was chosen. */
  engine: string;
  threads: number;
  seconds: number;
  /** The learning rate after the last epoch (the scheduler may have lowered it). */
  finalLr: number;
  out: string;
}

export const CHECKPOINT_FILE = 'checkpoint.ckpt';
export const HISTORY_FILE = 'history.json';
export const MODEL_DIR = 'model';

/** Trains the lab's model, writing checkpoints, history.json and the final model into `--out`. */
export async function train(flags: TrainFlags): Promise<TrainResult> {
  const out = resolve(flags.out);
  await ensureWritableDir(out, `--out ${flags.out}`);
  const chosen = await chooseEngine(flags.backend, flags.threads);
  const { backend, threads } = chosen;
  const mnist = await loadData(flags.data);
  const trainSplit = flags.limit ? mnist.train.subset(flags.limit) : mnist.train;
  const checkpointPath = join(out, CHECKPOINT_FILE);
  const checkpoint = flags.resume ? await asInput('--resume', () => loadCheckpoint(checkpointPath)) : undefined;

  const config: TrainConfig = checkpoint
    ? { ...checkpoint.trainConfig, epochs: flags.epochs }
    : {
        ...LAB_RECIPE,
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        lr: flags.lr,
        weightDecay: flags.weightDecay,
        patience: flags.patience,
      };
  // one generator for the init and then the epoch orders, as in the NumPy reference: --seed N
  // starts from the weights and batch order of `numpy_lab1.py` with SEED=N
  const random = new Pcg64(flags.seed);
  const model = createAutoencoder({ ...checkpoint?.modelConfig, random });
  const trainer = await Trainer.create(model, {
    train: trainSplit,
    test: mnist.test,
    shuffler: random,
    config,
    engine: chosen.engine,
  });
  // an engine's workers keep the process alive: they are disposed of whatever happens next
  let started: number;
  try {
    if (checkpoint) {
      // e.g. a 0.1 checkpoint, whose shuffle state is not the NumPy generator's
      await asInput(`--resume ${checkpointPath}`, async () => trainer.restore(checkpoint));
      if (checkpoint.epoch >= config.epochs) {
        throw new InputError(`--resume: ${checkpointPath} already has ${checkpoint.epoch} epochs; pass a larger --epochs`);
      }
      console.log(`resuming from ${checkpointPath} at epoch ${checkpoint.epoch}`);
    }

    const batches = Math.ceil(trainSplit.count / config.batchSize);
    console.log(
      `training ${model.parameterCount().toLocaleString('en-US')} parameters on ${trainSplit.count} images, ` +
        `${config.epochs} epochs, batch ${config.batchSize}\nengine: ${chosen.description}`,
    );
    const progress = createProgress(config.epochs, batches, trainer.epoch);
    started = performance.now();
    try {
      await trainer.run({
        onBatchEnd: (b) => progress.batch(b),
        onEpochEnd: async (record, t) => {
          progress.epoch(record);
          await saveCheckpoint(checkpointPath, t.checkpoint());
          await writeFileAtomic(join(out, HISTORY_FILE), `${JSON.stringify(t.history, null, 2)}\n`);
        },
      });
    } finally {
      progress.stop();
    }
  } finally {
    await trainer.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const last = trainer.history.at(-1);
  await saveModel(join(out, MODEL_DIR), model, {
    epochs: trainer.epoch,
    trainLoss: last?.trainLoss,
    testMse: last?.testMse,
    backend,
    engine: chosen.description,
    threads,
    seed: flags.seed,
    trainConfig: config,
  });
  console.log(
    `done in ${seconds.toFixed(1)}s: final loss ${last?.trainLoss.toFixed(5)}, test MSE ${last?.testMse?.toFixed(5)}; ` +
      `wrote ${join(out, MODEL_DIR)}, ${HISTORY_FILE}, ${CHECKPOINT_FILE}`,
  );
  return {
    model,
    mnist,
    history: trainer.history,
    backend,
    engine: chosen.description,
    threads,
    seconds,
    finalLr: trainer.engine.lr,
    out,
  };
}
