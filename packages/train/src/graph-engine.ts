import { adamStepScalars, evaluationGraph, io, mse, trainingStepGraph } from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import type { AdamState } from '@bottleneck/graph';
import type { BatchBuffer } from './batch-source';
import { DeviceState } from './device-state';
import { sumFloat64 } from './evaluate';
import type { EngineFactory, EngineSpec, TrainingEngine } from './training-engine';

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

  constructor(
    private readonly spec: EngineSpec,
    readonly description = `tfjs ${tf.getBackend()}`,
  ) {
    const options = { denoising: spec.denoising };
    this.state = new DeviceState(spec.model, spec.params);
    this.stepGraph = new GraphInterpreter(trainingStepGraph(spec.model, spec.adam, options));
    this.evalGraph = new GraphInterpreter(evaluationGraph(spec.model));
    this.lr = spec.adam.lr;
  }

  private checkRows(rows: number): void {
    if (rows < 1 || rows > this.spec.maxRows) {
      throw new RangeError(`tfjs engine: ${rows} rows, expected 1..${this.spec.maxRows}`);
    }
  }

  async step(batch: BatchBuffer, rows: number, clean?: BatchBuffer): Promise<number> {
    this.checkRows(rows);
    if (!clean !== !this.spec.denoising) {
      throw new TypeError('tfjs engine: clean targets go with denoising training, and only there');
    }
    const f = this.spec.model.inputSize;
    const { stepSize, bc2Sqrt } = adamStepScalars(this.lr, this.spec.adam, this.state.step + 1);
    const fed = {
      [io.x]: rowsTensor(batch, rows, f),
      ...(clean ? { [io.target]: rowsTensor(clean, rows, f) } : {}),
      [io.scale]: tf.scalar(mse.scale(rows, f)),
      [io.stepSize]: tf.scalar(stepSize),
      [io.bc2Sqrt]: tf.scalar(bc2Sqrt),
    };
    let out: Record<string, tf.Tensor>;
    try {
      out = this.stepGraph.run({ ...this.state.feeds(), ...fed }, [io.rowLoss, ...this.state.nextNames()]);
    } finally {
      tf.dispose(Object.values(fed));
    }
    const rowLoss = out[io.rowLoss]!;
    this.state.replace(out);
    try {
      return mse.mean(sumFloat64(await rowLoss.data()), rows, f);
    } finally {
      rowLoss.dispose();
    }
  }

  async sumSquaredError(batch: BatchBuffer, rows: number): Promise<number> {
    this.checkRows(rows);
    const x = rowsTensor(batch, rows, this.spec.model.inputSize);
    const params = Object.fromEntries(this.state.layout.map((p) => [p.name, this.state.feeds()[p.name]!]));
    const { [io.rowLoss]: rowLoss } = this.evalGraph.run({ ...params, [io.x]: x }, [io.rowLoss]);
    x.dispose();
    try {
      return sumFloat64(await rowLoss!.data());
    } finally {
      rowLoss!.dispose();
    }
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
  }
}

/** tfjs on this thread's current backend. */
export function localEngine(): EngineFactory {
  return async (spec) => new GraphEngine(spec);
}
