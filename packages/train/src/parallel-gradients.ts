import { type AdamConstants, latentNoiseWidth, type ModelSpec } from '@bottleneck/graph';
import type { GradientReply, GradientRequest, GradientWorkerInit, RowsKind } from './gradient-protocol';

/**
 * One worker as the pool sees it, whatever runs it (`worker_threads` in Node, a Web Worker in
 * the browser): it receives requests and answers each with one reply, after a first `ready`.
 */
export interface GradientWorkerPort {
  post(request: GradientRequest): void;
  listen(onReply: (reply: GradientReply) => void, onError: (error: Error) => void): void;
  terminate(): unknown;
}

export interface ParallelGradientsOptions {
  threads: number;
  model: ModelSpec;
  parameterCount: number;
  /** The most rows one batch will have. */
  maxRows: number;
  /** Batches come with clean targets (denoising training). */
  denoising?: boolean;
  /** Adam's constants, for a pool that also updates the parameters (`update`). */
  adam?: AdamConstants;
  spawn: (init: GradientWorkerInit) => GradientWorkerPort;
}

interface Slot {
  port: GradientWorkerPort;
  grads: Float32Array;
  pending?: { resolve: (value: number) => void; reject: (e: Error) => void };
}

/** Shared memory the pool and its workers both see. */
interface SharedViews {
  inputSize: number;
  params: Float32Array;
  batch: Float32Array;
  targets: Float32Array | undefined;
  /** The rows' ε, for a variational model. */
  eps: Float32Array | undefined;
  /** Adam's moments, when the pool updates the parameters. */
  moments: { m: Float32Array; v: Float32Array } | undefined;
}

/**
 * Data-parallel training: each worker has its own backend and model copy, reads the parameters
 * and batch from shared memory, and writes the gradient of its rows into its own shared slot.
 * With Adam's constants the workers then also update the shared parameters, each its own share
 * of the tensors from the summed slots, so no thread runs the whole update. This is how training
 * uses every core where the backend runs one thread (wasm in Node; the non-threaded wasm build in
 * the browser).
 */
export class ParallelGradients {
  private failure: Error | undefined;

  private constructor(
    private readonly shared: SharedViews,
    private readonly slots: Slot[],
  ) {}

  /** Starts `threads` workers through `spawn` and resolves once all are ready. Needs SharedArrayBuffer. */
  static async create(options: ParallelGradientsOptions): Promise<ParallelGradients> {
    const { threads, model, parameterCount, maxRows, spawn, adam } = options;
    const floats = (n: number) => new Float32Array(new SharedArrayBuffer(4 * n));
    const buffer = (view: Float32Array) => view.buffer as SharedArrayBuffer;
    const shared: SharedViews = {
      inputSize: model.inputSize,
      params: floats(parameterCount),
      batch: floats(maxRows * model.inputSize),
      targets: options.denoising ? floats(maxRows * model.inputSize) : undefined,
      eps: latentNoiseWidth(model) > 0 ? floats(maxRows * latentNoiseWidth(model)) : undefined,
      moments: adam ? { m: floats(parameterCount), v: floats(parameterCount) } : undefined,
    };
    const grads = Array.from({ length: threads }, () => floats(parameterCount));
    const slots: Slot[] = grads.map((slot, index) => {
      const port = spawn({
        model,
        params: buffer(shared.params),
        batch: buffer(shared.batch),
        grads: buffer(slot),
        ...(shared.targets ? { targets: buffer(shared.targets) } : {}),
        ...(shared.eps ? { eps: buffer(shared.eps) } : {}),
        ...(adam && shared.moments
          ? {
              optimizer: {
                adam,
                m: buffer(shared.moments.m),
                v: buffer(shared.moments.v),
                slots: grads.map(buffer),
                index,
              },
            }
          : {}),
      });
      return { port, grads: slot };
    });
    const pool = new ParallelGradients(shared, slots);
    try {
      await Promise.all(slots.map((s) => pool.listen(s)));
    } catch (error) {
      await pool.dispose();
      throw error;
    }
    return pool;
  }

  /**
   * Resolves once the worker is ready (an error before that, e.g. a backend that failed to start,
   * rejects); routes its later replies to the pending request.
   */
  private listen(slot: Slot): Promise<void> {
    let isReady = false;
    return new Promise((ready, fail) => {
      slot.port.listen(
        (reply) => {
          if ('ready' in reply) {
            isReady = true;
            return ready();
          }
          if (!isReady && 'error' in reply) return fail(new Error(`gradient worker: ${reply.error}`));
          const pending = slot.pending;
          slot.pending = undefined;
          if ('error' in reply) pending?.reject(new Error(`gradient worker: ${reply.error}`));
          else pending?.resolve(reply.value);
        },
        (error) => {
          this.failure = error;
          slot.pending?.reject(error);
          fail(error);
        },
      );
    });
  }

  get threads(): number {
    return this.slots.length;
  }

  /** Posts one request to each worker (`request(i, k)`); resolves to the sum of their replies. */
  private async dispatch(request: (i: number, k: number) => GradientRequest): Promise<number> {
    if (this.failure) throw this.failure;
    const k = this.slots.length;
    const values = await Promise.all(
      this.slots.map(
        (slot, i) =>
          new Promise<number>((resolve, reject) => {
            slot.pending = { resolve, reject };
            slot.port.post(request(i, k));
          }),
      ),
    );
    return values.reduce((a, b) => a + b, 0);
  }

  /** Shares the first `rows` rows of `batch` (and `target`, `eps`) out to the workers. */
  private rows(kind: RowsKind, batch: Float32Array, rows: number, target?: Float32Array, eps?: Float32Array) {
    const { inputSize, targets } = this.shared;
    if (!target !== !(kind === 'gradients' && targets)) {
      throw new TypeError(`parallel gradients: targets go with denoising training's gradients, and only there`);
    }
    if (!eps !== !(kind !== 'squaredError' && this.shared.eps)) {
      throw new TypeError(`parallel gradients: latent noise goes with a variational model's objective, and only there`);
    }
    this.shared.batch.set(batch.subarray(0, rows * inputSize));
    if (target) targets!.set(target.subarray(0, rows * inputSize));
    if (eps) this.shared.eps!.set(eps);
    return this.dispatch((i, k) => ({
      kind,
      start: Math.floor((rows * i) / k),
      end: Math.floor((rows * (i + 1)) / k),
      total: rows,
    }));
  }

  /** The shared parameters the workers read (and, with Adam, update). */
  parameters(): Float32Array {
    return this.shared.params.slice();
  }

  setParameters(params: Float32Array): void {
    this.shared.params.set(params);
  }

  /**
   * The gradient of the batch's objective over its first `rows` rows at the shared parameters,
   * left in the workers' slots; resolves to that objective (`batchObjective`). `target`: clean
   * rows for denoising; `eps`: the rows' ε for a variational model.
   */
  gradients(batch: Float32Array, rows: number, target?: Float32Array, eps?: Float32Array): Promise<number> {
    return this.rows('gradients', batch, rows, target, eps);
  }

  /** Writes the sum of the workers' slots (the last `gradients`) into `grads`. */
  sumGradients(grads: Float32Array): void {
    grads.set(this.slots[0]!.grads);
    for (let s = 1; s < this.slots.length; s++) {
      const g = this.slots[s]!.grads;
      for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! + g[i]!;
    }
  }

  /** `setParameters`, `gradients` and `sumGradients` in one. */
  async compute(
    params: Float32Array,
    batch: Float32Array,
    rows: number,
    grads: Float32Array,
    target?: Float32Array,
    eps?: Float32Array,
  ): Promise<number> {
    this.setParameters(params);
    const loss = await this.gradients(batch, rows, target, eps);
    this.sumGradients(grads);
    return loss;
  }

  /** Adam's step from the last `gradients`, each worker on its share of the shared state. */
  async update(stepSize: number, bc2Sqrt: number): Promise<void> {
    if (!this.shared.moments) throw new TypeError('parallel gradients: update needs a pool created with adam');
    await this.dispatch(() => ({ kind: 'update', stepSize, bc2Sqrt }));
  }

  /** Adam's moments (copies), flat as the parameters. */
  moments(): { m: Float32Array; v: Float32Array } {
    const { m, v } = this.requireMoments();
    return { m: m.slice(), v: v.slice() };
  }

  setMoments(m: Float32Array, v: Float32Array): void {
    const shared = this.requireMoments();
    shared.m.set(m);
    shared.v.set(v);
  }

  private requireMoments() {
    if (!this.shared.moments) throw new TypeError('parallel gradients: no moments without adam');
    return this.shared.moments;
  }

  /** The batch's objective (`batchObjective` of `lossGraph`) at the shared parameters, no gradient. */
  loss(batch: Float32Array, rows: number, eps?: Float32Array): Promise<number> {
    return this.rows('loss', batch, rows, undefined, eps);
  }

  /** Σ of the rows' squared reconstruction errors at the shared parameters. */
  squaredError(batch: Float32Array, rows: number): Promise<number> {
    return this.rows('squaredError', batch, rows);
  }

  /** Σ of the rows' squared reconstruction errors at `params` (which become the shared ones). */
  sumSquaredError(params: Float32Array, batch: Float32Array, rows: number): Promise<number> {
    this.setParameters(params);
    return this.squaredError(batch, rows);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.port.terminate()));
  }
}
