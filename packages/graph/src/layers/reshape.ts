import type { ReshapeSpec } from '../model-spec';
import type { LayerKind } from './layer-kind';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Each row reshaped to `spec.shape` (rows stay the first dimension); its gradient reshapes back. */
export const reshape: LayerKind<ReshapeSpec> = {
  outputShape(spec, input) {
    if (size(spec.shape) !== size(input)) {
      throw new RangeError(`cannot reshape rows of [${input}] (${size(input)} values) to [${spec.shape}]`);
    }
    return [...spec.shape];
  },
  parameterShapes: () => [],
  forward: (g, spec, x) => g.op('Reshape', [x, g.int64s([-1, ...spec.shape])]),
  vjp: (g, _spec, { xShape }, dy) => ({ dx: g.op('Reshape', [dy, g.int64s([-1, ...xShape])]), dParams: [] }),
};
