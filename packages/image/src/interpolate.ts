/**
 * `steps + 1` points from z1 to z2, endpoints included: z_i = z1 + (i/steps)·(z2 − z1).
 */
export function interpolateLatents(z1: ArrayLike<number>, z2: ArrayLike<number>, steps: number): number[][] {
  if (z1.length !== z2.length) {
    throw new RangeError(`interpolateLatents: z1 has ${z1.length} values, z2 has ${z2.length}`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`interpolateLatents: steps must be a positive integer, got ${steps}`);
  }
  return Array.from({ length: steps + 1 }, (_, i) =>
    Array.from({ length: z1.length }, (_, j) => z1[j]! + (i / steps) * (z2[j]! - z1[j]!)),
  );
}
