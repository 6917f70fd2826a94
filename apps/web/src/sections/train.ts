import { readParameters } from '@bottleneck/autoencoder';
import { type EpochRecord, engineChoices, isEngineChoice, isOnnxEngine, TRAIN_LIMITS } from '@bottleneck/train';
import type { ModelSpec } from '@bottleneck/graph';
import type { App } from '../app';
import { batchLossSummary, batchLossSvg, chartHint } from '../loss-chart';
import { type LossWords, lossWords } from '../loss-words';
import type { FromWorker, TrainRequest } from '../protocol';
import { byId, paintDigit, row } from '../render';
import { DEFAULT_LR, parseTrainInputs } from '../train-inputs';
import { yieldToPage } from '../yield-to-page';

/** Images held out of the shipped sample to measure test MSE during in-browser training. */
export const HELD_OUT = 1000;
/** Held-out digits shown before and after training. */
const COMPARED = 8;

const formatSeconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

/**
 * Start/stop training in a worker: live status, a per-batch loss chart, the page's model updated
 * each epoch. Training from scratch asks first, since it overwrites the model on the page.
 */
export function trainSection(app: App) {
  const form = byId<HTMLFormElement>('train-form');
  const start = byId<HTMLButtonElement>('train-start');
  const stop = byId<HTMLButtonElement>('train-stop');
  const invalid = byId('train-invalid');
  const compare = byId('train-compare');
  let compared: number[] = [];
  const status = byId('train-status');
  const announce = byId('train-announce');
  const chart = byId('train-chart');
  const chartHintEl = byId('train-chart-hint');
  // the field's spinner stops where the shared schema does
  byId<HTMLInputElement>('train-epochs').max = String(TRAIN_LIMITS.epochs);
  // the learning rate follows the mode until the user types one of their own
  const mode = byId<HTMLSelectElement>('train-mode');
  const lrField = byId<HTMLInputElement>('train-lr');
  // as the CLI's --lr and the status line write it (5e-6): it fits the field
  const modeLr = () => DEFAULT_LR[mode.value === 'scratch' ? 'scratch' : 'finetune'].toExponential();
  let lrEdited = false;
  lrField.value = modeLr();
  lrField.addEventListener('input', () => {
    lrEdited = true;
  });
  mode.addEventListener('change', () => {
    if (!lrEdited) lrField.value = modeLr();
  });
  let worker: Worker | null = null;
  let history: EpochRecord[] = [];
  let losses: number[] = [];
  let epochEnds: number[] = [];
  let chartPending = false;
  let epochs = 0;
  let trainCount = 1;
  let epochStarted = 0;
  let backendName = '';
  // the loss of the run on the chart, in words: set by `modelChanged` and each run's spec
  let words!: LossWords;
  // the engines this page can train on: the one list, from @bottleneck/train's engine choice
  byId<HTMLSelectElement>('train-backend').append(
    ...engineChoices('browser')
      .filter((name) => name !== 'auto')
      .map((name) => new Option(isOnnxEngine(name) ? `ONNX Runtime ${name.slice(5)}` : `tfjs ${name}`, name)),
  );

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
      // a narrower drawing on phones, so its text is not scaled down to a few pixels
      const width = chart.clientWidth > 0 && chart.clientWidth < 520 ? 380 : 640;
      const drawn = { losses, epochEnds, testMse: history.map((r) => r.testMse ?? null), words };
      chart.innerHTML = batchLossSvg(drawn, width);
      chart.setAttribute('aria-label', batchLossSummary(drawn));
      chart.dataset.batches = String(losses.length);
      chart.dataset.epochs = String(epochEnds.length);
    });
  }

  /** Start and Stop stay focusable while unavailable (aria-disabled): focus never drops to the page. */
  function setRunning(running: boolean): void {
    start.setAttribute('aria-disabled', String(running));
    stop.setAttribute('aria-disabled', String(!running));
  }

  /** The held-out digits: originals, the model before this run, and after its latest epoch. */
  async function compareRow(which: 'before' | 'after'): Promise<void> {
    const size = app.lab.inputSize;
    const x = new Float32Array(compared.length * size);
    app.digits.fillBatch(compared, x);
    const { outputs } = await app.lab.reconstruct(x, compared.length);
    const cells = [...compare.querySelectorAll<HTMLCanvasElement>(`canvas[data-row="${which}"]`)];
    cells.forEach((c, i) => {
      paintDigit(c, row(outputs, i, size));
    });
  }

  function buildCompare(): void {
    const size = app.digits.featureSize;
    const heldOut = Math.min(HELD_OUT, Math.floor(app.digits.count / 2));
    const first = app.digits.count - heldOut;
    compared = Array.from({ length: Math.min(COMPARED, heldOut) }, (_, i) => first + i);
    const rowOf = (name: string, key: string) => {
      const title = document.createElement('span');
      title.textContent = name;
      return [
        title,
        ...compared.map((index) => {
          const c = document.createElement('canvas');
          c.width = c.height = Math.round(Math.sqrt(size));
          c.dataset.row = key;
          if (key === 'original') paintDigit(c, app.digits.toFloat32(index, 1));
          return c;
        }),
      ];
    };
    compare.replaceChildren(...rowOf('original', 'original'), ...rowOf('before', 'before'), ...rowOf('after', 'after'));
  }

  function finish(state: string, text: string): void {
    worker?.terminate();
    worker = null;
    setRunning(false);
    setState(state, text);
    say(text);
    app.setTraining(false);
  }

  /** The run's settings, or a one-line reason they are refused (shown, and nothing starts). */
  function request(): { message: TrainRequest; transfer: Transferable[] } | { error: string } {
    const count = Number(byId<HTMLSelectElement>('train-count').value);
    // the last HELD_OUT digits measure test MSE; training draws from the ones before them
    const { images, labels, featureSize } = app.digits;
    const heldOut = Math.min(HELD_OUT, Math.floor(app.digits.count / 2));
    const firstTest = app.digits.count - heldOut;
    const trainImages = Math.min(count, firstTest);
    const inputs = parseTrainInputs(
      {
        epochs: byId<HTMLInputElement>('train-epochs').value,
        batch: byId<HTMLInputElement>('train-batch').value,
        lr: lrField.value,
      },
      trainImages,
    );
    if ('error' in inputs) return inputs;
    epochs = inputs.epochs;
    const { batchSize, lr } = inputs;
    const backend = byId<HTMLSelectElement>('train-backend').value;
    const train = app.digits.subset(trainImages);
    trainCount = train.count;
    const test = { images: images.subarray(firstTest * featureSize), labels: labels.subarray(firstTest) };
    const init = mode.value === 'finetune' ? readParameters(app.lab.model) : null;
    const message: TrainRequest = {
      type: 'start',
      images: train.images.slice(),
      labels: train.labels.slice(),
      testImages: test.images.slice(),
      testLabels: test.labels.slice(),
      epochs,
      batchSize,
      lr,
      seed: 0,
      spec: app.lab.model.spec,
      init,
      backend: isEngineChoice('browser', backend) ? backend : 'auto',
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
        const onnx = isOnnxEngine(m.name);
        const wasm =
          m.threads > 1
            ? `${m.threads} ${onnx ? 'threads' : 'workers, one per core'}`
            : crossOriginIsolated
              ? '1 thread'
              : '1 thread: the page is not cross-origin isolated';
        const threaded = m.name === 'wasm' || m.name === 'onnx-wasm';
        byId('train-probe').textContent = [
          `training on ${onnx ? `ONNX Runtime Web ${m.name.slice(5)}` : m.name}${threaded ? ` (${wasm})` : ''}${m.software ? ` (software: ${m.software})` : ''}`,
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
          `epoch ${m.epoch}/${epochs} · batch ${m.batch}/${m.batches} · ${words.axis} ${m.loss.toFixed(words.decimals)} · lr ${m.lr.toExponential(0)} · ETA ${formatSeconds(eta)}`,
        );
        break;
      }
      case 'epoch': {
        history.push(m.record);
        epochEnds.push(losses.length);
        drawChart();
        epochStarted = performance.now();
        app.lab.setParameters(m.params);
        // the redraws with the new parameters start in a task of their own
        void yieldToPage().then(() => compareRow('after'));
        status.dataset.losses = JSON.stringify({ first: losses[0] ?? null, epochs: history.map((r) => r.trainLoss) });
        status.dataset.secondsPerEpoch = String(m.record.seconds);
        // the rate the epoch trained at: the field's, until ReduceLROnPlateau lowers it
        status.dataset.lr = String(m.record.lr);
        // per 60,000 images, to compare with the CLI and the NumPy reference (kept for scripts)
        status.dataset.secondsPer60k = String((m.record.seconds * 60000) / trainCount);
        const mean = history.reduce((s, r) => s + r.seconds, 0) / history.length;
        const speed = byId('train-speed');
        speed.textContent = `${mean.toFixed(1)} s/epoch`;
        speed.title = `on ${backendName}, ${trainCount.toLocaleString('en')} images per epoch`;
        const after = byId('train-after');
        const before = Number(byId('train-before').dataset.value);
        const change = m.record.testMse != null && before > 0 ? (m.record.testMse / before - 1) * 100 : null;
        // a fine-tune moves it by a percent or less: a decimal keeps that from showing as "0%"
        const percent = change === null ? '' : change.toFixed(Math.abs(change) < 10 ? 1 : 0);
        after.textContent =
          m.record.testMse == null
            ? '–'
            : `${m.record.testMse.toFixed(4)}${change === null ? '' : ` (${change > 0 ? '+' : ''}${percent}%: ${change < 0 ? 'better' : 'worse'})`}`;
        after.dataset.value = String(m.record.testMse ?? '');
        app.setModelInfo(
          `trained here on ${backendName}: ${history.length} epoch(s), held-out MSE ${m.record.testMse?.toFixed(4)}`,
          { source: 'trained in the browser', epochs: history.length, testMse: m.record.testMse ?? null },
        );
        say(
          `epoch ${m.record.epoch} of ${epochs} done, ${words.trainingLoss} ${m.record.trainLoss.toFixed(words.decimals)}, held-out MSE ${m.record.testMse?.toFixed(4)}`,
        );
        void yieldToPage().then(() => app.refresh());
        break;
      }
      case 'done': {
        const last = history.at(-1);
        finish(
          m.stopped ? 'stopped' : 'done',
          `${m.stopped ? 'stopped' : 'done'} after ${history.length} epoch(s)${last ? ` · ${words.trainingLoss} ${last.trainLoss.toFixed(words.decimals)}` : ''} on ${backendName}`,
        );
        break;
      }
      case 'error':
        finish('error', `training failed: ${m.message}`);
        break;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (worker) return;
    const made = request();
    invalid.hidden = !('error' in made);
    if ('error' in made) {
      invalid.textContent = made.error;
      return;
    }
    if (
      mode.value === 'scratch' &&
      !confirm(
        'Training from scratch replaces the model on this page with a new one, epoch by epoch. (The pretrained model can be restored under "Models"; download the current one there first to keep it.) Start?',
      )
    ) {
      return;
    }
    const { message, transfer } = made;
    history = [];
    losses = [];
    epochEnds = [];
    showWords(message.spec);
    chart.replaceChildren();
    delete status.dataset.losses;
    delete status.dataset.lr;
    worker = new Worker(new URL('../train-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => finish('error', `training worker failed: ${e.message}`);
    setRunning(true);
    app.setTraining(true);
    buildCompare();
    void beforeTraining();
    setState('probing', message.backend === 'auto' ? 'choosing a backend…' : `starting on ${message.backend}…`);
    say('training starting');
    worker.postMessage(message, transfer);
  });
  stop.addEventListener('click', () => worker?.postMessage({ type: 'stop' }));

  /** The model as it was before this run: the same held-out digits and their MSE, to compare with. */
  async function beforeTraining(): Promise<void> {
    const size = app.lab.inputSize;
    const heldOut = Math.min(HELD_OUT, Math.floor(app.digits.count / 2));
    const first = app.digits.count - heldOut;
    const x = app.digits.toFloat32(first, heldOut);
    const { outputs } = await app.lab.reconstruct(x, heldOut);
    let sse = 0;
    for (let i = 0; i < x.length; i++) sse += (outputs[i]! - x[i]!) ** 2;
    const before = byId('train-before');
    before.textContent = (sse / x.length).toFixed(4);
    before.dataset.value = String(sse / x.length);
    compare.querySelectorAll<HTMLCanvasElement>('canvas[data-row="before"]').forEach((c, i) => {
      paintDigit(c, row(outputs, i, size));
    });
    byId('train-after').textContent = '…';
  }
  /** The chart's words for the model whose run it shows (or will show). */
  function showWords(spec: ModelSpec): void {
    words = lossWords(spec);
    chartHintEl.textContent = chartHint(words);
    chart.setAttribute('aria-label', batchLossSummary({ losses: [], epochEnds: [], testMse: [], words }));
  }

  return {
    /**
     * A model on the page (the first, or picked, loaded or restored; never during a run): the last run's
     * chart and comparison were of the old one, so they go, and the words follow the new loss.
     */
    modelChanged: () => {
      history = [];
      losses = [];
      epochEnds = [];
      chart.replaceChildren();
      delete chart.dataset.batches;
      delete chart.dataset.epochs;
      delete status.dataset.losses;
      delete status.dataset.lr;
      setState('idle', 'idle');
      for (const id of ['train-before', 'train-after', 'train-speed']) {
        byId(id).textContent = '–';
        delete byId(id).dataset.value;
      }
      buildCompare();
      showWords(app.lab.model.spec);
    },
    /** New digits on the page: the held-out originals to compare with, before any training. */
    showDigits: () => {
      buildCompare();
      for (const id of ['train-before', 'train-after']) byId(id).textContent = '–';
    },
  };
}
