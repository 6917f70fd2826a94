import {
  type AdamState,
  adamStepScalars,
  batchLoss,
  evaluationGraph,
  hasPenalty,
  io,
  type KernelLayout,
  lossGraph,
  lossScalars,
  type ParameterInfo,
  parameterLayout,
  relayout,
  serializeGraph,
  trainingStepGraph,
} from '@bottleneck/graph';
import {
  type BatchBuffer,
  type BatchFormat,
  checkBatchRows,
  checkLatentNoise,
  type EngineFactory,
  type EngineSpec,
  type TrainingEngine,
} from '@bottleneck/train';
import { sumFloat64 } from '@bottleneck/train/internal';
import type { InferenceSession, Tensor } from 'onnxruntime-common';

/** The part of an ONNX Runtime JS package used here (`onnxruntime-node`, `onnxruntime-web`). */
export interface OnnxRuntime {
  InferenceSession: { create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: 'float32' | 'uint8', data: Float32Array | Uint8Array, dims: readonly number[]) => Tensor;
}

/** Execution providers this engine is tested with (`wasm`: onnxruntime-web's CPU). */
export type OnnxProvider = 'cpu' | 'wasm' | 'webgpu' | 'cuda';

export interface OnnxEngineOptions {
  provider?: OnnxProvider;
  /** Threads of ORT's one intra-op pool (default: ORT's choice, one per core). */
  threads?: number;
  /**
   * Whether ORT writes a step's outputs into the tensors it is given (onnxruntime-node does; the
   * default). onnxruntime-web's wasm returns the given tensors unwritten, so there the new state
   * is copied out of its own result tensors instead.
   */
  outputsInPlace?: boolean;
}

/**
 * PyTorch's layout: the weight gradients become dzᵀ·h, which MLAS runs faster than hᵀ·dz
 * (measured: ~6% of a step on this recipe).
 */
const KERNELS: KernelLayout = 'out-in';

/** Flat parameter-sized vectors with one ORT tensor view per parameter tensor (no copies). */
class StateVectors {
  readonly flat: Float32Array;
  readonly tensors: Tensor[];

  constructor(ort: OnnxRuntime, layout: ParameterInfo[], size: number) {
    this.flat = new Float32Array(size);
    let offset = 0;
    this.tensors = layout.map((p) => {
      const view = this.flat.subarray(offset, offset + p.size);
      offset += p.size;
      return new ort.Tensor('float32', view, p.dims);
    });
  }
}

/** Parameters, Adam's first and second moments. */
interface TrainingState {
  params: StateVectors;
  m: StateVectors;
  v: StateVectors;
}

/**
 * Training on ONNX Runtime: one session runs a whole step (forward, backward, Adam) and another
 * evaluates. The state lives in two sets of JS buffers that ORT reads from and writes into in
 * turn (its outputs are bound to the other set), so no step copies parameters through JS.
 */
export class OnnxEngine implements TrainingEngine {
  lr: number;
  /** Bytes when the data is 8-bit images: the graph divides by 255, a quarter of the copying. */
  readonly batchFormat: BatchFormat;
  private step_ = 0;
  private current: TrainingState;
  private spare: TrainingState;
  private readonly scale = new Float32Array(1);
  private readonly penaltyScale = new Float32Array(1);
  private readonly stepSize = new Float32Array(1);
  private readonly bc2Sqrt = new Float32Array(1);
  private readonly scalars: Record<string, Tensor>;
  /** The model's own objective (`evaluateLoss`), made on first use. */
  private lossSession?: Promise<InferenceSession>;

  private constructor(
    private readonly ort: OnnxRuntime,
    private readonly spec: EngineSpec,
    /** The graph's tensors, `[out, in]` kernels. */
    private readonly layout: ParameterInfo[],
    private readonly trainSession: InferenceSession,
    private readonly evalSession: InferenceSession,
    /** Layers add penalties: the step takes `penalty_scale` and gives `row_penalty`. */
    private readonly penalized: boolean,
    readonly description: string,
    private readonly outputsInPlace: boolean,
    private readonly sessionOptions: InferenceSession.SessionOptions,
  ) {
    const state = () => ({
      params: new StateVectors(ort, layout, spec.params.length),
      m: new StateVectors(ort, layout, spec.params.length),
      v: new StateVectors(ort, layout, spec.params.length),
    });
    this.current = state();
    this.spare = state();
    this.current.params.flat.set(relayout(spec.model, spec.params, 'in-out', KERNELS));
    this.lr = spec.adam.lr;
    this.batchFormat = spec.offered;
    this.scalars = {
      [io.scale]: new ort.Tensor('float32', this.scale, []),
      ...(penalized ? { [io.penaltyScale]: new ort.Tensor('float32', this.penaltyScale, []) } : {}),
      [io.stepSize]: new ort.Tensor('float32', this.stepSize, []),
      [io.bc2Sqrt]: new ort.Tensor('float32', this.bc2Sqrt, []),
    };
  }

  static async create(ort: OnnxRuntime, spec: EngineSpec, options: OnnxEngineOptions = {}): Promise<OnnxEngine> {
    const { provider = 'cpu', threads, outputsInPlace = true } = options;
    const layout = parameterLayout(spec.model, KERNELS);
    const size = layout.reduce((n, p) => n + p.size, 0);
    if (size !== spec.params.length) {
      throw new RangeError(`onnx engine: ${spec.params.length} parameters given, the model has ${size}`);
    }
    const sessionOptions: InferenceSession.SessionOptions = {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      ...(threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
    };
    const graphOptions = { kernels: KERNELS, input: spec.offered, denoising: spec.denoising };
    const stepGraph = trainingStepGraph(spec.model, spec.adam, graphOptions);
    const trainSession = await ort.InferenceSession.create(serializeGraph(stepGraph), sessionOptions);
    const evalGraph = serializeGraph(evaluationGraph(spec.model, { kernels: KERNELS, input: spec.offered }));
    const evalSession = await ort.InferenceSession.create(evalGraph, sessionOptions);
    const description = `onnx ${provider}${threads ? `, ${threads} threads` : ''}`;
    const penalized = hasPenalty(stepGraph);
    return new OnnxEngine(
      ort,
      spec,
      layout,
      trainSession,
      evalSession,
      penalized,
      description,
      outputsInPlace,
      sessionOptions,
    );
  }

  /** An ORT view of the first `rows` rows of a batch buffer, which must be in `format`. */
  private rowsTensor(batch: BatchBuffer, rows: number, format: BatchFormat): Tensor {
    const f = this.spec.model.inputSize;
    const type = batch instanceof Uint8Array ? 'uint8' : 'float32';
    if (type !== format) throw new TypeError(`onnx engine: a ${type} batch, expected ${format}`);
    return new this.ort.Tensor(type, batch.subarray(0, rows * f), [rows, f]);
  }

  /** A run's inputs: the rows (and clean targets, and a VAE's ε, when given) and the parameters. */
  private feeds(batch: BatchBuffer, rows: number, clean?: BatchBuffer, eps?: Float32Array): Record<string, Tensor> {
    checkBatchRows(rows, this.spec, 'onnx engine');
    // denoising: float32 corrupted inputs, clean targets in the data's format
    const feeds: Record<string, Tensor> = clean
      ? {
          [io.x]: this.rowsTensor(batch, rows, 'float32'),
          [io.target]: this.rowsTensor(clean, rows, this.batchFormat),
        }
      : { [io.x]: this.rowsTensor(batch, rows, this.batchFormat) };
    if (eps) feeds[io.eps] = new this.ort.Tensor('float32', eps, [rows, eps.length / rows]);
    this.layout.forEach((p, i) => {
      feeds[p.name] = this.current.params.tensors[i]!;
    });
    return feeds;
  }

  async step(batch: BatchBuffer, rows: number, clean?: BatchBuffer, latentNoise?: Float32Array): Promise<number> {
    if (!clean !== !this.spec.denoising) {
      throw new TypeError(`onnx engine: clean targets go with denoising training, and only there`);
    }
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'onnx engine');
    const t = this.step_ + 1;
    const { stepSize, bc2Sqrt } = adamStepScalars(this.lr, this.spec.adam, t);
    const { scale, penaltyScale } = lossScalars(this.spec.model, rows);
    this.scale[0] = scale;
    this.penaltyScale[0] = penaltyScale;
    this.stepSize[0] = stepSize;
    this.bc2Sqrt[0] = bc2Sqrt;
    const feeds = { ...this.feeds(batch, rows, clean, eps), ...this.scalars };
    const fetches: Record<string, Tensor | null> = { [io.rowLoss]: null };
    if (this.penalized) fetches[io.rowPenalty] = null;
    const { current, spare } = this;
    const next = (p: ParameterInfo, i: number): [string, Tensor][] => [
      [io.next(p.name), spare.params.tensors[i]!],
      [io.next(io.m(p.name)), spare.m.tensors[i]!],
      [io.next(io.v(p.name)), spare.v.tensors[i]!],
    ];
    this.layout.forEach((p, i) => {
      feeds[io.m(p.name)] = current.m.tensors[i]!;
      feeds[io.v(p.name)] = current.v.tensors[i]!;
      for (const [name, tensor] of next(p, i)) fetches[name] = this.outputsInPlace ? tensor : null;
    });
    const out = await this.trainSession.run(feeds, fetches);
    if (!this.outputsInPlace) {
      this.layout.forEach((p, i) => {
        for (const [name, tensor] of next(p, i)) (tensor.data as Float32Array).set(out[name]!.data as Float32Array);
      });
    }
    this.current = spare;
    this.spare = current;
    this.step_ = t;
    return this.reportedLoss(out, rows);
  }

  /** The batch loss as reported (`batchLoss`) from a run's row losses and, if any, row penalties. */
  private reportedLoss(out: InferenceSession.ReturnType, rows: number): number {
    const sum = (name: string) => (out[name] ? sumFloat64(out[name].data as Float32Array) : 0);
    return batchLoss(this.spec.model, sum(io.rowLoss), sum(io.rowPenalty), rows);
  }

  async sumSquaredError(batch: BatchBuffer, rows: number): Promise<number> {
    const out = await this.evalSession.run(this.feeds(batch, rows));
    return sumFloat64(out[io.rowLoss]!.data as Float32Array);
  }

  async evaluateLoss(batch: BatchBuffer, rows: number, latentNoise?: Float32Array): Promise<number> {
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'onnx engine');
    // made on first use: most runs never ask, and a model whose loss is its MSE needs no second graph
    this.lossSession ??= this.ort.InferenceSession.create(
      serializeGraph(lossGraph(this.spec.model, { kernels: KERNELS, input: this.spec.offered })),
      this.sessionOptions,
    );
    const out = await (await this.lossSession).run(this.feeds(batch, rows, undefined, eps));
    return this.reportedLoss(out, rows);
  }

  /** A vector in `Autoencoder`'s layout from one of the graph's. */
  private toModelLayout(vector: StateVectors): Float32Array {
    return relayout(this.spec.model, vector.flat, KERNELS, 'in-out');
  }

  parameters(): Float32Array {
    return this.toModelLayout(this.current.params);
  }

  optimizerState(): AdamState {
    const { m, v } = this.current;
    return { step: this.step_, lr: this.lr, m: this.toModelLayout(m), v: this.toModelLayout(v) };
  }

  restore(params: Float32Array, optimizer: AdamState): void {
    const size = this.current.params.flat.length;
    if (params.length !== size || optimizer.m.length !== size || optimizer.v.length !== size) {
      throw new RangeError(`restore: expected ${size} parameters and moments`);
    }
    const fromModel = (v: Float32Array) => relayout(this.spec.model, v, 'in-out', KERNELS);
    this.current.params.flat.set(fromModel(params));
    this.current.m.flat.set(fromModel(optimizer.m));
    this.current.v.flat.set(fromModel(optimizer.v));
    this.step_ = optimizer.step;
    this.lr = optimizer.lr;
  }

  async dispose(): Promise<void> {
    const loss = this.lossSession?.then((session) => session.release());
    await Promise.all([this.trainSession.release(), this.evalSession.release(), loss]);
  }
}

/** An engine factory for the Trainer, on the given ONNX Runtime package. */
export function onnxEngine(ort: OnnxRuntime, options: OnnxEngineOptions = {}): EngineFactory {
  return (spec) => OnnxEngine.create(ort, spec, options);
}
