/// <reference lib="webworker" />
// Trains off the main thread so the page stays responsive; the backend lives in this worker.
import { createAutoencoder, Pcg64, readParameters, writeParameters } from '@bottleneck/autoencoder';
import { MnistSplit } from '@bottleneck/mnist';
import {
  ADAM_DEFAULTS,
  autoCandidates,
  type EngineFactory,
  type EngineName,
  engineThreads,
  fallbackOrder,
  GraphEngine,
  isOnnxEngine,
  localEngine,
  type OnnxEngineName,
  onnxProvider,
  parallelEngine,
  Trainer,
} from '@bottleneck/train';
import { type GradientWorkerInit, type GradientWorkerPort, proveEngine } from '@bottleneck/train/internal';
import type { OnnxRuntime } from '@bottleneck/engine-onnx';
import { latentNoiseWidth, type ModelSpec } from '@bottleneck/graph';
import { latentNoise } from '@bottleneck/image';
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName, selectBackend } from './backend';
import { inspectWebGl, inspectWebGpu } from './gpu-inspection';
import type { FromWorker, ProbeResult, ToWorker, TrainRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;
const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, transfer);

const PROBE_ROWS = 512;

// wasm here runs one thread: the parallelism, where there is any, is the pool of gradient workers
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** A gradient-worker.ts Web Worker as a ParallelGradients port. */
function spawnGradientWorker(init: GradientWorkerInit): GradientWorkerPort {
  const worker = new Worker(new URL('./gradient-worker.ts', import.meta.url), { type: 'module' });
  worker.postMessage(init);
  return {
    post: (request) => worker.postMessage(request),
    listen: (onReply, onError) => {
      worker.onmessage = (event) => onReply(event.data);
      worker.onerror = (event) => onError(new Error(`gradient worker: ${event.message}`));
    },
    terminate: () => worker.terminate(),
  };
}

/** What the engine-choice rules need to know of this page. */
const threadsHere = (name: string) =>
  engineThreads('browser', name, { cores: navigator.hardwareConcurrency || 1, crossOriginIsolated });

/**
 * Where wasm trains: one worker per core, each single-threaded, splitting every batch (the
 * data-parallel scheme the CLI uses; it beats the threaded wasm build, which only threads the
 * matmuls). Needs SharedArrayBuffer, i.e. a cross-origin isolated page.
 */
function wasmEngine(): { engine: EngineFactory; threads: number } {
  const threads = threadsHere('wasm');
  if (threads < 2) return { engine: localEngine(), threads: 1 };
  return { engine: parallelEngine({ threads, spawn: spawnGradientWorker }), threads };
}

/**
 * ONNX Runtime Web running the same graphs as the CLI's onnxruntime-node: loaded only when chosen
 * (its wasm is megabytes). The wasm build alone for `onnx-wasm`; the default build (wasm plus
 * WebGPU) for `onnx-webgpu`. Proven by one step of a tiny model before it is trusted with a run.
 */
async function onnxWebEngine(name: OnnxEngineName<'browser'>): Promise<{ engine: EngineFactory; threads: number }> {
  const ort = name === 'onnx-webgpu' ? await import('onnxruntime-web') : await import('onnxruntime-web/wasm');
  const threads = threadsHere(name);
  ort.env.wasm.numThreads = threads;
  // a provider that cannot load is reported by the rejected session
  ort.env.logLevel = 'fatal';
  const { onnxEngine } = await import('@bottleneck/engine-onnx');
  // ORT Web does not write into the output tensors it is given: the engine copies from its results
  const engine = onnxEngine(ort as unknown as OnnxRuntime, { provider: onnxProvider(name), outputsInPlace: false });
  return { engine: await proven(engine), threads };
}

/** `factory`, once one step of a tiny model has run on it. */
async function proven(factory: EngineFactory): Promise<EngineFactory> {
  await proveEngine(factory);
  return factory;
}

/** The engine for `name`, or why it cannot run here. */
async function engineFor(name: EngineName<'browser'>): Promise<{ engine: EngineFactory; threads: number }> {
  if (isOnnxEngine(name)) return onnxWebEngine(name);
  return name === 'wasm' ? wasmEngine() : { engine: localEngine(), threads: 1 };
}

/** Times a few training steps on `name`; the first step (shader compilation, wasm warm-up) is not counted. */
async function probe(name: BackendName, images: MnistSplit, spec: ModelSpec): Promise<ProbeResult> {
  try {
    await selectBackend([name]);
  } catch (error) {
    return { backend: name, msPerStep: null, error: (error as Error).message };
  }
  const model = createAutoencoder({ spec, seed: 0 });
  const rows = Math.min(PROBE_ROWS, images.count);
  const batch = images.toFloat32(0, rows);
  // a VAE's step needs its ε: the Trainer's own (latentNoise of seed, epoch, image indices)
  const width = latentNoiseWidth(spec);
  const eps = width > 0 ? new Float32Array(rows * width) : undefined;
  if (eps)
    latentNoise(
      Uint32Array.from({ length: rows }, (_, i) => i),
      width,
      0,
      0,
      eps,
    );
  // the same engine and path that training takes on this backend
  const engine = new GraphEngine({
    model: model.spec,
    params: readParameters(model),
    adam: { ...ADAM_DEFAULTS, lr: 1e-3, weightDecay: 0 },
    maxRows: rows,
    offered: 'float32',
    denoising: false,
  });
  try {
    await engine.step(batch, rows, undefined, eps);
    const started = performance.now();
    const steps = 2;
    for (let i = 0; i < steps; i++) await engine.step(batch, rows, undefined, eps);
    return { backend: name, msPerStep: (performance.now() - started) / steps };
  } catch (error) {
    // a backend that cannot train (e.g. a GPU refusing a buffer) loses the race instead of ending it
    return { backend: name, msPerStep: null, error: (error as Error).message };
  } finally {
    await engine.dispose();
    model.dispose();
  }
}

let controller: AbortController | null = null;

async function train(request: TrainRequest): Promise<void> {
  // created first, so a stop during the probe counts too
  controller = new AbortController();
  const { signal } = controller;
  const train = new MnistSplit(request.images, request.labels);
  const test = new MnistSplit(request.testImages, request.testLabels);
  const probes: ProbeResult[] = [];
  const notes: string[] = [];
  let chosen: EngineName<'browser'>;
  if (request.backend === 'auto') {
    const hardware: ('webgpu' | 'webgl')[] = [];
    for (const name of ['webgpu', 'webgl'] as const) {
      const gpu = name === 'webgpu' ? await inspectWebGpu() : inspectWebGl();
      if (!gpu.ok) notes.push(`${name} unavailable (${gpu.reason})`);
      else if (gpu.software) notes.push(`${name} is software (${gpu.software}), not probed`);
      else hardware.push(name);
    }
    const candidates = autoCandidates('browser', { hardware }) as BackendName[];
    if (candidates.length > 1) {
      for (const [index, name] of candidates.entries()) {
        if (signal.aborted) break;
        post({ type: 'probing', backend: name, index, total: candidates.length });
        probes.push(await probe(name, train, request.spec));
      }
    }
    const ok = probes.filter((p) => p.msPerStep !== null).sort((a, b) => a.msPerStep! - b.msPerStep!);
    chosen = ok[0]?.backend ?? candidates.at(-1)!;
  } else {
    chosen = request.backend;
  }

  // the engine: the one chosen, else the next in the fallback order that loads here
  let picked: { name: EngineName<'browser'>; engine: EngineFactory; threads: number } | undefined;
  for (const name of fallbackOrder('browser', chosen)) {
    try {
      picked = { name, ...(await engineFor(name)) };
      break;
    } catch (error) {
      notes.push(`${name} unavailable (${(error as Error).message.split('\n')[0]})`);
    }
  }
  if (!picked) throw new Error(`no training engine runs here: ${notes.join('; ')}`);
  // the model itself stays on tfjs: the tfjs backend trains, or wasm holds the model beside ONNX Runtime
  const tfjsBackend: BackendName = isOnnxEngine(picked.name) ? 'wasm' : picked.name;
  // a backend picked by hand runs even on a software GPU
  const info = await selectBackend([tfjsBackend, 'wasm', 'cpu'], {
    forced: request.backend === 'auto' ? null : tfjsBackend,
  });
  const { engine, threads } =
    isOnnxEngine(picked.name) || info.name === tfjsBackend ? picked : await engineFor(info.name);
  const name = isOnnxEngine(picked.name) ? picked.name : info.name;

  const random = new Pcg64(request.seed);
  const model = createAutoencoder({ spec: request.spec, random });
  // the trainer starts from the model's parameters: fine-tuning just sets them first
  if (request.init) writeParameters(model, request.init);
  post({ type: 'backend', name, threads, probes, notes, software: info.software });
  const trainer = await Trainer.create(model, {
    train,
    test,
    shuffler: random,
    config: { epochs: request.epochs, batchSize: request.batchSize, lr: request.lr },
    engine,
  });
  try {
    await trainer.run({
      signal,
      onBatchEnd: async (b) => {
        post({ type: 'batch', ...b });
        // let a 'stop' message in between batches
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
      onEpochEnd: (record, t) => {
        const params = readParameters(t.model);
        post({ type: 'epoch', record, params }, [params.buffer]);
      },
    });
    post({ type: 'done', stopped: signal.aborted });
  } finally {
    await trainer.dispose();
    model.dispose();
    controller = null;
    tf.disposeVariables();
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'stop') {
    controller?.abort();
    return;
  }
  train(message).catch((error: unknown) => post({ type: 'error', message: (error as Error).message }));
};
