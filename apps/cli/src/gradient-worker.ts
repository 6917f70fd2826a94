// A worker thread of the CLI's gradient pool: its own wasm (or cpu) backend and a model copy,
// answering ParallelGradients' requests through serveGradients.
import { parentPort, workerData } from 'node:worker_threads';
import { serveGradients } from '@bottleneck/train';
import { useBackend } from './backend';
import type { NodeWorkerInit } from './engines';

const init = workerData as NodeWorkerInit;
await useBackend(init.backend);
const handle = serveGradients(init);
parentPort!.on('message', (request) => parentPort!.postMessage(handle(request)));
parentPort!.postMessage({ ready: true });
