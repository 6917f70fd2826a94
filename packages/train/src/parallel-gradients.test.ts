import { type Autoencoder, createAutoencoder, readParameters } from '@bottleneck/autoencoder';
import { adamStepScalars, io, mlpSpec, parameterLayout, presetSpec, updateGraph } from '@bottleneck/graph';
import { GraphInterpreter } from '@bottleneck/graph/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { GradientReply, GradientWorkerInit } from './gradient-protocol';
import { type GradientWorkerPort, ParallelGradients } from './parallel-gradients';
import { serveGradients } from './serve-gradients';

const SIZES = { inputSize: 784, hiddenSize: 16, bottleneckSize: 3 };

/** A port whose "worker" runs on this thread, asynchronously, as a real one would reply. */
function inProcess(
  handle: (init: GradientWorkerInit) => (r: Parameters<GradientWorkerPort['post']>[0]) => GradientReply,
) {
  const requests: number[] = [];
  const spawn = (init: GradientWorkerInit): GradientWorkerPort => {
    const serve = handle(init);
    let reply: (r: GradientReply) => void = () => {};
    return {
      post: (request) => {
        if (request.kind !== 'update') requests.push(request.end - request.start);
        setTimeout(() => reply(serve(request)), 0);
      },
      listen: (onReply) => {
        reply = onReply;
        setTimeout(() => onReply({ ready: true }), 0);
      },
      terminate: () => undefined,
    };
  };
  return { spawn, requests };
}

function sharedCopy(values: Float32Array): SharedArrayBuffer {
  const out = new Float32Array(new SharedArrayBuffer(4 * values.length));
  out.set(values);
  return out.buffer as SharedArrayBuffer;
}

/** The reference: one worker's handler given the whole batch; returns Σ row losses. */
function wholeBatch(
  model: Autoencoder,
  params: Float32Array,
  x: Float32Array,
  rows: number,
  grads: Float32Array,
  target?: Float32Array,
  kind: 'gradients' | 'squaredError' = 'gradients',
  eps?: Float32Array,
): number {
  const slot = new Float32Array(new SharedArrayBuffer(4 * grads.length));
  const serve = serveGradients({
    model: model.spec,
    params: sharedCopy(params),
    batch: sharedCopy(x),
    grads: slot.buffer as SharedArrayBuffer,
    ...(target ? { targets: sharedCopy(target) } : {}),
    ...(eps ? { eps: sharedCopy(eps) } : {}),
  });
  const reply = serve({ kind, start: 0, end: rows, total: rows });
  if (!('value' in reply)) throw new Error(JSON.stringify(reply));
  grads.set(slot);
  return reply.value;
}

describe('ParallelGradients', () => {
  it("sums the workers' gradients against clean targets for denoising training", async () => {
    const model = createAutoencoder({ ...SIZES, seed: 6 });
    const params = readParameters(model);
    const rows = 20;
    const clean = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 997) / 997);
    const noisy = clean.map((v, i) => Math.min(1, v + ((i * 31) % 7) / 20));
    const expected = new Float32Array(params.length);
    const expectedLoss = wholeBatch(model, params, noisy, rows, expected, clean);
    const plain = new Float32Array(params.length);
    wholeBatch(model, params, noisy, rows, plain);
    const { spawn } = inProcess(serveGradients);
    const pool = await ParallelGradients.create({
      threads: 2,
      model: model.spec,
      parameterCount: params.length,
      maxRows: rows,
      denoising: true,
      spawn,
    });
    const grads = new Float32Array(params.length);
    expect(await pool.compute(params, noisy, rows, grads, clean)).toBeCloseTo(expectedLoss, 6);
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
    expect(maxDiff(grads, expected)).toBeLessThan(1e-6);
    // the targets matter: against the noisy input itself the gradient is another
    expect(maxDiff(plain, expected)).toBeGreaterThan(1e-4);
    await expect(pool.compute(params, noisy, rows, grads)).rejects.toThrow(/targets/);
    await pool.dispose();
    model.dispose();
  });

  it('splits a batch over its workers and sums their gradients and squared errors', async () => {
    const model = createAutoencoder({ ...SIZES, seed: 5 });
    const params = readParameters(model);
    const rows = 50;
    const x = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 997) / 997);
    const expected = new Float32Array(params.length);
    const expectedLoss = wholeBatch(model, params, x, rows, expected);
    const expectedSse = wholeBatch(model, params, x, rows, new Float32Array(params.length), undefined, 'squaredError');

    const { spawn, requests } = inProcess(serveGradients);
    const pool = await ParallelGradients.create({
      threads: 3,
      model: model.spec,
      parameterCount: params.length,
      maxRows: 64,
      spawn,
    });
    const grads = new Float32Array(params.length);
    const loss = await pool.compute(params, x, rows, grads);
    expect(requests).toEqual([16, 17, 17]);
    expect(loss).toBeCloseTo(expectedLoss, 6);
    let maxErr = 0;
    let maxAbs = 0;
    for (let i = 0; i < grads.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(grads[i]! - expected[i]!));
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]!));
    }
    expect(maxAbs).toBeGreaterThan(1e-4);
    expect(maxErr).toBeLessThan(1e-5 * maxAbs);
    expect(Math.abs((await pool.sumSquaredError(params, x, rows)) - expectedSse)).toBeLessThan(1e-4 * expectedSse);
    await pool.dispose();
    model.dispose();
  });

  it('shares a VAE’s ε out with its rows: the workers’ gradients sum to the whole batch’s', async () => {
    const spec = presetSpec('vae', { code: 3 });
    const model = createAutoencoder({ spec, seed: 2 });
    const params = readParameters(model);
    const rows = 20;
    const x = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 7919) % 997) / 997);
    const eps = Float32Array.from({ length: rows * 3 }, (_, i) => Math.sin(i));
    const expected = new Float32Array(params.length);
    const expectedLoss = wholeBatch(model, params, x, rows, expected, undefined, 'gradients', eps);
    // ε matters: other noise, another gradient
    const other = new Float32Array(params.length);
    wholeBatch(
      model,
      params,
      x,
      rows,
      other,
      undefined,
      'gradients',
      eps.map((v) => -v),
    );
    expect(other).not.toEqual(expected);

    const { spawn } = inProcess(serveGradients);
    const pool = await ParallelGradients.create({
      threads: 3,
      model: spec,
      parameterCount: params.length,
      maxRows: 32,
      spawn,
    });
    const grads = new Float32Array(params.length);
    expect(await pool.compute(params, x, rows, grads, undefined, eps)).toBeCloseTo(expectedLoss, 2);
    let maxErr = 0;
    let maxAbs = 0;
    for (let i = 0; i < grads.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(grads[i]! - expected[i]!));
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]!));
    }
    expect(maxErr).toBeLessThan(1e-5 * maxAbs);
    await expect(pool.compute(params, x, rows, grads)).rejects.toThrow(/latent noise goes with a variational model/);
    await pool.dispose();
    model.dispose();
  });

  it('gives the single-thread gradient with more workers than rows', async () => {
    const model = createAutoencoder({ ...SIZES, seed: 6 });
    const params = readParameters(model);
    const x = Float32Array.from({ length: 2 * 784 }, (_, i) => (i % 13) / 13);
    const expected = new Float32Array(params.length);
    const expectedLoss = wholeBatch(model, params, x, 2, expected);
    const { spawn } = inProcess(serveGradients);
    const pool = await ParallelGradients.create({
      threads: 3,
      model: model.spec,
      parameterCount: params.length,
      maxRows: 2,
      spawn,
    });
    const grads = new Float32Array(params.length).fill(Number.NaN);
    expect(await pool.compute(params, x, 2, grads)).toBeCloseTo(expectedLoss, 6);
    expect(grads.every(Number.isFinite)).toBe(true);
    for (let i = 0; i < grads.length; i++) expect(Math.abs(grads[i]! - expected[i]!)).toBeLessThan(1e-6);
    await pool.dispose();
    model.dispose();
  });

  it('updates the shared state with Adam, each worker its share, as the whole update graph does', async () => {
    const adam = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-5 };
    const model = createAutoencoder({ ...SIZES, seed: 7 });
    const params = readParameters(model);
    const rows = 30;
    const x = Float32Array.from({ length: rows * 784 }, (_, i) => ((i * 104729) % 991) / 991);
    const { spawn } = inProcess(serveGradients);
    const pool = await ParallelGradients.create({
      threads: 3,
      model: model.spec,
      parameterCount: params.length,
      maxRows: rows,
      spawn,
      adam,
    });
    const m = Float32Array.from(params, (_, i) => ((i % 17) - 8) * 1e-4);
    const v = Float32Array.from(params, (_, i) => (i % 5) * 1e-6);
    pool.setParameters(params);
    pool.setMoments(m, v);
    await pool.gradients(x, rows);
    const grads = new Float32Array(params.length);
    pool.sumGradients(grads);
    const { stepSize, bc2Sqrt } = adamStepScalars(1e-3, adam, 4);
    await pool.update(stepSize, bc2Sqrt);

    // the reference: the whole update graph on this thread, from the same summed gradient
    const layout = parameterLayout(model.spec);
    const whole = new GraphInterpreter(updateGraph(model.spec, adam));
    const feeds: Record<string, tf.Tensor> = { [io.stepSize]: tf.scalar(stepSize), [io.bc2Sqrt]: tf.scalar(bc2Sqrt) };
    const part = (flat: Float32Array, p: (typeof layout)[number]) =>
      tf.tensor(flat.slice(p.offset, p.offset + p.size), p.dims);
    for (const p of layout) {
      Object.assign(feeds, { [p.name]: part(params, p), [io.m(p.name)]: part(m, p), [io.v(p.name)]: part(v, p) });
      feeds[io.grad(p.name)] = part(grads, p);
    }
    const out = whole.run(
      feeds,
      layout.flatMap((p) => [p.name, io.m(p.name), io.v(p.name)].map(io.next)),
    );
    const flat = (name: (p: string) => string) => {
      const a = new Float32Array(params.length);
      for (const p of layout) a.set(out[io.next(name(p.name))]!.dataSync() as Float32Array, p.offset);
      return a;
    };
    const moments = pool.moments();
    expect(pool.parameters()).toEqual(flat((p) => p));
    expect(moments.m).toEqual(flat(io.m));
    expect(moments.v).toEqual(flat(io.v));
    expect(pool.parameters()).not.toEqual(params);
    tf.dispose([...Object.values(feeds), ...Object.values(out)]);
    whole.dispose();
    await pool.dispose();
    model.dispose();
  });

  it('fails to start when a worker reports an error instead of ready', async () => {
    const spawn = (): GradientWorkerPort => ({
      post: () => undefined,
      listen: (onReply) => {
        setTimeout(() => onReply({ error: 'the wasm backend failed to initialise' }), 0);
      },
      terminate: () => undefined,
    });
    await expect(
      ParallelGradients.create({ threads: 2, model: mlpSpec(SIZES), parameterCount: 10, maxRows: 4, spawn }),
    ).rejects.toThrow(/gradient worker: the wasm backend failed to initialise/);
  });

  it('rejects with the worker’s error', async () => {
    const { spawn } = inProcess(() => () => ({ error: 'out of memory' }));
    const pool = await ParallelGradients.create({
      threads: 2,
      model: mlpSpec(SIZES),
      parameterCount: 10,
      maxRows: 4,
      spawn,
    });
    await expect(
      pool.compute(new Float32Array(10), new Float32Array(4 * 784), 4, new Float32Array(10)),
    ).rejects.toThrow(/gradient worker: out of memory/);
  });
});
