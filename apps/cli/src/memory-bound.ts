import { countParameters, layerWidths, type ModelSpec } from '@bottleneck/graph';
import { EVAL_ROWS } from '@bottleneck/train';
import { type EngineChoice, threadsFor } from './engines';
import { InputError } from './errors';

const MiB = 2 ** 20;

/**
 * The peak resident memory a training run may reach: a run whose estimate is above it is refused
 * before it starts (README, "Security and limits").
 */
export const MEMORY_BOUND_BYTES = 1536 * MiB;

/**
 * What a training run costs, measured with `/usr/bin/time` (Linux x64, Node 20) and rounded up:
 * a fixed part (Node, the runtimes, the data set); per parameter the weights, gradients, Adam
 * moments and the engine's copies; per activation value (a row of the largest batch times the
 * layer widths) the forward and backward buffers; per tfjs worker thread its own runtime and
 * copies of the weights and gradients.
 */
const COST = {
  fixed: 340 * MiB,
  perParameter: 68,
  perActivation: 12,
  perWorker: 60 * MiB,
  perWorkerParameter: 12,
} as const;

export interface TrainingShape {
  /** The model (every layer's output is an activation of each row). */
  spec: ModelSpec;
  /** Training rows per batch (the batch size, or the whole training split when it is smaller). */
  trainRows: number;
  /** Test images evaluated after each epoch (0 without a test split). */
  testCount: number;
  /** tfjs worker threads (0 for ONNX Runtime, which runs in the main process). */
  workers: number;
}

/** The estimated peak resident memory of a training run, in bytes. */
export function estimateTrainingBytes({ spec, trainRows, testCount, workers }: TrainingShape): number {
  // the input and every layer's output: 2·784 + 2·392 + 8 values a row for the lab
  const widths = layerWidths(spec).reduce((a, b) => a + b, 0);
  // the engine is sized for the larger of a training batch and an evaluation batch
  const rows = Math.max(trainRows, Math.min(Math.max(trainRows, EVAL_ROWS), testCount));
  const parameters = countParameters(spec);
  return (
    COST.fixed +
    COST.perParameter * parameters +
    COST.perActivation * rows * widths +
    workers * (COST.perWorker + COST.perWorkerParameter * parameters)
  );
}

/** Refuses, with one line naming the flags, a run estimated above `MEMORY_BOUND_BYTES`. */
export function checkMemoryBound(shape: TrainingShape, flags: string): void {
  const bytes = estimateTrainingBytes(shape);
  if (bytes <= MEMORY_BOUND_BYTES) return;
  const gib = (n: number) => (n / 2 ** 30).toFixed(1);
  throw new InputError(
    `${flags}: training would need about ${gib(bytes)} GiB, more than the ${gib(MEMORY_BOUND_BYTES)} GiB bound; ` +
      `use a smaller model (--hidden, --bottleneck, --arch, --spec) or --batch-size${shape.workers > 0 ? ', or fewer --threads' : ''}`,
  );
}

/** tfjs worker threads an engine choice starts (0 for ONNX Runtime, `auto` and one-thread tfjs). */
export function tfjsWorkers(choice: EngineChoice, threads?: number): number {
  if (choice !== 'wasm' && choice !== 'cpu') return 0;
  const n = threadsFor(choice, threads);
  return n > 1 ? n : 0;
}
