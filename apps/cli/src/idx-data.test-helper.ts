// Shared by the CLI's tests: small IDX files and data folders in MNIST's layout, written on the spot.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An IDX file: images `[n, rows, cols]` or labels `[n]`, byte i from `fill(i)`. */
export function idx(dims: number[], fill: (i: number) => number): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, dims.length === 1 ? 0x801 : 0x803, false);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  for (let i = 0; i < size; i++) out[4 + 4 * dims.length + i] = fill(i);
  return out;
}

/**
 * A data folder `root/name` in MNIST's layout with `n` training and test images of side `side`
 * and labels i mod 10; `edit` may replace any file's bytes.
 */
export function dataDir(
  root: string,
  name: string,
  n: number,
  side = 28,
  edit: Record<string, Uint8Array> = {},
): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const files: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte': idx([n, side, side], (i) => (i * 37) % 256),
    'train-labels-idx1-ubyte': idx([n], (i) => i % 10),
    't10k-images-idx3-ubyte': idx([Math.max(n, 1), side, side], (i) => (i * 11) % 256),
    't10k-labels-idx1-ubyte': idx([Math.max(n, 1)], (i) => i % 10),
    ...edit,
  };
  for (const [f, bytes] of Object.entries(files)) writeFileSync(join(dir, f), bytes);
  return dir;
}
