import CRC32 from 'crc-32';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxFormatError, readIdx } from './idx';

// k/255 rounded once to float32: the same value as float32 division (what torch's .div(255) gives).
const BYTE_TO_UNIT = Float32Array.from({ length: 256 }, (_, k) => k / 255);

/** A set of images stored as bytes (one `Uint8Array`, never one array per image) with labels. */
export class MnistSplit {
  readonly count: number;
  readonly featureSize: number;

  constructor(
    readonly images: Uint8Array,
    readonly labels: Uint8Array,
    readonly rows = 28,
    readonly cols = 28,
  ) {
    this.featureSize = rows * cols;
    this.count = labels.length;
    if (images.length !== this.count * this.featureSize) {
      throw new RangeError(
        `MnistSplit: ${images.length} pixel bytes do not hold ${this.count} images of ${rows}x${cols}`,
      );
    }
  }

  /** The first `n` examples (no copy). */
  subset(n: number): MnistSplit {
    const m = Math.min(n, this.count);
    return new MnistSplit(
      this.images.subarray(0, m * this.featureSize),
      this.labels.subarray(0, m),
      this.rows,
      this.cols,
    );
  }

  /** Writes the images at `indices` as rows of floats in [0,1] into `out`. */
  fillBatch(indices: ArrayLike<number>, out: Float32Array): void {
    const f = this.featureSize;
    const { images } = this;
    for (let r = 0; r < indices.length; r++) {
      const src = indices[r]! * f;
      const dst = r * f;
      for (let j = 0; j < f; j++) out[dst + j] = BYTE_TO_UNIT[images[src + j]!]!;
    }
  }

  /** Copies the bytes of the images at `indices` (pixel k stands for k/255) as rows into `out`. */
  fillBatchBytes(indices: ArrayLike<number>, out: Uint8Array): void {
    const f = this.featureSize;
    for (let r = 0; r < indices.length; r++) {
      const src = indices[r]! * f;
      out.set(this.images.subarray(src, src + f), r * f);
    }
  }

  /** Rows `start..start+count` as a new Float32Array in [0,1]. */
  toFloat32(start = 0, count = this.count - start): Float32Array {
    const out = new Float32Array(count * this.featureSize);
    const src = this.images.subarray(start * this.featureSize, (start + count) * this.featureSize);
    for (let i = 0; i < src.length; i++) out[i] = BYTE_TO_UNIT[src[i]!]!;
    return out;
  }

  /** CRC-32 of the images then the labels: tells two data sets apart (e.g. before a resume). */
  fingerprint(): number {
    return CRC32.buf(this.labels, CRC32.buf(this.images)) >>> 0;
  }

  /** Index of the first example with this label, or -1. */
  indexOfLabel(label: number): number {
    return this.labels.indexOf(label);
  }
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

/** The four MNIST files as bytes (raw IDX or gzip), with names for error messages. */
export interface MnistFiles {
  trainImages: Uint8Array | ArrayBuffer;
  trainLabels: Uint8Array | ArrayBuffer;
  testImages: Uint8Array | ArrayBuffer;
  testLabels: Uint8Array | ArrayBuffer;
}

export type MnistFileNames = Record<keyof MnistFiles, string>;

export const MNIST_FILE_STEMS: MnistFileNames = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Builds one split from an images file and a labels file, checking that they agree. */
export function splitFromIdx(
  images: Uint8Array | ArrayBuffer,
  labels: Uint8Array | ArrayBuffer,
  names: { images: string; labels: string },
): MnistSplit {
  const img = readIdx(images, names.images, IDX_IMAGES_MAGIC);
  const lab = readIdx(labels, names.labels, IDX_LABELS_MAGIC);
  if (img.dims.length !== 3) {
    throw new IdxFormatError(names.images, `${img.dims.length} dimensions, expected 3 (n, rows, cols)`);
  }
  if (lab.dims.length !== 1) {
    throw new IdxFormatError(names.labels, `${lab.dims.length} dimensions, expected 1 (n)`);
  }
  const [n, rows, cols] = img.dims as [number, number, number];
  if (n === 0) throw new IdxFormatError(names.images, 'holds 0 images, expected at least 1');
  if (rows === 0 || cols === 0)
    throw new IdxFormatError(names.images, `images of ${rows}x${cols}, expected at least 1x1`);
  if (n !== lab.dims[0]) {
    throw new IdxFormatError(
      names.labels,
      `${lab.dims[0]} labels, expected ${n} to match the images in ${names.images}`,
    );
  }
  for (let i = 0; i < lab.data.length; i++) {
    if (lab.data[i]! > 9) {
      throw new IdxFormatError(names.labels, `label ${lab.data[i]} at index ${i}, expected 0-9`);
    }
  }
  return new MnistSplit(img.data, lab.data, rows, cols);
}

/** Browser-safe: MNIST from the bytes of its four files (e.g. from `fetch` or a file picker). */
export function mnistFromBuffers(files: MnistFiles, names: MnistFileNames = MNIST_FILE_STEMS): Mnist {
  return {
    train: splitFromIdx(files.trainImages, files.trainLabels, {
      images: names.trainImages,
      labels: names.trainLabels,
    }),
    test: splitFromIdx(files.testImages, files.testLabels, {
      images: names.testImages,
      labels: names.testLabels,
    }),
  };
}
