import type { GrayImage } from '@bottleneck/image';

const FILE_HEADER = 14;
const INFO_HEADER = 40;
const PALETTE = 256 * 4;

/**
 * A grayscale image as an 8-bit BMP (a grey palette, rows top-down, each padded to 4 bytes): the
 * simplest format every browser decodes, so a digit can be an <img> rather than a canvas.
 */
export function grayBmp(img: GrayImage): Uint8Array<ArrayBuffer> {
  const stride = Math.ceil(img.width / 4) * 4;
  const offset = FILE_HEADER + INFO_HEADER + PALETTE;
  const bytes = new Uint8Array(offset + stride * img.height);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]); // "BM"
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, INFO_HEADER, true);
  view.setInt32(18, img.width, true);
  view.setInt32(22, -img.height, true); // negative: the first row is the top one
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 8, true); // bits per pixel
  view.setUint32(34, stride * img.height, true);
  view.setUint32(46, 256, true); // palette entries
  for (let v = 0; v < 256; v++) bytes.set([v, v, v, 0], FILE_HEADER + INFO_HEADER + 4 * v);
  for (let y = 0; y < img.height; y++)
    bytes.set(img.data.subarray(y * img.width, (y + 1) * img.width), offset + y * stride);
  return bytes;
}

/** A `data:` URL of the image as a BMP, for an <img>'s src. */
export function grayBmpUrl(img: GrayImage): string {
  let binary = '';
  for (const b of grayBmp(img)) binary += String.fromCharCode(b);
  return `data:image/bmp;base64,${btoa(binary)}`;
}
