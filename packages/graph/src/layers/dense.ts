import { ACTIVATIONS } from '../activations';
import type { DenseSpec } from '../model-spec';
import { flatWidth, type LayerKind } from './layer-kind';

/**
 * y = f(x·W + b) as one Gemm (W `[in, out]`, or `[out, in]` with transB as nn.Linear stores it).
 * Backward, with dz = f′ applied to dy: dW = xᵀ·dz (`[out, in]`: dzᵀ·x), db = Σ_rows dz,
 * dx = dz·Wᵀ. Every product is a Gemm with a transpose flag: no copies.
 */
export const dense: LayerKind<DenseSpec> = {
  outputShape: (spec, input) => {
    flatWidth(input, 'dense');
    return [spec.units];
  },
  parameterShapes: (spec, input, kernels) => {
    const inputWidth = flatWidth(input, 'dense');
    return [
      {
        role: 'kernel',
        dims: kernels === 'in-out' ? [inputWidth, spec.units] : [spec.units, inputWidth],
        fanIn: inputWidth,
      },
      { role: 'bias', dims: [spec.units], fanIn: inputWidth },
    ];
  },
  forward(g, spec, x, [w, b], { kernels }) {
    const z = g.op('Gemm', [x, w!, b!], kernels === 'in-out' ? {} : { transB: 1 });
    return ACTIVATIONS[spec.activation].forward(g, z);
  },
  vjp(g, spec, { x, y, params: [w] }, dy, { kernels }, needDx) {
    const dz = ACTIVATIONS[spec.activation].vjp(g, y, dy);
    const dW = kernels === 'in-out' ? g.op('Gemm', [x, dz], { transA: 1 }) : g.op('Gemm', [dz, x], { transA: 1 });
    const db = g.op('ReduceSum', [dz, g.int64s([0])], { keepdims: 0 });
    const dx = needDx ? g.op('Gemm', [dz, w!], kernels === 'in-out' ? { transB: 1 } : {}) : undefined;
    return { dx, dParams: [dW, db] };
  },
};
