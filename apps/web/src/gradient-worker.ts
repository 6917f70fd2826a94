/// <reference lib="webworker" />
// One worker of the training worker's gradient pool: single-threaded wasm SIMD and a model copy,
// answering ParallelGradients' requests. Its first message is its GradientWorkerInit.
import { type GradientWorkerInit, serveGradients } from '@bottleneck/train/internal';
import * as tf from '@tensorflow/tfjs-core';
import './wasm-paths'; // wasm only: no webgl or cpu code in this worker

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<GradientWorkerInit>) => {
  // the pool is the parallelism: one thread per worker, without the threaded build's own workers
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) {
    self.postMessage({ error: 'the wasm backend failed to initialise' });
    return;
  }
  const handle = serveGradients(event.data);
  self.onmessage = (request) => self.postMessage(handle(request.data));
  self.postMessage({ ready: true });
};
