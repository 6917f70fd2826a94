import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { IdxPrefix, splitFromPrefix } from './idx-prefix';

/** An IDX images file of `count` images of 2×3 whose pixels count up from the image's index. */
function idxImages(count: number): Uint8Array {
  const file = new Uint8Array(16 + count * 6);
  const view = new DataView(file.buffer);
  [0x803, count, 2, 3].forEach((v, i) => {
    view.setUint32(4 * i, v, false);
  });
  for (let i = 0; i < count * 6; i++) file[16 + i] = (Math.floor(i / 6) * 7 + (i % 6)) % 256;
  return file;
}

function feed(prefix: IdxPrefix, bytes: Uint8Array, chunk: number): number {
  let pushes = 0;
  for (let at = 0; at < bytes.length && !prefix.full; at += chunk) {
    prefix.push(bytes.subarray(at, at + chunk));
    pushes++;
  }
  return pushes;
}

describe('IdxPrefix', () => {
  const file = idxImages(40);
  const labels = Uint8Array.from({ length: 40 }, (_, i) => i % 10);

  for (const [kind, bytes] of [
    ['raw', file],
    ['gzip', gzipSync(file)],
  ] as const) {
    for (const chunk of [1, 7, 1 << 20]) {
      it(`keeps the first bytes of ${kind} IDX fed in chunks of ${chunk}`, () => {
        const prefix = new IdxPrefix(16 + 5 * 6 + 4);
        feed(prefix, bytes, chunk);
        expect(prefix.full).toBe(true);
        expect([...prefix.bytes]).toEqual([...file.subarray(0, 16 + 5 * 6 + 4)]);
        // five whole images (the sixth is cut), with their labels
        const split = splitFromPrefix(prefix.bytes, labels)!;
        expect(split.count).toBe(5);
        expect([...split.images]).toEqual([...file.subarray(16, 16 + 30)]);
        expect([...split.labels]).toEqual([0, 1, 2, 3, 4]);
      });
    }
  }

  it('stops reading once full', () => {
    const prefix = new IdxPrefix(20);
    expect(feed(prefix, file, 4)).toBe(5);
  });

  it('stays short of full on corrupt gzip, and is not fooled by it', () => {
    const gz = gzipSync(file);
    gz.fill(0xff, 12, 40);
    const prefix = new IdxPrefix(16 + 5 * 6);
    feed(prefix, gz, 8);
    expect(prefix.full).toBe(false);
  });

  it('gives no split for a labels file, a count that is not the labels', () => {
    expect(splitFromPrefix(file.subarray(0, 40), labels.subarray(0, 39))).toBeNull();
    const labelsFile = new Uint8Array(8 + 40);
    new DataView(labelsFile.buffer).setUint32(0, 0x801, false);
    new DataView(labelsFile.buffer).setUint32(4, 40, false);
    expect(splitFromPrefix(labelsFile, labels)).toBeNull();
    expect(splitFromPrefix(file.subarray(0, 10), labels)).toBeNull();
  });
});
