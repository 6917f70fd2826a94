import { describe, expect, it } from 'vitest';
import { fitPca, projectPca, symmetricEigen, unprojectPca } from './pca';

describe('symmetricEigen', () => {
  it('diagonalises a 2×2 matrix with known eigenpairs', () => {
    // [[2,1],[1,2]]: eigenvalues 3 (along (1,1)/√2) and 1 (along (1,−1)/√2)
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0]![0]! * vectors[0]![1]!).toBeCloseTo(0.5, 12);
    expect(vectors[1]![0]! * vectors[1]![1]!).toBeCloseTo(-0.5, 12);
  });

  it('reconstructs an 8×8 matrix as V diag(λ) Vᵀ', () => {
    const n = 8;
    const b = Array.from({ length: n * n }, (_, i) => Math.sin(i * 1.7) + (i % 3));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j]! += b[i * n + k]! * b[j * n + k]!;
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += values[k]! * vectors[k]![i]! * vectors[k]![j]!;
        expect(s).toBeCloseTo(a[i * n + j]!, 9);
      }
    }
    for (let k = 1; k < n; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
  });
});

describe('fitPca', () => {
  it('finds the plane that 3-d points lie on and round-trips points of it', () => {
    // points c + s·u + t·w with u ⟂ w; variance along u is larger
    const u = [1 / Math.sqrt(2), 1 / Math.sqrt(2), 0];
    const w = [0, 0, 1];
    const c = [5, -1, 2];
    // a full symmetric grid of (s, t), so s and t are exactly uncorrelated
    const rows: number[] = [];
    for (const s of [-3, -1, 1, 3]) {
      for (const t of [-1, 1]) for (let j = 0; j < 3; j++) rows.push(c[j]! + s * u[j]! + t * w[j]!);
    }
    const pca = fitPca(rows, 8, 3);
    // var(s) = (9+1+1+9)/4 · 8/7 (unbiased over 8 rows), var(t) = 8/7
    expect(pca.variances[0]).toBeCloseTo((5 * 8) / 7, 9);
    expect(pca.variances[1]).toBeCloseTo(8 / 7, 9);
    expect(Math.abs(pca.components[0]![0]!)).toBeCloseTo(u[0]!, 9);
    expect(Math.abs(pca.components[1]![2]!)).toBeCloseTo(1, 9);
    expect(pca.explained[0]! + pca.explained[1]!).toBeCloseTo(1, 9);
    const p = rows.slice(9, 12);
    const back = unprojectPca(pca, projectPca(pca, p));
    for (let j = 0; j < 3; j++) expect(back[j]!).toBeCloseTo(p[j]!, 4);
  });

  it('rejects too few rows', () => {
    expect(() => fitPca([1, 2], 1, 2)).toThrow(/at least 2 rows/);
  });
});
