/** An 8-bit grayscale raster, row-major, 0 = black. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface ImageSize {
  width: number;
  height: number;
}

const MNIST_SIZE: ImageSize = { width: 28, height: 28 };

/** Values `start..end` of `values`: a view for typed arrays, a copy for plain arrays. */
export function sliceValues(values: ArrayLike<number>, start: number, end: number): ArrayLike<number> {
  return ArrayBuffer.isView(values)
    ? (values as Float32Array).subarray(start, end)
    : (Array.prototype.slice.call(values, start, end) as number[]);
}

const toByte = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);

/**
 * Splits `values` in [0,1] (n·width·height numbers, or n rows) into n images; values outside
 * [0,1] are clipped.
 */
export function toGrayImages(values: ArrayLike<number> | readonly ArrayLike<number>[], size = MNIST_SIZE): GrayImage[] {
  const pixels = size.width * size.height;
  const rows: ArrayLike<number>[] = [];
  if (values.length > 0 && typeof values[0] !== 'number') {
    rows.push(...(values as readonly ArrayLike<number>[]));
  } else {
    const flat = values as ArrayLike<number>;
    if (flat.length % pixels !== 0) {
      throw new RangeError(
        `toGrayImages: ${flat.length} values are not a whole number of ${size.width}x${size.height} images`,
      );
    }
    for (let o = 0; o < flat.length; o += pixels) {
      rows.push(sliceValues(flat, o, o + pixels));
    }
  }
  return rows.map((row, i) => {
    if (row.length !== pixels) {
      throw new RangeError(`toGrayImages: image ${i} has ${row.length} values, expected ${pixels}`);
    }
    const data = new Uint8Array(pixels);
    for (let j = 0; j < pixels; j++) data[j] = toByte(row[j]!);
    return { width: size.width, height: size.height, data };
  });
}

export interface GridOptions {
  /** Images per row; default: all in one row. */
  columns?: number;
  /** Nearest-neighbour upscaling factor. */
  scale?: number;
  /** Gap between images and around the grid, in output pixels. */
  padding?: number;
  /** Gray level (0-255) of the gaps. */
  background?: number;
}

/** Lays images out in a grid, upscaled by nearest neighbour. All images must share one size. */
export function gridImage(images: readonly GrayImage[], options: GridOptions = {}): GrayImage {
  const { columns = images.length, scale = 1, padding = 0, background = 255 } = options;
  if (images.length === 0) throw new RangeError('gridImage: no images');
  if (!Number.isInteger(scale) || scale < 1)
    throw new RangeError(`gridImage: scale must be a positive integer, got ${scale}`);
  const { width: w, height: h } = images[0]!;
  const cols = Math.max(1, Math.min(columns, images.length));
  const rows = Math.ceil(images.length / cols);
  const cellW = w * scale;
  const cellH = h * scale;
  const width = cols * cellW + (cols + 1) * padding;
  const height = rows * cellH + (rows + 1) * padding;
  const data = new Uint8Array(width * height).fill(background);
  images.forEach((img, k) => {
    if (img.width !== w || img.height !== h) {
      throw new RangeError(`gridImage: image ${k} is ${img.width}x${img.height}, expected ${w}x${h}`);
    }
    const x0 = padding + (k % cols) * (cellW + padding);
    const y0 = padding + Math.floor(k / cols) * (cellH + padding);
    for (let y = 0; y < cellH; y++) {
      const src = Math.floor(y / scale) * w;
      const dst = (y0 + y) * width + x0;
      for (let x = 0; x < cellW; x++) data[dst + x] = img.data[src + Math.floor(x / scale)]!;
    }
  });
  return { width, height, data };
}

/** RGBA bytes for a canvas `ImageData` (`new ImageData(toRgba(img), img.width)`). */
export function toRgba(img: GrayImage): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.data.length; i++) {
    const v = img.data[i]!;
    out[4 * i] = v;
    out[4 * i + 1] = v;
    out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}
