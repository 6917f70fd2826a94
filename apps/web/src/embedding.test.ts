import { describe, expect, it } from 'vitest';
import { mapCacheKey } from './embedding';
import { MAP_SETTINGS } from './umap-settings';

describe('mapCacheKey', () => {
  const codes = Float32Array.from([0.5, 1, 0, 2]);
  const labels = Uint8Array.from([3, 7]);

  it('is the same for the same codes, labels, seed and settings', () => {
    expect(mapCacheKey(codes.slice(), labels.slice(), 0)).toBe(mapCacheKey(codes, labels, 0));
  });

  it('changes with the codes, the labels, the seed and the UMAP settings (an old map is never reused)', () => {
    const key = mapCacheKey(codes, labels, 0);
    expect(mapCacheKey(Float32Array.from([0.5, 1, 0, 2.5]), labels, 0)).not.toBe(key);
    expect(mapCacheKey(codes, Uint8Array.from([3, 8]), 0)).not.toBe(key);
    expect(mapCacheKey(codes, labels, 1)).not.toBe(key);
    expect(mapCacheKey(codes, labels, 0, { ...MAP_SETTINGS, neighbours: MAP_SETTINGS.neighbours + 1 })).not.toBe(key);
  });
});
