import type { L1ActivitySpec } from '../model-spec';
import { flatWidth, type LayerKind } from './layer-kind';

/**
 * y = x, with the penalty weight·Σ|x| per row (averaged over rows in the loss), as Keras'
 * `activity_regularizer=l1(weight)` on a sparse autoencoder's code. Its gradient
 * weight·sign(x)/rows joins the cotangent: dx = dy + weight · penaltyScale · sign(x).
 */
export const l1Activity: LayerKind<L1ActivitySpec> = {
  outputShape: (_spec, input) => [flatWidth(input, 'l1-activity')],
  parameterShapes: () => [],
  forward(g, spec, x, _params, ctx) {
    const sum = g.op('ReduceL1', [x], { axes: [1], keepdims: 0 });
    ctx.addPenalty(g.op('Mul', [sum, g.scalar(spec.weight)]));
    return x;
  },
  vjp(g, spec, { x }, dy, ctx) {
    const push = g.op('Mul', [g.op('Sign', [x]), g.op('Mul', [ctx.penaltyScale(), g.scalar(spec.weight)])]);
    return { dx: g.op('Add', [dy, push]), dParams: [] };
  },
};
