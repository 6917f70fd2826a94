import { createAutoencoder } from '@bottleneck/autoencoder';
import { Adam, type AdamState } from './adam';
import type { BatchBuffer } from './batch-source';
import { type GradientComputer, LocalGradients } from './gradients';
import { type ParallelGradientsOptions, ParallelGradients } from './parallel-gradients';
import type { EngineFactory, EngineSpec, TrainingEngine } from './training-engine';

/** tfjs computes on floats: this engine asks for them (`batchFormat`), so bytes are a caller's bug. */
function floats(batch: BatchBuffer): Float32Array {
  if (!(batch instanceof Float32Array)) throw new TypeError('GradientEngine: batches must be float32');
  return batch;
}

/**
 * An engine from a `GradientComputer` and the JS `Adam`: the gradients come from tfjs (this
 * thread or workers) and the update is one pass over the flat parameters here.
 */
export class GradientEngine implements TrainingEngine {
  readonly batchFormat = 'float32';
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly adam: Adam;

  constructor(
    private readonly gradients: GradientComputer,
    spec: EngineSpec,
    readonly description: string,
    private readonly onDispose?: () => void,
  ) {
    this.params = spec.params.slice();
    this.grads = new Float32Array(this.params.length);
    this.adam = new Adam(this.params.length, spec.adam);
  }

  get lr(): number {
    return this.adam.lr;
  }

  set lr(value: number) {
    this.adam.lr = value;
  }

  async step(batch: BatchBuffer, rows: number, clean?: BatchBuffer): Promise<number> {
    const target = clean && floats(clean);
    const loss = await this.gradients.compute(this.params, floats(batch), rows, this.grads, target);
    this.adam.update(this.params, this.grads);
    return loss;
  }

  async sumSquaredError(batch: BatchBuffer, rows: number): Promise<number> {
    return this.gradients.sumSquaredError(this.params, floats(batch), rows);
  }

  parameters(): Float32Array {
    return this.params.slice();
  }

  optimizerState(): AdamState {
    return this.adam.getState();
  }

  restore(params: Float32Array, optimizer: AdamState): void {
    if (params.length !== this.params.length) {
      throw new RangeError(`restore: ${params.length} parameters, the model has ${this.params.length}`);
    }
    this.params.set(params);
    this.adam.setState(optimizer);
  }

  async dispose(): Promise<void> {
    await this.gradients.dispose?.();
    this.onDispose?.();
  }
}

/** tfjs on this thread's current backend, with its own copy of the model. */
export function localEngine(): EngineFactory {
  return async (spec) => {
    const model = createAutoencoder({ ...spec.modelConfig });
    return new GradientEngine(new LocalGradients(model), spec, 'this thread', () => model.dispose());
  };
}

/** tfjs in `threads` workers started by `spawn` (worker_threads, Web Workers), data-parallel. */
export function parallelEngine(options: Pick<ParallelGradientsOptions, 'threads' | 'spawn'>): EngineFactory {
  return async (spec) => {
    const pool = await ParallelGradients.create({
      ...options,
      modelConfig: spec.modelConfig,
      parameterCount: spec.params.length,
      maxRows: spec.maxRows,
      denoising: spec.denoising,
    });
    return new GradientEngine(pool, spec, `${options.threads} worker threads`);
  };
}
