/**
 * Writes the transpose of the row-major `rows`×`cols` matrix `from` into `to` (`cols`×`rows`):
 * between `Autoencoder`'s `[in, out]` kernels and PyTorch's or ONNX's `[out, in]`.
 */
export function transpose(
  from: Float32Array,
  rows: number,
  cols: number,
  to: Float32Array = new Float32Array(rows * cols),
): Float32Array {
  if (from.length !== rows * cols || to.length !== rows * cols) {
    throw new RangeError(`transpose: ${from.length} → ${to.length} values for a ${rows}x${cols} matrix`);
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) to[c * rows + r] = from[r * cols + c]!;
  return to;
}
