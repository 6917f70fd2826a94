/**
 * Adds up per-row sums in float64: tfjs sums in float32, which over a whole batch (1.6M terms)
 * drifts by ~1e-4 relative; over one row's 784 terms it does not. A module of its own, free of
 * tfjs, so that engines which only sum (the ONNX engine) do not bundle tfjs-core.
 */
export function sumFloat64(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}
