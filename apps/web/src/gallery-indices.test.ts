import { describe, expect, it } from 'vitest';
import { galleryIndices } from './gallery-indices';

describe('galleryIndices', () => {
  it('takes the first n of each label, one row per rank, labels in order', () => {
    const labels = Uint8Array.from([3, 1, 0, 1, 3, 0, 2, 1]);
    // firsts: 0→2, 1→1, 2→6, 3→0; seconds: 0→5, 1→3, 3→4 (no second 2)
    expect(galleryIndices(labels, 2)).toEqual([2, 1, 6, 0, 5, 3, 4]);
    expect(galleryIndices(labels, 1)).toEqual([2, 1, 6, 0]);
  });
});
