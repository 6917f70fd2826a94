import { describe, expect, it } from 'vitest';
import { knnAgreement } from './knn-agreement';
import { seededRandom } from './seeded-random';
import { type UmapSettings, umapOfCodes } from './umap-map';

const SETTINGS: UmapSettings = {
  scaling: 'by-sign',
  neighbours: 10,
  minDist: 0,
  spread: 1,
  epochs: 100,
  init: 'random',
};

/** 2-number signed codes on two rings around the origin: the class is the radius, not the angle. */
function rings(n: number): { codes: Float32Array; labels: Uint8Array } {
  const random = seededRandom(7);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 2);
  const codes = new Float32Array(n * 2);
  labels.forEach((label, i) => {
    const angle = 2 * Math.PI * random();
    const radius = label ? 4 : 1;
    codes[2 * i] = radius * Math.cos(angle);
    codes[2 * i + 1] = radius * Math.sin(angle);
  });
  return { codes, labels };
}

describe('umapOfCodes', () => {
  it('keeps signed codes apart by their length (as a VAE of 2 needs), where unit length would lose it', () => {
    const n = 300;
    const { codes, labels } = rings(n);
    const map = umapOfCodes(codes, n, 2, SETTINGS, 0);
    expect(map).toHaveLength(2 * n);
    expect(knnAgreement(map, labels, 10)).toBeGreaterThan(0.9);
    // scaled to length 1, both rings become one circle: about half of each neighbourhood agrees
    const angles = umapOfCodes(codes, n, 2, { ...SETTINGS, scaling: 'unit-length' }, 0);
    expect(knnAgreement(angles, labels, 10)).toBeLessThan(0.7);
  });

  it('can start from the principal axes (deterministic, and the rings still kept apart)', () => {
    const n = 300;
    const { codes, labels } = rings(n);
    const map = umapOfCodes(codes, n, 2, { ...SETTINGS, init: 'pca' }, 0);
    expect(umapOfCodes(codes, n, 2, { ...SETTINGS, init: 'pca' }, 0)).toEqual(map);
    expect(map).not.toEqual(umapOfCodes(codes, n, 2, SETTINGS, 0));
    expect(knnAgreement(map, labels, 10)).toBeGreaterThan(0.9);
  });

  it('draws the same map for a seed, and reports its progress', () => {
    const n = 100;
    const { codes } = rings(n);
    const progress: number[] = [];
    const a = umapOfCodes(codes, n, 2, SETTINGS, 3, (done) => progress.push(done));
    expect(umapOfCodes(codes, n, 2, SETTINGS, 3)).toEqual(a);
    expect(umapOfCodes(codes, n, 2, SETTINGS, 4)).not.toEqual(a);
    expect(progress[0]).toBe(0);
    expect(progress.length).toBeGreaterThan(1);
  });
});
