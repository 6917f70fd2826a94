import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { splitFromIdx } from '../../packages/mnist/src/index.ts';
import { galleryOf } from './src/gallery.ts';
import { SHIPPED_DIGITS } from './src/shipped-digits.ts';

const ID = 'virtual:gallery-digits';
const data = (name: string) => fileURLToPath(new URL(`public/data/${name}`, import.meta.url));

/**
 * `virtual:gallery-digits`: the shipped test set's gallery digits (50 of its 10,000, 39 kB),
 * embedded in the page's entry, so the first gallery waits for no download.
 */
export function galleryDigits(): Plugin {
  return {
    name: 'bottleneck:gallery-digits',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    load(id) {
      if (id !== `\0${ID}`) return;
      const { images, labels } = SHIPPED_DIGITS;
      const split = splitFromIdx(readFileSync(data(images)), readFileSync(data(labels)), SHIPPED_DIGITS);
      const shown = galleryOf(split);
      const gallery = {
        indices: shown.map((d) => d.index),
        labels: shown.map((d) => d.label),
        width: split.cols,
        height: split.rows,
        pixels: Buffer.concat(shown.map((d) => d.image.data)).toString('base64'),
      };
      return `export const shippedGallery = ${JSON.stringify(gallery)};`;
    },
  };
}
