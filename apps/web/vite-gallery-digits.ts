import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { splitFromIdx } from '../../packages/mnist/src/index.ts';
import { galleryIndices } from './src/gallery-indices.ts';

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
      const files = { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' };
      const split = splitFromIdx(readFileSync(data(files.images)), readFileSync(data(files.labels)), files);
      const indices = galleryIndices(split.labels);
      const size = split.rows * split.cols;
      const pixels = Buffer.concat(indices.map((i) => split.images.subarray(i * size, (i + 1) * size)));
      const gallery = {
        indices,
        labels: indices.map((i) => split.labels[i]),
        width: split.cols,
        height: split.rows,
        pixels: pixels.toString('base64'),
      };
      return `export const shippedGallery = ${JSON.stringify(gallery)};`;
    },
  };
}
