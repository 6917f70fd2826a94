import { type AdamState, adamStepScalars, LOSSES } from '@bottleneck/graph';
import type { BatchBuffer } from './batch-source';
import { floats } from './graph-engine';
import { ParallelGradients, type ParallelGradientsOptions } from './parallel-gradients';
import { checkLatentNoise, type EngineFactory, type EngineSpec, type TrainingEngine } from './training-engine';

/**
 * Data-parallel training on tfjs: workers run the spec's gradient graph on shares of each batch,
 * then its update graph (Adam, as the training-step graph emits it), each on its share of the
 * parameter tensors; the parameters and moments live in memory the workers share.
 */
export class ParallelEngine implements TrainingEngine {
  readonly batchFormat = 'float32';
  lr: number;
  /** Adam steps taken. */
  private steps = 0;

  constructor(
    private readonly pool: ParallelGradients,
    private readonly spec: EngineSpec,
    readonly description: string,
  ) {
    this.pool.setParameters(spec.params);
    const zeros = new Float32Array(spec.params.length);
    this.pool.setMoments(zeros, zeros);
    this.lr = spec.adam.lr;
  }

  async step(batch: BatchBuffer, rows: number, clean?: BatchBuffer, latentNoise?: Float32Array): Promise<number> {
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'parallel engine');
    const objective = await this.pool.gradients(floats(batch), rows, clean && floats(clean), eps);
    const { stepSize, bc2Sqrt } = adamStepScalars(this.lr, this.spec.adam, this.steps + 1);
    await this.pool.update(stepSize, bc2Sqrt);
    this.steps += 1;
    return this.reported(objective, rows);
  }

  async evaluateLoss(batch: BatchBuffer, rows: number, latentNoise?: Float32Array): Promise<number> {
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'parallel engine');
    return this.reported(await this.pool.loss(floats(batch), rows, eps), rows);
  }

  /** A batch's objective as the loss is reported (`batchLoss`: a mean, or per image). */
  private reported(objective: number, rows: number): number {
    return objective / LOSSES[this.spec.model.loss ?? 'mse'].reportDivisor(rows);
  }

  sumSquaredError(batch: BatchBuffer, rows: number): Promise<number> {
    return this.pool.squaredError(floats(batch), rows);
  }

  parameters(): Float32Array {
    return this.pool.parameters();
  }

  optimizerState(): AdamState {
    return { step: this.steps, lr: this.lr, ...this.pool.moments() };
  }

  restore(params: Float32Array, optimizer: AdamState): void {
    const size = this.spec.params.length;
    if ([params, optimizer.m, optimizer.v].some((a) => a.length !== size)) {
      throw new RangeError(`restore: expected ${size} parameters and moments, got ${params.length}`);
    }
    this.pool.setParameters(params);
    this.pool.setMoments(optimizer.m, optimizer.v);
    this.steps = optimizer.step;
    this.lr = optimizer.lr;
  }

  async dispose(): Promise<void> {
    await this.pool.dispose();
  }
}

/** tfjs in `threads` workers started by `spawn` (worker_threads, Web Workers), data-parallel. */
export function parallelEngine(options: Pick<ParallelGradientsOptions, 'threads' | 'spawn'>): EngineFactory {
  return async (spec) => {
    const pool = await ParallelGradients.create({
      ...options,
      model: spec.model,
      parameterCount: spec.params.length,
      maxRows: spec.maxRows,
      denoising: spec.denoising,
      adam: spec.adam,
    });
    return new ParallelEngine(pool, spec, `${options.threads} worker threads`);
  };
}
