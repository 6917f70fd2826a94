// A worker thread of WorkerGradients: holds a copy of the model on its own wasm backend and
// computes the gradient of its share of each batch into its own shared slot, or the squared
// error of its share of a test batch.
import { parentPort, workerData } from 'node:worker_threads';
import { createAutoencoder } from '@bottleneck/autoencoder';
import { LocalGradients } from '@bottleneck/train';
import { useBackend } from './backend';
import type { WorkerInit, WorkerRequest, WorkerReply } from './worker-gradients';

const init = workerData as WorkerInit;
await useBackend(init.backend);
const model = createAutoencoder(init.modelConfig);
const local = new LocalGradients(model);
const params = new Float32Array(init.params);
const batch = new Float32Array(init.batch);
const grads = new Float32Array(init.grads);
const f = init.modelConfig.inputSize;

parentPort!.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const rows = req.end - req.start;
    const x = batch.subarray(req.start * f);
    // weighting by rows/total makes the slots sum to the gradient of the whole batch's mean loss
    const value =
      req.kind === 'gradients'
        ? local.compute(params, x, rows, grads, rows / req.total)
        : local.sumSquaredError(params, x, rows);
    reply = { value };
  } catch (error) {
    reply = { error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
