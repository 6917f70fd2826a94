import { deserializeModel, type ModelJson, parseModelJson } from '@bottleneck/autoencoder';
import { codeSize, countParameters, type ModelSpec } from '@bottleneck/graph';
import type { MnistSplit } from '@bottleneck/mnist';
import * as tf from '@tensorflow/tfjs-core';
import type { App } from './app';
import { describeBackend, describeGpus, isBackendName, orderFor, selectBackend } from './backend';
import { dropZone } from './drop-zone';
import { fetchBytes } from './fetch-bytes';
import { gpuInspector } from './gpu-inspect-client';
import { LabModel } from './lab-model';
import { describeSpec } from './network-diagram';
import { byId } from './render';
import { splitFromFiles } from './sections/data';
import { denoiseSection } from './sections/denoise';
import { drawSection } from './sections/draw';
import { interpolateSection } from './sections/interpolate';
import { latentSection } from './sections/latent';
import { modelSection } from './sections/model';
import { reconstructSection } from './sections/reconstruct';
import { sampleSection } from './sections/sample';
import { trainSection } from './sections/train';

interface PretrainedFiles {
  json: ModelJson;
  weights: Uint8Array;
}

/** The shipped models by picker value: the lab's MLP, the zoo's deep and sparse, small conv and VAE ones (public/model/README.md). */
const PRETRAINED = {
  mlp: 'model/',
  deep: 'model/deep/',
  sparse: 'model/sparse/',
  conv: 'model/conv/',
  vae: 'model/vae/',
} as const;
type PretrainedName = keyof typeof PRETRAINED;
const isPretrainedName = (v: string): v is PretrainedName => Object.hasOwn(PRETRAINED, v);

async function fetchPretrained(name: PretrainedName = 'mlp'): Promise<PretrainedFiles> {
  const dir = PRETRAINED[name];
  const [jsonBytes, weights] = await Promise.all([
    fetchBytes(`${dir}model.json`),
    fetchBytes(`${dir}weights.bin`, { streamed: true }),
  ]);
  return { json: parseModelJson(JSON.parse(new TextDecoder().decode(jsonBytes)), `${dir}model.json`), weights };
}

function pretrainedModel({ json, weights }: PretrainedFiles): { lab: LabModel; info: string } {
  const model = deserializeModel(json, weights, 'weights.bin');
  const m = json.metadata ?? {};
  const mse = typeof m.testMse === 'number' ? `, test MSE ${m.testMse.toFixed(4)}` : '';
  return {
    lab: new LabModel(model),
    info: `pretrained${typeof m.epochs === 'number' ? ` ${m.epochs} epochs` : ''}${mse}`,
  };
}

const shapeText = (spec: ModelSpec) =>
  `${describeSpec(spec)}, ${countParameters(spec).toLocaleString('en')} parameters`;

/**
 * Starts everything that needs the model or tfjs. `main.ts` puts the shipped digits' gallery on
 * screen without this module's code; `shippedReady` resolves once it has.
 */
export async function startPage(shippedReady: Promise<MnistSplit>): Promise<void> {
  // ?backend=webgpu|webgl|wasm|cpu runs that one (even on a software GPU), falling back after it
  const wanted = new URLSearchParams(location.search).get('backend');
  const forced = isBackendName(wanted) ? wanted : null;
  // the page's own tensors are small: single-threaded SIMD starts at once, without the threaded
  // build's pool of workers (training has its own pool, one worker per core)
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // the backend and the model start together; the GPU APIs are asked (in a worker) only when a GPU
  // is forced, or after the page is ready, for its notes
  const inspect = gpuInspector();
  const backendReady = selectBackend(orderFor(forced), { forced, inspect });
  const pretrainedReady = fetchPretrained();
  // handled where awaited; this only keeps an early failure of one from being reported as unhandled
  for (const p of [backendReady, pretrainedReady]) p.catch(() => undefined);

  const shipped = await shippedReady;
  let lab: LabModel | null = null;
  let modelMetadata: Record<string, unknown> = {};
  const showData = (name: string) => {
    byId('data-info').textContent = `${app.digits.count.toLocaleString('en')} images from ${name}`;
  };

  // one re-render at a time: epochs can end faster than the page redraws (latent map included),
  // so requests that arrive meanwhile fold into one more pass
  let rendering: Promise<void> | null = null;
  let again = false;
  const renderAll = () =>
    Promise.all([
      recon.render(),
      recon.renderGalleryMse(),
      denoise.render(),
      interp.render(),
      draw.render(),
      latent.render(),
      sample.render(),
    ]).then(() => undefined);

  const app: App = {
    get lab(): LabModel {
      if (!lab) throw new Error('the model is still loading');
      return lab;
    },
    digits: shipped,
    selected: 0,
    get modelMetadata() {
      return modelMetadata;
    },
    async refresh() {
      if (!lab) return;
      if (rendering) {
        again = true;
        return rendering;
      }
      rendering = (async () => {
        do {
          again = false;
          await renderAll();
        } while (again);
      })().finally(() => {
        rendering = null;
      });
      return rendering;
    },
    async select(index) {
      const changed = index !== app.selected;
      app.selected = index;
      // one selection for the whole page: the gallery, the diagram, the sliders, the map's ring,
      // the interpolation's ends
      for (const b of document.querySelectorAll<HTMLButtonElement>('#gallery button')) {
        b.setAttribute('aria-pressed', String(b.dataset.index === String(index)));
      }
      document.body.dataset.selected = String(index);
      if (!lab) return;
      await Promise.all([
        recon.render(),
        denoise.render(),
        latent.selected(),
        changed ? interp.selected(index) : Promise.resolve(),
      ]);
    },
    async setModel(next, info, metadata) {
      // sections may be mid-render with the old model: let them finish before it is disposed
      await rendering;
      const old = lab;
      lab = next;
      old?.model.dispose();
      app.setModelInfo(info, metadata);
      models.modelChanged();
      train.modelChanged();
      await app.refresh();
    },
    setModelInfo(info, metadata) {
      byId('model-info').textContent = info;
      modelMetadata = metadata;
      if (!lab) return;
      byId('model-shape').textContent = shapeText(lab.model.spec);
      // the page's text names the loaded model's code size, not the lab's 8
      const k = String(codeSize(lab.model.spec));
      for (const el of document.querySelectorAll('[data-code-size]')) el.textContent = k;
    },
    setTraining(running) {
      // after a run the model on the page is the trained one, so the pretrained one can come back
      for (const id of ['model-files', 'model-restore', 'idx-files', 'model-pick']) {
        byId<HTMLInputElement | HTMLButtonElement>(id).disabled = running;
      }
    },
  };
  const recon = reconstructSection(app);
  const denoise = denoiseSection(app);
  const interp = interpolateSection(app);
  const latent = latentSection(app);
  const draw = drawSection(app, {
    codeBook: () => latent.codeBook(),
    showDrawn: (z) => latent.showDrawn(z),
    useDrawing: (x) => interp.useDrawing(x),
  });
  const train = trainSection(app);
  const sample = sampleSection(app);

  function showDigits(name: string, galleryFilled = false): void {
    if (!galleryFilled) recon.buildGallery();
    interp.setChoices(recon.indices());
    train.showDigits();
    app.selected = recon.indices()[0] ?? 0;
    showData(name);
  }
  showDigits('the MNIST test set (shipped)', true);
  // start-up milestones, read by scripts/startup.mjs (the first, bottleneck:gallery, is main.ts's)

  const backend = await backendReady;
  performance.mark('bottleneck:backend');
  const backendEl = byId('backend');
  backendEl.textContent = backend.name;
  backendEl.dataset.value = backend.name;
  backendEl.dataset.software = backend.software ?? '';
  byId('backend-note').textContent = describeBackend(backend, forced);

  let pretrained = await pretrainedReady;
  byId('loading-text').textContent = 'starting the model…';
  const first = pretrainedModel(pretrained);
  performance.mark('bottleneck:model');
  lab = first.lab;
  app.setModelInfo(first.info, pretrained.json.metadata ?? {});
  train.modelChanged();
  const models = modelSection(app, async () => {
    const { lab: restored, info } = pretrainedModel(pretrained);
    await app.setModel(restored, info, pretrained.json.metadata ?? {});
  });
  await app.refresh();
  // the model picker: fetches a shipped model, then swaps it in everywhere; "back to the shipped
  // model" then means the one picked
  const modelPick = byId<HTMLSelectElement>('model-pick');
  const pickStatus = byId('model-pick-status');
  // the select stays enabled while a model loads (disabling it would drop its focus and the keys
  // that follow): a pick made meanwhile wins, and the one it overtook is dropped
  let picks = 0;
  let swapping: Promise<void> = Promise.resolve();
  modelPick.addEventListener('change', async () => {
    const name = modelPick.value;
    if (!isPretrainedName(name)) return;
    const pickNumber = ++picks;
    pickStatus.textContent = `loading the ${name} model…`;
    try {
      const files = await fetchPretrained(name);
      // one swap at a time, so a model is never disposed under another swap's render
      swapping = swapping
        .catch(() => undefined)
        .then(async () => {
          if (pickNumber !== picks) return;
          const { lab: picked, info } = pretrainedModel(files);
          pretrained = files;
          await app.setModel(picked, info, files.json.metadata ?? {});
        });
      await swapping;
      if (pickNumber !== picks) return;
      pickStatus.textContent = `the ${name} model is on the page: ${byId('model-shape').textContent}`;
      document.body.dataset.model = name;
    } catch (error) {
      if (pickNumber === picks)
        pickStatus.textContent = `could not load the ${name} model: ${(error as Error).message.split('\n')[0]}`;
    }
  });
  modelPick.disabled = false;
  document.body.dataset.model = 'mlp';
  // the sections that need the model wait for it (inert in index.html): the gallery does not
  for (const section of document.querySelectorAll('section[inert]')) section.removeAttribute('inert');
  byId('loading').hidden = true;

  const picker = byId<HTMLInputElement>('idx-files');
  const dataError = byId('data-error');
  const dataOk = byId('data-ok');
  const dataRestore = byId<HTMLButtonElement>('data-restore');
  dropZone(byId('data'), picker);
  picker.addEventListener('change', async () => {
    const files = [...(picker.files ?? [])];
    dataError.hidden = true;
    dataOk.textContent = '';
    try {
      // every check (format, sizes, the model's image size) runs before the page switches
      const split = await splitFromFiles(files, app.lab.inputSize);
      app.digits = split;
      const name = files.map((f) => f.name).join(' + ');
      showDigits(name);
      await app.refresh();
      dataRestore.disabled = false;
      dataOk.textContent = `Loaded ${split.count.toLocaleString('en')} images from ${name}: every section now shows them.`;
    } catch (error) {
      dataError.textContent = (error as Error).message.split('\n')[0]!;
      dataError.hidden = false;
    } finally {
      picker.value = '';
    }
  });
  dataRestore.addEventListener('click', async () => {
    app.digits = shipped;
    showDigits('the MNIST test set (shipped)');
    await app.refresh();
    dataError.hidden = true;
    if (document.activeElement === dataRestore) picker.focus();
    dataRestore.disabled = true;
    dataOk.textContent = 'Back to the shipped MNIST test digits.';
  });
  performance.mark('bottleneck:ready');
  document.body.dataset.ready = 'true';
  const gpuNote = byId('gpu-note');
  Promise.all([inspect('webgpu'), inspect('webgl')])
    .then(([webgpu, webgl]) => {
      gpuNote.textContent = describeGpus({ webgpu, webgl });
    })
    .catch((error: unknown) => {
      gpuNote.textContent = `could not be asked (${(error as Error).message})`;
    });
}
