/** How the codes are turned into UMAP's rows before their neighbours are found. */
export type CodeScaling = 'unit-length' | 'standardised' | 'raw';

/**
 * `by-sign`: unit length for codes that are never negative (a ReLU code: which units fire is the
 * digit, how strongly is mostly the stroke's weight, so cosine distance), standardised per number
 * for codes that run negative too (a linear code, as a conv model's or a VAE's μ: there the length
 * carries as much as the direction, and a 2-number code scaled to length 1 would keep only an angle).
 */
export type CodeScalingRule = CodeScaling | 'by-sign';

/** The scaling `rule` picks for these codes. */
export function scalingOf(codes: ArrayLike<number>, rule: CodeScalingRule): CodeScaling {
  if (rule !== 'by-sign') return rule;
  for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) return 'standardised';
  return 'unit-length';
}

/** `n` rows of `k` numbers from the codes, scaled as `scaling` says. */
export function codeRows(codes: ArrayLike<number>, n: number, k: number, scaling: CodeScaling): number[][] {
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => Number(codes[i * k + j])));
  if (scaling === 'unit-length') {
    for (const z of rows) {
      const length = Math.hypot(...z) || 1;
      for (let j = 0; j < k; j++) z[j]! /= length;
    }
  } else if (scaling === 'standardised') {
    for (let j = 0; j < k; j++) {
      let mean = 0;
      for (const z of rows) mean += z[j]! / n;
      let variance = 0;
      for (const z of rows) variance += (z[j]! - mean) ** 2 / n;
      // a dead unit (0 for every digit) stays 0 rather than dividing by 0
      const sd = Math.sqrt(variance) || 1;
      for (const z of rows) z[j] = (z[j]! - mean) / sd;
    }
  }
  return rows;
}
