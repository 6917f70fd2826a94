import { ACTIVATIONS } from '../activations';
import type { Conv2dSpec } from '../model-spec';
import { checkSide, imageShape } from './conv-geometry';
import { conv, convOutput, convTranspose, weightGradient } from './conv-ops';
import type { LayerKind } from './layer-kind';

const geometryOf = (spec: Conv2dSpec) => ({ k: spec.kernel, s: spec.stride ?? 1, p: spec.padding ?? 0 });

/**
 * y = f(Conv(x, W) + b), PyTorch's `nn.Conv2d`: W `[out, in, k, k]`. Backward, with dz = f′
 * applied to dy: db = Σ dz over rows and pixels; dx = ConvTranspose(dz, W) with the output
 * padding that gives back the input's size; dW as one MatMul per kernel tap (`weightGradient`).
 */
export const conv2d: LayerKind<Conv2dSpec> = {
  outputShape(spec, input) {
    const [, h, w] = imageShape(input, 'conv2d');
    const { k, s, p } = geometryOf(spec);
    const side = (n: number) => checkSide(convOutput(n, k, s, p), 'conv2d', input);
    return [spec.channels, side(h), side(w)];
  },
  parameterShapes(spec, input) {
    const [c] = imageShape(input, 'conv2d');
    const fanIn = c * spec.kernel * spec.kernel;
    return [
      { role: 'kernel', dims: [spec.channels, c, spec.kernel, spec.kernel], fanIn },
      { role: 'bias', dims: [spec.channels], fanIn },
    ];
  },
  forward(g, spec, x, [w, b], _ctx, input) {
    const [, h, wd] = imageShape(input, 'conv2d');
    const { k, s, p } = geometryOf(spec);
    const z = conv(g, x, w!, b!, { input: [h, wd], kernel: [k, k], stride: s, pad: p });
    return ACTIVATIONS[spec.activation].forward(g, z);
  },
  vjp(g, spec, { x, y, params: [w], xShape, yShape }, dy, _ctx, needDx) {
    const { k, s, p } = geometryOf(spec);
    const [, h, wd] = xShape as [number, number, number];
    const [, ho, wo] = yShape as [number, number, number];
    const dz = ACTIVATIONS[spec.activation].vjp(g, y, dy);
    const db = g.op('ReduceSum', [dz, g.int64s([0, 2, 3])], { keepdims: 0 });
    const dW = weightGradient(g, x, dz, [ho, wo], [k, k], s, p);
    // the rows and columns a stride skipped at the end come back as output padding
    const outputPadding = [(h + 2 * p - k) % s, (wd + 2 * p - k) % s] as const;
    const dx = needDx
      ? convTranspose(g, dz, w!, undefined, { input: [ho, wo], kernel: [k, k], stride: s, pad: p, outputPadding })
      : undefined;
    return { dx, dParams: [dW, db] };
  },
};
