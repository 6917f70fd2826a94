import { readParameters } from '@bottleneck/autoencoder';
import type { EpochRecord } from '@bottleneck/train';
import type { App } from '../app';
import { isBackendName } from '../backend';
import { batchLossSvg } from '../loss-chart';
import type { FromWorker, TrainRequest } from '../protocol';
import { byId } from '../render';

/** Images held out of the shipped sample to measure test MSE during in-browser training. */
export const HELD_OUT = 1000;

const formatSeconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

/**
 * Start/stop training in a worker: live status, a per-batch loss chart, the page's model updated
 * each epoch. Training from scratch asks first, since it overwrites the model on the page.
 */
export function trainSection(app: App) {
  const start = byId<HTMLButtonElement>('train-start');
  const stop = byId<HTMLButtonElement>('train-stop');
  const status = byId('train-status');
  const announce = byId('train-announce');
  const chart = byId('train-chart');
  let worker: Worker | null = null;
  let history: EpochRecord[] = [];
  let losses: number[] = [];
  let epochEnds: number[] = [];
  let chartPending = false;
  let epochs = 0;
  let trainCount = 1;
  let epochStarted = 0;
  let backendName = '';

  function setState(state: string, text: string): void {
    status.dataset.state = state;
    status.textContent = text;
  }

  /** The status line changes every batch; screen readers hear only these milestones. */
  function say(text: string): void {
    announce.textContent = text;
  }

  // one redraw per frame, however fast batches arrive
  function drawChart(): void {
    if (chartPending) return;
    chartPending = true;
    requestAnimationFrame(() => {
      chartPending = false;
      chart.innerHTML = batchLossSvg({ losses, epochEnds, testMse: history.map((r) => r.testMse ?? null) });
      chart.dataset.batches = String(losses.length);
      chart.dataset.epochs = String(epochEnds.length);
    });
  }

  function finish(state: string, text: string): void {
    worker?.terminate();
    worker = null;
    start.disabled = false;
    stop.disabled = true;
    setState(state, text);
    say(text);
    app.setTraining(false);
  }

  function request(): { message: TrainRequest; transfer: Transferable[] } {
    const count = Number(byId<HTMLSelectElement>('train-count').value);
    epochs = Math.max(1, Math.floor(Number(byId<HTMLInputElement>('train-epochs').value) || 1));
    const batchSize = Math.max(1, Math.floor(Number(byId<HTMLInputElement>('train-batch').value) || 256));
    const backend = byId<HTMLSelectElement>('train-backend').value;
    // the last HELD_OUT digits measure test MSE; training draws from the ones before them
    const { images, labels, featureSize } = app.digits;
    const heldOut = Math.min(HELD_OUT, Math.floor(app.digits.count / 2));
    const firstTest = app.digits.count - heldOut;
    const train = app.digits.subset(Math.min(count, firstTest));
    trainCount = train.count;
    const test = { images: images.subarray(firstTest * featureSize), labels: labels.subarray(firstTest) };
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
      config: { ...app.lab.model.config },
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
      case 'probing':
        setState('probing', `timing ${m.backend} (${m.index + 1} of ${m.total}) to pick the fastest…`);
        break;
      case 'backend': {
        const probes = m.probes
          .map(
            (p) =>
              `${p.backend} ${p.msPerStep === null ? `unavailable (${p.error})` : `${p.msPerStep.toFixed(0)} ms/step`}`,
          )
          .join(', ');
        const wasm =
          m.threads > 1
            ? `${m.threads} workers, one per core`
            : crossOriginIsolated
              ? '1 thread'
              : '1 thread: the page is not cross-origin isolated';
        byId('train-probe').textContent = [
          `training on ${m.name}${m.name === 'wasm' ? ` (${wasm})` : ''}${m.software ? ` (software: ${m.software})` : ''}`,
          probes ? `probe of 512-image steps: ${probes}` : '',
          ...m.notes,
        ]
          .filter(Boolean)
          .join(' · ');
        backendName = m.name;
        status.dataset.backend = m.name;
        say(`training started on ${m.name}`);
        epochStarted = performance.now();
        break;
      }
      case 'batch': {
        losses.push(m.loss);
        drawChart();
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
        epochEnds.push(losses.length);
        drawChart();
        epochStarted = performance.now();
        app.lab.setParameters(m.params);
        status.dataset.losses = JSON.stringify({ first: losses[0] ?? null, epochs: history.map((r) => r.trainLoss) });
        status.dataset.secondsPerEpoch = String(m.record.seconds);
        // per 60,000 images, to compare with the CLI and the NumPy reference
        const full = (m.record.seconds * 60000) / trainCount;
        app.setModelInfo(
          `trained here on ${backendName}: ${history.length} epoch(s), test MSE ${m.record.testMse?.toFixed(4)}, ${m.record.seconds.toFixed(1)} s/epoch (${full.toFixed(1)} s per 60,000 images)`,
          { source: 'trained in the browser', epochs: history.length, testMse: m.record.testMse ?? null },
        );
        status.dataset.secondsPer60k = String(full);
        say(`epoch ${m.record.epoch} of ${epochs} done, test MSE ${m.record.testMse?.toFixed(4)}`);
        void app.refresh();
        break;
      }
      case 'done': {
        const last = history.at(-1);
        const perEpoch = last
          ? `${(history.reduce((s, r) => s + r.seconds, 0) / history.length).toFixed(1)} s/epoch on ${backendName}`
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
    if (
      byId<HTMLSelectElement>('train-mode').value === 'scratch' &&
      !confirm(
        'Training from scratch replaces the model on this page with a new one, epoch by epoch. (The pretrained model can be restored under "Models"; download the current one there first to keep it.) Start?',
      )
    ) {
      return;
    }
    const { message, transfer } = request();
    history = [];
    losses = [];
    epochEnds = [];
    chart.replaceChildren();
    delete status.dataset.losses;
    worker = new Worker(new URL('../train-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => finish('error', `training worker failed: ${e.message}`);
    start.disabled = true;
    stop.disabled = false;
    app.setTraining(true);
    setState('probing', message.backend === 'auto' ? 'choosing a backend…' : `starting on ${message.backend}…`);
    say('training starting');
    worker.postMessage(message, transfer);
  });
  stop.addEventListener('click', () => worker?.postMessage({ type: 'stop' }));
}
