import { readParameters } from '@bottleneck/autoencoder';
import { lossPlotSvg } from '@bottleneck/image';
import type { EpochRecord } from '@bottleneck/train';
import type { App } from '../app';
import { isBackendName } from '../backend';
import type { FromWorker, TrainRequest } from '../protocol';
import { byId } from '../render';

/** Images held out of the shipped sample to measure test MSE during in-browser training. */
export const HELD_OUT = 1000;

const formatSeconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

/** Start/stop training in a worker; live status, loss chart, and the page's model updated each epoch. */
export function trainSection(app: App) {
  const start = byId<HTMLButtonElement>('train-start');
  const stop = byId<HTMLButtonElement>('train-stop');
  const status = byId('train-status');
  const chart = byId('train-chart');
  let worker: Worker | null = null;
  let history: EpochRecord[] = [];
  let firstBatchLoss: number | null = null;
  let epochs = 0;
  let trainCount = 1;
  let epochStarted = 0;

  function setState(state: string, text: string): void {
    status.dataset.state = state;
    status.textContent = text;
  }

  function finish(state: string, text: string): void {
    worker?.terminate();
    worker = null;
    start.disabled = false;
    stop.disabled = true;
    setState(state, text);
  }

  function request(): { message: TrainRequest; transfer: Transferable[] } {
    const count = Number(byId<HTMLSelectElement>('train-count').value);
    epochs = Math.max(1, Math.floor(Number(byId<HTMLInputElement>('train-epochs').value) || 1));
    const batchSize = Math.max(1, Math.floor(Number(byId<HTMLInputElement>('train-batch').value) || 256));
    const backend = byId<HTMLSelectElement>('train-backend').value;
    // the last HELD_OUT digits measure test MSE; training draws from the ones before them
    const { images, labels } = app.digits;
    const heldOut = Math.min(HELD_OUT, Math.floor(app.digits.count / 2));
    const firstTest = app.digits.count - heldOut;
    const train = app.digits.subset(Math.min(count, firstTest));
    trainCount = train.count;
    const test = { images: images.subarray(firstTest * 784), labels: labels.subarray(firstTest) };
    const init = byId<HTMLSelectElement>('train-mode').value === 'finetune' ? readParameters(app.lab.model) : null;
    const message: TrainRequest = {
      type: 'start',
      images: train.images.slice(),
      labels: train.labels.slice(),
      testImages: test.images.slice(),
      testLabels: test.labels.slice(),
      epochs,
      batchSize,
      seed: 0,
      init,
      backend: backend === 'auto' || !isBackendName(backend) ? 'auto' : backend,
    };
    const transfer: Transferable[] = [
      message.images.buffer,
      message.labels.buffer,
      message.testImages.buffer,
      message.testLabels.buffer,
    ];
    if (init) transfer.push(init.buffer);
    return { message, transfer };
  }

  function onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'backend': {
        const probes = m.probes
          .map(
            (p) =>
              `${p.backend} ${p.msPerStep === null ? `unavailable (${p.error})` : `${p.msPerStep.toFixed(0)} ms/step`}`,
          )
          .join(', ');
        byId('train-probe').textContent =
          `training on ${m.name}${m.name === 'wasm' ? ` (${m.threads > 1 ? `${m.threads} workers, cross-origin isolated` : crossOriginIsolated ? '1 thread' : '1 thread: the page is not cross-origin isolated'})` : ''}` +
          (probes ? ` · probe of 512-image steps: ${probes}` : '');
        status.dataset.backend = m.name;
        epochStarted = performance.now();
        break;
      }
      case 'batch': {
        firstBatchLoss ??= m.loss;
        const done = (m.epoch - 1 + m.batch / m.batches) / epochs;
        const elapsed = history.reduce((s, r) => s + r.seconds, 0) + (performance.now() - epochStarted) / 1000;
        const eta = done > 0 ? elapsed * (1 / done - 1) : 0;
        setState(
          'running',
          `epoch ${m.epoch}/${epochs} · batch ${m.batch}/${m.batches} · loss ${m.loss.toFixed(4)} · lr ${m.lr.toExponential(0)} · ETA ${formatSeconds(eta)}`,
        );
        break;
      }
      case 'epoch': {
        history.push(m.record);
        epochStarted = performance.now();
        app.lab.setParameters(m.params);
        status.dataset.losses = JSON.stringify({ first: firstBatchLoss, epochs: history.map((r) => r.trainLoss) });
        status.dataset.secondsPerEpoch = String(m.record.seconds);
        chart.innerHTML = lossPlotSvg(history, { width: 640, height: 320, title: 'In-browser training' });
        // per 60,000 images, to compare with the CLI and the NumPy reference
        const full = (m.record.seconds * 60000) / trainCount;
        byId('model-info').textContent =
          `trained here: ${history.length} epoch(s), test MSE ${m.record.testMse?.toFixed(4)}, ${m.record.seconds.toFixed(1)} s/epoch (${full.toFixed(1)} s per 60,000 images)`;
        status.dataset.secondsPer60k = String(full);
        void app.refresh();
        break;
      }
      case 'done': {
        const last = history.at(-1);
        const perEpoch = last
          ? `${(history.reduce((s, r) => s + r.seconds, 0) / history.length).toFixed(1)} s/epoch`
          : '';
        finish(
          m.stopped ? 'stopped' : 'done',
          `${m.stopped ? 'stopped' : 'done'} after ${history.length} epoch(s) · ${perEpoch}${last ? ` · loss ${last.trainLoss.toFixed(4)}` : ''}`,
        );
        break;
      }
      case 'error':
        finish('error', `training failed: ${m.message}`);
        break;
    }
  }

  start.addEventListener('click', () => {
    const { message, transfer } = request();
    history = [];
    firstBatchLoss = null;
    chart.replaceChildren();
    delete status.dataset.losses;
    worker = new Worker(new URL('../train-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => finish('error', `training worker failed: ${e.message}`);
    start.disabled = true;
    stop.disabled = false;
    setState(
      'probing',
      message.backend === 'auto' ? 'choosing the fastest backend…' : `starting on ${message.backend}…`,
    );
    worker.postMessage(message, transfer);
  });
  stop.addEventListener('click', () => worker?.postMessage({ type: 'stop' }));
}
