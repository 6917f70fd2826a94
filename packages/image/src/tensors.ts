import type * as tf from '@tensorflow/tfjs-core';
import { type GrayImage, toGrayImages } from './gray-image';

/**
 * Reads a tensor in [0,1] into grayscale images: `[n, h, w]`; `[n, s²]` (rows of square images,
 * e.g. `[n, 784]`); or any other `[h, w]` as one image (e.g. `[28, 28]`).
 */
export async function tensorToGrayImages(t: tf.Tensor): Promise<GrayImage[]> {
  const values = await t.data();
  if (t.rank === 3) {
    const [, height, width] = t.shape as [number, number, number];
    return toGrayImages(values, { width, height });
  }
  if (t.rank === 2) {
    const [rows, cols] = t.shape as [number, number];
    const side = Math.sqrt(cols);
    if (Number.isInteger(side)) return toGrayImages(values, { width: side, height: side });
    return toGrayImages(values, { width: cols, height: rows });
  }
  throw new RangeError(`tensorToGrayImages: shape [${t.shape}], expected [n, h, w], [n, s²] or [h, w]`);
}
