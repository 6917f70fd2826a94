import { type AdamState, adamStepScalars, io, LOSSES, updateGraph } from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type { BatchBuffer } from './batch-source';
import { DeviceState } from './device-state';
import { floats } from './graph-engine';
import { ParallelGradients, type ParallelGradientsOptions } from './parallel-gradients';
import { checkLatentNoise, type EngineFactory, type EngineSpec, type TrainingEngine } from './training-engine';

/**
 * Data-parallel training on tfjs: workers run the spec's gradient graph on shares of each batch,
 * and this thread runs its update graph (Adam, as the training-step graph emits it) on the sum.
 */
export class ParallelEngine implements TrainingEngine {
  readonly batchFormat = 'float32';
  lr: number;
  private readonly state: DeviceState;
  private readonly update: GraphInterpreter;
  private readonly grads: Float32Array;
  /** The parameters as the workers read them, refreshed after each update. */
  private params: Float32Array;

  constructor(
    private readonly pool: ParallelGradients,
    private readonly spec: EngineSpec,
    readonly description: string,
  ) {
    this.state = new DeviceState(spec.model, spec.params);
    this.update = new GraphInterpreter(updateGraph(spec.model, spec.adam));
    this.grads = new Float32Array(spec.params.length);
    this.params = spec.params.slice();
    this.lr = spec.adam.lr;
  }

  async step(batch: BatchBuffer, rows: number, clean?: BatchBuffer, latentNoise?: Float32Array): Promise<number> {
    const target = clean && floats(clean);
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'parallel engine');
    const objective = await this.pool.compute(this.params, floats(batch), rows, this.grads, target, eps);
    const { stepSize, bc2Sqrt } = adamStepScalars(this.lr, this.spec.adam, this.state.step + 1);
    const fed: Record<string, tf.Tensor> = { [io.stepSize]: tf.scalar(stepSize), [io.bc2Sqrt]: tf.scalar(bc2Sqrt) };
    for (const p of this.state.layout) {
      fed[io.grad(p.name)] = tf.tensor(this.grads.subarray(p.offset, p.offset + p.size), p.dims);
    }
    try {
      this.state.replace(this.update.run({ ...this.state.feeds(), ...fed }, this.state.nextNames()));
    } finally {
      tf.dispose(Object.values(fed));
    }
    this.params = this.state.parameters();
    return objective / LOSSES[this.spec.model.loss ?? 'mse'].reportDivisor(rows);
  }

  sumSquaredError(batch: BatchBuffer, rows: number): Promise<number> {
    return this.pool.sumSquaredError(this.params, floats(batch), rows);
  }

  parameters(): Float32Array {
    return this.params.slice();
  }

  optimizerState(): AdamState {
    return this.state.optimizerState(this.lr);
  }

  restore(params: Float32Array, optimizer: AdamState): void {
    this.state.load(params, optimizer.m, optimizer.v, optimizer.step);
    this.params = params.slice();
    this.lr = optimizer.lr;
  }

  async dispose(): Promise<void> {
    this.state.dispose();
    this.update.dispose();
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
    });
    return new ParallelEngine(pool, spec, `${options.threads} worker threads`);
  };
}
