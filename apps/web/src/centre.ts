/**
 * Shifts a square image by whole pixels so its centre of mass lands as near the middle as
 * possible, which is how MNIST digits were placed in their 28×28 field. Ink shifted past an edge
 * is dropped; an empty image is returned as a copy.
 */
export function centreByMass(pixels: ArrayLike<number>, size = 28): Float32Array {
  let total = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = pixels[y * size + x]!;
      total += v;
      sx += v * x;
      sy += v * y;
    }
  }
  const out = new Float32Array(size * size);
  if (total <= 0) {
    out.set(Array.from({ length: size * size }, (_, i) => pixels[i]!));
    return out;
  }
  const middle = (size - 1) / 2;
  const dx = Math.round(middle - sx / total);
  const dy = Math.round(middle - sy / total);
  for (let y = 0; y < size; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= size) continue;
    for (let x = 0; x < size; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < size) out[ty * size + tx] = pixels[y * size + x]!;
    }
  }
  return out;
}
