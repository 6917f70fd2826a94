import { type AdamState, latentNoiseWidth, type ModelSpec } from '@bottleneck/graph';
import type { BatchBuffer, BatchFormat } from './batch-source';

/** What the Trainer tells an engine it is about to drive: sizes, start point and optimiser. */
export interface EngineSpec {
  /** The model: its layers, from which every graph the engine runs is emitted. */
  model: ModelSpec;
  /** The initial parameters, flat, in `model.parameters` order (the engine keeps its own copy). */
  params: Float32Array;
  /** Adam with PyTorch semantics: L2 weight decay added to the gradient. */
  adam: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };
  /** The most rows any batch will have (the Trainer's batch size, capped by the data). */
  maxRows: number;
  /** The format the data can be given in: `uint8` when it is 8-bit images (the engine may still ask for float32). */
  offered: BatchFormat;
  /** Denoising training: every `step` gets corrupted float32 inputs and their clean targets. */
  denoising: boolean;
}

/**
 * The one seam between the Trainer and where the arithmetic runs: tfjs on this thread, tfjs in
 * worker threads, ONNX Runtime on CPU or GPU. An engine owns the parameters and the optimiser's
 * moments while training; the Trainer above it (scheduler, history, checkpoints, stop) is the
 * same code for every engine.
 */
export interface TrainingEngine {
  /** Short description for logs, e.g. `onnx cpu, 2 threads`. */
  readonly description: string;
  /** The batch format `step` and `sumSquaredError` take. */
  readonly batchFormat: BatchFormat;
  /** Adam's learning rate; the scheduler lowers it between epochs. */
  lr: number;
  /**
   * One Adam step on the mean squared error of the first `rows` rows of `batch`; resolves to
   * that loss (computed before the step). For denoising (`spec.denoising`), `batch` holds the
   * corrupted inputs as float32 and `clean` the targets in `batchFormat`; otherwise the target is
   * the input. The engine may read both at any time until the promise resolves (ONNX Runtime
   * reads them in place, later): leave them unchanged until then. `latentNoise`: for a model
   * with a variational layer (`latentNoiseWidth(model) > 0`), and only then, the rows' ε
   * `[rows, latent]` (`latentNoise` of @bottleneck/image), read likewise.
   */
  step(batch: BatchBuffer, rows: number, clean?: BatchBuffer, latentNoise?: Float32Array): Promise<number>;
  /** Σ of squared reconstruction errors over the first `rows` rows, added up in float64. */
  sumSquaredError(batch: BatchBuffer, rows: number): Promise<number>;
  /**
   * The batch's loss as `step` reports it (the model's own objective, `batchLoss` of `lossGraph`),
   * without a step: the test-set loss in the reference's units. `latentNoise` as for `step`.
   */
  evaluateLoss(batch: BatchBuffer, rows: number, latentNoise?: Float32Array): Promise<number>;
  /** A copy of the current parameters. */
  parameters(): Float32Array;
  /** A copy of the optimiser's state (step count, lr, moments). */
  optimizerState(): AdamState;
  /** Replaces parameters and optimiser state, e.g. from a checkpoint. */
  restore(params: Float32Array, optimizer: AdamState): void;
  dispose(): Promise<void>;
}

/** Builds an engine for a Trainer; apps choose one, the Trainer sizes it. */
export type EngineFactory = (spec: EngineSpec) => Promise<TrainingEngine>;

/**
 * The first `rows` rows of ε when the model samples, refusing ε where it does not and its
 * absence where it does (a caller's bug).
 */
export function checkLatentNoise(
  model: ModelSpec,
  rows: number,
  latentNoise: Float32Array | undefined,
  engine: string,
): Float32Array | undefined {
  const width = latentNoiseWidth(model);
  if (!latentNoise !== (width === 0)) {
    throw new TypeError(`${engine}: latent noise goes with a variational model, and only there`);
  }
  if (!latentNoise) return undefined;
  if (latentNoise.length < rows * width) {
    throw new RangeError(`${engine}: ${latentNoise.length} noise values, expected ${rows * width}`);
  }
  return latentNoise.subarray(0, rows * width);
}

/** Refuses a batch of `rows` outside 1..`spec.maxRows`, the rows an engine was sized for. */
export function checkBatchRows(rows: number, spec: Pick<EngineSpec, 'maxRows'>, engine: string): void {
  if (rows < 1 || rows > spec.maxRows) throw new RangeError(`${engine}: ${rows} rows, expected 1..${spec.maxRows}`);
}
