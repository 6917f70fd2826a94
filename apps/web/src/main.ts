import { deserializeModel, parseModelJson } from '@bottleneck/autoencoder';
import { type MnistSplit, splitFromIdx } from '@bottleneck/mnist';
import type { App } from './app';
import { BACKEND_ORDER, isBackendName, selectBackend } from './backend';
import { LabModel } from './lab-model';
import { byId } from './render';
import { splitFromFiles } from './sections/data';
import { denoiseSection } from './sections/denoise';
import { drawSection } from './sections/draw';
import { interpolateSection } from './sections/interpolate';
import { latentSection } from './sections/latent';
import { reconstructSection } from './sections/reconstruct';
import { trainSection } from './sections/train';

const base = import.meta.env.BASE_URL;

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function loadModel(): Promise<{ lab: LabModel; info: string }> {
  const json = parseModelJson(
    JSON.parse(new TextDecoder().decode(await fetchBytes('model/model.json'))),
    'model/model.json',
  );
  const model = deserializeModel(json, await fetchBytes('model/weights.bin'), 'model/weights.bin');
  const m = json.metadata ?? {};
  const mse = typeof m.testMse === 'number' ? `, test MSE ${m.testMse.toFixed(4)}` : '';
  return {
    lab: new LabModel(model),
    info: `pretrained${typeof m.epochs === 'number' ? ` ${m.epochs} epochs` : ''}${mse}`,
  };
}

async function loadSample(): Promise<MnistSplit> {
  const [images, labels] = await Promise.all([
    fetchBytes('data/t10k-images-idx3-ubyte.gz'),
    fetchBytes('data/t10k-labels-idx1-ubyte.gz'),
  ]);
  return splitFromIdx(images, labels, { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' });
}

async function main(): Promise<void> {
  // ?backend=wasm (or cpu) skips the ones before it, for comparing backends
  const wanted = new URLSearchParams(location.search).get('backend');
  const order = isBackendName(wanted) ? BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(wanted)) : BACKEND_ORDER;
  const backend = await selectBackend(order);
  const backendEl = byId('backend');
  backendEl.textContent = backend.name;
  backendEl.dataset.value = backend.name;
  byId('backend-note').textContent = [
    backend.name === 'wasm' ? `(${backend.threads} thread${backend.threads > 1 ? 's' : ''})` : '',
    ...backend.skipped.map((s) => `${s.name} unavailable: ${s.reason}`),
  ]
    .filter(Boolean)
    .join(' · ');

  const [{ lab, info }, digits] = await Promise.all([loadModel(), loadSample()]);
  byId('model-info').textContent = info;
  const showData = (name: string) => {
    byId('data-info').textContent = `${app.digits.count.toLocaleString()} images from ${name}`;
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
    ]).then(() => undefined);

  const app: App = {
    lab,
    digits,
    selected: 0,
    async refresh() {
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
      app.selected = index;
      await Promise.all([recon.render(), denoise.render()]);
    },
  };
  const recon = reconstructSection(app);
  const denoise = denoiseSection(app);
  const interp = interpolateSection(app);
  const draw = drawSection(app);
  const latent = latentSection(app);
  trainSection(app);

  async function useDigits(split: MnistSplit, name: string): Promise<void> {
    app.digits = split;
    recon.buildGallery();
    interp.setChoices(recon.indices());
    app.selected = recon.indices()[0] ?? 0;
    showData(name);
    await app.refresh();
  }
  await useDigits(digits, 'the MNIST test set (shipped)');

  const picker = byId<HTMLInputElement>('idx-files');
  const dataError = byId('data-error');
  picker.addEventListener('change', async () => {
    const files = [...(picker.files ?? [])];
    dataError.hidden = true;
    try {
      await useDigits(await splitFromFiles(files), files.map((f) => f.name).join(' + '));
    } catch (error) {
      dataError.textContent = (error as Error).message;
      dataError.hidden = false;
    }
  });
  document.body.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  const el = byId('fatal');
  el.textContent = `The demo could not start: ${(error as Error).message}`;
  el.hidden = false;
  document.body.dataset.ready = 'error';
});
