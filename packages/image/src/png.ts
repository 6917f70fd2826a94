import { decode, encode } from 'fast-png';
import type { GrayImage } from './gray-image';

/** PNG bytes of a grayscale image (8-bit, one channel). Works in Node and the browser. */
export function encodePng(img: GrayImage): Uint8Array {
  return encode({ width: img.width, height: img.height, data: img.data, channels: 1, depth: 8 });
}

/** Decodes an 8-bit PNG to grayscale (RGB is averaged, alpha dropped). */
export function decodePng(bytes: Uint8Array): GrayImage {
  const png = decode(bytes);
  if (png.depth !== 8) throw new Error(`decodePng: bit depth ${png.depth}, expected 8`);
  const { width, height, channels } = png;
  const src = png.data;
  const data = new Uint8Array(width * height);
  const colour = channels >= 3 ? 3 : 1;
  for (let i = 0; i < data.length; i++) {
    let s = 0;
    for (let c = 0; c < colour; c++) s += src[i * channels + c]!;
    data[i] = Math.round(s / colour);
  }
  return { width, height, data };
}
