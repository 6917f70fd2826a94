// The page's entry: puts the shipped digits' gallery on screen at once (its 50 digits are built
// into this script), while the digits file and the rest of the page (tfjs, the model, the sections:
// most of the code) load.
import { type MnistSplit, splitFromIdx } from '@bottleneck/mnist';
import { shippedGallery } from 'virtual:gallery-digits';
import { fetchBytes } from './fetch-bytes';
import { fillGallery, type GalleryDigit } from './gallery';
import { byId } from './render';
import { SHIPPED_DIGITS } from './shipped-digits';

/** The gallery built into this script, as the page's digits file has it (the build reads that file). */
function builtInGallery(): GalleryDigit[] {
  const { indices, labels, width, height, pixels } = shippedGallery;
  const bytes = Uint8Array.from(atob(pixels), (c) => c.charCodeAt(0));
  const size = width * height;
  return indices.map((index, i) => ({
    index,
    label: labels[i]!,
    image: { width, height, data: bytes.subarray(i * size, (i + 1) * size) },
  }));
}

async function loadSample(): Promise<MnistSplit> {
  const { images, labels } = SHIPPED_DIGITS;
  const bytes = await Promise.all([fetchBytes(`data/${images}`), fetchBytes(`data/${labels}`)]);
  return splitFromIdx(bytes[0], bytes[1], SHIPPED_DIGITS);
}

async function main(): Promise<void> {
  const shipped = loadSample();
  // handled where awaited (startPage); this only keeps an early failure from being reported as unhandled
  shipped.catch(() => undefined);
  // start-up milestones, read by scripts/startup.mjs: the first, once the gallery's digits can be drawn
  void fillGallery(byId('gallery'), builtInGallery()).then(() => performance.mark('bottleneck:gallery'));
  const { startPage } = await import('./page');
  await startPage(shipped);
}

main().catch((error: unknown) => {
  const el = byId('fatal');
  el.textContent = `The demo could not start: ${(error as Error).message}`;
  el.hidden = false;
  byId('loading').hidden = true;
  document.body.dataset.ready = 'error';
});
