// The page's entry: puts the shipped digits' gallery on screen as soon as they arrive, while the
// rest of the page (tfjs, the model, the sections: most of the code) loads beside them.
import { type MnistSplit, splitFromIdx } from '@bottleneck/mnist';
import { fetchBytes } from './fetch-bytes';
import { fillGallery } from './gallery';
import { byId } from './render';

async function loadSample(): Promise<MnistSplit> {
  const [images, labels] = await Promise.all([
    fetchBytes('data/t10k-images-idx3-ubyte.gz'),
    fetchBytes('data/t10k-labels-idx1-ubyte.gz'),
  ]);
  return splitFromIdx(images, labels, { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' });
}

async function main(): Promise<void> {
  const shipped = loadSample().then((digits) => {
    fillGallery(byId('gallery'), digits);
    // start-up milestones, read by scripts/startup.mjs
    performance.mark('bottleneck:gallery');
    return digits;
  });
  // handled where awaited (startPage); this only keeps an early failure from being reported as unhandled
  shipped.catch(() => undefined);
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
