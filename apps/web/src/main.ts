// The page's entry: puts the shipped digits' gallery on screen as soon as their first images
// arrive, while the rest of the page (tfjs, the model, the sections: most of the code) loads beside them.
import { IdxPrefix, type MnistSplit, splitFromIdx, splitFromPrefix } from '@bottleneck/mnist';
import { fetchBytes } from './fetch-bytes';
import { fillGallery, GALLERY_PER_LABEL, galleryIndices } from './gallery';
import { byId } from './render';

const IMAGES = 't10k-images-idx3-ubyte.gz';
const LABELS = 't10k-labels-idx1-ubyte.gz';
/** Bytes read ahead for the first gallery: 200 of MNIST's 28×28 test images, five of each digit in the first 100. */
const PREVIEW_BYTES = 16 + 200 * 28 * 28;

/** Fills the gallery once, from whichever comes first: the file's first images or the whole file. */
function galleryOnce(): (digits: MnistSplit, preview: boolean) => void {
  let filled = false;
  return (digits, preview) => {
    // a preview draws only if it holds the gallery the whole file gives: five of each label
    const complete = galleryIndices(digits.labels, GALLERY_PER_LABEL).length === 10 * GALLERY_PER_LABEL;
    if (filled || (preview && !complete)) return;
    filled = true;
    // start-up milestones, read by scripts/startup.mjs: the first, once the digits can be drawn
    void fillGallery(byId('gallery'), digits).then(() => performance.mark('bottleneck:gallery'));
  };
}

async function loadSample(): Promise<MnistSplit> {
  const showGallery = galleryOnce();
  const labelsReady = fetchBytes(`data/${LABELS}`);
  const preview = new IdxPrefix(PREVIEW_BYTES);
  const imagesReady = fetchBytes(`data/${IMAGES}`, {
    onChunk: (chunk) => {
      if (preview.full || !preview.push(chunk)) return;
      labelsReady
        .then((labels) => {
          const first = splitFromPrefix(preview.bytes, labels);
          if (first) showGallery(first, true);
        })
        // the whole-file read below reports a failed fetch
        .catch(() => undefined);
    },
  });
  const [images, labels] = await Promise.all([imagesReady, labelsReady]);
  const digits = splitFromIdx(images, labels, { images: IMAGES, labels: LABELS });
  showGallery(digits, false);
  return digits;
}

async function main(): Promise<void> {
  const shipped = loadSample();
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
