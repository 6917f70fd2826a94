import type { RowShape } from './layer-kind';

/** A row of `[C, H, W]`, or a RangeError naming the layer that wanted one. */
export function imageShape(input: RowShape, layer: string): [number, number, number] {
  if (input.length !== 3) {
    throw new RangeError(`a ${layer} layer takes rows of shape [channels, height, width], got [${input}]`);
  }
  return input as [number, number, number];
}

/** An output side that is at least 1, or a RangeError saying the image is too small. */
export function checkSide(side: number, layer: string, input: RowShape): number {
  if (side < 1) throw new RangeError(`a ${layer} layer leaves no output from rows of shape [${input}]`);
  return side;
}
