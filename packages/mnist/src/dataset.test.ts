import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MnistSplit, mnistFromBuffers } from './dataset';

function idx(magic: number, dims: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  out.set(body, 4 + 4 * dims.length);
  return out;
}

/** n tiny 2x2 images whose pixels all equal the image index, labels i % 10. */
function fixture(n: number) {
  const pixels = new Uint8Array(n * 4).map((_, k) => Math.floor(k / 4));
  const labels = new Uint8Array(n).map((_, i) => i % 10);
  return { images: idx(0x803, [n, 2, 2], pixels), labels: idx(0x801, [n], labels) };
}

describe('MnistSplit rows', () => {
  const split = new MnistSplit(
    new Uint8Array(10 * 4).map((_, k) => Math.floor(k / 4) * 25),
    new Uint8Array(10).map((_, i) => i),
    2,
    2,
  );

  it('fills a batch with the rows at the given indices, scaled to [0,1]', () => {
    const out = new Float32Array(3 * 4).fill(-1);
    split.fillBatch([9, 0, 4], out);
    expect([...out]).toEqual([9, 9, 9, 9, 0, 0, 0, 0, 4, 4, 4, 4].map((k) => Math.fround((k * 25) / 255)));
    // fewer indices than the buffer holds: the rest is left alone
    split.fillBatch([1], out);
    expect(out[0]).toBe(Math.fround(25 / 255));
    expect(out[4]).toBe(0);
  });

  it('fills a byte batch with the same rows, unscaled', () => {
    const bytes = new Uint8Array(2 * 4);
    split.fillBatchBytes([3, 7], bytes);
    expect([...bytes]).toEqual([75, 75, 75, 75, 175, 175, 175, 175]);
  });

  it('pixel 255 maps to exactly 1 and 0 to 0', () => {
    const s = new MnistSplit(new Uint8Array([0, 255, 128, 1]), new Uint8Array([3]), 2, 2);
    expect([...s.toFloat32()]).toEqual([0, 1, Math.fround(128 / 255), Math.fround(1 / 255)]);
  });
});

describe('mnistFromBuffers', () => {
  it('builds both splits from raw and gzipped files', () => {
    const tr = fixture(12);
    const te = fixture(5);
    const m = mnistFromBuffers({
      trainImages: gzipSync(tr.images),
      trainLabels: tr.labels,
      testImages: te.images,
      testLabels: gzipSync(te.labels),
    });
    expect(m.train.count).toBe(12);
    expect(m.test.count).toBe(5);
    expect(m.train.featureSize).toBe(4);
    expect(m.test.indexOfLabel(3)).toBe(3);
  });

  it('rejects an image/label count mismatch naming the labels file', () => {
    const tr = fixture(12);
    const te = fixture(5);
    expect(() =>
      mnistFromBuffers({
        trainImages: tr.images,
        trainLabels: te.labels,
        testImages: te.images,
        testLabels: te.labels,
      }),
    ).toThrow(/train-labels-idx1-ubyte: 5 labels, expected 12 to match the images in train-images-idx3-ubyte/);
  });

  it('rejects swapped files by magic', () => {
    const tr = fixture(2);
    expect(() =>
      mnistFromBuffers({
        trainImages: tr.labels,
        trainLabels: tr.labels,
        testImages: tr.images,
        testLabels: tr.labels,
      }),
    ).toThrow(/train-images-idx3-ubyte: magic 0x00000801, expected 0x00000803/);
  });

  it('rejects labels outside 0-9', () => {
    const tr = fixture(2);
    const labels = idx(0x801, [2], new Uint8Array([1, 12]));
    expect(() =>
      mnistFromBuffers({ trainImages: tr.images, trainLabels: labels, testImages: tr.images, testLabels: tr.labels }),
    ).toThrow(/label 12 at index 1, expected 0-9/);
  });
});
