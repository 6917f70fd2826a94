import { mse } from '@bottleneck/image';
import type { App } from '../app';
import { fillGallery, galleryOf, galleryShown } from '../gallery';
import { describeSpec, networkSvg } from '../network-diagram';
import { byId, paintCode, paintDigit, row } from '../render';

/** Gallery of digits; the selected one beside its reconstruction and its code values. */
export function reconstructSection(app: App) {
  const gallery = byId('gallery');
  const buttons = () => [...gallery.querySelectorAll<HTMLButtonElement>('button')];

  /** The gallery of the page's digits (the page's first one is filled before this section exists). */
  const buildGallery = () => void fillGallery(gallery, galleryOf(app.digits));

  gallery.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-index]');
    if (button) void app.select(Number(button.dataset.index));
  });

  gallery.addEventListener('keydown', (e) => {
    // the buttons shown (a phone shows fewer)
    const all = buttons().filter((b) => b.getClientRects().length > 0);
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    // ten columns (one per label) on wide screens, five on phones: as the style lays them out
    const columns = getComputedStyle(gallery).gridTemplateColumns.split(' ').length || 10;
    const step: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      Home: -at,
      End: all.length - 1 - at,
    };
    const delta = step[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    const next = all[Math.max(0, Math.min(all.length - 1, at + delta))]!;
    next.focus();
    void app.select(Number(next.dataset.index));
  });

  /** Mean reconstruction MSE over the gallery: one number for how good the loaded model is. */
  async function renderGalleryMse(): Promise<void> {
    const shown = galleryShown(gallery);
    const x = new Float32Array(shown.length * app.lab.inputSize);
    app.digits.fillBatch(shown, x);
    const { outputs } = await app.lab.reconstruct(x, shown.length);
    const error = mse(x, outputs);
    const el = byId('gallery-mse');
    el.textContent = error.toFixed(4);
    el.dataset.value = String(error);
  }

  async function render(): Promise<void> {
    for (const b of buttons()) {
      const selected = b.dataset.index === String(app.selected);
      b.setAttribute('aria-pressed', String(selected));
      b.tabIndex = selected ? 0 : -1;
    }
    const x = app.digits.toFloat32(app.selected, 1);
    const { codes, outputs } = await app.lab.reconstruct(x, 1);
    paintDigit(byId<HTMLCanvasElement>('recon-input'), x);
    paintDigit(byId<HTMLCanvasElement>('recon-output'), row(outputs, 0, app.lab.inputSize));
    const max = Math.max(...codes, 1);
    paintCode(byId('recon-code'), codes, max);
    // the header's diagram shows the same digit going through the network
    paintDigit(byId<HTMLCanvasElement>('net-input'), x);
    paintDigit(byId<HTMLCanvasElement>('net-output'), row(outputs, 0, app.lab.inputSize));
    const network = byId('network');
    network.innerHTML = networkSvg(app.lab.model.spec, codes, max);
    network.setAttribute('aria-label', `the network, layer by layer: ${describeSpec(app.lab.model.spec)}`);
    const error = mse(x, outputs);
    const el = byId('recon-mse');
    el.textContent = error.toFixed(4);
    el.dataset.value = String(error);
    byId('recon-label').textContent = `${app.digits.labels[app.selected]} (#${app.selected})`;
  }

  return { buildGallery, render, renderGalleryMse, indices: () => galleryShown(gallery) };
}
