import { type AdamState, io, type ModelSpec, type ParameterInfo, parameterLayout } from '@bottleneck/graph';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The parameters and Adam's moments as tensors on this thread's tfjs backend, one per parameter
 * tensor (`parameterLayout` order), swapped for the graph's `*_next` outputs after each update.
 */
export class DeviceState {
  readonly layout: ParameterInfo[];
  step = 0;
  private tensors = new Map<string, tf.Tensor>();

  constructor(
    readonly spec: ModelSpec,
    params: Float32Array,
  ) {
    this.layout = parameterLayout(spec);
    this.load(params, new Float32Array(params.length), new Float32Array(params.length));
  }

  /** Every state tensor by its graph input name (`w1`, `m_w1`, `v_w1`, …). */
  feeds(): Record<string, tf.Tensor> {
    return Object.fromEntries(this.tensors);
  }

  /** The names of the update's outputs that `replace` takes. */
  nextNames(): string[] {
    return [...this.tensors.keys()].map(io.next);
  }

  /** Takes the update's `*_next` outputs as the new state (and frees the old one). */
  replace(outputs: Record<string, tf.Tensor>): void {
    for (const [name, old] of this.tensors) {
      const next = outputs[io.next(name)];
      if (!next) throw new Error(`device state: the update gave no ${io.next(name)}`);
      old.dispose();
      this.tensors.set(name, next);
    }
    this.step += 1;
  }

  private read(name: (p: string) => string): Float32Array {
    const size = this.layout.reduce((n, p) => n + p.size, 0);
    const out = new Float32Array(size);
    for (const p of this.layout) out.set(this.tensors.get(name(p.name))!.dataSync() as Float32Array, p.offset);
    return out;
  }

  parameters(): Float32Array {
    return this.read((p) => p);
  }

  optimizerState(lr: number): AdamState {
    return { step: this.step, lr, m: this.read(io.m), v: this.read(io.v) };
  }

  /** Replaces every tensor with copies of flat vectors in `parameterLayout` order. */
  load(params: Float32Array, m: Float32Array, v: Float32Array, step = 0): void {
    const size = this.layout.reduce((n, p) => n + p.size, 0);
    if (params.length !== size || m.length !== size || v.length !== size) {
      throw new RangeError(`restore: expected ${size} parameters and moments, got ${params.length}`);
    }
    this.dispose();
    for (const p of this.layout) {
      // copies: some backends (cpu) keep the array they are given
      const part = (flat: Float32Array) => tf.tensor(flat.slice(p.offset, p.offset + p.size), p.dims, 'float32');
      this.tensors.set(p.name, part(params));
      this.tensors.set(io.m(p.name), part(m));
      this.tensors.set(io.v(p.name), part(v));
    }
    this.step = step;
  }

  dispose(): void {
    for (const t of this.tensors.values()) t.dispose();
    this.tensors.clear();
  }
}
