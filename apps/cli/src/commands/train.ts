import { join, resolve } from 'node:path';
import { type Autoencoder, createAutoencoder, Pcg64, writeParameters } from '@bottleneck/autoencoder';
import { saveModel } from '@bottleneck/autoencoder/node';
import { removeStaleTemporaries } from '@bottleneck/node-io';
import type { Mnist } from '@bottleneck/mnist';
import {
  type Checkpoint,
  type DataIdentity,
  type EpochRecord,
  type InputNoise,
  type InputNoiseKind,
  LAB_RECIPE,
  type TrainConfig,
  Trainer,
  TrainingDivergedError,
} from '@bottleneck/train';
import { loadCheckpoint, saveCheckpoint } from '@bottleneck/train/node';
import { lossIsMse, lossLabel, type ModelSpec, mlpSizesOf, mlpSpec } from '@bottleneck/graph';
import { loadData } from '../data';
import { type ChosenEngine, chooseEngine, type EngineChoice } from '../engines';
import { asInput, InputError, StoppedError } from '../errors';
import { HISTORY_FILE, writeHistory } from '../history-file';
import { checkMemoryBound, tfjsWorkers } from '../memory-bound';
import { chooseModelSpec, describeModelChoice, type ModelChoiceFlags, sameSpec } from '../model-choice';
import { ensureWritableDir } from '../output';
import { createProgress } from '../progress';
import { listenForStop } from '../stop-signals';
import { say } from '../terminal-text';

export interface TrainFlags extends ModelChoiceFlags {
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
  threads?: number;
  /** Denoising training: corrupt the inputs with this noise (its level `noiseLevel`, seeded by `seed`). */
  noise?: InputNoiseKind;
  /** Only with `noise`; `DEFAULT_NOISE_LEVEL` when not given. */
  noiseLevel?: number;
}

/** `--noise-level` when `--noise` is given without it. */
export const DEFAULT_NOISE_LEVEL = 0.5;

/** The noise a denoising run trains with, from the flags (none without `--noise`). */
export function noiseOf(flags: Pick<TrainFlags, 'noise' | 'noiseLevel' | 'seed'>): InputNoise | null {
  if (!flags.noise) {
    if (flags.noiseLevel !== undefined) throw new InputError('--noise-level: only with --noise (uniform or gaussian)');
    return null;
  }
  return { kind: flags.noise, level: flags.noiseLevel ?? DEFAULT_NOISE_LEVEL, seed: flags.seed };
}

const describeNoise = (noise: InputNoise | null) =>
  noise ? `--noise ${noise.kind} --noise-level ${noise.level} --seed ${noise.seed}` : 'no --noise';

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
  /** The recipe the run used: the flags', or after --resume the checkpoint's. */
  config: TrainConfig;
  out: string;
}

export const CHECKPOINT_FILE = 'checkpoint.ckpt';
export const MODEL_DIR = 'model';

/** Refuses to continue a checkpoint with other data or another batch size than it was made with. */
function checkResumable(
  checkpoint: Checkpoint,
  flags: TrainFlags,
  spec: ModelSpec,
  data: DataIdentity,
  path: string,
): void {
  const made = checkpoint.data;
  if (made && (made.trainCount !== data.trainCount || made.fingerprint !== data.fingerprint)) {
    throw new InputError(
      `--resume: ${path} was trained on ${made.trainCount} images of other data (fingerprint ${made.fingerprint.toString(16)}), ` +
        `this run has ${data.trainCount} (${data.fingerprint.toString(16)}); pass the same --data and --limit`,
    );
  }
  const held = checkpoint.model ?? mlpSpec(checkpoint.modelConfig);
  if (!sameSpec(held, spec)) {
    const sizes = mlpSizesOf(held);
    throw new InputError(
      sizes
        ? `--resume: ${path} holds a model with --hidden ${sizes.hiddenSize} --bottleneck ${sizes.bottleneckSize}; pass those`
        : `--resume: ${path} holds another model than ${describeModelChoice(flags, spec)} (its spec is in model/model.json); pass the --arch or --spec it was trained with`,
    );
  }
  const { batchSize } = checkpoint.trainConfig;
  if (flags.batchSize !== batchSize) {
    throw new InputError(
      `--resume: ${path} was trained with --batch-size ${batchSize}; pass --batch-size ${batchSize}`,
    );
  }
  const noise = checkpoint.trainConfig.noise;
  if (describeNoise(noise) !== describeNoise(noiseOf(flags))) {
    throw new InputError(`--resume: ${path} was trained with ${describeNoise(noise)}; pass the same`);
  }
  if (checkpoint.epoch >= flags.epochs) {
    throw new InputError(`--resume: ${path} already has ${checkpoint.epoch} epochs; pass a larger --epochs`);
  }
}

/**
 * Trains the lab's model, writing checkpoints, history.json and the final model into `--out`.
 * `prepare` runs once the backend is set and the data loaded, before any training: a caller's
 * last checks of its own inputs.
 */
export async function train(flags: TrainFlags, prepare?: (mnist: Mnist) => Promise<void>): Promise<TrainResult> {
  const noise = noiseOf(flags);
  // the model's sizes are checked before anything is allocated
  const spec = await chooseModelSpec(flags);
  const modelFlags = describeModelChoice(flags, spec);
  const out = resolve(flags.out);
  await ensureWritableDir(out, `--out ${flags.out}`);
  const checkpointPath = join(out, CHECKPOINT_FILE);
  // what a killed run may have left half-written
  for (const name of [CHECKPOINT_FILE, HISTORY_FILE, MODEL_DIR]) await removeStaleTemporaries(join(out, name));
  const mnist = await loadData(flags.data);
  const trainSplit = flags.limit ? mnist.train.subset(flags.limit) : mnist.train;
  if (spec.inputSize !== trainSplit.featureSize) {
    throw new InputError(
      `${modelFlags}: the model takes ${spec.inputSize} values per image, the data has ${trainSplit.featureSize}`,
    );
  }
  // before any engine starts: its workers alone could pass the bound
  checkMemoryBound(
    {
      spec,
      trainRows: Math.min(flags.batchSize, trainSplit.count),
      testCount: mnist.test.count,
      workers: tfjsWorkers(flags.backend, flags.threads),
    },
    `${modelFlags} --batch-size ${flags.batchSize}` +
      `${tfjsWorkers(flags.backend, flags.threads) > 0 ? ` --threads ${tfjsWorkers(flags.backend, flags.threads)}` : ''}`,
  );
  const chosen = await chooseEngine(flags.backend, flags.threads);
  const { backend, threads } = chosen;
  await prepare?.(mnist);
  const data: DataIdentity = { trainCount: trainSplit.count, fingerprint: trainSplit.fingerprint() };
  const checkpoint = flags.resume ? await asInput('--resume', () => loadCheckpoint(checkpointPath)) : undefined;
  if (checkpoint) checkResumable(checkpoint, flags, spec, data, checkpointPath);

  const config: TrainConfig = checkpoint
    ? { ...checkpoint.trainConfig, epochs: flags.epochs }
    : {
        ...LAB_RECIPE,
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        lr: flags.lr,
        weightDecay: flags.weightDecay,
        patience: flags.patience,
        noise,
      };
  // one generator for the init and then the epoch orders, as in the NumPy reference: --seed N
  // starts from the weights and batch order of `numpy_lab1.py` with SEED=N
  const random = new Pcg64(flags.seed);
  const model = createAutoencoder({ spec, random });
  const trainer = await Trainer.create(model, {
    train: trainSplit,
    test: mnist.test,
    shuffler: random,
    config,
    engine: chosen.engine,
    data,
  });
  // the last complete epoch, kept so that a stopped run can still write its model
  let kept: Checkpoint | undefined = checkpoint;
  let stopped: NodeJS.Signals | undefined;
  let started = performance.now();
  // an engine's workers keep the process alive: they are disposed of whatever happens next
  try {
    if (checkpoint) {
      // e.g. a checkpoint whose shuffle state is not the NumPy generator's
      await asInput(`--resume ${checkpointPath}`, async () => trainer.restore(checkpoint));
      say(`resuming from ${checkpointPath} at epoch ${checkpoint.epoch}`);
    }
    const batches = Math.ceil(trainSplit.count / config.batchSize);
    say(
      `training ${model.parameterCount().toLocaleString('en-US')} parameters on ${trainSplit.count} images, ` +
        `${config.epochs} epochs, batch ${config.batchSize}` +
        `${config.noise ? `, denoising (${config.noise.kind} noise, level ${config.noise.level})` : ''}`,
    );
    say(`engine: ${chosen.description}`);
    const progress = createProgress(config.epochs, batches, trainer.epoch);
    const controller = new AbortController();
    const signals = listenForStop(controller, () => progress.stop());
    started = performance.now();
    try {
      await trainer.run({
        signal: controller.signal,
        onBatchEnd: (b) => progress.batch(b),
        onEpochEnd: async (record, t) => {
          progress.epoch(record);
          kept = t.checkpoint();
          await saveCheckpoint(checkpointPath, kept);
          await writeHistory(join(out, HISTORY_FILE), t.history);
        },
      });
    } catch (error) {
      if (error instanceof TrainingDivergedError) {
        const keptEpochs = kept ? `${checkpointPath} keeps epoch ${kept.epoch}` : 'no checkpoint was written';
        error.message += `; ${keptEpochs}, no model was written (try a lower --lr)`;
      }
      throw error;
    } finally {
      progress.stop();
      signals.dispose();
      stopped = signals.received;
    }
  } finally {
    await trainer.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  if (stopped) {
    // the model of the last complete epoch, not of the interrupted one
    if (kept) {
      writeParameters(model, kept.params);
      await writeModel(out, model, flags, config, kept.history, chosen);
    }
    model.dispose();
    throw new StoppedError(
      stopped,
      kept
        ? `stopped by ${stopped}: ${checkpointPath} and ${MODEL_DIR}/ hold epoch ${kept.epoch}; continue with --resume`
        : `stopped by ${stopped} in the first epoch: nothing to keep`,
    );
  }
  const last = trainer.history.at(-1);
  await writeModel(out, model, flags, config, trainer.history, chosen);
  say(
    `done in ${seconds.toFixed(1)}s: final loss (${lossLabel(spec)}) ${last?.trainLoss.toFixed(5)}, test MSE ${last?.testMse?.toFixed(5)}` +
      `${lossIsMse(spec) ? '' : `, test loss ${last?.testLoss?.toFixed(5)}`}; ` +
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
    config,
    out,
  };
}

/** The median of the epochs' training times (null before the first epoch). */
function medianSeconds(history: readonly EpochRecord[]): number | null {
  const sorted = history.map((r) => r.seconds).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The model folder, with where it came from in its metadata. */
function writeModel(
  out: string,
  model: Autoencoder,
  flags: TrainFlags,
  config: TrainConfig,
  history: EpochRecord[],
  chosen: ChosenEngine,
): Promise<void> {
  const last = history.at(-1);
  return asInput(`--out ${flags.out}`, () =>
    saveModel(join(out, MODEL_DIR), model, {
      epochs: history.length,
      trainLoss: last?.trainLoss,
      testMse: last?.testMse,
      testLoss: last?.testLoss,
      backend: chosen.backend,
      engine: chosen.description,
      threads: chosen.threads,
      seed: flags.seed,
      trainConfig: config,
      // what `zoo` compares: the median epoch's training time and this process's peak memory so far
      secondsPerEpoch: medianSeconds(history),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
}
