import { mse } from '@bottleneck/image';
import { type App, galleryIndices } from '../app';
import { byId, digitCanvas, paintCode, paintDigit, row } from '../render';

export const GALLERY_PER_LABEL = 5;

/** Gallery of test digits; the selected one beside its reconstruction and its 8 code values. */
export function reconstructSection(app: App) {
  const gallery = byId('gallery');
  let shown: number[] = [];

  function buildGallery(): void {
    shown = galleryIndices(app.digits.labels, GALLERY_PER_LABEL);
    gallery.replaceChildren(
      ...shown.map((index) => {
        const canvas = digitCanvas(app.digits.toFloat32(index, 1), `#${index}: ${app.digits.labels[index]}`);
        canvas.dataset.index = String(index);
        canvas.addEventListener('click', () => void app.select(index));
        return canvas;
      }),
    );
  }

  /** Mean reconstruction MSE over the gallery: one number for how good the loaded model is. */
  async function renderGalleryMse(): Promise<void> {
    const x = new Float32Array(shown.length * app.lab.inputSize);
    app.digits.fillBatch(shown, x);
    const { outputs } = await app.lab.reconstruct(x, shown.length);
    const error = mse(x, outputs);
    const el = byId('gallery-mse');
    el.textContent = error.toFixed(4);
    el.dataset.value = String(error);
  }

  async function render(): Promise<void> {
    for (const c of gallery.querySelectorAll('canvas')) {
      c.classList.toggle('selected', c.dataset.index === String(app.selected));
    }
    const x = app.digits.toFloat32(app.selected, 1);
    const { codes, outputs } = await app.lab.reconstruct(x, 1);
    paintDigit(byId<HTMLCanvasElement>('recon-input'), x);
    paintDigit(byId<HTMLCanvasElement>('recon-output'), row(outputs, 0, app.lab.inputSize));
    paintCode(byId('recon-code'), codes, Math.max(...codes, 1));
    const error = mse(x, outputs);
    const el = byId('recon-mse');
    el.textContent = error.toFixed(4);
    el.dataset.value = String(error);
    byId('recon-label').textContent = `${app.digits.labels[app.selected]} (test #${app.selected})`;
  }

  return { buildGallery, render, renderGalleryMse, indices: () => shown };
}
