import type { MnistSplit } from '@bottleneck/mnist';
import { toGrayImages } from '@bottleneck/image';
import { grayBmpUrl } from './gray-bmp';

/** Digits per label in the gallery: five rows of 0–9. */
export const GALLERY_PER_LABEL = 5;

/** First `perLabel` indices of each label 0-9, label-major: the gallery's columns. */
export function galleryIndices(labels: Uint8Array, perLabel: number): number[] {
  const picked: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const list = picked[labels[i]!];
    if (list && list.length < perLabel) list.push(i);
  }
  const out: number[] = [];
  for (let r = 0; r < perLabel; r++) for (const list of picked) if (list[r] !== undefined) out.push(list[r]!);
  return out;
}

/**
 * Fills the gallery with buttons for the first digits of each label; clicks and keys are the
 * reconstruct section's. Needs only the data, not the model: the page shows it first. Resolves
 * once the digits' images are decoded.
 */
export function fillGallery(gallery: HTMLElement, digits: MnistSplit): Promise<void> {
  const shown = galleryIndices(digits.labels, GALLERY_PER_LABEL);
  gallery.replaceChildren(
    ...shown.map((index, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.index = String(index);
      button.setAttribute('aria-label', `digit ${digits.labels[index]}, #${index}`);
      button.setAttribute('aria-pressed', 'false');
      // one tab stop for the whole gallery; the arrow keys move within it
      button.tabIndex = i === 0 ? 0 : -1;
      // an <img>, not a canvas: the page's first canvas waits for the browser's GPU context
      // (0.2–0.5 s without a GPU), which the first gallery need not wait for
      const image = document.createElement('img');
      image.alt = '';
      image.src = grayBmpUrl(toGrayImages([digits.toFloat32(index, 1)])[0]!);
      button.append(image);
      return button;
    }),
  );
  // resolves once every digit can be drawn (a decode that fails shows as an empty square)
  const images = [...gallery.querySelectorAll('img')];
  return Promise.all(images.map((image) => image.decode().catch(() => undefined))).then(() => undefined);
}

/** The digit indices the gallery shows, in order. */
export const galleryShown = (gallery: HTMLElement): number[] =>
  [...gallery.querySelectorAll<HTMLButtonElement>('button')].map((b) => Number(b.dataset.index));
