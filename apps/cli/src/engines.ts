import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { OnnxProvider } from '@bottleneck/engine-onnx';
import {
  autoCandidates,
  type EngineChoice as Choice,
  type EngineFactory,
  engineChoices,
  engineThreads,
  isOnnxEngine,
  localEngine,
  ONNX_ENGINES,
  type OnnxEngineName,
  onnxProvider,
  parallelEngine,
} from '@bottleneck/train';
import { type GradientWorkerInit, type GradientWorkerPort, proveEngine } from '@bottleneck/train/internal';
import { type BackendName, type BackendStatus, useBackend } from './backend';
import { InputError } from './errors';
import { probeInChild } from './native-probe';
import { ONNX_RUNTIME_INSTALL, onnxRuntimeInstalled } from './onnx-runtime';

/** ONNX Runtime execution providers, as `--backend` names. */
export const ONNX_BACKENDS = ONNX_ENGINES.node;
export type OnnxBackendName = OnnxEngineName<'node'>;

/** What `--backend` accepts where training happens (@bottleneck/train's engine choice). */
export const ENGINE_CHOICES = engineChoices('node');
export type EngineChoice = Choice<'node'>;

export interface NodeWorkerInit extends GradientWorkerInit {
  backend: BackendName;
}

/** A `gradient-worker.js` thread as a `ParallelGradients` port. */
export function spawnGradientWorker(
  backend: BackendName,
  url = new URL('./gradient-worker.js', import.meta.url),
): (init: GradientWorkerInit) => GradientWorkerPort {
  return (init) => {
    const worker = new Worker(url, { workerData: { ...init, backend } satisfies NodeWorkerInit });
    return {
      post: (request) => worker.postMessage(request),
      listen: (onReply, onError) => {
        worker.on('message', onReply);
        worker.on('error', onError);
      },
      terminate: () => worker.terminate(),
    };
  };
}

/** Threads for an engine when `--threads` is not given (the rules: @bottleneck/train's `engineThreads`). */
export function threadsFor(choice: EngineChoice, threads?: number): number {
  return engineThreads('node', choice, { cores: availableParallelism(), requested: threads });
}

const NOTES: Record<OnnxBackendName, string> = {
  'onnx-cpu': '',
  'onnx-webgpu': ' (needs a Vulkan driver: Debian `libvulkan1` plus a GPU driver, or SwiftShader via VK_ICD_FILENAMES)',
  'onnx-cuda':
    ' (needs an NVIDIA GPU with CUDA 12 and cuDNN 9, and the CUDA provider that `onnxruntime-node`’s install step downloads: reinstall it without ONNXRUNTIME_NODE_INSTALL=skip)',
};

/**
 * The ONNX engine on one provider, proven by building and stepping a tiny model. Rejects with an
 * InputError that says what is missing.
 */
async function onnxFactory(name: OnnxBackendName, threads: number): Promise<EngineFactory> {
  let factory: EngineFactory;
  try {
    const provider: OnnxProvider = onnxProvider(name);
    // the WebGPU provider's native libraries print several lines of their own when no adapter is
    // found: that is found out in a child process first, whose output is dropped
    if (provider === 'webgpu') await probeProviderInChild(provider);
    const { onnxNodeEngine } = await import('@bottleneck/engine-onnx/node');
    factory = await onnxNodeEngine({ provider, threads });
    await proveEngine(factory);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/^.*?\] /, '');
    const note = onnxRuntimeInstalled() ? NOTES[name] : ` (to install it: ${ONNX_RUNTIME_INSTALL})`;
    throw new InputError(`--backend ${name}: ONNX Runtime cannot run here: ${message}${note}`);
  }
  return factory;
}

/** Where a package entry is, for a child to import (works from the CommonJS build too). */
function entryUrl(entry: string): string {
  return pathToFileURL(createRequire(import.meta.url).resolve(entry)).href;
}

/** The proof above, in a child process: rejects with the child's error message. */
async function probeProviderInChild(provider: OnnxProvider): Promise<void> {
  const failed = await probeInChild(
    `const { onnxNodeEngine } = await import(${JSON.stringify(entryUrl('@bottleneck/engine-onnx/node'))});
    const { proveEngine } = await import(${JSON.stringify(entryUrl('@bottleneck/train/internal'))});
    await proveEngine(await onnxNodeEngine({ provider: ${JSON.stringify(provider)}, threads: 1 }))`,
  );
  if (failed !== undefined) throw new Error(failed);
}

export interface ChosenEngine {
  engine: EngineFactory;
  /** The tfjs backend this thread uses for the model itself (figures, evaluation). */
  backend: string;
  /** What trains, and why it was chosen: one line for the log. */
  description: string;
  /** Worker threads (tfjs engines) or ORT intra-op threads. */
  threads: number;
}

/**
 * The engine for `--backend`: an ONNX Runtime provider, or a tfjs backend on this thread or in
 * worker threads. `auto` takes ONNX Runtime on the CPU when it loads, else wasm workers.
 */
export async function chooseEngine(choice: EngineChoice, requested?: number): Promise<ChosenEngine> {
  if (choice === 'auto') {
    // the first candidate that loads trains; why each earlier one did not goes in the description
    const [first, ...rest] = autoCandidates('node');
    try {
      const chosen = await chooseEngine(first!, requested);
      return { ...chosen, description: `${chosen.description} (auto: the fastest engine that loads here)` };
    } catch (error) {
      const chosen = await chooseEngine(rest[0]!, requested);
      const reason = (error as Error).message.replace(/^--backend [\w-]+: /, '');
      return { ...chosen, description: `${chosen.description} (auto: ${first} unavailable: ${reason})` };
    }
  }
  if (isOnnxEngine(choice)) {
    const threads = threadsFor(choice, requested);
    const engine = await onnxFactory(choice, threads);
    // the model itself (figures, the saved model) stays on tfjs; wasm is always installed
    const backend = await useBackend('wasm');
    return { engine, backend, threads, description: `ONNX Runtime ${onnxProvider(choice)}, ${threads} threads` };
  }
  const name = choice as BackendName;
  const backend = await useBackend(name);
  const workers = threadsFor(name, requested);
  // the wasm backend runs one thread in Node: worker threads, each with its own backend, use the cores
  const engine = workers > 1 ? parallelEngine({ threads: workers, spawn: spawnGradientWorker(name) }) : localEngine();
  return {
    engine,
    backend,
    threads: workers,
    description: `tfjs ${backend}${workers > 1 ? ` × ${workers} worker threads` : ''}`,
  };
}

/** Whether each ONNX Runtime provider runs here, and why not. */
export async function probeOnnx(names: readonly OnnxBackendName[]): Promise<BackendStatus[]> {
  const out: BackendStatus[] = [];
  for (const name of names) {
    try {
      await onnxFactory(name, 1);
      out.push({
        name,
        usable: true,
        detail: `ONNX Runtime ${name.slice(5)} provider: the whole training step in one graph`,
      });
    } catch (error) {
      out.push({ name, usable: false, detail: (error as Error).message.replace(/^--backend [\w-]+: /, '') });
    }
  }
  return out;
}
