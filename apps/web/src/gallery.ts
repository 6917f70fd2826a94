import type { GrayImage } from '@bottleneck/image';
import type { MnistSplit } from '@bottleneck/mnist';
import { galleryIndices } from './gallery-indices';
import { grayBmpUrl } from './gray-bmp';

/** One digit of the gallery: where it is in the page's digits, its label and its image. */
export interface GalleryDigit {
  index: number;
  label: number;
  image: GrayImage;
}

/** The gallery of a set of digits: the first five of each label. */
export function galleryOf(digits: MnistSplit): GalleryDigit[] {
  const size = digits.rows * digits.cols;
  return galleryIndices(digits.labels).map((index) => ({
    index,
    label: digits.labels[index]!,
    image: { width: digits.cols, height: digits.rows, data: digits.images.subarray(index * size, (index + 1) * size) },
  }));
}

/**
 * Fills the gallery with a button per digit; clicks and keys are the reconstruct section's. Needs
 * only the digits, not the model: the page shows it first. Resolves once the images are decoded.
 */
export function fillGallery(gallery: HTMLElement, shown: readonly GalleryDigit[]): Promise<void> {
  gallery.replaceChildren(
    ...shown.map(({ index, label, image }, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.index = String(index);
      button.setAttribute('aria-label', `digit ${label}, #${index}`);
      button.setAttribute('aria-pressed', 'false');
      // one tab stop for the whole gallery; the arrow keys move within it
      button.tabIndex = i === 0 ? 0 : -1;
      // an <img>, not a canvas: the page's first canvas waits for the browser's GPU context
      // (0.2–0.5 s without a GPU, measured here), which the first gallery need not wait for
      const img = document.createElement('img');
      img.alt = '';
      img.src = grayBmpUrl(image);
      button.append(img);
      return button;
    }),
  );
  // resolves once every digit can be drawn (a decode that fails shows as an empty square)
  const images = [...gallery.querySelectorAll('img')];
  return Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() => undefined);
}

/** The digit indices the gallery shows, in order. */
export const galleryShown = (gallery: HTMLElement): number[] =>
  [...gallery.querySelectorAll<HTMLButtonElement>('button')].map((b) => Number(b.dataset.index));
