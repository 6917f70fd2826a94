import { Worker } from 'node:worker_threads';
import type { Autoencoder, AutoencoderConfig } from '@bottleneck/autoencoder';
import { type GradientComputer, LocalGradients } from '@bottleneck/train';
import type { BackendName } from './backend';

export interface WorkerInit {
  backend: BackendName;
  modelConfig: AutoencoderConfig;
  params: SharedArrayBuffer;
  batch: SharedArrayBuffer;
  grads: SharedArrayBuffer;
}
export interface WorkerRequest {
  kind: 'gradients' | 'squaredError';
  start: number;
  end: number;
  total: number;
}
export type WorkerReply = { value: number } | { error: string } | { ready: true };

interface Slot {
  worker: Worker;
  grads: Float32Array;
  pending?: { resolve: (value: number) => void; reject: (e: Error) => void };
}

/**
 * Data-parallel gradients over worker threads: each worker has its own wasm backend and model
 * copy, reads the parameters and batch from shared memory, and writes the gradient of its rows
 * into its own shared slot; the slots are summed here. The wasm backend runs one thread in
 * Node, so this is how training uses every core.
 */
export class WorkerGradients implements GradientComputer {
  private readonly params: Float32Array;
  private readonly batch: Float32Array;
  private readonly slots: Slot[];
  private failure: Error | undefined;

  private constructor(
    private readonly inputSize: number,
    params: Float32Array,
    batch: Float32Array,
    slots: Slot[],
  ) {
    this.params = params;
    this.batch = batch;
    this.slots = slots;
  }

  static async create(options: {
    threads: number;
    backend: BackendName;
    modelConfig: AutoencoderConfig;
    parameterCount: number;
    maxRows: number;
    workerUrl?: URL;
  }): Promise<WorkerGradients> {
    const { threads, backend, modelConfig, parameterCount, maxRows } = options;
    const url = options.workerUrl ?? new URL('./gradient-worker.js', import.meta.url);
    const shared = (floats: number) => new Float32Array(new SharedArrayBuffer(4 * floats));
    const params = shared(parameterCount);
    const batch = shared(maxRows * modelConfig.inputSize);
    const slots: Slot[] = [];
    for (let i = 0; i < threads; i++) {
      const grads = shared(parameterCount);
      const init: WorkerInit = {
        backend,
        modelConfig,
        params: params.buffer as SharedArrayBuffer,
        batch: batch.buffer as SharedArrayBuffer,
        grads: grads.buffer as SharedArrayBuffer,
      };
      slots.push({ worker: new Worker(url, { workerData: init }), grads });
    }
    const pool = new WorkerGradients(modelConfig.inputSize, params, batch, slots);
    await Promise.all(slots.map((s) => pool.listen(s)));
    return pool;
  }

  /** Resolves once the worker is ready; routes its later replies to the pending request. */
  private listen(slot: Slot): Promise<void> {
    return new Promise((ready, fail) => {
      slot.worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) return ready();
        const pending = slot.pending;
        slot.pending = undefined;
        if ('error' in reply) pending?.reject(new Error(`gradient worker: ${reply.error}`));
        else pending?.resolve(reply.value);
      });
      slot.worker.on('error', (error) => {
        this.failure = error;
        slot.pending?.reject(error);
        fail(error);
      });
    });
  }

  get threads(): number {
    return this.slots.length;
  }

  /** Shares the first `rows` rows out to the workers; resolves to the sum of their replies. */
  private async dispatch(kind: WorkerRequest['kind'], params: Float32Array, batch: Float32Array, rows: number): Promise<number> {
    if (this.failure) throw this.failure;
    this.params.set(params);
    this.batch.set(batch.subarray(0, rows * this.inputSize));
    const k = this.slots.length;
    const values = await Promise.all(
      this.slots.map(
        (slot, i) =>
          new Promise<number>((resolve, reject) => {
            const start = Math.floor((rows * i) / k);
            const end = Math.floor((rows * (i + 1)) / k);
            slot.pending = { resolve, reject };
            slot.worker.postMessage({ kind, start, end, total: rows } satisfies WorkerRequest);
          }),
      ),
    );
    return values.reduce((a, b) => a + b, 0);
  }

  async compute(params: Float32Array, batch: Float32Array, rows: number, grads: Float32Array): Promise<number> {
    const loss = await this.dispatch('gradients', params, batch, rows);
    const k = this.slots.length;
    grads.set(this.slots[0]!.grads);
    for (let s = 1; s < k; s++) {
      const g = this.slots[s]!.grads;
      for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! + g[i]!;
    }
    return loss;
  }

  sumSquaredError(params: Float32Array, batch: Float32Array, rows: number): Promise<number> {
    return this.dispatch('squaredError', params, batch, rows);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Native backends thread their own kernels; workers would only compete with them. */
export function threadsFor(backend: BackendName, threads: number): number {
  return backend === 'wasm' || backend === 'cpu' ? threads : 1;
}

/**
 * Gradients for `model`: worker threads when more than one is asked for (and the backend is
 * one that benefits), else this thread's backend. Returns the thread count actually used.
 */
export async function createGradients(options: {
  threads: number;
  backend: BackendName;
  model: Autoencoder;
  maxRows: number;
}): Promise<{ gradients: GradientComputer; threads: number }> {
  const { backend, model, maxRows } = options;
  const threads = threadsFor(backend, options.threads);
  const gradients =
    threads > 1
      ? await WorkerGradients.create({
          threads,
          backend,
          modelConfig: model.config,
          parameterCount: model.parameterCount(),
          maxRows,
        })
      : new LocalGradients(model);
  return { gradients, threads };
}
