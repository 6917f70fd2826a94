import { type Autoencoder, readParameters, writeParameters } from '@bottleneck/autoencoder';
import { type BatchBuffer, type BatchSource, type EpochShuffler, fillBatchBuffer } from './batch-source';
import { type Checkpoint, type DataIdentity, nonFiniteState } from './checkpoint';
import { meanOverBatches, sumOverBatches } from './evaluate';
import { corruptRows, latentNoise, validateInputNoise } from '@bottleneck/image';
import { latentNoiseWidth, lossIsMse } from '@bottleneck/graph';
import { localEngine } from './graph-engine';
import { ADAM_DEFAULTS, type BatchInfo, type EpochRecord, LAB_RECIPE, type TrainConfig } from './recipe';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { TrainingDivergedError } from './training-diverged-error';
import type { EngineFactory, TrainingEngine } from './training-engine';

/** Rows per evaluation batch when training batches are smaller (evaluation needs no gradients). */
export const EVAL_ROWS = 2048;

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
  /** Where the arithmetic runs; default: tfjs on this thread's backend (`localEngine()`). */
  engine?: EngineFactory;
  /** What `train` is, recorded in checkpoints so that a resume can refuse other data; needed by `checkpoint()`. */
  data?: DataIdentity;
}

/**
 * Rows per batch: training's (the batch size, or all the data when it is smaller) and
 * evaluation's (at least `EVAL_ROWS`, so that a tiny batch size does not make evaluating the test
 * split take thousands of calls). An engine is sized for the larger.
 */
function batchRows(config: TrainConfig, train: BatchSource, test: BatchSource | undefined) {
  const trainRows = Math.min(config.batchSize, train.count);
  const evalRows = test ? Math.min(Math.max(trainRows, EVAL_ROWS), test.count) : 0;
  return { train: trainRows, eval: evalRows };
}

/**
 * Trains an autoencoder with the lab's recipe: shuffled mini-batches, MSE, Adam with L2 weight
 * decay, ReduceLROnPlateau on the epoch loss. The engine holds the parameters while training; the
 * model's variables are refreshed from it after every epoch and when a run stops.
 */
export class Trainer {
  readonly scheduler: ReduceLROnPlateau;
  readonly history: EpochRecord[] = [];
  private readonly order: Uint32Array;
  /** Two batch buffers: the engine reads one while the next batch is copied into the other. */
  private readonly buffers: [BatchBuffer, BatchBuffer];
  /** Denoising training: the corrupted copies of the two batch buffers, which the engine takes as inputs. */
  private readonly noisy: [Float32Array, Float32Array] | null;
  /** A variational model: the ε of each batch buffer's rows. */
  private readonly eps: [Float32Array, Float32Array] | null;
  private readonly evalBuffer: BatchBuffer;
  /** The model's test loss is its test MSE (then it is not computed twice). */
  private readonly testLossIsMse: boolean;
  /** A model whose test loss is not its test MSE: ε for the evaluation batches, if it samples. */
  private readonly testLossNoise: Float32Array | null;

  private constructor(
    readonly model: Autoencoder,
    readonly config: TrainConfig,
    readonly engine: TrainingEngine,
    private readonly options: TrainerOptions,
  ) {
    this.scheduler = new ReduceLROnPlateau(engine, {
      factor: config.factor,
      patience: config.patience,
      threshold: config.threshold,
      cooldown: config.cooldown,
      minLr: config.minLr,
    });
    // allocated once: the batch path copies bytes into these and nothing else
    const { train, test } = options;
    const rows = batchRows(config, train, test);
    this.order = new Uint32Array(train.count);
    // in the format the engine takes: 8-bit images stay bytes up to the engine when it can
    const buffer = (n: number) =>
      engine.batchFormat === 'uint8' ? new Uint8Array(n * train.featureSize) : new Float32Array(n * train.featureSize);
    this.buffers = [buffer(rows.train), buffer(rows.train)];
    const floats = () => new Float32Array(rows.train * train.featureSize);
    this.noisy = config.noise ? [floats(), floats()] : null;
    const latent = latentNoiseWidth(model.spec);
    const eps = () => new Float32Array(rows.train * latent);
    this.eps = latent > 0 ? [eps(), eps()] : null;
    // a training buffer where evaluation batches fit in it (it is free between epochs), else one of their size
    this.evalBuffer = rows.eval <= rows.train ? this.buffers[0] : buffer(rows.eval);
    this.testLossIsMse = lossIsMse(model.spec);
    this.testLossNoise = latent > 0 ? new Float32Array(rows.eval * latent) : null;
  }

  /** A trainer starting from the model's current weights, with its engine sized to the recipe. */
  static async create(model: Autoencoder, options: TrainerOptions): Promise<Trainer> {
    const config = { ...LAB_RECIPE, ...options.config };
    if (config.noise) validateInputNoise(config.noise);
    const { latentSeed = 0 } = config;
    if (!(Number.isSafeInteger(latentSeed) && latentSeed >= 0)) {
      throw new RangeError(`latentSeed must be a non-negative integer, got ${latentSeed}`);
    }
    const { train } = options;
    if (train.featureSize !== model.config.inputSize) {
      throw new Error(`training data has ${train.featureSize} features, the model takes ${model.config.inputSize}`);
    }
    const engine = await (options.engine ?? localEngine())({
      model: model.spec,
      params: readParameters(model),
      adam: { ...ADAM_DEFAULTS, lr: config.lr, weightDecay: config.weightDecay },
      maxRows: Math.max(...Object.values(batchRows(config, train, options.test))),
      // bytes only where every split the engine will see can give them
      offered: train.fillBatchBytes && (!options.test || options.test.fillBatchBytes) ? 'uint8' : 'float32',
      denoising: config.noise !== null,
    });
    return new Trainer(model, config, engine, options);
  }

  /**
   * Copies the rows `indices` into batch buffer `k` and, for denoising training, their corrupted
   * copies into `noisy[k]`; for a variational model, their ε into `eps[k]`.
   */
  private fill(k: 0 | 1, indices: Uint32Array, epoch: number): void {
    const { train } = this.options;
    fillBatchBuffer(train, indices, this.buffers[k]);
    if (this.noisy) corruptRows(this.buffers[k], indices, train.featureSize, epoch, this.config.noise!, this.noisy[k]);
    if (this.eps)
      latentNoise(indices, latentNoiseWidth(this.model.spec), epoch, this.config.latentSeed ?? 0, this.eps[k]);
  }

  /** One engine step on batch buffer `k`: its corrupted copy against it, or it against itself. */
  private step(k: 0 | 1, rows: number): Promise<number> {
    const eps = this.eps?.[k];
    return this.noisy
      ? this.engine.step(this.noisy[k], rows, this.buffers[k], eps)
      : this.engine.step(this.buffers[k], rows, undefined, eps);
  }

  /** Number of completed epochs. */
  get epoch(): number {
    return this.history.length;
  }

  /** Makes the model's variables hold the engine's current parameters. */
  syncModel(): void {
    writeParameters(this.model, this.engine.parameters());
  }

  /** The engine's parameters into the model, refusing non-finite ones (the run diverged). */
  private syncFiniteModel(epoch: number): void {
    const params = this.engine.parameters();
    const bad = params.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new TrainingDivergedError(epoch, null, `parameter ${bad} is ${params[bad]}`);
    writeParameters(this.model, params);
  }

  /**
   * Trains until `config.epochs` epochs are complete (counting restored ones). Rejects with a
   * TrainingDivergedError when a loss or a parameter stops being finite; `onEpochEnd` has then
   * seen only finite epochs.
   */
  async run({ onBatchEnd, onEpochEnd, signal }: RunOptions = {}): Promise<EpochRecord[]> {
    const { train, test, shuffler } = this.options;
    const { batchSize, epochs } = this.config;
    const { engine, order } = this;
    const batches = Math.ceil(train.count / batchSize);
    while (this.epoch < epochs && !signal?.aborted) {
      const epoch = this.epoch + 1;
      const started = performance.now();
      const lr = engine.lr;
      shuffler.permutation(train.count, order);
      let lossSum = 0;
      const rowsOf = (b: number) => order.subarray(b * batchSize, Math.min((b + 1) * batchSize, train.count));
      this.fill(0, rowsOf(0), epoch);
      for (let b = 0; b < batches; b++) {
        // the next batch goes into the other buffer while the engine works on this one (in
        // workers, that overlaps); the engine may read its buffer until its step resolves
        const pending = this.step((b % 2) as 0 | 1, rowsOf(b).length);
        if (b + 1 < batches) this.fill(((b + 1) % 2) as 0 | 1, rowsOf(b + 1), epoch);
        const loss = await pending;
        // a NaN or infinite loss poisons every later step: stop before anything is saved
        if (!Number.isFinite(loss)) throw new TrainingDivergedError(epoch, b + 1, `the loss is ${loss}`);
        lossSum += loss;
        await onBatchEnd?.({ epoch, batch: b + 1, batches, lr, loss });
        if (signal?.aborted) {
          this.syncModel();
          return this.history;
        }
      }
      const trainLoss = lossSum / batches;
      const lrReduced = this.scheduler.step(trainLoss);
      this.syncFiniteModel(epoch);
      const testMse = test
        ? await meanOverBatches(test, this.evalBuffer, (x, rows) => engine.sumSquaredError(x, rows))
        : null;
      const testLoss = test && !this.testLossIsMse ? await this.testLoss(test, epoch) : testMse;
      const record: EpochRecord = {
        epoch,
        trainLoss,
        testMse,
        testLoss,
        lr,
        lrReduced,
        seconds: (performance.now() - started) / 1000,
      };
      this.history.push(record);
      await onEpochEnd?.(record, this);
    }
    return this.history;
  }

  /**
   * The model's own loss over a whole split, as its training reports batch losses (per image for
   * the VAE, as pytorch/examples prints its test loss); a VAE samples z with the test images' ε
   * of this epoch.
   */
  private async testLoss(test: BatchSource, epoch: number): Promise<number> {
    const eps = this.testLossNoise ?? undefined;
    const width = latentNoiseWidth(this.model.spec);
    const seed = this.config.latentSeed ?? 0;
    const sum = await sumOverBatches(test, this.evalBuffer, async (x, rows, indices) => {
      if (eps) latentNoise(indices, width, epoch, seed, eps, 'test');
      return rows * (await this.engine.evaluateLoss(x, rows, eps));
    });
    return sum / test.count;
  }

  /**
   * Everything needed to continue this run exactly where it stands. Needs `options.data` (a
   * resume refuses other data by it); a TrainingDivergedError when a parameter or an Adam moment
   * is no longer finite, which must never be saved.
   */
  checkpoint(): Checkpoint {
    const { data } = this.options;
    if (!data) throw new Error('Trainer.checkpoint: pass options.data (what the run trains on) to write checkpoints');
    const params = this.engine.parameters();
    const optimizer = this.engine.optimizerState();
    const nonFinite = nonFiniteState(params, optimizer);
    if (nonFinite) throw new TrainingDivergedError(this.epoch, null, nonFinite);
    return {
      modelConfig: { ...this.model.config },
      model: this.model.spec,
      trainConfig: { ...this.config },
      epoch: this.epoch,
      history: this.history.map((r) => ({ ...r })),
      params,
      optimizer,
      scheduler: this.scheduler.getState(),
      shuffler: this.options.shuffler.getState(),
      data: { ...data },
    };
  }

  /** Continues from a checkpoint: weights, moments, lr, scheduler, shuffle order and history. */
  restore(ckpt: Checkpoint): void {
    const size = this.model.parameterCount();
    if (ckpt.params.length !== size) {
      throw new Error(`checkpoint holds ${ckpt.params.length} parameters, the model has ${size}`);
    }
    this.engine.restore(ckpt.params, ckpt.optimizer);
    this.syncModel();
    this.scheduler.setState(ckpt.scheduler);
    this.options.shuffler.setState(ckpt.shuffler);
    this.history.splice(0, this.history.length, ...ckpt.history.map((r) => ({ ...r })));
  }

  async dispose(): Promise<void> {
    await this.engine.dispose();
  }
}
