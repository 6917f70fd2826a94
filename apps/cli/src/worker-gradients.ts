import { Worker } from 'node:worker_threads';
import type { Autoencoder } from '@bottleneck/autoencoder';
import {
  type GradientComputer,
  type GradientWorkerInit,
  type GradientWorkerPort,
  LocalGradients,
  ParallelGradients,
} from '@bottleneck/train';
import type { BackendName } from './backend';

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
  // the wasm backend runs one thread in Node: worker threads, each with its own backend, use the cores
  const gradients =
    threads > 1
      ? await ParallelGradients.create({
          threads,
          modelConfig: model.config,
          parameterCount: model.parameterCount(),
          maxRows,
          spawn: spawnGradientWorker(backend),
        })
      : new LocalGradients(model);
  return { gradients, threads };
}
