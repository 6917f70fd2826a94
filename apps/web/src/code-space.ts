/** Helpers over a book of codes: `codes` holds `n` rows of `k` numbers, row-major. */

export interface Nearest {
  index: number;
  /** Euclidean distance in code space. */
  distance: number;
}

/** The row of `codes` closest to `z` (straight-line distance in the k-d code space). */
export function nearestCode(codes: Float32Array, k: number, z: ArrayLike<number>): Nearest {
  let index = -1;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i * k < codes.length; i++) {
    let d = 0;
    for (let j = 0; j < k; j++) d += (codes[i * k + j]! - z[j]!) ** 2;
    if (d < best) {
      best = d;
      index = i;
    }
  }
  return { index, distance: Math.sqrt(best) };
}

/**
 * Code units that are (all but) zero for every row: behind a ReLU such a unit's input is negative
 * for every digit, so it never carries anything ("dead").
 */
export function deadUnits(codes: Float32Array, k: number, eps = 1e-6): number[] {
  const max = new Float32Array(k);
  for (let i = 0; i < codes.length; i++) max[i % k] = Math.max(max[i % k]!, Math.abs(codes[i]!));
  return [...max.keys()].filter((j) => max[j]! <= eps);
}

/** Indices of the `m` rows of `points` (2 numbers each) nearest to (x, y), nearest first. */
function nearestPoints(points: ArrayLike<number>, x: number, y: number, m: number): { i: number; d: number }[] {
  const best: { i: number; d: number }[] = [];
  for (let i = 0; 2 * i < points.length; i++) {
    const d = (points[2 * i]! - x) ** 2 + (points[2 * i + 1]! - y) ** 2;
    if (best.length < m || d < best[best.length - 1]!.d) {
      best.push({ i, d });
      best.sort((a, b) => a.d - b.d);
      if (best.length > m) best.pop();
    }
  }
  return best;
}

/**
 * The code at a spot of a non-linear map (UMAP has no inverse): the mean of the codes of the `m`
 * digits drawn nearest to it, weighted by inverse distance, so on a dot it is that digit's code.
 */
export function codeAtSpot(points: ArrayLike<number>, codes: Float32Array, k: number, x: number, y: number, m = 6) {
  const near = nearestPoints(points, x, y, m);
  const z = new Float32Array(k);
  const exact = near.find((p) => p.d < 1e-12);
  if (exact) return codes.slice(exact.i * k, exact.i * k + k);
  let total = 0;
  for (const { i, d } of near) {
    const w = 1 / Math.sqrt(d);
    total += w;
    for (let j = 0; j < k; j++) z[j]! += w * codes[i * k + j]!;
  }
  return z.map((v) => v / (total || 1));
}

/** Where a new code goes on a non-linear map: the mean position of the `m` codes nearest to it. */
export function spotOfCode(points: ArrayLike<number>, codes: Float32Array, k: number, z: ArrayLike<number>, m = 5) {
  const near: { i: number; d: number }[] = [];
  for (let i = 0; i * k < codes.length; i++) {
    let d = 0;
    for (let j = 0; j < k; j++) d += (codes[i * k + j]! - z[j]!) ** 2;
    if (near.length < m || d < near[near.length - 1]!.d) {
      near.push({ i, d });
      near.sort((a, b) => a.d - b.d);
      if (near.length > m) near.pop();
    }
  }
  const x = near.reduce((s, p) => s + points[2 * p.i]!, 0) / near.length;
  const y = near.reduce((s, p) => s + points[2 * p.i + 1]!, 0) / near.length;
  return [x, y] as [number, number];
}
