import type { Autoencoder } from '@bottleneck/autoencoder';
import * as tf from '@tensorflow/tfjs-core';
import { Adam } from './adam';
import type { Checkpoint } from './checkpoint';
import { type GradientComputer, LocalGradients, rowSquaredErrors, sumFloat64 } from './gradients';
import { readParameters, writeParameters } from './parameters';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';

/** Rows of features that can be copied into a batch buffer (e.g. `MnistSplit`). */
export interface BatchSource {
  readonly count: number;
  readonly featureSize: number;
  fillBatch(indices: ArrayLike<number>, out: Float32Array): void;
}

/**
 * Seeded epoch orderings with a savable state: `Pcg64` from `@bottleneck/autoencoder` (the
 * NumPy reference's generator) or `Shuffler` from `@bottleneck/mnist`.
 */
export interface EpochShuffler {
  permutation(n: number, out?: Uint32Array): Uint32Array;
  getState(): number[];
  setState(state: readonly number[]): void;
}

/** The lab's recipe; every field has the lab's value by default. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  /** ReduceLROnPlateau on the epoch loss. */
  patience: number;
  factor: number;
  threshold: number;
  cooldown: number;
  minLr: number;
}

export const LAB_RECIPE: TrainConfig = {
  epochs: 50,
  batchSize: 2048,
  lr: 1e-3,
  weightDecay: 1e-5,
  patience: 5,
  factor: 0.1,
  threshold: 1e-4,
  cooldown: 0,
  minLr: 0,
};

export interface EpochRecord {
  epoch: number;
  /** Mean of the epoch's batch losses (what the scheduler sees). */
  trainLoss: number;
  /** MSE over the whole test split after the epoch, when a test split is given. */
  testMse: number | null;
  /** Learning rate used during the epoch. */
  lr: number;
  /** True when the scheduler lowered the lr at the end of this epoch. */
  lrReduced: boolean;
  seconds: number;
}

export interface BatchInfo {
  epoch: number;
  batch: number;
  batches: number;
  lr: number;
  /** The batch loss. */
  loss: number;
}

export interface RunOptions {
  onBatchEnd?: (info: BatchInfo) => void | Promise<void>;
  onEpochEnd?: (record: EpochRecord, trainer: Trainer) => void | Promise<void>;
  /** Stops after the current batch; the history so far is returned. */
  signal?: AbortSignal;
}

export interface TrainerOptions {
  train: BatchSource;
  test?: BatchSource;
  shuffler: EpochShuffler;
  config?: Partial<TrainConfig>;
  /** Where gradients are computed; default: this thread's backend (`LocalGradients`). */
  gradients?: GradientComputer;
}

type BatchSse = (batch: Float32Array, rows: number) => number | Promise<number>;

/**
 * Mean of `batchSse` over a whole split taken in order, accumulated in float64, in batches of as
 * many rows as `buffer` holds (the buffer is reused for every batch).
 */
async function meanOverBatches(data: BatchSource, buffer: Float32Array, batchSse: BatchSse): Promise<number> {
  const batchSize = buffer.length / data.featureSize;
  const indices = new Uint32Array(batchSize);
  let sse = 0;
  for (let start = 0; start < data.count; start += batchSize) {
    const n = Math.min(batchSize, data.count - start);
    for (let i = 0; i < n; i++) indices[i] = start + i;
    data.fillBatch(indices.subarray(0, n), buffer);
    sse += await batchSse(buffer, n);
  }
  return sse / (data.count * data.featureSize);
}

/** The model's squared error over a batch, on this thread's backend. */
function modelSse(model: Autoencoder, featureSize: number): BatchSse {
  return async (batch, rows) => {
    const x = tf.tensor2d(batch.subarray(0, rows * featureSize), [rows, featureSize]);
    const rowErrors = rowSquaredErrors(model, x);
    try {
      return sumFloat64(await rowErrors.data());
    } finally {
      tf.dispose([x, rowErrors]);
    }
  };
}

/** MSE of the model's reconstructions over a whole split, accumulated in float64. */
export function evaluateMse(model: Autoencoder, data: BatchSource, batchSize = 2048): Promise<number> {
  const buffer = new Float32Array(Math.min(batchSize, data.count) * data.featureSize);
  return meanOverBatches(data, buffer, modelSse(model, data.featureSize));
}

/**
 * Trains an autoencoder with the lab's recipe: shuffled mini-batches, MSE, Adam with L2 weight
 * decay, ReduceLROnPlateau on the epoch loss. The parameters live in one flat vector that Adam
 * updates; the model's variables are refreshed from it whenever the model is used.
 */
export class Trainer {
  readonly config: TrainConfig;
  readonly optimizer: Adam;
  readonly scheduler: ReduceLROnPlateau;
  readonly history: EpochRecord[] = [];
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly gradients: GradientComputer;
  private readonly order: Uint32Array;
  private readonly buffer: Float32Array;

  constructor(
    readonly model: Autoencoder,
    private readonly options: TrainerOptions,
  ) {
    this.config = { ...LAB_RECIPE, ...options.config };
    const c = this.config;
    this.params = readParameters(model);
    this.grads = new Float32Array(this.params.length);
    this.gradients = options.gradients ?? new LocalGradients(model);
    this.optimizer = new Adam(this.params.length, { lr: c.lr, weightDecay: c.weightDecay });
    this.scheduler = new ReduceLROnPlateau(this.optimizer, {
      factor: c.factor,
      patience: c.patience,
      threshold: c.threshold,
      cooldown: c.cooldown,
      minLr: c.minLr,
    });
    const { train } = options;
    if (train.featureSize !== model.config.inputSize) {
      throw new Error(`training data has ${train.featureSize} features, the model takes ${model.config.inputSize}`);
    }
    // allocated once: the batch path copies bytes into these and nothing else
    this.order = new Uint32Array(train.count);
    this.buffer = new Float32Array(Math.min(c.batchSize, train.count) * train.featureSize);
  }

  /** Number of completed epochs. */
  get epoch(): number {
    return this.history.length;
  }

  /**
   * One optimisation step on the first `rows` rows of `batch`; returns the batch loss. Updates the
   * flat parameters; call `syncModel()` before using the model itself.
   */
  async step(batch: Float32Array, rows: number): Promise<number> {
    const loss = await this.gradients.compute(this.params, batch, rows, this.grads);
    this.optimizer.update(this.params, this.grads);
    return loss;
  }

  /** Makes the model's variables hold the current parameters. */
  syncModel(): void {
    writeParameters(this.model, this.params);
  }

  /** Trains until `config.epochs` epochs are complete (counting restored ones). */
  async run({ onBatchEnd, onEpochEnd, signal }: RunOptions = {}): Promise<EpochRecord[]> {
    const { train, test, shuffler } = this.options;
    const { batchSize, epochs } = this.config;
    const batches = Math.ceil(train.count / batchSize);
    while (this.epoch < epochs && !signal?.aborted) {
      const epoch = this.epoch + 1;
      const started = performance.now();
      const lr = this.optimizer.lr;
      shuffler.permutation(train.count, this.order);
      let lossSum = 0;
      const rowsOf = (b: number) => this.order.subarray(b * batchSize, Math.min((b + 1) * batchSize, train.count));
      train.fillBatch(rowsOf(0), this.buffer);
      for (let b = 0; b < batches; b++) {
        // compute() reads the batch before it returns, so the next batch is filled while the
        // gradients are computed (in workers, that overlaps)
        const pending = this.gradients.compute(this.params, this.buffer, rowsOf(b).length, this.grads);
        if (b + 1 < batches) train.fillBatch(rowsOf(b + 1), this.buffer);
        const loss = await pending;
        this.optimizer.update(this.params, this.grads);
        lossSum += loss;
        await onBatchEnd?.({ epoch, batch: b + 1, batches, lr, loss });
        if (signal?.aborted) {
          this.syncModel();
          return this.history;
        }
      }
      const trainLoss = lossSum / batches;
      const lrReduced = this.scheduler.step(trainLoss);
      this.syncModel();
      const testMse = test ? await this.testMse(test) : null;
      const record: EpochRecord = {
        epoch,
        trainLoss,
        testMse,
        lr,
        lrReduced,
        seconds: (performance.now() - started) / 1000,
      };
      this.history.push(record);
      await onEpochEnd?.(record, this);
    }
    return this.history;
  }

  /** Test MSE where the gradients are computed (on every worker, when there are workers). */
  private testMse(test: BatchSource): Promise<number> {
    const { gradients, params } = this;
    const sse: BatchSse = gradients.sumSquaredError
      ? (batch, rows) => gradients.sumSquaredError!(params, batch, rows)
      : modelSse(this.model, test.featureSize);
    // the training batch buffer is free between epochs, and its batches are no larger than a
    // gradient computer may have sized its own buffers for
    return meanOverBatches(test, this.buffer, sse);
  }

  /** Everything needed to continue this run exactly where it stands. */
  checkpoint(): Checkpoint {
    return {
      modelConfig: { ...this.model.config },
      trainConfig: { ...this.config },
      epoch: this.epoch,
      history: this.history.map((r) => ({ ...r })),
      params: this.params.slice(),
      optimizer: this.optimizer.getState(),
      scheduler: this.scheduler.getState(),
      shuffler: this.options.shuffler.getState(),
    };
  }

  /** Continues from a checkpoint: weights, moments, lr, scheduler, shuffle order and history. */
  restore(ckpt: Checkpoint): void {
    if (ckpt.params.length !== this.params.length) {
      throw new Error(`checkpoint holds ${ckpt.params.length} parameters, the model has ${this.params.length}`);
    }
    this.params.set(ckpt.params);
    this.syncModel();
    this.optimizer.setState(ckpt.optimizer);
    this.scheduler.setState(ckpt.scheduler);
    this.options.shuffler.setState(ckpt.shuffler);
    this.history.splice(0, this.history.length, ...ckpt.history.map((r) => ({ ...r })));
  }

  async dispose(): Promise<void> {
    await this.gradients.dispose?.();
  }
}
