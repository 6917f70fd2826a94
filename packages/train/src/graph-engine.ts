import {
  adamStepScalars,
  batchLoss,
  evaluationGraph,
  lossGraph,
  hasPenalty,
  io,
  lossScalars,
  trainingStepGraph,
} from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type { AdamState } from '@bottleneck/graph';
import type { BatchBuffer } from './batch-source';
import { DeviceState } from './device-state';
import { sumFloat64 } from './sum-float64';
import {
  checkBatchRows,
  checkLatentNoise,
  type EngineFactory,
  type EngineSpec,
  type TrainingEngine,
} from './training-engine';

/** tfjs computes on floats: this engine asks for them (`batchFormat`), so bytes are a caller's bug. */
export function floats(batch: BatchBuffer): Float32Array {
  if (!(batch instanceof Float32Array)) throw new TypeError('tfjs engine: batches must be float32');
  return batch;
}

/** The first `rows` rows of a batch as a `[rows, features]` tensor. */
export function rowsTensor(batch: BatchBuffer, rows: number, features: number): tf.Tensor2D {
  return tf.tensor2d(floats(batch).subarray(0, rows * features), [rows, features]);
}

/**
 * Training on this thread's tfjs backend (cpu, wasm, webgl, webgpu, node): the interpreter runs
 * the spec's training-step graph, the same graph ONNX Runtime runs, with the state on the
 * device and one asynchronous read of the row losses per step.
 */
export class GraphEngine implements TrainingEngine {
  readonly batchFormat = 'float32';
  lr: number;
  private readonly state: DeviceState;
  private readonly stepGraph: GraphInterpreter;
  private readonly evalGraph: GraphInterpreter;
  /** The model's own objective (`evaluateLoss`), made on first use. */
  private lossGraph?: GraphInterpreter;
  /** Layers add penalties: the step takes `penalty_scale` and gives `row_penalty`. */
  private readonly penalized: boolean;

  constructor(
    private readonly spec: EngineSpec,
    readonly description = `tfjs ${tf.getBackend()}`,
  ) {
    const options = { denoising: spec.denoising };
    this.state = new DeviceState(spec.model, spec.params);
    const stepGraph = trainingStepGraph(spec.model, spec.adam, options);
    this.penalized = hasPenalty(stepGraph);
    this.stepGraph = new GraphInterpreter(stepGraph);
    this.evalGraph = new GraphInterpreter(evaluationGraph(spec.model));
    this.lr = spec.adam.lr;
  }

  async step(batch: BatchBuffer, rows: number, clean?: BatchBuffer, latentNoise?: Float32Array): Promise<number> {
    checkBatchRows(rows, this.spec, 'tfjs engine');
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'tfjs engine');
    if (!clean !== !this.spec.denoising) {
      throw new TypeError('tfjs engine: clean targets go with denoising training, and only there');
    }
    const f = this.spec.model.inputSize;
    const { stepSize, bc2Sqrt } = adamStepScalars(this.lr, this.spec.adam, this.state.step + 1);
    const { scale, penaltyScale } = lossScalars(this.spec.model, rows);
    const fed = {
      [io.x]: rowsTensor(batch, rows, f),
      ...(clean ? { [io.target]: rowsTensor(clean, rows, f) } : {}),
      ...(eps ? { [io.eps]: tf.tensor2d(eps, [rows, eps.length / rows]) } : {}),
      [io.scale]: tf.scalar(scale),
      ...(this.penalized ? { [io.penaltyScale]: tf.scalar(penaltyScale) } : {}),
      [io.stepSize]: tf.scalar(stepSize),
      [io.bc2Sqrt]: tf.scalar(bc2Sqrt),
    };
    let out: Record<string, tf.Tensor>;
    try {
      out = this.stepGraph.run({ ...this.state.feeds(), ...fed }, [...this.rowOutputs, ...this.state.nextNames()]);
    } finally {
      tf.dispose(Object.values(fed));
    }
    const rowTensors = this.rowOutputs.map((name) => out[name]!);
    this.state.replace(out);
    return this.reportedLoss(rowTensors, rows);
  }

  /** The graphs' per-row outputs: the row losses and, when layers add penalties, theirs. */
  private get rowOutputs(): string[] {
    return this.penalized ? [io.rowLoss, io.rowPenalty] : [io.rowLoss];
  }

  /** The batch loss as reported (`batchLoss`) from the row outputs' tensors, which it disposes. */
  private async reportedLoss(rowTensors: tf.Tensor[], rows: number): Promise<number> {
    try {
      const [lossSum, penaltySum = 0] = await Promise.all(rowTensors.map(async (t) => sumFloat64(await t.data())));
      return batchLoss(this.spec.model, lossSum!, penaltySum, rows);
    } finally {
      tf.dispose(rowTensors);
    }
  }

  async sumSquaredError(batch: BatchBuffer, rows: number): Promise<number> {
    checkBatchRows(rows, this.spec, 'tfjs engine');
    const x = rowsTensor(batch, rows, this.spec.model.inputSize);
    // the evaluation graph takes the parameters; the moments in the state's feeds go unused
    const { [io.rowLoss]: rowLoss } = this.evalGraph.run({ ...this.state.feeds(), [io.x]: x }, [io.rowLoss]);
    x.dispose();
    try {
      return sumFloat64(await rowLoss!.data());
    } finally {
      rowLoss!.dispose();
    }
  }

  async evaluateLoss(batch: BatchBuffer, rows: number, latentNoise?: Float32Array): Promise<number> {
    checkBatchRows(rows, this.spec, 'tfjs engine');
    const eps = checkLatentNoise(this.spec.model, rows, latentNoise, 'tfjs engine');
    this.lossGraph ??= new GraphInterpreter(lossGraph(this.spec.model));
    const fed = {
      [io.x]: rowsTensor(batch, rows, this.spec.model.inputSize),
      ...(eps ? { [io.eps]: tf.tensor2d(eps, [rows, eps.length / rows]) } : {}),
    };
    let out: Record<string, tf.Tensor>;
    try {
      out = this.lossGraph.run({ ...this.state.feeds(), ...fed }, this.rowOutputs);
    } finally {
      tf.dispose(Object.values(fed));
    }
    return this.reportedLoss(
      this.rowOutputs.map((name) => out[name]!),
      rows,
    );
  }

  parameters(): Float32Array {
    return this.state.parameters();
  }

  optimizerState(): AdamState {
    return this.state.optimizerState(this.lr);
  }

  restore(params: Float32Array, optimizer: AdamState): void {
    this.state.load(params, optimizer.m, optimizer.v, optimizer.step);
    this.lr = optimizer.lr;
  }

  async dispose(): Promise<void> {
    this.state.dispose();
    this.stepGraph.dispose();
    this.evalGraph.dispose();
    this.lossGraph?.dispose();
  }
}

/** tfjs on this thread's current backend. */
export function localEngine(): EngineFactory {
  return async (spec) => new GraphEngine(spec);
}
