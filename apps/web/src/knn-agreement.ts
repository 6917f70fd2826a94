/**
 * How well a map keeps classes together: for each point, the share of its `k` nearest neighbours
 * (Euclidean, itself excluded) that have its label, averaged over all points. 1 means every
 * neighbourhood is one class; labels shuffled score about the largest class share. `points` holds
 * `dims` numbers per point: 2 for a map, the code size for the codes themselves.
 */
export function knnAgreement(points: ArrayLike<number>, labels: ArrayLike<number>, k = 10, dims = 2): number {
  const n = Math.min(labels.length, Math.floor(points.length / dims));
  if (n < 2) return 0;
  const m = Math.min(k, n - 1);
  const d = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < dims; t++) s += (points[j * dims + t]! - points[i * dims + t]!) ** 2;
      d[j] = s;
    }
    d[i] = Number.POSITIVE_INFINITY;
    // the m smallest, by partial selection: n is a few thousand, m about ten
    const taken: number[] = [];
    for (let t = 0; t < m; t++) {
      let best = -1;
      for (let j = 0; j < n; j++) if (best < 0 || d[j]! < d[best]!) best = j;
      taken.push(best);
      d[best] = Number.POSITIVE_INFINITY;
    }
    total += taken.filter((j) => labels[j] === labels[i]).length / m;
  }
  return total / n;
}
