/** A fitted principal-component projection from `dims` dimensions to `components.length`. */
export interface Pca {
  dims: number;
  mean: Float64Array;
  /** Unit eigenvectors of the covariance, largest variance first. */
  components: Float64Array[];
  /** Variance along each component. */
  variances: number[];
  /** Fraction of the total variance each component explains. */
  explained: number[];
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: exact to rounding for the
 * small covariances of codes (up to a few dozen dimensions), with no dependency.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: number[]; vectors: Float64Array[] } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p and q, then rows p and q: m ← Jᵀ m J
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j]! - m[i * n + i]!);
  return {
    values: order.map((i) => m[i * n + i]!),
    vectors: order.map((i) => Float64Array.from({ length: n }, (_, k) => v[k * n + i]!)),
  };
}

/** Fits PCA to `count` rows of `dims` values stored row-major in `rows`. */
export function fitPca(rows: ArrayLike<number>, count: number, dims: number, k = 2): Pca {
  if (count < 2) throw new RangeError(`fitPca: need at least 2 rows, got ${count}`);
  if (rows.length < count * dims)
    throw new RangeError(`fitPca: ${rows.length} values cannot hold ${count} rows of ${dims}`);
  const mean = new Float64Array(dims);
  for (let r = 0; r < count; r++) for (let j = 0; j < dims; j++) mean[j]! += rows[r * dims + j]!;
  for (let j = 0; j < dims; j++) mean[j]! /= count;
  const cov = new Float64Array(dims * dims);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < dims; i++) {
      const di = rows[r * dims + i]! - mean[i]!;
      for (let j = i; j < dims; j++) cov[i * dims + j]! += di * (rows[r * dims + j]! - mean[j]!);
    }
  }
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      cov[i * dims + j]! /= count - 1;
      cov[j * dims + i] = cov[i * dims + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(cov, dims);
  const total = values.reduce((a, b) => a + Math.max(b, 0), 0) || 1;
  return {
    dims,
    mean,
    components: vectors.slice(0, k),
    variances: values.slice(0, k),
    explained: values.slice(0, k).map((v) => Math.max(v, 0) / total),
  };
}

/** Coordinates of one `dims`-vector along the components. */
export function projectPca(pca: Pca, row: ArrayLike<number>): number[] {
  return pca.components.map((c) => {
    let s = 0;
    for (let j = 0; j < pca.dims; j++) s += (row[j]! - pca.mean[j]!) * c[j]!;
    return s;
  });
}

/** The point of the fitted subspace at `coords` (the inverse of `projectPca` on that subspace). */
export function unprojectPca(pca: Pca, coords: readonly number[]): Float32Array {
  const out = new Float32Array(pca.dims);
  for (let j = 0; j < pca.dims; j++) {
    let s = pca.mean[j]!;
    pca.components.forEach((c, i) => {
      s += (coords[i] ?? 0) * c[j]!;
    });
    out[j] = s;
  }
  return out;
}
