import { describe, expect, it } from 'vitest';
import { knnAgreement } from './knn-agreement';

describe('knnAgreement', () => {
  it('is 1 for classes drawn apart and about chance for classes mixed together', () => {
    const n = 200;
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    // two far-apart clusters, one per label
    const apart = labels.flatMap((l, i) => [l * 100 + (i % 7), (i * 13) % 11]);
    expect(knnAgreement(apart, labels, 5)).toBe(1);
    // the same points with labels alternating along a line: half of each neighbourhood agrees
    const mixed = labels.flatMap((_, i) => [i, 0]);
    const score = knnAgreement(mixed, labels, 4);
    expect(score).toBeGreaterThan(0.3);
    expect(score).toBeLessThan(0.7);
  });

  it('scores points of any dimension', () => {
    const labels = [0, 0, 1, 1];
    // 3-d: the classes are apart along the third axis only
    const points = [0, 0, 0, 1, 0, 0, 0, 0, 50, 1, 0, 50];
    expect(knnAgreement(points, labels, 1, 3)).toBe(1);
    // read as 2-d (wrongly), the same numbers mix the classes
    expect(knnAgreement(points, labels, 1, 2)).toBeLessThan(1);
  });
});
