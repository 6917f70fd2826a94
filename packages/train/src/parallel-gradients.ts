import {
  batchObjective,
  evaluationGraph,
  gradientGraph,
  hasPenalty,
  io,
  latentNoiseWidth,
  lossScalars,
  type ModelSpec,
  parameterLayout,
} from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { sumFloat64 } from './sum-float64';

/** What a gradient worker is started with: the model's sizes and its views of shared memory. */
export interface GradientWorkerInit {
  model: ModelSpec;
  params: SharedArrayBuffer;
  batch: SharedArrayBuffer;
  /** This worker's own gradient slot. */
  grads: SharedArrayBuffer;
  /** Clean targets of the batch's rows, for denoising training (else the batch is its own target). */
  targets?: SharedArrayBuffer;
  /** The rows' ε `[rows, latent]`, for a variational model. */
  eps?: SharedArrayBuffer;
}

export interface GradientRequest {
  kind: 'gradients' | 'squaredError';
  /** Rows `start..end` of the shared batch are this worker's share of `total` rows. */
  start: number;
  end: number;
  total: number;
}

export type GradientReply = { value: number } | { error: string } | { ready: true };

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
  spawn: (init: GradientWorkerInit) => GradientWorkerPort;
}

interface Slot {
  port: GradientWorkerPort;
  grads: Float32Array;
  pending?: { resolve: (value: number) => void; reject: (e: Error) => void };
}

/**
 * Data-parallel gradients: each worker has its own backend and model copy, reads the parameters
 * and batch from shared memory, and writes the gradient of its rows into its own shared slot;
 * the slots are summed here. This is how training uses every core where the backend runs one
 * thread (wasm in Node; the non-threaded wasm build in the browser).
 */
export class ParallelGradients {
  private failure: Error | undefined;

  private constructor(
    private readonly inputSize: number,
    private readonly params: Float32Array,
    private readonly batch: Float32Array,
    private readonly targets: Float32Array | undefined,
    private readonly eps: Float32Array | undefined,
    private readonly slots: Slot[],
  ) {}

  /** Starts `threads` workers through `spawn` and resolves once all are ready. Needs SharedArrayBuffer. */
  static async create(options: ParallelGradientsOptions): Promise<ParallelGradients> {
    const { threads, model, parameterCount, maxRows, spawn } = options;
    const shared = (floats: number) => new Float32Array(new SharedArrayBuffer(4 * floats));
    const params = shared(parameterCount);
    const batch = shared(maxRows * model.inputSize);
    const targets = options.denoising ? shared(maxRows * model.inputSize) : undefined;
    const latent = latentNoiseWidth(model);
    const eps = latent > 0 ? shared(maxRows * latent) : undefined;
    const slots: Slot[] = Array.from({ length: threads }, () => {
      const grads = shared(parameterCount);
      const port = spawn({
        model,
        params: params.buffer as SharedArrayBuffer,
        batch: batch.buffer as SharedArrayBuffer,
        grads: grads.buffer as SharedArrayBuffer,
        ...(targets ? { targets: targets.buffer as SharedArrayBuffer } : {}),
        ...(eps ? { eps: eps.buffer as SharedArrayBuffer } : {}),
      });
      return { port, grads };
    });
    const pool = new ParallelGradients(model.inputSize, params, batch, targets, eps, slots);
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

  /** Shares the first `rows` rows out to the workers; resolves to the sum of their replies. */
  private async dispatch(
    kind: GradientRequest['kind'],
    params: Float32Array,
    batch: Float32Array,
    rows: number,
    target?: Float32Array,
    eps?: Float32Array,
  ): Promise<number> {
    if (this.failure) throw this.failure;
    if (!target !== !(kind === 'gradients' && this.targets)) {
      throw new TypeError(`parallel gradients: targets go with denoising training's gradients, and only there`);
    }
    if (!eps !== !(kind === 'gradients' && this.eps)) {
      throw new TypeError(`parallel gradients: latent noise goes with a variational model's gradients, and only there`);
    }
    this.params.set(params);
    this.batch.set(batch.subarray(0, rows * this.inputSize));
    if (target) this.targets!.set(target.subarray(0, rows * this.inputSize));
    if (eps) this.eps!.set(eps);
    const k = this.slots.length;
    const values = await Promise.all(
      this.slots.map(
        (slot, i) =>
          new Promise<number>((resolve, reject) => {
            slot.pending = { resolve, reject };
            slot.port.post({
              kind,
              start: Math.floor((rows * i) / k),
              end: Math.floor((rows * (i + 1)) / k),
              total: rows,
            });
          }),
      ),
    );
    return values.reduce((a, b) => a + b, 0);
  }

  /**
   * Writes the gradient of the whole batch's objective over its first `rows` rows into `grads`
   * and resolves to that objective (`batchObjective`); `target`: clean rows for denoising;
   * `eps`: the rows' ε for a variational model.
   */
  async compute(
    params: Float32Array,
    batch: Float32Array,
    rows: number,
    grads: Float32Array,
    target?: Float32Array,
    eps?: Float32Array,
  ): Promise<number> {
    const loss = await this.dispatch('gradients', params, batch, rows, target, eps);
    grads.set(this.slots[0]!.grads);
    for (let s = 1; s < this.slots.length; s++) {
      const g = this.slots[s]!.grads;
      for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! + g[i]!;
    }
    return loss;
  }

  /** Σ of the rows' squared reconstruction errors. */
  sumSquaredError(params: Float32Array, batch: Float32Array, rows: number): Promise<number> {
    return this.dispatch('squaredError', params, batch, rows);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.port.terminate()));
  }
}

/**
 * The worker's side of `ParallelGradients`: the spec's gradient graph on this thread's backend
 * (set it up first), run by the tfjs interpreter on its share of the batch with the whole batch's
 * loss scale, so the shares' gradients sum to the batch's. Returns the handler; post its result
 * back for each request.
 */
export function serveGradients(init: GradientWorkerInit): (request: GradientRequest) => GradientReply {
  const spec = init.model;
  const layout = parameterLayout(spec);
  const withTargets = { denoising: init.targets !== undefined };
  const graph = gradientGraph(spec, withTargets);
  const penalized = hasPenalty(graph);
  const gradients = new GraphInterpreter(graph);
  const evaluation = new GraphInterpreter(evaluationGraph(spec));
  const params = new Float32Array(init.params);
  const batch = new Float32Array(init.batch);
  const grads = new Float32Array(init.grads);
  const targets = init.targets && new Float32Array(init.targets);
  const eps = init.eps && new Float32Array(init.eps);
  const f = spec.inputSize;
  const latent = latentNoiseWidth(spec);
  const rowsOf = (from: Float32Array, start: number, rows: number, width = f) =>
    tf.tensor2d(from.subarray(start * width, (start + rows) * width), [rows, width]);
  return (request) => {
    try {
      const rows = request.end - request.start;
      // more workers than rows: an empty share adds nothing (a 0-row mean would be NaN)
      if (rows === 0) {
        if (request.kind === 'gradients') grads.fill(0);
        return { value: 0 };
      }
      // the whole batch's scalars: the shares' gradients and objectives sum to the batch's
      const { scale, penaltyScale } = lossScalars(spec, request.total);
      const feeds: Record<string, tf.Tensor> = {
        [io.x]: rowsOf(batch, request.start, rows),
        [io.scale]: tf.scalar(scale),
        ...(penalized ? { [io.penaltyScale]: tf.scalar(penaltyScale) } : {}),
      };
      for (const p of layout) feeds[p.name] = tf.tensor(params.subarray(p.offset, p.offset + p.size), p.dims);
      const isGradients = request.kind === 'gradients';
      if (isGradients && targets) feeds[io.target] = rowsOf(targets, request.start, rows);
      if (isGradients && eps) feeds[io.eps] = rowsOf(eps, request.start, rows, latent);
      const rowOutputs = isGradients && penalized ? [io.rowLoss, io.rowPenalty] : [io.rowLoss];
      const fetch = isGradients ? [...rowOutputs, ...layout.map((p) => io.grad(p.name))] : rowOutputs;
      const out = (isGradients ? gradients : evaluation).run(feeds, fetch);
      tf.dispose(Object.values(feeds));
      if (isGradients) for (const p of layout) grads.set(out[io.grad(p.name)]!.dataSync() as Float32Array, p.offset);
      const [lossSum, penaltySum = 0] = rowOutputs.map((name) => sumFloat64(out[name]!.dataSync()));
      // gradients: this share's part of the batch's objective; squared errors: their sum
      const value = isGradients ? batchObjective(spec, lossSum!, penaltySum, request.total) : lossSum!;
      tf.dispose(Object.values(out));
      return { value };
    } catch (error) {
      return { error: (error as Error).stack ?? String(error) };
    }
  };
}
