// A worker thread of the CLI's gradient pool: its own wasm (or cpu) backend and a model copy,
// answering ParallelGradients' requests through serveGradients.
import { parentPort, workerData } from 'node:worker_threads';
import { serveGradients } from '@bottleneck/train/internal';
import { useBackend } from './backend';
import type { NodeWorkerInit } from './engines';

const init = workerData as NodeWorkerInit;
// no top-level await: the CLI's modules are also built as CommonJS; a rejection still ends the
// worker with an 'error' event, as an unhandled rejection does in a worker thread
useBackend(init.backend).then(() => {
  const handle = serveGradients(init);
  parentPort!.on('message', (request) => parentPort!.postMessage(handle(request)));
  parentPort!.postMessage({ ready: true });
});
